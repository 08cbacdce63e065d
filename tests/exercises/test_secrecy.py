"""Secrecy, function by function: a role's token reaches only what the role may see; the
facilitator's token sees all; a wrong token is an unknown session."""

from __future__ import annotations

import pytest

from accord.errors import InputError, NotFoundError
from accord.exercises import (
    AccessDeniedError,
    SessionStarted,
    act,
    advance,
    debrief,
    decide,
    fire_inject,
    inbox,
    propose,
    respond,
    role_brief,
    seat,
    send_message,
    session_view,
    table_view,
)
from accord.store import Store

SID = "tiny-t"


def _tokens(s: SessionStarted) -> tuple[str, str, str]:
    return s.invites["PHL"], s.invites["CHN"], s.facilitator_token


def test_wrong_token_is_an_unknown_session(store: Store, session: SessionStarted) -> None:
    for call in (
        lambda: session_view(store, SID, "guess"),
        lambda: inbox(store, SID, "guess"),
        lambda: advance(store, SID, "guess"),
        lambda: debrief(store, SID, "guess"),
    ):
        with pytest.raises(NotFoundError, match="no exercise session 'tiny-t'"):
            call()


def test_role_brief_own_only(store: Store, session: SessionStarted) -> None:
    phl, chn, fac = _tokens(session)
    own = role_brief(store, SID, phl, "PHL")
    assert own.private_brief == "You may accept light inspection if it ends the incidents."
    assert own.player == "ana"
    with pytest.raises(AccessDeniedError):
        role_brief(store, SID, phl, "CHN")
    with pytest.raises(AccessDeniedError):
        role_brief(store, SID, chn, "PHL")
    assert (
        role_brief(store, SID, fac, "CHN").private_brief
        == "Your red line is construction material."
    )


def test_session_view_shows_public_roles_and_own_brief(
    store: Store, session: SessionStarted
) -> None:
    phl, _, fac = _tokens(session)
    view = session_view(store, SID, phl)
    assert view.you == "PHL" and view.turn == 1 and str(view.date) == "2024-06-17"
    assert [b.role for b in view.briefs] == ["PHL"]
    assert [(r.id, r.played_by) for r in view.roles] == [
        ("PHL", "person"),
        ("CHN", "person"),
        ("asean", "ai"),
    ]
    text = str(view.as_dict())
    assert "red line" not in text and "Chinese delegation" in text
    assert {r.role for r in session_view(store, SID, fac).briefs} == {"PHL", "CHN", "asean"}


def test_only_the_facilitator_view_holds_the_msel(store: Store, session: SessionStarted) -> None:
    phl, chn, fac = _tokens(session)
    assert [(i.id, i.turn, i.audience) for i in session_view(store, SID, fac).injects] == [
        ("blocked", 1, ("*",)),
        ("cable", 2, ("PHL",)),
    ]
    for token in (phl, chn):
        view = session_view(store, SID, token)
        assert view.injects == ()
        assert "treaty commitments" not in str(view.as_dict())


def test_inbox_holds_own_and_addressed_messages_only(store: Store, session: SessionStarted) -> None:
    phl, chn, fac = _tokens(session)
    send_message(store, SID, chn, ["asean"], "CHN to the chair only: we can live with 50.")
    send_message(store, SID, phl, ["CHN"], "PHL to CHN: talk?")
    send_message(store, SID, phl, ["public"], "PHL statement: we will resupply.")
    seen = [m.body.get("text") for m in inbox(store, SID, phl).moves]
    assert "CHN to the chair only: we can live with 50." not in seen
    assert "PHL to CHN: talk?" in seen and "PHL statement: we will resupply." in seen
    assert "Coast guard vessels block a resupply mission." in seen  # inject to everyone
    chn_seen = [m.body.get("text") for m in inbox(store, SID, chn).moves]
    assert "CHN to the chair only: we can live with 50." in chn_seen
    all_seen = [m.body.get("text") for m in inbox(store, SID, fac).moves]
    assert len(all_seen) == 4
    assert inbox(store, SID, phl, since=3).moves[0].seq == 4


def test_a_session_holds_a_bounded_number_of_messages(
    store: Store, session: SessionStarted, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 3,000 messages of 4,000 characters made every inbox and the debrief 12 MB
    import accord.exercises.session as module

    monkeypatch.setattr(module, "MAX_SESSION_MESSAGES", 3)
    phl, chn, _ = _tokens(session)
    for k in range(3):
        send_message(store, SID, phl, ["CHN"], f"message {k}")
    with pytest.raises(InputError, match="the session holds 3 messages, the most one may hold"):
        send_message(store, SID, chn, ["PHL"], "one more")
    assert module.MAX_SESSION_MESSAGES == 3 and len(inbox(store, SID, chn).moves) >= 3


def test_cable_reaches_its_audience_only(store: Store, session: SessionStarted) -> None:
    phl, chn, fac = _tokens(session)
    advance(store, SID, fac)
    cable = "Your ally reaffirms its treaty commitments."
    assert cable in [m.body.get("text") for m in inbox(store, SID, phl).moves]
    assert cable not in [m.body.get("text") for m in inbox(store, SID, chn).moves]


def test_table_view_hides_other_positions(store: Store, session: SessionStarted) -> None:
    phl, chn, fac = _tokens(session)
    view = table_view(store, SID, phl, "resupply")
    assert view.parties[0]["positions"] == {"inspection": 0.0}
    assert view.parties[1] == {"role": "CHN"}
    other = table_view(store, SID, chn, "resupply")
    assert other.parties[0] == {"role": "PHL"} and other.parties[1]["positions"] == {
        "inspection": 100.0
    }
    assert table_view(store, SID, fac, "resupply").parties[1]["positions"] == {"inspection": 100.0}


def test_answers_and_decisions_belong_to_their_role(store: Store, session: SessionStarted) -> None:
    phl, chn, fac = _tokens(session)
    made = propose(store, SID, phl, "resupply", {"inspection": 30})
    advance(store, SID, fac)
    with pytest.raises(AccessDeniedError):
        decide(store, SID, chn, "next-mission", "send")  # PHL's decision
    with pytest.raises(AccessDeniedError):
        respond(store, SID, fac, "resupply", made.seq, True)  # not a party
    decided = decide(store, SID, phl, "next-mission", "send")
    assert decided.audience == ("PHL",)
    assert decided.seq not in [m.seq for m in inbox(store, SID, chn).moves]
    with pytest.raises(InputError, match="answered already"):
        decide(store, SID, phl, "next-mission", "pause")


def test_only_the_facilitator_steers(store: Store, session: SessionStarted) -> None:
    phl, _, fac = _tokens(session)
    for call in (
        lambda: advance(store, SID, phl),
        lambda: debrief(store, SID, phl),
        lambda: fire_inject(store, SID, phl, text="fake news"),
        lambda: seat(store, SID, phl, "CHN", "mallory"),
    ):
        with pytest.raises(AccessDeniedError):
            call()
    fired = fire_inject(
        store, SID, fac, text="Control: a journalist asks for comment.", audience=["PHL"]
    )
    assert fired.role == "control" and fired.audience == ("PHL",)
    # an inject to a role the exercise lacks reached no one, and was accepted
    with pytest.raises(NotFoundError, match="no role 'USA' in session"):
        fire_inject(store, SID, fac, text="Control: to nobody.", audience=["USA"])
    assert fire_inject(store, SID, fac, text="To all.", audience=["public"]).audience == ("*",)
    assert seat(store, SID, fac, "CHN", None).player is None


def test_an_action_is_the_role_of_its_token(store: Store, session: SessionStarted) -> None:
    phl, _, fac = _tokens(session)
    move = act(store, SID, phl, "demand", "CHN")
    assert move.body == {"source": "PHL", "target": "CHN", "action": "demand", "target_role": "CHN"}
    with pytest.raises(InputError):
        act(store, SID, fac, "demand", "CHN")
    with pytest.raises(InputError, match=r"unknown action 'bribe'.*; actions: statement, appeal"):
        act(store, SID, phl, "bribe", "CHN")
