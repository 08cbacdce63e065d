"""The debrief judges what happened: a war between two played states counts (its fighting is
in the record and a cooperation goal is not met in war), sanctions goals tell a sanction in
force at the start from one the session imposed, a ceasefire agreement ends the war."""

from __future__ import annotations

from pathlib import Path

from accord.exercises import act, advance, debrief, render_html, start_session
from accord.exercises.debrief import Debrief
from accord.store import Store
from tests.exercises.conftest import SHIPPED, TINY


def _variant(tmp_path: Path, *changes: tuple[str, str]) -> Path:
    """The tiny exercise with pieces of text replaced (asserting each was there)."""
    text = TINY.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "variant.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _objective(review: Debrief, role: str, text: str) -> tuple[bool, str]:
    score = next(s for s in review.scores if s.role == role)
    found = next(o for o in score.objectives if o.objective == text)
    return found.met, found.detail


def test_a_war_between_played_states_is_not_cooperative_at_the_end(
    store: Store, tmp_path: Path
) -> None:
    goal = "net cooperation between PHL and CHN >= 0 at the end"
    path = _variant(
        tmp_path,
        ("turns: 3", "turns: 2"),
        ('objectives: ["agreement on table resupply"]', f'objectives: ["{goal}"]'),
    )
    s = start_session(store, path, players={"PHL": "ana", "CHN": "wei"}, session_id="war")
    chn, fac = s.invites["CHN"], s.facilitator_token
    act(store, "war", chn, "attack", "PHL")
    assert advance(store, "war", fac).wars == (("CHN", "PHL"),)
    act(store, "war", chn, "intent_to_negotiate", "PHL")
    assert advance(store, "war", fac).wars == (("CHN", "PHL"),)
    # the simulation's fighting in turn 2 stays in the record, though both states are played
    fighting = store.con.execute(
        "SELECT count(*) FROM events WHERE run_id = 'war' AND step = 2 AND quad_class = 4 "
        "AND source_actor IN ('PHL', 'CHN') AND target_actor IN ('PHL', 'CHN')"
    ).fetchone()
    assert fighting == (17,)
    review = debrief(store, "war", fac)
    met, detail = _objective(review, "asean", goal)
    assert not met
    assert detail.startswith("PHL and CHN at war at the end (net cooperation -0."), detail


def test_a_sanction_in_force_at_the_start_is_not_the_sessions_doing(store: Store) -> None:
    # the default world has US-CHN-1989 (arms sales suspended) in force on 2024-06-17
    s = start_session(
        store,
        SHIPPED / "south-china-sea.yaml",
        players={"PHL": "ana", "CHN": "wei", "USA": "sam"},
        session_id="sanc",
    )
    advance(store, "sanc", s.facilitator_token)
    review = debrief(store, "sanc", s.facilitator_token)
    assert review.at_start == {"wars": [], "sanctions": [["USA", "CHN"]]}
    assert _objective(review, "CHN", "no new sanctions on CHN by USA") == (
        True,
        "no new sanctions on CHN by USA (in force since before the session)",
    )
    assert "<p>In force at the start (before turn 1): USA sanctions CHN.</p>" in render_html(review)
