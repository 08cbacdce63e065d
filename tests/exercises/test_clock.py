"""The turn clock and the facilitator's controls: pause, resume, extend, a turn advanced when
its time runs out, minute injects fired when due, outcomes overridden, a restart in mid-turn."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from accord.errors import InputError, NotFoundError
from accord.exercises import (
    debrief,
    decide,
    inbox,
    parse_exercise,
    send_message,
    session_view,
    start_session,
    table_view,
)
from accord.exercises.clock import utc_now
from accord.exercises.controls import clock_state, extend, override, pause, resume, tick
from accord.store import Store
from tests.exercises.conftest import TINY

T0 = dt.datetime(2030, 1, 1, 12, 0, 0)


def minutes(m: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=m)


def timed_exercise(tmp_path: Path, **top: object) -> Path:
    """The tiny exercise with a 30-minute clock and an inject at minute 10 of turn 1 for CHN."""
    data = yaml.safe_load(TINY.read_text(encoding="utf-8"))
    data["turn_minutes"] = 30
    data["injects"].append(
        {"id": "leak", "turn": 1, "minute": 10, "channel": "cable", "audience": ["CHN"],
         "text": "A leaked memo."}
    )  # fmt: skip
    data.update(top)
    path = tmp_path / "timed.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def timed(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[str, dict[str, str]]:
    """A session of the timed exercise started at T0 (PHL and CHN played by people)."""
    monkeypatch.setattr("accord.exercises.session.utc_now", lambda: T0)
    s = start_session(
        store, timed_exercise(tmp_path), players={"PHL": "ana", "CHN": "wei"}, session_id="timed"
    )
    return s.session_id, {**s.invites, "control": s.facilitator_token}


def test_the_clock_counts_down_from_the_exercise_turn_length(
    store: Store, timed: tuple[str, dict[str, str]]
) -> None:
    sid, tok = timed
    c = clock_state(store, sid, tok["PHL"], now=minutes(12))
    assert (c.turn, c.status, c.turn_minutes) == (1, "running", 30.0)
    assert c.seconds_left == 18 * 60
    assert c.deadline == minutes(30).replace(tzinfo=dt.UTC)


def test_pause_stops_the_clock_and_moves_resume_and_extend(
    store: Store, timed: tuple[str, dict[str, str]]
) -> None:
    sid, tok = timed
    fac = tok["control"]
    with pytest.raises(NotFoundError):
        pause(store, sid, tok["PHL"], now=minutes(10))  # players cannot
    paused = pause(store, sid, fac, now=minutes(10))
    assert (paused.status, paused.seconds_left, paused.deadline) == ("paused", 1200, None)
    with pytest.raises(InputError, match="paused"):
        send_message(store, sid, tok["PHL"], ["CHN"], "anyone?")
    assert clock_state(store, sid, fac, now=minutes(25)).seconds_left == 1200  # time stood still
    assert tick(store, now=minutes(45)).advanced == ()
    resumed = resume(store, sid, fac, now=minutes(25))
    assert resumed.deadline == minutes(45).replace(tzinfo=dt.UTC)
    longer = extend(store, sid, fac, 5, now=minutes(26))
    assert longer.seconds_left == 24 * 60
    assert longer.deadline == minutes(50).replace(tzinfo=dt.UTC)
    with pytest.raises(InputError):
        extend(store, sid, fac, 0, now=minutes(26))


def test_a_turn_advances_when_its_clock_runs_out(
    store: Store, timed: tuple[str, dict[str, str]]
) -> None:
    sid, tok = timed
    assert tick(store, now=minutes(29.9)).advanced == ()
    report = tick(store, now=minutes(30))
    assert [(t.session_id, t.turn, t.next_turn) for t in report.advanced] == [(sid, 1, 2)]
    assert session_view(store, sid, tok["PHL"]).turn == 2
    c = clock_state(store, sid, tok["PHL"], now=minutes(40))
    assert (c.turn, c.seconds_left) == (2, 20 * 60)  # the new turn's clock started at minute 30


def test_a_minute_inject_fires_when_due_for_its_audience_only(
    store: Store, timed: tuple[str, dict[str, str]]
) -> None:
    sid, tok = timed

    def leaks(role: str) -> list[str]:
        return [m.body["text"] for m in inbox(store, sid, tok[role]).moves if m.kind == "inject"
                and m.body["inject"] == "leak"]  # fmt: skip

    assert tick(store, now=minutes(9.9)).fired == ()
    assert leaks("CHN") == []
    assert tick(store, now=minutes(10)).fired == ((sid, "leak"),)
    assert leaks("CHN") == ["A leaked memo."]
    assert leaks("PHL") == []
    assert tick(store, now=minutes(11)).fired == ()  # once only


def test_an_inject_the_turn_did_not_reach_fires_before_adjudication(
    store: Store, timed: tuple[str, dict[str, str]]
) -> None:
    from accord.exercises import advance

    sid, tok = timed
    advance(store, sid, tok["control"])
    fired = [m for m in inbox(store, sid, tok["control"]).moves if m.kind == "inject"]
    assert [(m.body["inject"], m.turn) for m in fired] == [
        ("blocked", 1), ("leak", 1), ("cable", 2)
    ]  # fmt: skip


def test_minute_must_lie_within_the_turn() -> None:
    text = (
        TINY.read_text(encoding="utf-8")
        .replace("turns: 3\n", "turns: 3\nturn_minutes: 20\n")
        .replace(
            "    turn: 2\n    channel: cable", "    turn: 2\n    minute: 25\n    channel: cable"
        )
    )
    with pytest.raises(InputError) as info:
        parse_exercise(text, "t.yaml")
    assert [(p.field, p.line) for p in info.value.problems] == [("injects[1].minute", 51)]
    with pytest.raises(InputError) as info:
        parse_exercise(TINY.read_text(encoding="utf-8") + "turn_minutes: -1\n", "t.yaml")
    assert info.value.first.field == "turn_minutes"


def test_override_sets_a_table_agreement_as_control(
    store: Store, timed: tuple[str, dict[str, str]]
) -> None:
    from accord.exercises import advance

    sid, tok = timed
    with pytest.raises(NotFoundError):
        override(store, sid, tok["PHL"], table="resupply", values={"inspection": 10})
    with pytest.raises(InputError, match="outside"):
        override(store, sid, tok["control"], table="resupply", values={"inspection": 120})
    move = override(store, sid, tok["control"], table="resupply", values={"inspection": 45},
                    note="ruled by control")  # fmt: skip
    assert (move.role, move.kind, move.audience) == ("control", "agreement", ("*",))
    report = advance(store, sid, tok["control"])
    assert report.agreements == {}  # no second agreement at the table in the same turn
    view = table_view(store, sid, tok["CHN"], "resupply")
    assert (view.agreement, view.agreed_turn) == ({"inspection": 45.0}, 1)


def test_override_replaces_a_decision(store: Store, timed: tuple[str, dict[str, str]]) -> None:
    from accord.exercises import advance

    sid, tok = timed
    fac = tok["control"]
    with pytest.raises(InputError, match="turn 2"):
        override(store, sid, fac, decision="next-mission", option="send")
    advance(store, sid, fac)
    decide(store, sid, tok["PHL"], "next-mission", "send")
    move = override(store, sid, fac, decision="next-mission", option="pause")
    assert move.audience == ("PHL",)
    advance(store, sid, fac)
    (d,) = debrief(store, sid, fac).decisions
    assert (d.chosen, d.chosen_by) == ("pause", "control")


def test_the_clock_survives_a_restart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "restart.duckdb"
    monkeypatch.setattr("accord.exercises.session.utc_now", lambda: T0)
    with Store(db) as store:
        s = start_session(store, timed_exercise(tmp_path), session_id="r")
        pause(store, "r", s.facilitator_token, now=minutes(5))
        resume(store, "r", s.facilitator_token, now=minutes(8))
        before = clock_state(store, "r", s.facilitator_token, now=minutes(9))
    with Store(db) as store:
        after = clock_state(store, "r", s.facilitator_token, now=minutes(20))
    assert before.deadline == after.deadline == minutes(33).replace(tzinfo=dt.UTC)
    assert after.seconds_left == 13 * 60


def test_a_session_without_a_clock_has_no_deadline(store: Store) -> None:
    s = start_session(store, TINY, session_id="free")
    c = clock_state(store, "free", s.facilitator_token, now=utc_now() + dt.timedelta(hours=5))
    assert (c.turn_minutes, c.deadline, c.seconds_left) == (None, None, None)
    assert c.elapsed >= 5 * 3600
    assert tick(store, now=utc_now() + dt.timedelta(days=3)).advanced == ()
