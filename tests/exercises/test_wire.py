"""The AI press's wire reports everything public of its turn (AI roles' actions, public
decisions, injects to everyone, agreements); a public decision reaches every role, and the
role that decided sees its choice."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.exercises import (
    SessionStarted,
    advance,
    decide,
    inbox,
    propose,
    respond,
    session_view,
    start_session,
)
from accord.store import Store
from tests.exercises.conftest import TINY

_PRESS = """  - id: press
    name: Shoal wire
    kind: press
    actor: PRESS
    public_brief: A wire service.
    private_brief: Report what you see.
tables:"""


@pytest.fixture
def wired(store: Store, tmp_path: Path) -> SessionStarted:
    """The tiny exercise with an AI press and a public `send` option; PHL and CHN played."""
    text = TINY.read_text(encoding="utf-8")
    text = text.replace("tables:", _PRESS, 1).replace(
        "        text: Send it with a coast guard escort.",
        "        text: Send it with a coast guard escort.\n        public: true",
    )
    path = tmp_path / "wired.yaml"
    path.write_text(text, encoding="utf-8")
    return start_session(store, path, players={"PHL": "ana", "CHN": "wei"}, session_id="wire")


def _wire(store: Store, s: SessionStarted, turn: int) -> str:
    found = [
        m.body["text"]
        for m in inbox(store, s.session_id, s.invites["CHN"]).moves
        if m.role == "press" and m.turn == turn
    ]
    assert len(found) == 1
    return str(found[0])


def test_the_wire_reports_decisions_agreements_and_ai_actions(
    store: Store, wired: SessionStarted
) -> None:
    sid, phl, chn, fac = "wire", wired.invites["PHL"], wired.invites["CHN"], wired.facilitator_token
    made = propose(store, sid, phl, "resupply", {"inspection": 45})
    advance(store, sid, fac)
    assert _wire(store, wired, 1) == (
        "Turn 1 wire: News: Coast guard vessels block a resupply mission; "
        "ASEAN chair: consult Philippine delegation, Chinese delegation."
    )
    respond(store, sid, chn, "resupply", made.seq, True)
    decide(store, sid, phl, "next-mission", "send")
    assert advance(store, sid, fac).agreements == {"resupply": {"inspection": 45.0}}
    assert _wire(store, wired, 2) == (
        # the turn-1 inject's incident (rung 2) stands between them: the chair appeals
        "Turn 2 wire: Philippine delegation: Send it with a coast guard escort; "
        "ASEAN chair: appeal Philippine delegation, Chinese delegation; "
        "agreement at Resupply arrangement: inspection 45."
    )


def test_a_public_decision_reaches_everyone_and_its_role_sees_it(
    store: Store, wired: SessionStarted
) -> None:
    sid, phl, chn = "wire", wired.invites["PHL"], wired.invites["CHN"]
    advance(store, sid, wired.facilitator_token)
    assert [d["id"] for d in session_view(store, sid, phl).decisions] == ["next-mission"]
    decide(store, sid, phl, "next-mission", "send")
    view = session_view(store, sid, phl)
    assert view.decisions == ()
    assert view.taken == (
        {
            "id": "next-mission",
            "role": "PHL",
            "question": "Send the next resupply mission?",
            "option": "send",
            "text": "Send it with a coast guard escort.",
            "public": True,
            "by": "PHL",
        },
    )
    seen = [m.body["option"] for m in inbox(store, sid, chn).moves if m.kind == "decide"]
    assert seen == ["send"]
    assert session_view(store, sid, chn).taken[0]["option"] == "send"


def test_a_private_decision_stays_with_its_role(store: Store, wired: SessionStarted) -> None:
    sid, phl, chn = "wire", wired.invites["PHL"], wired.invites["CHN"]
    advance(store, sid, wired.facilitator_token)
    decide(store, sid, phl, "next-mission", "pause")
    assert [m for m in inbox(store, sid, chn).moves if m.kind == "decide"] == []
    assert session_view(store, sid, chn).taken == ()
    assert session_view(store, sid, phl).taken[0]["text"] == "Pause pending talks."
