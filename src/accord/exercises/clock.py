"""The turn clock of a session: its stored state, the deadline and the playing time.

A session whose exercise sets `turn_minutes` (or that was started with a length) has a clock:
each turn runs that many minutes of playing time, then the server's scheduler advances it
(`accord.exercises.controls.tick`). The clock counts playing time only: a pause stops it, an
extension lengthens the current turn. Every session counts the playing time of its turn, clock
or not, so the MSEL's minute injects (`minute: 10` in turn 2) fire when that time comes.

The state is one row of `exercise_clocks`, written in the transaction of the change: the turn's
length, the time played before the clock last started, and when it last started (none while
paused). A server that stops in mid-turn and starts again finds the deadline where it was (the
time it was down counts as played, as on a wall clock); nothing is lost.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from accord.exercises.store_io import RUNNING
from accord.jsonable import AsDict


@dataclass(frozen=True)
class ClockRow:
    """A stored clock: the turn, the session's turn length in minutes and this turn's length
    in seconds (None: no clock), the seconds played before `running_since`, and when the clock
    last started (None: stopped)."""

    turn: int
    turn_minutes: float | None
    length: float | None
    elapsed: float
    running_since: dt.datetime | None


def clock_row(con: duckdb.DuckDBPyConnection, session_id: str) -> ClockRow | None:
    """The stored clock of a session (None for a session started before clocks)."""
    row = con.execute(
        "SELECT turn, turn_minutes, length_seconds, elapsed_seconds, running_since "
        "FROM exercise_clocks WHERE session_id = ?",
        [session_id],
    ).fetchone()
    return None if row is None else ClockRow(*row)


def set_clock(con: duckdb.DuckDBPyConnection, session_id: str, row: ClockRow) -> None:
    """Store the clock of a session (in the caller's transaction)."""
    con.execute("DELETE FROM exercise_clocks WHERE session_id = ?", [session_id])
    con.execute(
        "INSERT INTO exercise_clocks (session_id, turn, turn_minutes, length_seconds, "
        "elapsed_seconds, running_since) VALUES (?, ?, ?, ?, ?, ?)",
        [session_id, row.turn, row.turn_minutes, row.length, row.elapsed, row.running_since],
    )


def running_clocks(con: duckdb.DuckDBPyConnection) -> list[tuple[str, ClockRow]]:
    """The clocks that run now (sessions running, not paused), by session id."""
    rows = con.execute(
        "SELECT c.session_id, c.turn, c.turn_minutes, c.length_seconds, c.elapsed_seconds, "
        "c.running_since FROM exercise_clocks c JOIN exercise_sessions s USING (session_id) "
        "WHERE s.status = ? AND c.running_since IS NOT NULL ORDER BY c.session_id",
        [RUNNING],
    ).fetchall()
    return [(str(r[0]), ClockRow(*r[1:])) for r in rows]


def utc_now() -> dt.datetime:
    """Now in UTC, without a zone (as the store keeps timestamps)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class ClockState(AsDict):
    """Where a session's clock stands: its turn and status, the turn's length in minutes
    (None: no clock, the facilitator advances), the playing time of the turn so far in
    seconds (`elapsed`; a pause stops it), and, for a clock that runs, the deadline (UTC)
    and the seconds left."""

    session_id: str
    turn: int
    status: str
    turn_minutes: float | None
    elapsed: float
    deadline: dt.datetime | None
    seconds_left: float | None


def elapsed_of(row: ClockRow, now: dt.datetime) -> float:
    """Playing seconds of the current turn at `now`."""
    running = (now - row.running_since).total_seconds() if row.running_since else 0.0
    return row.elapsed + max(running, 0.0)


def state_of(session_id: str, status: str, row: ClockRow, now: dt.datetime) -> ClockState:
    """The `ClockState` of a stored clock row at `now`."""
    elapsed = elapsed_of(row, now)
    left = None if row.length is None else max(row.length - elapsed, 0.0)
    deadline = None
    if left is not None and status == RUNNING:
        deadline = (now + dt.timedelta(seconds=left)).replace(tzinfo=dt.UTC)
    return ClockState(
        session_id,
        row.turn,
        status,
        row.turn_minutes,
        round(elapsed, 3),
        deadline,
        None if left is None else round(left, 3),
    )


def start_turn(
    con: duckdb.DuckDBPyConnection,
    session_id: str,
    turn: int,
    turn_minutes: float | None,
    now: dt.datetime,
    *,
    running: bool = True,
) -> None:
    """Set the clock of `turn` to zero and (unless `running` is false) start it."""
    length = None if turn_minutes is None else turn_minutes * 60.0
    set_clock(con, session_id, ClockRow(turn, turn_minutes, length, 0.0, now if running else None))


def next_turn(
    con: duckdb.DuckDBPyConnection, session_id: str, turn: int, ended: bool, now: dt.datetime
) -> None:
    """After an adjudication: start the clock of `turn`, or stop it when the session ended."""
    row = clock_row(con, session_id)
    minutes = row.turn_minutes if row is not None else None
    start_turn(con, session_id, turn, minutes, now, running=not ended)
