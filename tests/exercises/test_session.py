"""Sessions: turns, agreements, events through the one write path, restart in mid-turn,
headless play from a seed, the debrief and its HTML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord.errors import NotFoundError
from accord.exercises import (
    act,
    advance,
    debrief,
    facilitator_token,
    inbox,
    play,
    propose,
    render_html,
    respond,
    send_message,
    start_session,
    table_view,
)
from accord.store import Store
from tests.exercises.conftest import SHIPPED, TINY


def _first_turn(store: Store, sid: str, phl: str) -> None:
    act(store, sid, phl, "demand", "CHN")
    send_message(store, sid, phl, ["CHN"], "Stop blocking our boats.")
    propose(store, sid, phl, "resupply", {"inspection": 30})


def test_restart_in_mid_turn_loses_nothing(tmp_path: Path) -> None:
    """Moves made, the store closed and reopened, then the turn adjudicated: the same outcome
    as a session never interrupted."""
    outcomes = []
    for name, restart in (("a", True), ("b", False)):
        db = tmp_path / f"{name}.duckdb"
        with Store(db) as store:
            s = start_session(store, TINY, players={"PHL": "ana"}, session_id="tiny-r")
            _first_turn(store, s.session_id, s.invites["PHL"])
            if restart:
                store.close()
                store = Store(db)
            seen = [m.body.get("text") for m in inbox(store, "tiny-r", s.invites["PHL"]).moves]
            assert "Stop blocking our boats." in seen
            report = advance(store, "tiny-r", s.facilitator_token)
            events = store.con.execute(
                "SELECT count(*), sum(goldstein) FROM events WHERE run_id = 'tiny-r'"
            ).fetchone()
            outcomes.append((report.as_dict(), events))
            store.close()
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][0]["turn"] == 1 and outcomes[0][0]["next_turn"] == 2


def test_events_go_through_the_write_path(store: Store) -> None:
    s = start_session(store, TINY, players={"PHL": "ana"}, session_id="tiny-e")
    _first_turn(store, s.session_id, s.invites["PHL"])
    report = advance(store, s.session_id, s.facilitator_token)
    rows = store.con.execute(
        "SELECT dataset, simulated, step, source_country, target_country, cameo_code, quad_class, "
        "plover_type FROM events WHERE run_id = 'tiny-e' AND source_actor = 'PHL' "
        "AND target_actor = 'CHN' AND cameo_code = '100'"
    ).fetchall()
    assert rows == [("exercise", True, 1, "PHL", "CHN", "100", 3, "REQUEST")]
    log = store.con.execute(
        "SELECT file, format, status, stored FROM ingest_log WHERE file = 'tiny-e'"
    ).fetchall()
    assert log == [("tiny-e", "exercise", "ok", report.events)]
    chair = store.con.execute(
        "SELECT source_sector, source_country, count(*) FROM events WHERE run_id = 'tiny-e' "
        "AND source_actor = 'ASEAN' GROUP BY ALL"
    ).fetchall()
    assert chair == [("IGO", None, 2)]  # the AI chair consults both parties


def test_a_proposal_accepted_by_the_other_party_is_an_agreement(store: Store) -> None:
    s = start_session(store, TINY, players={"PHL": "ana", "CHN": "wei"}, session_id="tiny-a")
    phl, chn, fac = s.invites["PHL"], s.invites["CHN"], s.facilitator_token
    made = propose(store, "tiny-a", phl, "resupply", {"inspection": 45})
    advance(store, "tiny-a", fac)
    assert [p.seq for p in table_view(store, "tiny-a", chn, "resupply").standing] == [
        made.seq,
        3,
    ]  # PHL, then the AI chair
    respond(store, "tiny-a", chn, "resupply", made.seq, True)
    report = advance(store, "tiny-a", fac)
    assert report.agreements == {"resupply": {"inspection": 45.0}}
    view = table_view(store, "tiny-a", phl, "resupply")
    assert view.agreement == {"inspection": 45.0} and view.agreed_turn == 2
    signs = store.con.execute(
        "SELECT source_actor, target_actor FROM events WHERE run_id = 'tiny-a' AND step = 2 "
        "AND cameo_code = '057' AND source_actor IN ('PHL', 'CHN') "
        "AND target_actor IN ('PHL', 'CHN') "
        "ORDER BY 1"
    ).fetchall()
    assert signs == [("CHN", "PHL"), ("PHL", "CHN")]
    review = debrief(store, "tiny-a", fac)
    table = review.tables[0]
    assert table.agreement == {"inspection": 45.0}
    assert table.forecasts["compromise"] == {"inspection": 63.6364}  # (30*.8*0 + 70*.6*100) / 66
    assert table.distance["compromise"] == 0.1864
    phl_score = next(x for x in review.scores if x.role == "PHL")
    assert [o.met for o in phl_score.objectives] == [True, False]
    assert phl_score.score == 0.3333


def test_headless_play_is_reproducible_from_its_seed(store: Store, tmp_path: Path) -> None:
    first = json.dumps(play(store, TINY, seed=11).as_dict(), sort_keys=True)
    again = json.dumps(play(store, TINY, seed=11).as_dict(), sort_keys=True)
    with Store(tmp_path / "other.duckdb") as other:
        elsewhere = json.dumps(play(other, TINY, seed=11).as_dict(), sort_keys=True)
        different = json.dumps(play(other, TINY, seed=12).as_dict(), sort_keys=True)
    assert first == again == elsewhere
    assert first != different
    outcome = json.loads(first)
    assert outcome["session_id"] == "tiny-play-s11" and len(outcome["turns"]) == 3
    assert outcome["turns"][-1]["status"] == "ended"


def test_debrief_html_is_self_contained_with_values(store: Store) -> None:
    outcome = play(store, SHIPPED / "south-china-sea.yaml", seed=1)
    review = debrief(store, outcome.session_id, facilitator_token(store, outcome.session_id))
    html = render_html(review)
    assert "http://" not in html and "https://" not in html and "<script" not in html
    assert "<svg" in html and "<link" not in html and "src=" not in html
    assert "Second Thomas Shoal - an incident at sea" in html
    assert f"{review.events:,} events" in html
    assert "CHN-PHL" in html and "Resupply arrangement for the BRP Sierra Madre" in html
    us = next(d for d in review.decisions if d.decision == "us-response")
    assert us.chosen_by == "ai" and len(us.not_taken) == 2
    assert f"<td>{us.chosen}</td>" in html
    dyad = next(d for d in review.dyads if (d.a, d.b) == ("CHN", "PHL"))
    assert len(dyad.relation) == 6 and sum(p.events for p in dyad.points) > 0


def test_a_kept_world_equals_a_replayed_one(tmp_path: Path) -> None:
    """Advancing with the world kept in the process gives what replaying the moves gives."""
    from accord.exercises import turns

    reports = []
    for name, forget in (("kept", False), ("replayed", True)):
        with Store(tmp_path / f"{name}.duckdb") as store:
            s = start_session(store, TINY, players={"PHL": "ana"}, session_id="tiny-k")
            made = []
            for turn in range(3):
                act(
                    store,
                    "tiny-k",
                    s.invites["PHL"],
                    ("demand", "threaten", "consult")[turn],
                    "CHN",
                )
                if forget:
                    turns._WORLDS.clear()
                made.append(advance(store, "tiny-k", s.facilitator_token).as_dict())
            made.append(store.con.execute("SELECT count(*), sum(goldstein) FROM events").fetchone())
            reports.append(made)
    assert reports[0] == reports[1]


def test_an_injects_incident_between_played_states_is_in_the_record(store: Store) -> None:
    # both sides are played; the turn-1 inject's incident (CHN on PHL, rung 2) is the script's
    # doing, not a player's: its events stay (the step's other events from a played state go)
    s = start_session(store, TINY, players={"PHL": "ana", "CHN": "wei"}, session_id="tiny-i")
    advance(store, s.session_id, s.facilitator_token)
    rows = store.con.execute(
        "SELECT source_actor, target_actor, cameo_code FROM events WHERE run_id = 'tiny-i' "
        "AND source_actor IN ('PHL', 'CHN') AND target_actor IN ('PHL', 'CHN') ORDER BY ALL"
    ).fetchall()
    # the simulation's incident rung 2 is a threat (CAMEO 130), answered by an accusation (112)
    assert rows == [("CHN", "PHL", "130"), ("PHL", "CHN", "112")]


def test_an_unknown_session_says_where_sessions_are_listed(store: Store) -> None:
    with pytest.raises(NotFoundError, match="stored sessions: `accord exercise list`"):
        advance(store, "south-china-sea-3f9a1c2e", "not-a-token")


def test_an_ai_party_does_not_make_its_standing_offer_again(store: Store, tmp_path: Path) -> None:
    """The same offer made again would replace the standing one and void its acceptances."""
    steady = tmp_path / "steady.yaml"  # Zeuthen's CHN asks 100 again while PHL offers nothing
    steady.write_text(TINY.read_text().replace("strategy: boulware", "strategy: zeuthen"))
    s = start_session(store, steady, players={"PHL": "ana"}, session_id="tiny-o")
    phl, fac = s.invites["PHL"], s.facilitator_token
    advance(store, "tiny-o", fac)
    standing = table_view(store, "tiny-o", phl, "resupply").standing
    first = [(p.seq, p.role, p.values) for p in standing]
    assert first == [(2, "CHN", {"inspection": 100.0}), (3, "asean", {"inspection": 63.6364})]
    advance(store, "tiny-o", fac)
    again = table_view(store, "tiny-o", phl, "resupply").standing
    assert [(p.seq, p.role, p.values) for p in again] == first
