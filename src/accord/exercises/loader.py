"""Reading exercise files: YAML through the simulation's located loader, every problem reported
with file, line and field (`roles[2].objectives[0]`), all problems at once.

The format is documented in docs/exercises.md. Names of states in effects and objectives are
checked against a world when one is given (`load_exercise(path, world=...)`): role ids, ISO3
codes, names and aliases of states and organizations are accepted.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import sys
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from accord.bargaining import Issue, strategy_names
from accord.errors import InputError, Problem
from accord.exercises.actions import action_names
from accord.exercises.model import (
    ALL,
    CHANNELS,
    ROLE_KINDS,
    Decision,
    Effect,
    Exercise,
    Inject,
    Objective,
    Option,
    Party,
    Role,
    Table,
)
from accord.exercises.objectives import SYNTAX, parse_objective
from accord.safe_yaml import read_yaml_text
from accord.simulation._yaml import line_of, load_located
from accord.simulation.doctrine import DOCTRINE_FIELDS
from accord.simulation.limits import check_ensemble
from accord.simulation.scenario import (
    NAME_ARGS,
    SHOCK_FIELDS,
    SHOCK_PAIRS,
    check_parameters,
    check_shock_values,
)
from accord.world import World

Spec = Mapping[str, tuple[tuple[type, ...], bool]]
#: Most turns of an exercise: ten years of weekly turns (a turn is one simulated step, and
#: `accord exercise play` adjudicates every turn in one go).
MAX_TURNS = 520
_NUM: tuple[type, ...] = (int, float)

_TOP: Spec = {
    "name": ((str,), True),
    "title": ((str,), True),
    "description": ((str,), False),
    "background": ((str,), False),
    "sources": ((list,), False),
    "start": ((str, dt.date), True),
    "turn_days": ((int,), False),
    "turn_minutes": (_NUM, False),
    "turns": ((int,), True),
    "seed": ((int,), False),
    "world": ((dict,), False),
    "roles": ((list,), True),
    "tables": ((list,), False),
    "injects": ((list,), False),
    "decisions": ((list,), False),
}
_WORLD: Spec = {
    "source": ((str,), False),
    "doctrine": ((dict,), False),
    "parameters": ((dict,), False),
}
_ROLE: Spec = {
    "id": ((str,), True),
    "name": ((str,), True),
    "kind": ((str,), True),
    "actor": ((str,), False),
    "public_brief": ((str,), True),
    "private_brief": ((str,), True),
    "objectives": ((list,), False),
    "strategy": ((str,), False),
}
_TABLE: Spec = {
    "id": ((str,), True),
    "title": ((str,), True),
    "issues": ((list,), True),
    "parties": ((dict,), True),
    "status_quo": ((dict,), False),
    "mediator": ((str,), False),
    "ceasefire": ((bool,), False),
}
_ISSUE: Spec = {
    "name": ((str,), True),
    "low": (_NUM, False),
    "high": (_NUM, False),
    "description": ((str,), False),
}
_PARTY: Spec = {
    "capability": (_NUM, True),
    "positions": ((dict,), True),
    "salience": ((dict,), True),
}
_INJECT: Spec = {
    "id": ((str,), True),
    "turn": ((int,), True),
    "minute": (_NUM, False),
    "channel": ((str,), True),
    "audience": ((str, list), False),
    "text": ((str,), True),
    "from": ((str,), False),
    "effects": ((list,), False),
}
_DECISION: Spec = {
    "id": ((str,), True),
    "role": ((str,), True),
    "turn": ((int,), True),
    "question": ((str,), True),
    "options": ((list,), True),
    "default": ((str,), False),
}
_OPTION: Spec = {
    "id": ((str,), True),
    "text": ((str,), True),
    "effects": ((list,), False),
    "public": ((bool,), False),
}
_EVENT: Spec = {"source": ((str,), True), "target": ((str,), True), "action": ((str,), True)}
_RELATION: Spec = {"a": ((str,), True), "b": ((str,), True), "value": (_NUM, True)}
_RISK: Spec = {"state": ((str,), True), "value": (_NUM, True)}


def _finite(value: Any) -> bool:
    """A number that is a finite float (a huge int is not; text and the like pass)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return True
    return abs(value) <= sys.float_info.max if isinstance(value, int) else math.isfinite(value)


class _Reader:
    """Collects problems while reading a parsed exercise document."""

    def __init__(self, file: str | None, lines: dict[str, int], world: World | None) -> None:
        self.file, self.lines, self.world = file, lines, world
        self.problems: list[Problem] = []
        self.roles: dict[str, Role] = {}

    def add(self, message: str, path: str) -> None:
        """Record a problem at field `path`."""
        self.problems.append(Problem(message, self.file, line_of(self.lines, path), path))

    def fields(self, data: Any, path: str, spec: Spec) -> dict[str, Any]:
        """The fields of mapping `data` that match `spec`; unknown, missing, mistyped reported."""
        if not isinstance(data, dict):
            self.add(f"expected a mapping, got {type(data).__name__}", path)
            return {}
        out: dict[str, Any] = {}
        for key, value in data.items():
            sub = f"{path}.{key}" if path else str(key)
            if key not in spec:
                near = difflib.get_close_matches(str(key), list(spec), n=1)
                self.add(
                    f"unknown field {key!r}" + (f" (did you mean {near[0]!r}?)" if near else ""),
                    sub,
                )
                continue
            types = spec[key][0]
            if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
                names = " or ".join(t.__name__ for t in types)
                shown = repr(value)[:60]
                self.add(f"expected {names}, got {type(value).__name__} {shown}", sub)
                continue
            if float in types and not _finite(value):
                self.add(f"expected a finite number, got {str(value)[:40]}", sub)
                continue
            out[key] = value
        for key, (_, required) in spec.items():
            if required and key not in data:
                self.add(f"missing required field {key!r}", f"{path}.{key}" if path else key)
        return out

    def items(self, data: dict[str, Any], key: str) -> list[tuple[str, Any]]:
        """The entries of list field `key`, each with its path."""
        return [(f"{key}[{k}]", v) for k, v in enumerate(data.get(key, []))]

    def actor(self, name: str, path: str) -> str:
        """The actor code `name` stands for: a role's actor, or a state or organization of the
        world (reported when unknown and a world is at hand)."""
        if not isinstance(name, str):
            self.add(f"expected an actor code or role id, got {type(name).__name__}", path)
            return str(name)
        if name in self.roles:
            return self.roles[name].actor
        if self.world is None:
            return name
        code = self.world.resolve(name)
        if code is None:
            self.add(f"unknown role, state or organization {name!r}", path)
            return name
        return code

    def unique(self, ids: list[tuple[str, str]], what: str) -> None:
        """Report ids used twice."""
        seen: set[str] = set()
        for path, ident in ids:
            if ident in seen:
                self.add(f"{what} {ident!r} appears twice", f"{path}.id")
            seen.add(ident)


def _role(r: _Reader, data: Any, path: str) -> Role | None:
    v = r.fields(data, path, _ROLE)
    if "id" not in v or "name" not in v:
        return None
    if v.get("kind") not in ROLE_KINDS:
        r.add(f"unknown kind {v.get('kind')!r}; kinds: {', '.join(ROLE_KINDS)}", f"{path}.kind")
    strategy = v.get("strategy", "linear")
    if strategy not in strategy_names():
        r.add(
            f"unknown strategy {strategy!r}; known: {', '.join(strategy_names())}",
            f"{path}.strategy",
        )
    actor = v.get("actor", v["id"])
    if v.get("kind") == "state" and r.world is not None:
        code = r.world.resolve(actor)
        if code is None:
            r.add(f"unknown state {actor!r}", f"{path}.actor")
        actor = code or actor
    return Role(
        id=v["id"],
        name=v["name"],
        kind=v.get("kind", "state"),
        actor=actor,
        public_brief=v.get("public_brief", ""),
        private_brief=v.get("private_brief", ""),
        objectives=(),
        strategy=strategy,
    )


def _objectives(
    r: _Reader, data: list[Any], path: str, tables: dict[str, Table]
) -> tuple[Objective, ...]:
    out: list[Objective] = []
    for k, item in enumerate(data):
        sub = f"{path}[{k}]"
        if isinstance(item, dict):
            v = r.fields(item, sub, {"goal": ((str,), True), "weight": (_NUM, False)})
            text, weight = v.get("goal"), float(v.get("weight", 1.0))
        else:
            text, weight = (item if isinstance(item, str) else None), 1.0
        if text is None:
            r.add("expected an objective (text, or {goal, weight})", sub)
            continue
        if not (math.isfinite(weight) and 0 < weight <= 100):
            # a score is the weighted share of objectives met: a weight of 0 or less breaks it
            r.add(
                f"an objective's weight must be a number above 0 and at most 100, not {weight:g}",
                f"{sub}.weight",
            )
            continue
        goal = parse_objective(text)
        if goal is None:
            r.add(f"not an objective: {text!r}; {SYNTAX}", sub)
            continue
        if goal.table is not None and goal.table not in tables:
            r.add(f"unknown table {goal.table!r}", sub)
        elif (
            goal.issue not in (None, "position")
            and goal.issue not in tables[goal.table or ""].case().issue_names
        ):
            r.add(f"table {goal.table!r} has no issue {goal.issue!r}", sub)
        for name in (goal.a, goal.b):
            if name is not None:
                r.actor(name, sub)
        out.append(Objective(text, weight))
    return tuple(out)


def _table(r: _Reader, data: Any, path: str) -> Table | None:
    v = r.fields(data, path, _TABLE)
    issues: list[Issue] = []
    for sub, raw in r.items(v, "issues"):
        iv = r.fields(raw, f"{path}.{sub}", _ISSUE)
        if "name" in iv:
            low, high = float(iv.get("low", 0.0)), float(iv.get("high", 100.0))
            if high <= low:
                r.add(f"high must exceed low, got [{low}, {high}]", f"{path}.{sub}")
                continue
            issues.append(Issue(iv["name"], low, high, description=iv.get("description", "")))
    bounds = {i.name: (i.low, i.high) for i in issues}
    parties = [
        p
        for role, raw in v.get("parties", {}).items()
        if (p := _party(r, str(role), raw, f"{path}.parties.{role}", bounds))
    ]
    if "id" not in v or not issues or not parties:
        return None
    sq = v.get("status_quo")
    if sq is not None:
        _values(r, sq, f"{path}.status_quo", bounds, full=False)
    mediator = v.get("mediator")
    if mediator is not None and mediator not in r.roles:
        r.add(f"unknown role {mediator!r}", f"{path}.mediator")
    table = Table(
        v["id"],
        v.get("title", v["id"]),
        tuple(issues),
        tuple(parties),
        sq,
        mediator,
        ceasefire=bool(v.get("ceasefire", False)),
    )
    try:  # the case's own checks (every capability 0, nobody's weight on an issue)
        table.case()
    except InputError as exc:
        for problem in exc.problems:
            r.add(problem.message, f"{path}.parties")
        return None
    return table


def _values(
    r: _Reader,
    data: dict[str, Any],
    path: str,
    bounds: dict[str, tuple[float, float]],
    *,
    full: bool,
    unit: bool = False,
) -> dict[str, float]:
    out: dict[str, float] = {}
    for issue, value in data.items():
        sub = f"{path}.{issue}"
        if issue not in bounds:
            r.add(f"unknown issue {issue!r}; issues: {', '.join(bounds)}", sub)
        elif not isinstance(value, int | float) or isinstance(value, bool):
            r.add(f"expected a number, got {value!r}", sub)
        else:
            low, high = (0.0, 1.0) if unit else bounds[issue]
            if not low <= value <= high:  # exact for any int: a huge one is no float
                r.add(f"{str(value)[:40]} is outside [{low:g}, {high:g}]", sub)
            else:
                out[str(issue)] = float(value)
    for issue in bounds:
        if full and issue not in data:
            r.add(f"missing issue {issue!r}", path)
    return out


def _party(
    r: _Reader, role: str, data: Any, path: str, bounds: dict[str, tuple[float, float]]
) -> Party | None:
    if role not in r.roles:
        r.add(f"unknown role {role!r}", path)
    before = len(r.problems)
    v = r.fields(data, path, _PARTY)
    if len(v) < 3:
        return None
    if v["capability"] < 0:
        r.add("capability must be >= 0", f"{path}.capability")
    positions = _values(r, v["positions"], f"{path}.positions", bounds, full=True)
    salience = _values(r, v["salience"], f"{path}.salience", bounds, full=True, unit=True)
    if len(r.problems) > before:  # a bad party in a table's case was an error without file
        return None
    return Party(role, float(v["capability"]), positions, salience)


def _effects(r: _Reader, data: list[Any], path: str) -> tuple[Effect, ...]:
    out: list[Effect] = []
    for k, raw in enumerate(data):
        sub = f"{path}[{k}]"
        if (
            not isinstance(raw, dict)
            or len(raw) != 1
            or next(iter(raw)) not in ("shock", "event", "world")
        ):
            r.add("an effect is one of {shock: ...}, {event: ...}, {world: ...}", sub)
            continue
        kind, body = next(iter(raw.items()))
        effect = {"shock": _shock, "event": _event, "world": _world}[kind](r, body, f"{sub}.{kind}")
        if effect is not None:
            out.append(effect)
    return tuple(out)


def _shock(r: _Reader, data: Any, path: str) -> Effect | None:
    kind = data.get("kind") if isinstance(data, dict) else None
    if not isinstance(kind, str) or kind not in SHOCK_FIELDS:  # a list kind is unhashable
        r.add(f"unknown or missing kind {kind!r}; kinds: {', '.join(SHOCK_FIELDS)}", f"{path}.kind")
        return None
    v = r.fields(data, path, {"kind": ((str,), True), **SHOCK_FIELDS[kind]})
    check_shock_values(r, kind, v, path)  # an incident at level -1 raised KeyError in play
    codes: dict[str, str] = {}
    for key, value in v.items():
        if key in NAME_ARGS:
            for k, name in enumerate([value] if isinstance(value, str) else value):
                code = r.actor(
                    str(name), f"{path}.{key}" + ("" if isinstance(value, str) else f"[{k}]")
                )
                codes[key] = code
    pair = SHOCK_PAIRS.get(kind)
    if (
        pair
        and pair[0] in codes
        and codes[pair[0]] == codes.get(pair[1])
        and _state(r, codes[pair[0]])
    ):
        # as a scenario's shock (simulation.shocks.resolve_shocks): a state invading itself
        r.add(f"{pair[0]} and {pair[1]} are the same state", f"{path}.{pair[1]}")
    return Effect("shock", v)


def _state(r: _Reader, code: str) -> bool:
    """Whether `code` may stand for one state (not an organization of the world)."""
    return r.world is None or code not in {o.code for o in r.world.organizations}


def _event(r: _Reader, data: Any, path: str) -> Effect | None:
    v = r.fields(data, path, _EVENT)
    if len(v) < 3:
        return None
    if v["action"] not in action_names():
        r.add(
            f"unknown action {v['action']!r}; actions: {', '.join(action_names())}",
            f"{path}.action",
        )
    source, target = r.actor(v["source"], f"{path}.source"), r.actor(v["target"], f"{path}.target")
    if source == target:  # as a player's move (session.act): no event of an actor with itself
        r.add("an event needs another actor as target", f"{path}.target")
    return Effect("event", {"source": source, "target": target, "action": v["action"]})


def _world(r: _Reader, data: Any, path: str) -> Effect | None:
    v = r.fields(data, path, {"relation": ((dict,), False), "risk": ((dict,), False)})
    if len(v) != 1:
        r.add("a world change sets one of relation {a, b, value} or risk {state, value}", path)
        return None
    key, body = next(iter(v.items()))
    w = r.fields(body, f"{path}.{key}", _RELATION if key == "relation" else _RISK)
    low = -1.0 if key == "relation" else 0.0
    if "value" in w and not low <= w["value"] <= 1.0:
        r.add(f"value must be between {low:g} and 1", f"{path}.{key}.value")
    for name in ("a", "b", "state"):
        if name in w:
            w[name] = r.actor(w[name], f"{path}.{key}.{name}")
    return Effect("world", {key: w})


def _list(data: Any, key: str) -> list[Any]:
    value = data.get(key, []) if isinstance(data, dict) else []
    return value if isinstance(value, list) else []


def _audience(r: _Reader, value: Any, path: str) -> tuple[str, ...]:
    if value in (None, "all", ALL):
        return (ALL,)
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        r.add("expected a role id or a list of role ids", path)
        return (ALL,)
    for k, name in enumerate(names):
        if name not in r.roles:
            r.add(f"unknown role {name!r}", f"{path}[{k}]" if not isinstance(value, str) else path)
    return tuple(str(n) for n in names)


def _turn(r: _Reader, value: int | None, turns: int, path: str) -> None:
    if value is not None and not 1 <= value <= turns:
        r.add(f"turn {value} is outside the exercise (1..{turns})", path)


def _minute(r: _Reader, value: float, turn_minutes: float | None, path: str) -> None:
    if value < 0:
        r.add(f"must be at least 0, got {value:g}", path)
    elif turn_minutes is not None and value >= turn_minutes:
        r.add(f"minute {value:g} is past the end of a {turn_minutes:g}-minute turn", path)


def _inject(
    r: _Reader, data: Any, path: str, turns: int, turn_minutes: float | None = None
) -> Inject | None:
    v = r.fields(data, path, _INJECT)
    _turn(r, v.get("turn"), turns, f"{path}.turn")
    _minute(r, float(v.get("minute", 0.0)), turn_minutes, f"{path}.minute")
    if "channel" in v and v["channel"] not in CHANNELS:
        r.add(
            f"unknown channel {v['channel']!r}; channels: {', '.join(CHANNELS)}", f"{path}.channel"
        )
    audience = _audience(r, v.get("audience"), f"{path}.audience")
    effects = _effects(r, v.get("effects", []), f"{path}.effects")
    if not {"id", "turn", "channel", "text"} <= set(v):
        return None
    return Inject(
        v["id"],
        v["turn"],
        v["channel"],
        audience,
        v["text"],
        v.get("from", "control"),
        effects,
        float(v.get("minute", 0.0)),
    )


def _decision(r: _Reader, data: Any, path: str, turns: int) -> Decision | None:
    v = r.fields(data, path, _DECISION)
    _turn(r, v.get("turn"), turns, f"{path}.turn")
    if "role" in v and v["role"] not in r.roles:
        r.add(f"unknown role {v['role']!r}", f"{path}.role")
    options: list[Option] = []
    for sub, raw in r.items(v, "options"):
        ov = r.fields(raw, f"{path}.{sub}", _OPTION)
        effects = _effects(r, ov.get("effects", []), f"{path}.{sub}.effects")
        if "id" in ov:
            if ov["id"] in {o.id for o in options}:  # a choice of it would be ambiguous
                r.add(f"option {ov['id']!r} appears twice", f"{path}.{sub}.id")
                continue
            public = bool(ov.get("public", False))
            options.append(Option(ov["id"], ov.get("text", ""), effects, public))
    if not options or not {"id", "role", "turn", "question"} <= set(v):
        if "options" in v and not options:
            r.add("a decision needs at least one option", f"{path}.options")
        return None
    default = v.get("default", options[-1].id)
    if default not in {o.id for o in options}:
        r.add(f"default {default!r} is not an option", f"{path}.default")
    return Decision(v["id"], v["role"], v["turn"], v["question"], tuple(options), default)


def _world_settings(
    r: _Reader, data: dict[str, Any]
) -> tuple[str, dict[str, dict[str, float]], dict[str, Any]]:
    v = r.fields(data, "world", _WORLD)
    doctrines: dict[str, dict[str, float]] = {}
    for code, raw in v.get("doctrine", {}).items():
        path = f"world.doctrine.{code}"
        d = r.fields(raw, path, {name: (_NUM, False) for name in DOCTRINE_FIELDS})
        for name, value in d.items():
            if not 0.0 <= value <= 1.0:
                r.add(f"must be between 0 and 1, got {value}", f"{path}.{name}")
        key = str(code) if code == "default" else r.actor(str(code), path)
        doctrines[key] = {k: float(x) for k, x in d.items()}
    parameters = check_parameters(r, v.get("parameters", {}), "world.parameters")
    return v.get("source", "default"), doctrines, parameters


def _start(r: _Reader, value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        r.add(f"expected a date YYYY-MM-DD, got {value!r}", "start")
        return dt.date(2024, 1, 1)


def _limits(r: _Reader, top: dict[str, Any], start: dt.date) -> None:
    """Turns, turn length, seed and the last turn's date within the limits of the simulation
    that adjudicates the turns (one run of `turns` steps; `MAX_TURNS` turns at most); a field
    out of range is dropped from `top`, so nothing later computes with it."""
    turns = top.get("turns", 1)
    if not 1 <= turns <= MAX_TURNS:
        r.add(f"must be between 1 and {MAX_TURNS:,}, got {turns:,}", "turns")
        top.pop("turns", None)
    names = {"steps": "turns", "step_days": "turn_days", "world.start": "start"}
    problems = check_ensemble(
        steps=top.get("turns", 1),
        step_days=top.get("turn_days", 7),
        runs=1,
        seed=top.get("seed", 0),
        start=start if "turns" in top else None,
    )
    for problem in problems:
        name = names.get(problem.field or "", problem.field or "")
        r.add(problem.message.replace(" steps", " turns"), name)
        top.pop(name, None)


def parse_exercise(text: str, file: str | None = None, world: World | None = None) -> Exercise:
    """Validate an exercise given as YAML text; `InputError` lists every problem."""
    data, lines = load_located(text, file)
    r = _Reader(file, lines, world)
    top = r.fields(data if data is not None else {}, "", _TOP)
    start = _start(r, top.get("start", "2024-01-01"))
    _limits(r, top, start)
    turns = top.get("turns", MAX_TURNS)  # a bad or missing count is reported, not used
    minutes = top.get("turn_minutes")
    if minutes is not None and minutes <= 0:
        r.add(f"must be more than 0, got {minutes:g}", "turn_minutes")
        minutes = None
    parsed = [(path, raw, _role(r, raw, path)) for path, raw in r.items(top, "roles")]
    r.unique([(path, x.id) for path, _, x in parsed if x], "role")
    r.roles = {x.id: x for _, _, x in parsed if x}
    source, doctrines, parameters = _world_settings(r, top.get("world", {}))
    tables = [t for path, raw in r.items(top, "tables") if (t := _table(r, raw, path))]
    by_table = {t.id: t for t in tables}
    roles = [
        replace(
            x, objectives=_objectives(r, _list(raw, "objectives"), f"{path}.objectives", by_table)
        )
        for path, raw, x in parsed
        if x is not None
    ]
    injects = [
        i for path, raw in r.items(top, "injects") if (i := _inject(r, raw, path, turns, minutes))
    ]
    decisions = [
        d for path, raw in r.items(top, "decisions") if (d := _decision(r, raw, path, turns))
    ]
    r.unique([(f"tables[{k}]", t.id) for k, t in enumerate(tables)], "table")
    r.unique([(f"injects[{k}]", x.id) for k, x in enumerate(injects)], "inject")
    r.unique([(f"decisions[{k}]", x.id) for k, x in enumerate(decisions)], "decision")
    if r.problems:
        raise InputError(r.problems)
    return Exercise(
        name=top["name"],
        title=top["title"],
        start=start,
        turn_days=top.get("turn_days", 7),
        turns=top["turns"],
        roles=tuple(roles),
        description=top.get("description", ""),
        background=top.get("background", ""),
        sources=tuple(str(s) for s in top.get("sources", [])),
        seed=top.get("seed", 0),
        world_source=source,
        doctrines=doctrines,
        parameters=parameters,
        tables=tuple(tables),
        injects=tuple(sorted(injects, key=lambda i: (i.turn, i.minute))),
        decisions=tuple(decisions),
        file=file,
        turn_minutes=None if minutes is None else float(minutes),
    )


def load_exercise(path: str | Path, world: World | None = None) -> Exercise:
    """Read and validate an exercise file (names checked against `world` when given)."""
    p = Path(path)
    return parse_exercise(read_yaml_text(p), str(p), world)
