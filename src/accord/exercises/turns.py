"""Advancing a session: the adjudication of the current turn, in one transaction.

`advance` rebuilds the session's world by replaying the stored moves, lets the AI counterparts
move, applies the defaults of unanswered decision points, closes the tables whose standing
proposal every other party accepted, adjudicates (`accord.exercises.engine`), writes the turn's
events through the one write path (`accord.events.write`: dataset `exercise`, run id = the
session id, step = the turn, `simulated` true), records the turn and fires the next turn's
injects. A failure anywhere leaves the session exactly as it was before the call.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from accord.events.schema import EVENT_COLUMNS
from accord.events.write import writing
from accord.exercises.actions import coding
from accord.exercises.ai import press_wire
from accord.exercises.clock import next_turn, utc_now
from accord.exercises.engine import Engine, Row, compiled
from accord.exercises.model import ALL, CONTROL, Exercise
from accord.exercises.session import (
    Access,
    fire_due,
    fire_scheduled,
    open_session,
    planned_moves,
    require_facilitator,
    require_running,
)
from accord.exercises.store_io import (
    DATASET,
    ENDED,
    RUNNING,
    Move,
    add_move,
    add_moves,
    add_turn,
    moves,
    provenance,
    set_state,
)
from accord.exercises.tables import agreed, table_state
from accord.jsonable import AsDict
from accord.simulation.runner import Prepared
from accord.store import Store

_ARROW = {
    "VARCHAR": pa.string(),
    "DATE": pa.date32(),
    "TINYINT": pa.int8(),
    "DOUBLE": pa.float64(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "BOOLEAN": pa.bool_(),
}


@dataclass(frozen=True)
class TurnReport(AsDict):
    """What advancing did: the turn adjudicated, its date, events stored, AI moves made,
    agreements reached, wars among the roles' states, the injects of the next turn, and where
    the session stands now."""

    session_id: str
    turn: int
    date: dt.date
    events: int
    ai_moves: int
    agreements: dict[str, dict[str, float]]
    wars: tuple[tuple[str, str], ...]
    injects: tuple[str, ...]
    status: str
    next_turn: int | None


def _agreements(con: duckdb.DuckDBPyConnection, a: Access, done: Sequence[Move]) -> list[Move]:
    """Agreement moves for every open table whose standing proposal all others accepted."""
    turn, sid = a.row.turn, a.row.session_id
    answers = [m for m in done if m.turn <= turn and m.kind in ("accept", "reject")]
    out = []
    for table in a.exercise.tables:
        state = table_state(table, done, turn)
        overridden = any(
            m.kind == "agreement" and m.turn == turn and m.body.get("table") == table.id
            for m in done
        )
        if state.agreement is not None or overridden:
            continue
        deal = agreed(table, state, answers)
        if deal is None:
            continue
        actors = sorted({a.exercise.role(r).actor for r in table.roles})
        body = {"table": table.id, "values": deal.values, "proposal": deal.seq, "actors": actors}
        out.append(add_move(con, sid, turn, CONTROL, "agreement", (ALL,), body))
    return out


def _write_events(writer: Any, staged: pa.Table) -> None:
    """Add a turn's staged event rows through the write path's writer."""
    writer.con.register("exercise_rows", staged)
    try:
        writer.add("exercise_rows")
    finally:
        writer.con.unregister("exercise_rows")


def _wire(con: duckdb.DuckDBPyConnection, a: Access, done: Sequence[Move]) -> list[Move]:
    """The AI press's wire of the turn, written after its moves and agreements."""
    turn, ai = a.row.turn, frozenset(r.id for r in a.exercise.roles) - a.humans()
    wire = press_wire(a.exercise, done, turn, ai)
    rows = [(turn, p.role, p.kind, p.audience, p.body, True) for p in wire]
    return add_moves(con, a.row.session_id, rows) if rows else []


def staged_events(exercise: Exercise, session_id: str, turn: int, rows: Sequence[Row]) -> pa.Table:
    """A turn's event rows in the canonical batch layout (`events` columns, then a verdict)."""
    n = len(rows)
    cols: dict[str, list[Any]] = {name: [None] * n for name, _ in EVENT_COLUMNS}
    date = exercise.date_of(turn)
    for k, (sa, sc, ss, ta, tc, ts, cameo) in enumerate(rows):
        c = coding(cameo)
        values = {
            "dataset": DATASET,
            "event_id": f"{session_id}-{turn:03d}-{k:06d}",
            "event_date": date,
            "source_actor": sa,
            "source_country": sc,
            "source_sector": ss,
            "target_actor": ta,
            "target_country": tc,
            "target_sector": ts,
            "cameo_code": cameo,
            "cameo_root": c.root,
            "quad_class": c.quad,
            "goldstein": c.goldstein,
            "plover_type": c.plover_type,
            "plover_mode": c.plover_mode,
            "plover_context": c.plover_context,
            "line": k + 1,
            "simulated": True,
            "run_id": session_id,
            "step": turn,
        }
        for name, value in values.items():
            cols[name][k] = value
    arrays = {name: pa.array(cols[name], _ARROW[t]) for name, t in EVENT_COLUMNS}
    arrays["reject_reason"] = pa.array([None] * n, pa.string())
    arrays["reject_field"] = pa.array([None] * n, pa.string())
    return pa.table(arrays)


#: Worlds kept between the turns of the sessions this process advances, by session id, with
#: the key of what they have seen (seed, file text, turn, moves of the turns adjudicated).
_WORLDS: OrderedDict[str, tuple[tuple[Any, ...], Engine]] = OrderedDict()
_KEEP = 8


def _world_key(store: Store, a: Access, turn: int, past: Sequence[Move]) -> tuple[Any, ...]:
    """What a kept world must match: the store, seed, file text, turn and the moves of the
    turns adjudicated (count and last number)."""
    last = max((m.seq for m in past), default=0)
    return (str(store.path), a.row.seed, hash(a.row.source_text), turn, len(past), last)


def world_at(store: Store, a: Access, prepared: Prepared, done: Sequence[Move]) -> Engine:
    """The session's world at the start of its current turn: kept from this process's last
    adjudication of the session when nothing else moved it, else rebuilt by replay."""
    key = _world_key(store, a, a.row.turn, [m for m in done if m.turn < a.row.turn])
    kept = _WORLDS.pop(a.row.session_id, None)
    if kept is not None and kept[0] == key:
        return kept[1]
    engine = Engine(a.exercise, prepared, a.row.seed)
    engine.replay(done, a.row.turn)
    return engine


def _keep(session_id: str, key: tuple[Any, ...], engine: Engine) -> None:
    _WORLDS[session_id] = (key, engine)
    while len(_WORLDS) > _KEEP:
        _WORLDS.popitem(last=False)


def advance(
    store: Store, session_id: str, token: str, *, now: dt.datetime | None = None
) -> TurnReport:
    """Adjudicate the current turn and open the next, its clock started at `now` (facilitator
    only; the server's clock advances a turn whose time ran out)."""
    a = open_session(store, session_id, token)
    require_facilitator(a, "advance the session")
    if a.row.status == ENDED:  # a paused session may be advanced: the next turn's clock runs
        require_running(a)
    exercise, prepared = compiled(a.row.source_text, a.row.source_file)
    done = moves(store.con, session_id)
    turn = a.row.turn
    engine = world_at(store, a, prepared, done)
    humans = frozenset(exercise.role(r).actor for r in a.humans())
    with writing(store, provenance(session_id)) as writer:
        con = writer.con
        done = [*done, *fire_due(con, exercise, session_id, turn, done, None)]  # minute injects
        planned = planned_moves(a, engine, done)
        new = add_moves(
            con,
            session_id,
            [(turn, p.role, p.kind, p.audience, p.body, p.role != CONTROL) for p in planned],
        )
        deals = _agreements(con, a, [*done, *new])
        new += _wire(con, a, [*done, *new, *deals])
        played = [m for m in [*done, *new, *deals] if m.turn == turn]
        outcome = engine.adjudicate(played, humans)
        _write_events(writer, staged_events(exercise, session_id, turn, outcome.rows))
        last = turn >= exercise.turns
        fired = [] if last else fire_scheduled(con, exercise, session_id, turn + 1, done)
        summary = {
            "turn": turn,
            "date": exercise.date_of(turn).isoformat(),
            "facts": outcome.facts,
            "agreements": {m.body["table"]: m.body["values"] for m in deals},
            "moves": dict(sorted(Counter(m.kind for m in played).items())),
            "events": len(outcome.rows),
        }
        add_turn(con, session_id, turn, exercise.date_of(turn), len(outcome.rows), summary)
        set_state(con, session_id, turn if last else turn + 1, ENDED if last else RUNNING)
        next_turn(con, session_id, turn if last else turn + 1, last, now or utc_now())
    if not last:  # keep the world for the next turn: the key it will be looked up by
        past = [m for m in done if m.turn <= turn] + new + deals
        _keep(session_id, _world_key(store, a, turn + 1, past), engine)
    return TurnReport(
        session_id,
        turn,
        exercise.date_of(turn),
        writer.result.stored,
        sum(1 for m in new if m.ai),
        {m.body["table"]: m.body["values"] for m in deals},
        tuple((w[0], w[1]) for w in outcome.facts["wars"]),
        tuple(fired),
        ENDED if last else RUNNING,
        None if last else turn + 1,
    )
