"""An acceptance of a standing proposal holds across turns until its party withdraws it (a
rejection) or the proposer replaces the proposal: deals do not get stuck on lapsed answers."""

from __future__ import annotations

from accord.exercises import SessionStarted, advance, respond, table_view
from accord.store import Store


def _chair_proposal(store: Store, session: SessionStarted) -> int:
    advance(store, session.session_id, session.facilitator_token)  # the AI chair proposes
    standing = table_view(store, session.session_id, session.invites["PHL"], "resupply").standing
    assert [p.role for p in standing] == ["asean"]
    return standing[0].seq


def test_acceptances_of_different_turns_add_up(store: Store, session: SessionStarted) -> None:
    sid, phl, chn = session.session_id, session.invites["PHL"], session.invites["CHN"]
    seq = _chair_proposal(store, session)
    respond(store, sid, phl, "resupply", seq, True)
    assert advance(store, sid, session.facilitator_token).agreements == {}  # CHN not yet
    view = table_view(store, sid, phl, "resupply")
    assert [(m.role, m.kind, m.turn) for m in view.answers] == [("PHL", "accept", 2)]
    respond(store, sid, chn, "resupply", seq, True)
    report = advance(store, sid, session.facilitator_token)
    assert report.agreements == {"resupply": {"inspection": 63.6364}}


def test_a_later_rejection_withdraws_an_acceptance(store: Store, session: SessionStarted) -> None:
    sid, phl, chn = session.session_id, session.invites["PHL"], session.invites["CHN"]
    seq = _chair_proposal(store, session)
    respond(store, sid, phl, "resupply", seq, True)
    advance(store, sid, session.facilitator_token)
    respond(store, sid, phl, "resupply", seq, False)
    respond(store, sid, chn, "resupply", seq, True)
    assert advance(store, sid, session.facilitator_token).agreements == {}
