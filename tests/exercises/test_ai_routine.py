"""The non-state AI roles answer the situation between the states they deal with (war,
sanctions, a crisis, their tables) and do not repeat last turn's action toward a state."""

from __future__ import annotations

import pytest

from accord.exercises import advance, inbox, propose, respond, start_session
from accord.exercises.ai import ROUTINE, Situation
from accord.store import Store
from tests.exercises.conftest import TINY

CALM = Situation(
    war=False,
    sanctions=False,
    crisis=False,
    agreed=False,
    proposals=False,
    open=True,
    tables=True,
)


@pytest.mark.parametrize(
    ("kind", "change", "action"),
    [
        ("mediator", {}, "consult"),
        ("mediator", {"proposals": True}, "mediate"),
        ("mediator", {"crisis": True, "proposals": True}, "appeal"),
        ("mediator", {"war": True}, "appeal"),
        ("mediator", {"agreed": True, "crisis": True}, "praise"),
        ("mediator", {"open": False}, None),  # its tables agreed earlier, nothing stands
        ("igo", {"open": False, "tables": False}, "consult"),
        ("ngo", {"war": True, "agreed": True}, "humanitarian_aid"),
        ("ngo", {"sanctions": True}, "appeal"),
        ("ngo", {"agreed": True}, "praise"),
        ("ngo", {"open": False}, None),
        ("firm", {"sanctions": True, "agreed": True}, "appeal"),
        ("firm", {"agreed": True}, "praise"),
        ("firm", {}, "consult"),
    ],
)
def test_each_kind_answers_the_situation(
    kind: str, change: dict[str, bool], action: str | None
) -> None:
    situation = Situation(**{**CALM.__dict__, **change})
    assert ROUTINE[kind](situation) == action


def _chair(store: Store, sid: str, token: str) -> dict[int, list[tuple[str, str]]]:
    """The AI chair's actions by turn: (action, target role)."""
    out: dict[int, list[tuple[str, str]]] = {}
    for m in inbox(store, sid, token).moves:
        if m.role == "asean" and m.kind == "action":
            out.setdefault(m.turn, []).append((m.body["action"], m.body["target_role"]))
    return out


def test_the_chair_consults_appeals_after_an_incident_and_does_not_repeat(store: Store) -> None:
    s = start_session(store, TINY, players={"PHL": "ana"}, session_id="routine")
    for _ in range(3):
        advance(store, s.session_id, s.facilitator_token)
    assert _chair(store, s.session_id, s.invites["PHL"]) == {
        # nothing stands between the parties yet: talks
        1: [("consult", "PHL"), ("consult", "CHN")],
        # the turn-1 inject's incident (rung 2) stands between them: a call for restraint
        2: [("appeal", "PHL"), ("appeal", "CHN")],
        # the incident still stands; the same call again the next week is left out
    }


def test_the_chair_praises_an_agreement_the_turn_after(store: Store) -> None:
    s = start_session(store, TINY, players={"PHL": "ana", "CHN": "wei"}, session_id="praise")
    sid, fac = s.session_id, s.facilitator_token
    made = propose(store, sid, s.invites["PHL"], "resupply", {"inspection": 45})
    advance(store, sid, fac)
    respond(store, sid, s.invites["CHN"], "resupply", made.seq, True)
    assert advance(store, sid, fac).agreements == {"resupply": {"inspection": 45.0}}
    advance(store, sid, fac)
    chair = _chair(store, sid, s.invites["PHL"])
    assert chair[3] == [("praise", "PHL"), ("praise", "CHN")]
