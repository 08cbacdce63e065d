"""The facilitator's controls (the clock, overriding an outcome) and the scheduler's look.

`pause` stops the clock of the current turn (players' moves wait), `resume` starts it again,
`extend` lengthens (or shortens) the turn; each answers the new `ClockState`. `override` sets
a table's agreement or a decision's option as control, a move everyone (the decision: its
role) reads. `tick`, called by
a running server every second, fires the minute injects that fell due and advances each
session whose turn clock ran out, exactly as the facilitator's `advance` would.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from accord.errors import AccordError, InputError, NotFoundError
from accord.events.schema import EVENTS_SCHEMA
from accord.exercises.ai import decide_body, decision_audience
from accord.exercises.clock import (
    ClockRow,
    ClockState,
    clock_row,
    elapsed_of,
    running_clocks,
    set_clock,
    state_of,
    utc_now,
)
from accord.exercises.loader import parse_exercise
from accord.exercises.model import ALL, CONTROL, Decision, Table
from accord.exercises.session import (
    Access,
    checked_values,
    facilitator_token,
    fire_due,
    open_session,
    require_facilitator,
    require_running,
)
from accord.exercises.store_io import (
    ENDED,
    EXERCISES_SCHEMA,
    PAUSED,
    RUNNING,
    Move,
    add_move,
    moves,
    set_state,
)
from accord.exercises.turns import TurnReport, advance
from accord.jsonable import AsDict
from accord.store import Store

#: The longest extension accepted, in minutes (a week).
MAX_MINUTES = 7 * 24 * 60.0


def clock_state(
    store: Store, session_id: str, token: str, *, now: dt.datetime | None = None
) -> ClockState:
    """The clock of the session (any token of it)."""
    a = open_session(store, session_id, token)
    row = clock_row(store.con, session_id) or ClockRow(a.row.turn, None, None, 0.0, None)
    return state_of(session_id, a.row.status, row, now or utc_now())


def _change(store: Store, session_id: str, token: str, what: str) -> tuple[ClockRow, str]:
    a = open_session(store, session_id, token)
    require_facilitator(a, what)
    if a.row.status == ENDED:
        raise InputError.at("the session has ended", field="session")
    row = clock_row(store.con, session_id) or ClockRow(a.row.turn, None, None, 0.0, None)
    if a.row.status == RUNNING and row.running_since is None:  # a session from before clocks
        row = ClockRow(row.turn, row.turn_minutes, row.length, row.elapsed, utc_now())
    return row, a.row.status


def pause(
    store: Store, session_id: str, token: str, *, now: dt.datetime | None = None
) -> ClockState:
    """Stop the clock; players' moves wait until `resume` (facilitator only)."""
    row, status = _change(store, session_id, token, "pause the session")
    if status == PAUSED:
        raise InputError.at("the session is paused already", field="session")
    now = now or utc_now()
    stopped = ClockRow(row.turn, row.turn_minutes, row.length, elapsed_of(row, now), None)
    with store.transaction() as con:
        set_clock(con, session_id, stopped)
        set_state(con, session_id, row.turn, PAUSED)
    return state_of(session_id, PAUSED, stopped, now)


def resume(
    store: Store, session_id: str, token: str, *, now: dt.datetime | None = None
) -> ClockState:
    """Start the clock again where `pause` stopped it (facilitator only)."""
    row, status = _change(store, session_id, token, "resume the session")
    if status != PAUSED:
        raise InputError.at("the session is not paused", field="session")
    now = now or utc_now()
    started = ClockRow(row.turn, row.turn_minutes, row.length, row.elapsed, now)
    with store.transaction() as con:
        set_clock(con, session_id, started)
        set_state(con, session_id, row.turn, RUNNING)
    return state_of(session_id, RUNNING, started, now)


def extend(
    store: Store, session_id: str, token: str, minutes: float, *, now: dt.datetime | None = None
) -> ClockState:
    """Give the current turn `minutes` more (a clock starts on a session without one);
    negative minutes shorten it, never below the time played (facilitator only)."""
    row, status = _change(store, session_id, token, "extend the turn")
    if not -MAX_MINUTES <= minutes <= MAX_MINUTES or minutes == 0:
        raise InputError.at(
            f"minutes must be non-zero, within ±{MAX_MINUTES:g}, got {minutes:g}", field="minutes"
        )
    now = now or utc_now()
    played = elapsed_of(row, now)
    base = row.length if row.length is not None else played
    length = max(base + minutes * 60.0, played)
    changed = ClockRow(row.turn, row.turn_minutes, length, row.elapsed, row.running_since)
    with store.transaction() as con:
        set_clock(con, session_id, changed)
    return state_of(session_id, status, changed, now)


@dataclass(frozen=True)
class TickReport(AsDict):
    """What one look at the clocks did: the sessions with new moves, the minute injects
    fired (session id, inject id), the turns advanced because their clock ran out, and the
    sessions that could not be moved on (session id, why)."""

    changed: tuple[str, ...]
    fired: tuple[tuple[str, str], ...]
    advanced: tuple[TurnReport, ...]
    failed: tuple[tuple[str, str], ...] = ()


@lru_cache(maxsize=256)
def _minutes(text: str) -> dict[int, tuple[tuple[float, str], ...]]:
    """The minute injects of an exercise's text by turn (read without its world: cheap)."""
    plan: dict[int, list[tuple[float, str]]] = {}
    for i in parse_exercise(text).injects:
        if i.minute > 0:
            plan.setdefault(i.turn, []).append((i.minute, i.id))
    return {turn: tuple(found) for turn, found in plan.items()}


def _inject_due(store: Store, sid: str, turn: int, played: float) -> bool:
    """Whether a minute inject of `turn` is due by `played` seconds and not fired yet."""
    row = store.con.execute(
        "SELECT source_text FROM exercise_sessions WHERE session_id = ?", [sid]
    ).fetchone()
    plan = _minutes(str(row[0])) if row is not None else {}
    due = {ident for minute, ident in plan.get(turn, ()) if minute * 60 <= played}
    if not due:
        return False
    fired = {m.body.get("inject") for m in moves(store.con, sid) if m.kind == "inject"}
    return bool(due - fired)


def tick(store: Store, *, now: dt.datetime | None = None) -> TickReport:
    """Fire the minute injects that fell due in every running session and advance each
    session whose turn clock ran out (the scheduler of a server calls this every second);
    a session that fails is reported and the others still move."""
    now = now or utc_now()
    store.ensure(EVENTS_SCHEMA)
    store.ensure(EXERCISES_SCHEMA)
    changed: list[str] = []
    fired: list[tuple[str, str]] = []
    advanced: list[TurnReport] = []
    failed: list[tuple[str, str]] = []
    for sid, row in running_clocks(store.con):
        played = elapsed_of(row, now)
        expired = row.length is not None and played >= row.length
        try:
            if not expired and not _inject_due(store, sid, row.turn, played):
                continue
            token = facilitator_token(store, sid)
            a = open_session(store, sid, token)
            with store.transaction() as con:
                made = fire_due(con, a.exercise, sid, row.turn, moves(con, sid), played / 60.0)
            fired += [(sid, str(m.body["inject"])) for m in made]
            changed.append(sid)
            if expired:
                advanced.append(advance(store, sid, token, now=now))
        except AccordError as exc:
            failed.append((sid, str(exc)))
    return TickReport(tuple(changed), tuple(fired), tuple(advanced), tuple(failed))


def override(
    store: Store,
    session_id: str,
    token: str,
    *,
    table: str | None = None,
    values: Mapping[str, float] | None = None,
    decision: str | None = None,
    option: str | None = None,
    note: str = "",
) -> Move:
    """Override an outcome as control (facilitator only), recorded as a move everyone reads:
    set the agreement of `table` to `values` (it replaces any earlier agreement and counts in
    this turn's adjudication: the parties sign), or answer `decision` with `option` in place
    of its role (in the decision's turn; it replaces an earlier answer)."""
    a = open_session(store, session_id, token)
    require_facilitator(a, "override outcomes")
    require_running(a)
    if (table is None) == (decision is None):
        raise InputError.at("override either a table (with values) or a decision", field="table")
    if table is not None:
        t = _table_of(a, table)
        clean = checked_values(t, values or {})
        actors = sorted({a.exercise.role(r).actor for r in t.roles})
        body: dict[str, Any] = {"table": t.id, "values": clean, "proposal": None, "actors": actors}
        audience: tuple[str, ...] = (ALL,)
    else:
        d = _decision_of(a, str(decision))
        if option is None:
            raise InputError.at("a decision override needs an option", field="option")
        try:
            body = decide_body(d, option)
        except KeyError:
            raise NotFoundError(f"decision {d.id!r} has no option {option!r}") from None
        audience = decision_audience(d, option)
    body |= {"override": True, "note": note}
    kind = "agreement" if table is not None else "decide"
    with store.transaction() as con:
        return add_move(con, session_id, a.row.turn, CONTROL, kind, audience, body)


def _table_of(a: Access, table: str) -> Table:
    try:
        return a.exercise.table(table)
    except KeyError:
        raise NotFoundError(f"no table {table!r} in session {a.row.session_id!r}") from None


def _decision_of(a: Access, decision: str) -> Decision:
    try:
        d = a.exercise.decision(decision)
    except KeyError:
        raise NotFoundError(f"no decision {decision!r} in session {a.row.session_id!r}") from None
    if d.turn != a.row.turn:
        raise InputError.at(f"decision {decision!r} is taken in turn {d.turn}", field="decision")
    return d
