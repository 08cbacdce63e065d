"""The exercises component of the store: sessions, their roles, every move and turn record.

A session is its exercise file's text (so edits to the file do not change a session under
way), a seed, the current turn and status, and the tokens of the facilitator and each role.
Every move (a message, an action, a proposal, an answer, an inject fired) is one row of
`exercise_moves`, committed when it is made: closing the store in mid-turn loses nothing, and
the simulated world of any turn is rebuilt by replaying the moves from the seed
(`accord.exercises.engine`). `exercise_turns` keeps what each adjudication produced.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from accord.errors import NotFoundError
from accord.events.write import Provenance
from accord.exercises.model import ALL
from accord.jsonable import AsDict
from accord.store import Schema, first_int
from accord.store.schema import Migration

# Released migrations are frozen: literal SQL; tests/store/test_migrations.py pins each one
# (docs/store.md). A change of a table goes into a new migration.
_V1_SESSIONS = """
CREATE TABLE exercise_sessions (
    session_id VARCHAR PRIMARY KEY,
    exercise VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    source_file VARCHAR,
    source_text VARCHAR NOT NULL,
    seed BIGINT NOT NULL,
    turn INTEGER NOT NULL,
    status VARCHAR NOT NULL,
    facilitator_token VARCHAR NOT NULL,
    created TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE TABLE exercise_roles (
    session_id VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    token VARCHAR NOT NULL,
    player VARCHAR,
    PRIMARY KEY (session_id, role)
);
CREATE TABLE exercise_moves (
    session_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    turn INTEGER NOT NULL,
    role VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    audience VARCHAR NOT NULL,
    body VARCHAR NOT NULL,
    ai BOOLEAN NOT NULL,
    created TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (session_id, seq)
);
CREATE TABLE exercise_turns (
    session_id VARCHAR NOT NULL,
    turn INTEGER NOT NULL,
    date DATE NOT NULL,
    events BIGINT NOT NULL,
    summary VARCHAR NOT NULL,
    PRIMARY KEY (session_id, turn)
);
"""

_V2_CLOCKS = """
CREATE TABLE exercise_clocks (
    session_id VARCHAR PRIMARY KEY,
    turn INTEGER NOT NULL,
    turn_minutes DOUBLE,
    length_seconds DOUBLE,
    elapsed_seconds DOUBLE NOT NULL,
    running_since TIMESTAMP
);
"""

EXERCISES_SCHEMA = Schema(
    "exercises",
    (
        Migration(1, "exercise sessions, roles, moves and turn records", _V1_SESSIONS),
        Migration(2, "exercise turn clocks", _V2_CLOCKS),
    ),
)

#: Dataset value of exercise events.
DATASET = "exercise"


def provenance(session_id: str) -> Provenance:
    """The provenance of a session's events: their run id, producer `exercise`."""
    return Provenance(session_id, DATASET, column="run_id")


#: Session statuses.
RUNNING, PAUSED, ENDED = "running", "paused", "ended"


@dataclass(frozen=True)
class SessionRow:
    """A session as stored (the facilitator token included: never hand it to a role)."""

    session_id: str
    exercise: str
    title: str
    source_file: str | None
    source_text: str
    seed: int
    turn: int
    status: str
    facilitator_token: str


@dataclass(frozen=True)
class RoleRow:
    """A role of a session: its token (the invite) and its player (None: the AI plays it)."""

    role: str
    token: str
    player: str | None


@dataclass(frozen=True)
class Move(AsDict):
    """One thing done in a session: `seq` orders every move; `role` is who did it (a role id or
    `control`); `kind` one of message, action, propose, accept, reject, decide, inject,
    agreement, player; `audience` the roles that may read it (`*`: everyone); `ai` whether an
    AI counterpart made it."""

    seq: int
    turn: int
    role: str
    kind: str
    audience: tuple[str, ...]
    body: dict[str, Any]
    ai: bool = False

    def visible_to(self, role: str) -> bool:
        """Whether `role` may read this move (its own moves, and moves addressed to it)."""
        return self.role == role or ALL in self.audience or role in self.audience


def insert_session(con: duckdb.DuckDBPyConnection, row: SessionRow, roles: list[RoleRow]) -> None:
    """Add a session and its roles (in the caller's transaction)."""
    con.execute(
        "INSERT INTO exercise_sessions (session_id, exercise, title, source_file, source_text, "
        "seed, turn, status, facilitator_token) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            row.session_id,
            row.exercise,
            row.title,
            row.source_file,
            row.source_text,
            row.seed,
            row.turn,
            row.status,
            row.facilitator_token,
        ],
    )
    for r in roles:
        con.execute(
            "INSERT INTO exercise_roles (session_id, role, token, player) VALUES (?, ?, ?, ?)",
            [row.session_id, r.role, r.token, r.player],
        )


def delete_session(con: duckdb.DuckDBPyConnection, session_id: str) -> None:
    """Remove a session's rows from every exercise table (its events are the caller's)."""
    for table in (
        "exercise_moves",
        "exercise_turns",
        "exercise_roles",
        "exercise_clocks",
        "exercise_sessions",
    ):
        con.execute(f"DELETE FROM {table} WHERE session_id = ?", [session_id])


_SESSION_COLUMNS = (
    "session_id, exercise, title, source_file, source_text, seed, turn, status, facilitator_token"
)


def no_session(session_id: str) -> str:
    """The message for a session that is not there, or not for this token (the same words, so
    a wrong token tells nothing), with where the stored sessions are listed."""
    return (
        f"no exercise session {session_id!r} (stored sessions: `accord exercise list`, "
        "GET /api/exercises/sessions)"
    )


def session_row(con: duckdb.DuckDBPyConnection, session_id: str) -> SessionRow:
    """The stored session; `NotFoundError` when there is none."""
    row = con.execute(
        f"SELECT {_SESSION_COLUMNS} FROM exercise_sessions WHERE session_id = ?", [session_id]
    ).fetchone()
    if row is None:
        raise NotFoundError(no_session(session_id))
    return SessionRow(*row)


def session_rows(con: duckdb.DuckDBPyConnection) -> list[SessionRow]:
    """Every stored session, oldest first."""
    rows = con.execute(
        f"SELECT {_SESSION_COLUMNS} FROM exercise_sessions ORDER BY created, session_id"
    ).fetchall()
    return [SessionRow(*r) for r in rows]


def role_rows(con: duckdb.DuckDBPyConnection, session_id: str) -> list[RoleRow]:
    """The session's roles, by role id."""
    rows = con.execute(
        "SELECT role, token, player FROM exercise_roles WHERE session_id = ? ORDER BY role",
        [session_id],
    ).fetchall()
    return [RoleRow(*r) for r in rows]


def set_player(
    con: duckdb.DuckDBPyConnection, session_id: str, role: str, player: str | None
) -> None:
    """Give a role to a player (None: back to the AI)."""
    con.execute(
        "UPDATE exercise_roles SET player = ? WHERE session_id = ? AND role = ?",
        [player, session_id, role],
    )


def set_state(con: duckdb.DuckDBPyConnection, session_id: str, turn: int, status: str) -> None:
    """Move the session to `turn` with `status`."""
    con.execute(
        "UPDATE exercise_sessions SET turn = ?, status = ? WHERE session_id = ?",
        [turn, status, session_id],
    )


def add_move(
    con: duckdb.DuckDBPyConnection,
    session_id: str,
    turn: int,
    role: str,
    kind: str,
    audience: tuple[str, ...],
    body: dict[str, Any],
    *,
    ai: bool = False,
) -> Move:
    """Append a move (numbered after the session's last one); return it."""
    seq = 1 + first_int(
        con, "SELECT coalesce(max(seq), 0) FROM exercise_moves WHERE session_id = ?", [session_id]
    )
    con.execute(
        "INSERT INTO exercise_moves (session_id, seq, turn, role, kind, audience, body, ai) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [session_id, seq, turn, role, kind, ",".join(audience), json.dumps(body), ai],
    )
    return Move(seq, turn, role, kind, audience, body, ai)


def add_moves(
    con: duckdb.DuckDBPyConnection,
    session_id: str,
    planned: Sequence[tuple[int, str, str, tuple[str, ...], dict[str, Any], bool]],
) -> list[Move]:
    """Append many moves, each (turn, role, kind, audience, body, ai), in one insert."""
    if not planned:
        return []
    (row,) = con.execute(
        "SELECT coalesce(max(seq), 0) FROM exercise_moves WHERE session_id = ?", [session_id]
    ).fetchall()  # fetched in full: DuckDB registers nothing while a result is open
    base = int(row[0])
    made = [
        Move(base + k + 1, turn, role, kind, audience, body, ai)
        for k, (turn, role, kind, audience, body, ai) in enumerate(planned)
    ]
    rows = pa.table(
        {
            "session_id": pa.array([session_id] * len(made), pa.string()),
            "seq": pa.array([m.seq for m in made], pa.int32()),
            "turn": pa.array([m.turn for m in made], pa.int32()),
            "role": pa.array([m.role for m in made], pa.string()),
            "kind": pa.array([m.kind for m in made], pa.string()),
            "audience": pa.array([",".join(m.audience) for m in made], pa.string()),
            "body": pa.array([json.dumps(m.body) for m in made], pa.string()),
            "ai": pa.array([m.ai for m in made], pa.bool_()),
        }
    )
    con.register("exercise_new_moves", rows)
    try:
        con.execute(
            "INSERT INTO exercise_moves (session_id, seq, turn, role, kind, audience, body, ai) "
            "SELECT session_id, seq, turn, role, kind, audience, body, ai FROM exercise_new_moves"
        )
    finally:
        con.unregister("exercise_new_moves")
    return made


def moves(con: duckdb.DuckDBPyConnection, session_id: str, *, since: int = 0) -> list[Move]:
    """Every move of the session numbered after `since`, in order."""
    rows = con.execute(
        "SELECT seq, turn, role, kind, audience, body, ai FROM exercise_moves "
        "WHERE session_id = ? AND seq > ? ORDER BY seq",
        [session_id, since],
    ).fetchall()
    return [
        Move(int(s), int(t), str(r), str(k), tuple(str(a).split(",")), json.loads(b), bool(ai))
        for s, t, r, k, a, b, ai in rows
    ]


def last_seq(con: duckdb.DuckDBPyConnection, session_id: str) -> int:
    """The number of the session's last move (0: none)."""
    return first_int(
        con, "SELECT coalesce(max(seq), 0) FROM exercise_moves WHERE session_id = ?", [session_id]
    )


def add_turn(
    con: duckdb.DuckDBPyConnection,
    session_id: str,
    turn: int,
    date: dt.date,
    events: int,
    summary: dict[str, Any],
) -> None:
    """Record what the adjudication of `turn` produced."""
    con.execute(
        "INSERT INTO exercise_turns (session_id, turn, date, events, summary) "
        "VALUES (?, ?, ?, ?, ?)",
        [session_id, turn, date, events, json.dumps(summary, sort_keys=True)],
    )


def turn_summaries(con: duckdb.DuckDBPyConnection, session_id: str) -> list[dict[str, Any]]:
    """The adjudication records of the session's turns, in order."""
    rows = con.execute(
        "SELECT summary FROM exercise_turns WHERE session_id = ? ORDER BY turn", [session_id]
    ).fetchall()
    return [json.loads(s) for (s,) in rows]
