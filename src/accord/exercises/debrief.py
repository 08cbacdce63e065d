"""The debrief (after-action review) of a session: what happened, measured.

- the timeline of moves and injects, turn by turn;
- the relations analytics of `accord.relations` run on the session's own events (dataset
  `exercise`, run id = the session): the dyad series of every pair of the roles' states, tension
  alerts among them, and the blocs of their signed network;
- the simulated relation of each pair of role states after every turn;
- each table's agreement against the compromise, Nash bargaining and expected utility forecasts
  of the same case (`accord.bargaining`), with the mean distance per issue span;
- every role's objectives judged (`accord.exercises.objectives`) and its score (the weighted
  share of objectives met);
- every decision point: the option taken, by whom, and the options not taken.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import combinations
from typing import Any

import duckdb

from accord.bargaining import make_model
from accord.exercises.engine import Engine, compiled
from accord.exercises.model import Exercise, Role
from accord.exercises.objectives import (
    Facts,
    ObjectiveResult,
    evaluate,
    pairs_needed,
    parse_objective,
)
from accord.exercises.session import open_session, require_facilitator
from accord.exercises.store_io import DATASET, Move, moves, turn_summaries
from accord.exercises.tables import table_state
from accord.jsonable import AsDict
from accord.relations import (
    Alert,
    AlertSettings,
    Blocs,
    DyadPoint,
    duckdb_events,
    dyad_series,
    signed_blocs,
    signed_network,
    tension_alerts,
)
from accord.relations.periods import Period
from accord.store import Store

#: Forecasting models a table's agreement is compared with.
FORECAST_MODELS = ("compromise", "nbs", "eum")


@dataclass(frozen=True)
class TimelineEntry(AsDict):
    """One move of the timeline: turn, who, what, to whom, a one-line text."""

    seq: int
    turn: int
    role: str
    kind: str
    audience: tuple[str, ...]
    text: str
    ai: bool


@dataclass(frozen=True)
class DyadDebrief(AsDict):
    """A pair of role states: its event series (relations' dyad series) and its simulated
    relation after each turn."""

    a: str
    b: str
    points: tuple[DyadPoint, ...]
    relation: tuple[float | None, ...]


@dataclass(frozen=True)
class TableDebrief(AsDict):
    """A table's outcome against the models' forecasts of the same case; `fighting` says
    whether a war among its parties' states went on after the agreement, or ended."""

    table: str
    title: str
    agreement: dict[str, float] | None
    agreed_turn: int | None
    forecasts: dict[str, dict[str, float]]
    distance: dict[str, float | None]
    fighting: str = ""


@dataclass(frozen=True)
class RoleScore(AsDict):
    """A role's objectives judged, and its score (weighted share met; None without any)."""

    role: str
    name: str
    played_by: str
    score: float | None
    objectives: tuple[ObjectiveResult, ...]


@dataclass(frozen=True)
class DecisionDebrief(AsDict):
    """A decision point: the option taken, how (person, ai, default or control: an override),
    the ones not taken."""

    decision: str
    role: str
    turn: int
    question: str
    chosen: str | None
    chosen_by: str | None
    not_taken: tuple[str, ...]


@dataclass(frozen=True)
class Debrief(AsDict):
    """The after-action review of a session (facilitator only)."""

    session_id: str
    title: str
    exercise: str
    start: dt.date
    turns: int
    played: int
    status: str
    events: int
    timeline: tuple[TimelineEntry, ...]
    dyads: tuple[DyadDebrief, ...]
    alerts: tuple[Alert, ...]
    blocs: Blocs | None
    tables: tuple[TableDebrief, ...]
    scores: tuple[RoleScore, ...]
    decisions: tuple[DecisionDebrief, ...]
    at_start: dict[str, Any] | None = None


def describe(m: Move) -> str:
    """A move in one line."""
    b = m.body
    if m.kind == "action":
        return f"{b['source']} {b['action'].replace('_', ' ')} {b['target']}"
    if m.kind in ("message", "inject"):
        return str(b.get("text", ""))
    if m.kind == "propose":
        return f"proposes at {b['table']}: " + ", ".join(
            f"{k} {v:g}" for k, v in b["values"].items()
        )
    if m.kind in ("accept", "reject"):
        return f"{m.kind}s proposal {b['proposal']} at {b['table']}"
    if m.kind == "agreement":
        return f"agreement at {b['table']}: " + ", ".join(
            f"{k} {v:g}" for k, v in b["values"].items()
        )
    if m.kind == "decide":
        return f"decision {b['decision']}: {b['option']}" + (
            " (default)" if b.get("default") else ""
        )
    return f"{b}"


def _period(exercise: Exercise) -> Period:
    if exercise.turn_days < 7:
        return Period.DAY
    return Period.WEEK if exercise.turn_days < 28 else Period.MONTH


def _state_pairs(exercise: Exercise) -> list[tuple[str, str]]:
    codes = sorted({r.actor for r in exercise.roles if r.is_state})
    return list(combinations(codes, 2))


def _dyads(
    con: duckdb.DuckDBPyConnection,
    exercise: Exercise,
    sid: str,
    summaries: Sequence[dict[str, Any]],
) -> tuple[DyadDebrief, ...]:
    events = duckdb_events(con)
    out = []
    for a, b in _state_pairs(exercise):
        points = dyad_series(events, a, b, by=_period(exercise), dataset=DATASET, run_id=sid)
        relation = tuple(s["facts"]["relations"].get(f"{a}-{b}") for s in summaries)
        out.append(DyadDebrief(a, b, tuple(points), relation))
    return tuple(out)


def _alerts_and_blocs(
    con: duckdb.DuckDBPyConnection, exercise: Exercise, sid: str
) -> tuple[tuple[Alert, ...], Blocs | None]:
    events = duckdb_events(con)
    pairs = _state_pairs(exercise)
    settings = AlertSettings(by=_period(exercise), window=4, min_history=2, min_events=3)
    alerts = (
        tuple(tension_alerts(events, settings, dataset=DATASET, run_id=sid, pairs=pairs))
        if pairs
        else ()
    )
    graph = signed_network(events, dataset=DATASET, run_id=sid, min_events=2)
    states = {r.actor for r in exercise.roles if r.is_state}
    sub = graph.subgraph([n for n in graph.nodes if n in states])
    return alerts, (signed_blocs(sub, seed=0) if sub.number_of_nodes() else None)


def _fighting(
    exercise: Exercise, table_roles: Sequence[str], agreed: int, summaries: Sequence[Any]
) -> str:
    """What became of the wars among a table's parties' states after its agreement in turn
    `agreed`: nothing to say (no war), ended, or went on (the turns it was still fought)."""
    actors = {exercise.role(r).actor for r in table_roles}
    wars: dict[str, list[int]] = {}
    for s in summaries:
        for a, b in s["facts"]["wars"]:
            if a in actors and b in actors and s["turn"] >= agreed - 1:
                wars.setdefault(f"{a}-{b}", []).append(int(s["turn"]))
    notes = []
    for pair, turns in sorted(wars.items()):
        after = [t for t in turns if t >= agreed]
        if after:
            notes.append(f"fighting continued: {pair} at war after the agreement (turns {after})")
        else:
            notes.append(f"the war {pair} ended with the agreement")
    return "; ".join(notes)


def _tables(
    exercise: Exercise, done: Sequence[Move], turn: int, summaries: Sequence[Any] = ()
) -> tuple[TableDebrief, ...]:
    out = []
    for table in exercise.tables:
        state = table_state(table, done, turn + 1)
        case = table.case()
        forecasts = {
            name: {
                f.issue: round(float(f.forecast), 4) for f in make_model(name).forecast(case).issues
            }
            for name in FORECAST_MODELS
        }
        distance: dict[str, float | None] = {}
        for name, values in forecasts.items():
            if state.agreement is None:
                distance[name] = None
                continue
            gaps = [abs(state.agreement[i.name] - values[i.name]) / i.span for i in table.issues]
            distance[name] = round(sum(gaps) / len(gaps), 4)
        agreed = state.agreed_turn
        fighting = "" if agreed is None else _fighting(exercise, table.roles, agreed, summaries)
        out.append(
            TableDebrief(
                table.id, table.title, state.agreement, agreed, forecasts, distance, fighting
            )
        )
    return tuple(out)


def _cooperation(
    con: duckdb.DuckDBPyConnection, sid: str, a: str, b: str, last: int | None
) -> float | None:
    """Net cooperation between actors a and b (both directions) over the session's events, or
    over turn `last` only."""
    row = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE quad_class <= 2), "
        "count(*) FILTER (WHERE quad_class >= 3) "
        "FROM events WHERE dataset = ? AND run_id = ? AND ((source_actor = ? AND target_actor = ?) "
        "OR (source_actor = ? AND target_actor = ?)) AND (? IS NULL OR step = ?)",
        [DATASET, sid, a, b, b, a, last, last],
    ).fetchone()
    if row is None or not row[0]:
        return None
    return round((int(row[1]) - int(row[2])) / int(row[0]), 6)


def _actor_of(exercise: Exercise, role: Role) -> Any:
    ids = {r.id.lower(): r.actor for r in exercise.roles}

    def actor(name: str | None) -> str:
        if name is None:
            return role.actor
        return ids.get(name.lower(), name)

    return actor


def _scores(
    con: duckdb.DuckDBPyConnection,
    exercise: Exercise,
    sid: str,
    done: Sequence[Move],
    summaries: Sequence[dict[str, Any]],
    humans: frozenset[str],
    start: dict[str, Any],
) -> tuple[RoleScore, ...]:
    last = summaries[-1]["turn"] if summaries else None
    agreements = {t.id: table_state(t, done, (last or 0) + 1).agreement for t in exercise.tables}
    wars = frozenset(frozenset(w) for s in summaries for w in s["facts"]["wars"])
    end = summaries[-1]["facts"] if summaries else start
    during = frozenset((x[0], x[1]) for s in summaries for x in s["facts"]["sanctions"])
    base = Facts(
        agreements,
        wars,
        frozenset((x[0], x[1]) for x in end["sanctions"]),
        wars_at_end=frozenset(frozenset(w) for w in end["wars"]),
        sanctions_at_start=frozenset((x[0], x[1]) for x in start["sanctions"]),
        sanctions_during=during,
    )
    issues = {t.id: t.issues[0].name for t in exercise.tables if len(t.issues) == 1}
    out = []
    for role in exercise.roles:
        actor = _actor_of(exercise, role)
        goals = [(o, parse_objective(o.text)) for o in role.objectives]
        coop = {
            key: _cooperation(con, sid, key[0], key[1], last if key[2] else None)
            for _, g in goals
            if g is not None
            for key in pairs_needed(g, actor)
        }
        facts = replace(base, cooperation=coop)
        results = []
        for objective, goal in goals:
            assert goal is not None  # validated when the exercise was read
            met, value, detail = evaluate(goal, facts, actor, issues)
            results.append(ObjectiveResult(objective.text, met, objective.weight, value, detail))
        total = sum(r.weight for r in results)
        score = round(sum(r.weight for r in results if r.met) / total, 4) if total else None
        out.append(
            RoleScore(
                role.id, role.name, "person" if role.id in humans else "ai", score, tuple(results)
            )
        )
    return tuple(out)


def _decisions(exercise: Exercise, done: Sequence[Move]) -> tuple[DecisionDebrief, ...]:
    out = []
    for d in exercise.decisions:
        made = [m for m in done if m.kind == "decide" and m.body.get("decision") == d.id]
        chosen = made[-1].body["option"] if made else None  # the last answer counts (override)
        how = None
        if made:
            last = made[-1]
            how = "default" if last.body.get("default") else ("ai" if last.ai else "person")
            how = "control" if last.body.get("override") else how
        not_taken = tuple(o.id for o in d.options if o.id != chosen)
        out.append(DecisionDebrief(d.id, d.role, d.turn, d.question, chosen, how, not_taken))
    return tuple(out)


def debrief(store: Store, session_id: str, token: str) -> Debrief:
    """The debrief of a session (facilitator only)."""
    a = open_session(store, session_id, token)
    require_facilitator(a, "read the debrief")
    con, ex = store.con, a.exercise
    done = moves(con, session_id)
    summaries = turn_summaries(con, session_id)
    timeline = tuple(
        TimelineEntry(m.seq, m.turn, m.role, m.kind, m.audience, describe(m), m.ai)
        for m in done
        if m.kind != "player"
    )
    alerts, blocs = _alerts_and_blocs(con, ex, session_id)
    _, prepared = compiled(a.row.source_text, a.row.source_file)
    start = Engine(ex, prepared, a.row.seed).facts()  # the world before turn 1: cheap
    n_events = con.execute(
        "SELECT count(*) FROM events WHERE dataset = ? AND run_id = ?", [DATASET, session_id]
    ).fetchone()
    return Debrief(
        session_id=session_id,
        title=ex.title,
        exercise=ex.name,
        start=ex.start,
        turns=ex.turns,
        played=len(summaries),
        status=a.row.status,
        events=int(n_events[0]) if n_events else 0,
        timeline=timeline,
        dyads=_dyads(con, ex, session_id, summaries),
        alerts=alerts,
        blocs=blocs,
        tables=_tables(ex, done, len(summaries), summaries),
        scores=_scores(con, ex, session_id, done, summaries, a.humans(), start),
        decisions=_decisions(ex, done),
        at_start={"wars": start["wars"], "sanctions": start["sanctions"]},
    )
