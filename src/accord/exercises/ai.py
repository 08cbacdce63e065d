"""AI counterparts: the moves of every role nobody plays, made at the adjudication of a turn.

- At the tables, an AI party answers the standing proposals and makes its own with its
  bargaining strategy (`accord.exercises.tables`); an AI mediator tables the compromise
  forecast once.
- At a decision point, an AI role picks the option whose effects fit its state's doctrine:
  score = (liberalism + constructivism - realism) x the Goldstein sum of the option's events
  and shocks, plus a small seeded noise (non-state roles weigh cooperation fully).
- Non-state roles answer what stands between the states they deal with (`Situation`: war,
  sanctions, a crisis, their tables): a mediator or IGO praises an agreement of last turn,
  appeals for restraint in a crisis, mediates at a table it chairs with proposals and
  consults otherwise (an IGO sitting as a party consults the other parties); an NGO
  brings humanitarian aid in a war and appeals in a crisis or at a table; a firm appeals
  against sanctions. None repeats last turn's action toward the same state: a call made every
  week is noise. The press publishes a digest of the turn's public actions to everyone. An
  AI role acknowledges every direct message a person sent it.
- The AI press writes a wire of the turn after everything else (`press_wire`): every public
  action, statement and decision, the injects to everyone and the agreements.
- The actions of AI states come from the simulation itself (their doctrine), not from here.

Randomness comes from the turn's generator only, so a session is reproducible from its seed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from accord.exercises.actions import coding, move_action
from accord.exercises.engine import Engine
from accord.exercises.model import ALL, CONTROL, Decision, Exercise, Role, Table
from accord.exercises.store_io import Move
from accord.exercises.tables import (
    Proposal,
    as_values,
    mediator_proposal,
    strategy_for,
    table_moves,
    table_state,
)

#: The Goldstein-like weight of each shock kind, for an AI judging a decision's options.
SHOCK_WEIGHT = {
    "invasion": -10.0,
    "incident": -5.0,
    "sanctions": -8.0,
    "lift_sanctions": 5.0,
    "mediation": 4.0,
    "alliance": 8.0,
    "summit": 5.0,
    "pandemic": 0.0,
}
#: Crisis rung (`SimulationState.crisis`, 0 none .. 5 war) from which a non-state role calls
#: for restraint: 2 is a threat (CAMEO 13), the rung of a show of force.
CRISIS_RUNG = 2


@dataclass(frozen=True)
class Planned:
    """A move an AI counterpart (or control) makes: who, what kind, to whom, its body."""

    role: str
    kind: str
    audience: tuple[str, ...]
    body: dict[str, Any]


def table_audience(table: Table) -> tuple[str, ...]:
    """Who reads a table's moves: its parties and its mediator."""
    return table.roles + ((table.mediator,) if table.mediator else ())


def ai_moves(
    exercise: Exercise,
    engine: Engine,
    moves: Sequence[Move],
    turn: int,
    ai_roles: frozenset[str],
    rng: np.random.Generator,
) -> list[Planned]:
    """Every AI counterpart's moves of `turn`, given the moves made so far."""
    planned: list[Planned] = []
    for table in exercise.tables:
        planned += _table_moves(exercise, table, moves, turn, ai_roles, rng)
    for decision in exercise.decisions:
        if decision.turn == turn and decision.role in ai_roles and not _answered(decision, moves):
            planned.append(_decide(engine, exercise.role(decision.role), decision, rng))
    for role in exercise.roles:
        if role.id in ai_roles:
            planned += _routine(exercise, engine, role, moves, turn)
            planned += _replies(role, moves, turn)
    return planned


def press_wire(
    exercise: Exercise, moves: Sequence[Move], turn: int, ai_roles: frozenset[str]
) -> list[Planned]:
    """The AI press's wire of `turn`, written last (after the AI moves and the agreements
    of the turn) so it reports everything public the turn held."""
    press = [r for r in exercise.roles if r.kind == "press" and r.id in ai_roles]
    return [_digest(exercise, role, moves, turn) for role in press]


def _answered(decision: Decision, moves: Sequence[Move]) -> bool:
    return any(m.kind == "decide" and m.body.get("decision") == decision.id for m in moves)


def _table_moves(
    exercise: Exercise,
    table: Table,
    moves: Sequence[Move],
    turn: int,
    ai_roles: frozenset[str],
    rng: np.random.Generator,
) -> list[Planned]:
    """The AI parties' answers and proposals at one open table, and an AI mediator's proposal."""
    state = table_state(table, moves, turn)
    if state.agreement is not None:
        return []
    audience = table_audience(table)
    seen = [
        Proposal(m.seq, m.role, m.turn, dict(m.body["values"]))
        for m in table_moves(table, moves)
        if m.kind == "propose" and m.turn < turn
    ]
    out: list[Planned] = []
    for role in table.roles:
        if role not in ai_roles:
            continue
        name = exercise.role(role).strategy
        strategy = strategy_for(table, role, name, exercise.turns, rng, seen)
        step = turn - 1
        for p in state.standing:
            if p.role != role:
                offer = tuple(p.values[i.name] for i in table.issues)
                kind = "accept" if strategy.accept(step, offer) else "reject"
                out.append(Planned(role, kind, audience, {"table": table.id, "proposal": p.seq}))
        values = as_values(table, strategy.propose(step))
        if not any(p.role == role and p.values == values for p in state.standing):
            # the same offer made again would replace the standing one: acceptances would lapse
            out.append(Planned(role, "propose", audience, {"table": table.id, "values": values}))
    mediator = table.mediator
    if mediator in ai_roles and not any(p.role == mediator for p in state.standing):
        values = mediator_proposal(table)
        out.append(
            Planned(str(mediator), "propose", audience, {"table": table.id, "values": values})
        )
    return out


def option_score(effects: Sequence[Any]) -> float:
    """How much an option's effects cooperate: the Goldstein sum of its events and shocks."""
    total = 0.0
    for e in effects:
        if e.kind == "event":
            total += coding(move_action(e.args["action"]).cameo).goldstein
        elif e.kind == "shock":
            total += SHOCK_WEIGHT.get(str(e.args.get("kind")), 0.0)
        elif "relation" in e.args:
            total += 10.0 * float(e.args["relation"]["value"])
    return total


def _decide(engine: Engine, role: Role, decision: Decision, rng: np.random.Generator) -> Planned:
    """An AI role's answer to a decision point (see the module docstring)."""
    i = engine.index(role.actor) if role.is_state else None
    s = engine.state
    lean = 1.0 if i is None else float(s.liberalism[i] + s.constructivism[i] - s.realism[i])
    scores = [lean * option_score(o.effects) + rng.normal(0.0, 0.5) for o in decision.options]
    option = decision.options[int(np.argmax(scores))]
    audience = decision_audience(decision, option.id)
    return Planned(role.id, "decide", audience, decide_body(decision, option.id))


def decide_body(decision: Decision, option_id: str, *, default: bool = False) -> dict[str, Any]:
    """The body of a decide move: the decision, the option, its text, whether it is public
    and its effects (as data)."""
    option = decision.option(option_id)
    effects = [{"kind": e.kind, "args": dict(e.args)} for e in option.effects]
    return {
        "decision": decision.id,
        "option": option.id,
        "text": option.text,
        "public": option.public,
        "effects": effects,
        "default": default,
    }


def decision_audience(decision: Decision, option_id: str) -> tuple[str, ...]:
    """Who reads the answer to a decision point: everyone for a public option, else its role."""
    return (ALL,) if decision.option(option_id).public else (decision.role,)


def _states_dealt_with(exercise: Exercise, role: Role) -> list[Role]:
    """The state roles a non-state role deals with: those at its tables, else every state."""
    ids = {r for t in exercise.tables if role.id in (*t.roles, t.mediator) for r in t.roles}
    states = [r for r in exercise.roles if r.is_state and r.id != role.id]
    return [r for r in states if r.id in ids] or states


@dataclass(frozen=True)
class Situation:
    """What stands between a state and the other states a non-state role deals with, as a
    non-state role sees it at the start of a turn (the world as adjudicated so far)."""

    war: bool
    sanctions: bool
    crisis: bool
    agreed: bool  # a table of the role's with this state agreed last turn
    proposals: bool  # an open table the role chairs with this state has proposals standing
    open: bool  # an open table of the role's has this state as a party
    tables: bool  # the role sits at any table


def situation(
    exercise: Exercise, engine: Engine, role: Role, state: Role, moves: Sequence[Move], turn: int
) -> Situation:
    """`state`'s situation toward the other states `role` deals with, and at `role`'s tables."""
    s = engine.state
    i = engine.index(state.actor)
    others = [engine.index(r.actor) for r in _states_dealt_with(exercise, role) if r != state]
    pairs = [(i, j) for j in others if i is not None and j is not None and j != i]
    mine = [t for t in exercise.tables if role.id in (*t.roles, t.mediator)]
    theirs = [table_state(t, moves, turn) for t in mine if state.id in t.roles]
    opened = [t for t in theirs if t.agreement is None]
    chaired = {t.id for t in mine if t.mediator == role.id}
    return Situation(
        war=any(s.war[a, b] or s.war[b, a] for a, b in pairs),
        sanctions=any(s.sanction[a, b] or s.sanction[b, a] for a, b in pairs),
        crisis=any(s.crisis[a, b] >= CRISIS_RUNG for a, b in pairs),
        agreed=any(t.agreed_turn == turn - 1 for t in theirs),
        proposals=any(t.standing for t in opened if t.table in chaired),
        open=bool(opened),
        tables=bool(mine),
    )


def _chair_action(s: Situation) -> str | None:
    """A mediator's or IGO's action toward a state in situation `s`."""
    if s.agreed:
        return "praise"
    if s.war or s.crisis:
        return "appeal"
    if s.proposals:
        return "mediate"
    return "consult" if s.open or not s.tables else None


def _ngo_action(s: Situation) -> str | None:
    """An NGO's action toward a state in situation `s`."""
    if s.war:
        return "humanitarian_aid"
    if s.crisis or s.sanctions:
        return "appeal"
    if s.agreed:
        return "praise"
    return "appeal" if s.open or not s.tables else None


def _firm_action(s: Situation) -> str | None:
    """A firm's action toward a state in situation `s`."""
    if s.sanctions:
        return "appeal"
    if s.agreed:
        return "praise"
    return "consult" if s.open or not s.tables else None


#: What an AI non-state role does toward a state, by the role's kind and the state's situation.
ROUTINE = {
    "mediator": _chair_action,
    "igo": _chair_action,
    "ngo": _ngo_action,
    "firm": _firm_action,
}


def _routine(
    exercise: Exercise, engine: Engine, role: Role, moves: Sequence[Move], turn: int
) -> list[Planned]:
    """A non-state AI role's actions of the turn toward the states it deals with (`ROUTINE`),
    none repeating its action of last turn toward the same state."""
    rule = ROUTINE.get(role.kind)
    if rule is None:
        return []
    before = {
        (m.body.get("action"), m.body.get("target_role"))
        for m in moves
        if m.turn == turn - 1 and m.role == role.id and m.kind == "action"
    }
    out = []
    for r in _states_dealt_with(exercise, role):
        action = rule(situation(exercise, engine, role, r, moves, turn))
        if action is None or (action, r.id) in before:
            continue
        body = {"source": role.actor, "target": r.actor, "action": action, "target_role": r.id}
        out.append(Planned(role.id, "action", (ALL,), body))
    return out


def _replies(role: Role, moves: Sequence[Move], turn: int) -> list[Planned]:
    """An AI role's acknowledgement of each direct message a person sent it this turn."""
    out = []
    for m in moves:
        if (
            m.turn == turn
            and m.kind == "message"
            and not m.ai
            and role.id in m.audience
            and ALL not in m.audience
        ):
            text = f"{role.name} acknowledges your message and will answer through the tables."
            out.append(Planned(role.id, "message", (m.role,), {"text": text, "reply_to": m.seq}))
    return out


def _digest(exercise: Exercise, role: Role, moves: Sequence[Move], turn: int) -> Planned:
    """The press's wire of the turn: every public move (actions, grouped by who and what;
    public statements and decisions; injects to everyone; agreements), its own excepted."""
    grouped: dict[str, list[str]] = {}
    for m in moves:
        if m.turn == turn and m.role != role.id and ALL in m.audience:
            line = _wire_line(exercise, m)
            if line is not None:
                head, _, tail = line.partition("\t")
                grouped.setdefault(head, []).append(tail)
    lines = [
        head + (" " + ", ".join(tails) if any(tails) else "") for head, tails in grouped.items()
    ]
    text = f"Turn {turn} wire: " + ("; ".join(lines) + "." if lines else "a quiet week in public.")
    return Planned(role.id, "message", (ALL,), {"text": text, "channel": "news"})


def _wire_line(exercise: Exercise, m: Move) -> str | None:
    """A public move as a line of the wire (`who: what` and a tab before the part that
    groups: an action's target), or None for moves the wire does not report."""
    names = {r.id: r.name for r in exercise.roles}
    b = m.body
    if m.kind == "action":
        target = names.get(str(b.get("target_role")), b["target"])
        return f"{names.get(m.role, m.role)}: {b['action'].replace('_', ' ')}\t{target}"
    if m.kind == "decide":
        who = names.get(exercise.decision(b["decision"]).role, m.role)
        return f"{who}: {_short(str(b.get('text') or b['option']))}\t"
    if m.kind == "message":
        return f"{names.get(m.role, m.role)} says: {_short(str(b.get('text', '')))}\t"
    if m.kind == "inject":
        sender = b.get("from") if b.get("from") not in (None, "", CONTROL) else "News"
        return f"{sender}: {_short(str(b.get('text', '')))}\t"
    if m.kind == "agreement":
        title = exercise.table(b["table"]).title
        values = ", ".join(f"{k} {v:g}" for k, v in b["values"].items())
        how = " (set by control)" if b.get("override") else ""
        return f"agreement at {title}{how}: {values}\t"
    return None


def _short(text: str, most: int = 160) -> str:
    """One line of at most `most` characters (an ellipsis when cut), no final full stop."""
    line = " ".join(text.split()).rstrip(".")
    return line if len(line) <= most else line[: most - 1].rstrip() + "\u2026"
