"""Scenarios: a world, a start date, a number of steps, doctrines, shocks and outputs, as YAML.

`load_scenario(path)` parses and validates a scenario file; every problem is reported with the
file, the line and the field (`shocks[1].target`). The format is documented in
docs/simulation.md; in short:

```yaml
name: sanctions-coalition
world: {source: default, start: 2024-01-01}   # source: default | store | a world directory
steps: 104            # number of steps
step_days: 7          # length of a step in days
seed: 1               # master seed of the ensemble
runs: 10              # runs in the ensemble
parameters: {crises: {onset: 0.03}}            # rule parameter overrides
doctrine:
  default: {realism: 0.4, liberalism: 0.3, constructivism: 0.3, risk: 0.5}
  RUS: {realism: 0.7, risk: 0.8}
shocks:
  - {step: 4, kind: invasion, attacker: RUS, target: UKR}
output: {events: all}                          # all | first | none
```
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from accord.errors import InputError, Problem, UnknownNameError
from accord.files import named_or_shipped
from accord.safe_yaml import read_yaml_text
from accord.simulation._yaml import line_of, load_located
from accord.simulation.doctrine import DOCTRINE_FIELDS, Doctrine
from accord.simulation.limits import check_ensemble
from accord.simulation.parameters import parameter_problem, parameter_types
from accord.simulation.state import ISSUES

#: Fields of each kind of shock: name -> (python type(s), required).
SHOCK_FIELDS: dict[str, dict[str, tuple[tuple[type, ...], bool]]] = {
    "invasion": {"attacker": ((str,), True), "target": ((str,), True)},
    "incident": {"a": ((str,), True), "b": ((str,), True), "level": ((int,), False)},
    "sanctions": {"senders": ((list, str), True), "target": ((str,), True)},
    "lift_sanctions": {"senders": ((list, str), True), "target": ((str,), True)},
    "pandemic": {"salience": ((dict,), False), "states": ((list, str), False)},
    "summit": {
        "issue": ((str,), True),
        "parties": ((list, str), True),
        "host": ((str,), True),
        "model": ((str,), False),
    },
    "mediation": {"mediator": ((str,), True), "a": ((str,), True), "b": ((str,), True)},
    "alliance": {"a": ((str,), True), "b": ((str,), True)},
}

#: The shock arguments that name states (an organization stands for its members).
NAME_ARGS = frozenset(
    {"attacker", "target", "a", "b", "senders", "parties", "host", "mediator", "states"}
)
#: Those of them that name one state.
SINGLE_NAME_ARGS = frozenset({"attacker", "target", "a", "b", "host", "mediator"})
#: The kinds of shock between two states, which must be two different ones (a state invading
#: itself ran as a war of one state), with the two fields naming them.
SHOCK_PAIRS = {
    "invasion": ("attacker", "target"),
    "incident": ("a", "b"),
    "mediation": ("a", "b"),
    "alliance": ("a", "b"),
}

_TOP: dict[str, tuple[tuple[type, ...], bool]] = {
    "name": ((str,), True),
    "description": ((str,), False),
    "world": ((dict,), False),
    "steps": ((int,), True),
    "step_days": ((int,), False),
    "seed": ((int,), False),
    "runs": ((int,), False),
    "parameters": ((dict,), False),
    "doctrine": ((dict,), False),
    "shocks": ((list,), False),
    "output": ((dict,), False),
}
_WORLD: dict[str, tuple[tuple[type, ...], bool]] = {
    "source": ((str,), False),
    "start": ((dt.date, str), False),
}
_OUTPUT: dict[str, tuple[tuple[type, ...], bool]] = {"events": ((str,), False)}
EVENT_OUTPUTS = ("all", "first", "none")
#: The scenarios that ship with Accord (`scenarios/` at the project root of a checkout).
SCENARIO_DIR = Path(__file__).resolve().parents[3] / "scenarios"


def scenario_file(given: str | Path) -> Path:
    """The file a scenario argument names: the path itself when it exists or looks like a
    path, else a shipped scenario of that name (`baseline` is `scenarios/baseline.yaml`);
    an input error listing the shipped names when neither exists."""
    return named_or_shipped(given, SCENARIO_DIR, "scenario")


MODELS = ("compromise", "eum")


@dataclass(frozen=True)
class Shock:
    """Something that happens at a step: `kind` (a key of SHOCK_FIELDS) and its arguments.

    `path` is the shock's field path in the file (`shocks[2]`), used in error messages.
    """

    step: int
    kind: str
    args: Mapping[str, Any]
    path: str = ""


@dataclass(frozen=True)
class SimulationScenario:
    """A validated scenario; `lines` maps field paths to their line in `file`."""

    name: str
    steps: int
    start: dt.date = dt.date(2024, 1, 1)
    world_source: str = "default"
    step_days: int = 7
    seed: int = 0
    runs: int = 1
    description: str = ""
    parameters: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    doctrines: Mapping[str, Doctrine] = field(default_factory=dict)
    default_doctrine: Doctrine = field(default_factory=Doctrine)
    shocks: tuple[Shock, ...] = ()
    events_output: str = "all"
    file: str | None = None
    lines: Mapping[str, int] = field(default_factory=dict)

    def problem(self, message: str, path: str) -> Problem:
        """A problem at a field of this scenario, with its line."""
        return Problem(message, self.file, line_of(self.lines, path), path)

    def date_of(self, step: int) -> dt.date:
        """The calendar date of a step."""
        return self.start + dt.timedelta(days=self.step_days * step)


class _Checker:
    """Collects problems while reading a parsed YAML document."""

    def __init__(self, file: str | None, lines: dict[str, int]) -> None:
        self.file, self.lines = file, lines
        self.problems: list[Problem] = []

    def add(self, message: str, path: str) -> None:
        if not path and message.startswith("expected a mapping"):  # the whole document
            message = f"a scenario file is a YAML mapping (name, steps, shocks...): {message}"
        self.problems.append(Problem(message, self.file, line_of(self.lines, path), path or None))

    def fields(
        self,
        data: Any,
        path: str,
        spec: Mapping[str, tuple[tuple[type, ...], bool]],
    ) -> dict[str, Any]:
        """Check a mapping against a spec: unknown, missing and mistyped fields."""
        if not isinstance(data, dict):
            self.add(f"expected a mapping, got {type(data).__name__}", path)
            return {}
        out: dict[str, Any] = {}
        for key, value in data.items():
            sub = f"{path}.{key}" if path else str(key)
            if key not in spec:
                near = difflib.get_close_matches(str(key), list(spec), n=1)
                hint = f" (did you mean {near[0]!r}?)" if near else ""
                self.add(f"unknown field {key!r}{hint}", sub)
                continue
            types, _ = spec[key]
            ok = isinstance(value, types) and not (isinstance(value, bool) and bool not in types)
            if not ok:
                names = " or ".join(t.__name__ for t in types)
                self.add(f"expected {names}, got {type(value).__name__} {value!r}", sub)
                continue
            out[key] = value
        for key, (_, required) in spec.items():
            if required and key not in data:
                self.add(f"missing required field {key!r}", f"{path}.{key}" if path else key)
        return out


def _limits(check: _Checker, top: dict[str, Any], start: dt.date) -> None:
    """Steps, step length, runs, seed and dates within `accord.simulation.limits`; a field
    out of range is dropped from `top`, so no later check computes with it."""
    given = {key: top[key] for key in ("steps", "step_days", "runs", "seed") if key in top}
    problems = check_ensemble(
        steps=given.get("steps", 1),
        step_days=given.get("step_days", 7),
        runs=given.get("runs", 1),
        seed=given.get("seed", 0),
        start=start if "steps" in top else None,
    )
    for problem in problems:
        check.add(problem.message, problem.field or "")
        top.pop(problem.field or "", None)


def _doctrine(check: _Checker, data: Any, path: str) -> Doctrine | None:
    spec = {name: ((int, float), False) for name in DOCTRINE_FIELDS}
    values = check.fields(data, path, spec)
    for name, value in list(values.items()):
        if not 0 <= value <= 1:  # compared as given: a 400-digit int is no float (nan fails)
            check.add(f"must be between 0 and 1, got {str(value)[:40]}", f"{path}.{name}")
            del values[name]
    return Doctrine(**{k: float(v) for k, v in values.items()})


class FieldChecker(Protocol):
    """What reads a located document (a scenario's `_Checker`, the exercise reader): records a
    problem at a field path, and checks a mapping's fields against a spec."""

    def add(self, message: str, path: str) -> None:
        """Record a problem at field `path`."""

    def fields(
        self, data: Any, path: str, spec: Mapping[str, tuple[tuple[type, ...], bool]]
    ) -> dict[str, Any]:
        """The fields of mapping `data` that match `spec`, the others reported."""


def check_parameters(
    check: FieldChecker, data: Mapping[Any, Any], path: str = "parameters"
) -> dict[str, dict[str, Any]]:
    """Rule parameter overrides `{rule: {parameter: value}}`: known rules and parameters, each
    value of its default's kind within `parameter_bounds` (a scenario's `parameters` and an
    exercise's `world.parameters` alike); bad ones are reported at their field and left out."""
    known = parameter_types()
    out: dict[str, dict[str, Any]] = {}
    for rule, values in data.items():
        sub = f"{path}.{rule}"
        if rule not in known:
            check.add(UnknownNameError.describe("rule", str(rule), known), sub)
            continue
        anything: tuple[type, ...] = (object, bool)  # the value is checked below, by name
        spec = {name: (anything, False) for name in known[rule]}
        picked = check.fields(values, sub, spec)
        good: dict[str, Any] = {}
        for name, value in picked.items():
            problem = parameter_problem(name, known[rule][name], value)
            if problem is not None:
                check.add(problem, f"{sub}.{name}")
            else:
                good[name] = tuple(value) if isinstance(value, list) else value
        out[str(rule)] = good
    return out


def check_shock_values(
    check: FieldChecker, kind: str, values: Mapping[str, Any], path: str
) -> None:
    """The values of a shock's well-typed fields: a summit's issue and model, an incident's
    level, a pandemic's salience changes (a scenario's shocks and an exercise's alike)."""
    if kind == "summit":
        if values.get("issue") not in (None, *ISSUES):
            check.add(
                f"unknown issue {values['issue']!r}; issues: {', '.join(ISSUES)}", f"{path}.issue"
            )
        if values.get("model", "compromise") not in MODELS:
            check.add(
                UnknownNameError.describe("model", str(values["model"]), MODELS), f"{path}.model"
            )
    if kind == "incident" and not 1 <= values.get("level", 3) <= 5:
        check.add("level must be between 1 and 5", f"{path}.level")
    if kind == "pandemic":
        for issue, value in values.get("salience", {}).items():
            number = isinstance(value, int | float) and not isinstance(value, bool)
            if issue not in ISSUES or not number or not -1 <= value <= 1:  # nan fails too
                check.add(
                    f"expected an issue and a change of salience from -1 to 1, got "
                    f"{issue!r}: {str(value)[:40]}",
                    f"{path}.salience.{issue}",
                )


def _shock(check: _Checker, data: Any, path: str, steps: int | None) -> Shock | None:
    if not isinstance(data, dict):
        check.add("a shock must be a mapping with step and kind", path)
        return None
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in SHOCK_FIELDS:
        check.add(
            f"unknown or missing kind {kind!r}; kinds: {', '.join(SHOCK_FIELDS)}", f"{path}.kind"
        )
        return None
    spec = {"step": ((int,), True), "kind": ((str,), True), **SHOCK_FIELDS[kind]}
    values = check.fields(data, path, spec)
    step = values.get("step")
    if step is None:
        return None
    if step < 0 or (steps is not None and step >= steps):
        check.add(f"step {step} is outside the run (0..{(steps or 1) - 1})", f"{path}.step")
    check_shock_values(check, kind, values, path)
    args = {k: v for k, v in values.items() if k not in ("step", "kind")}
    return Shock(step, kind, args, path)


def parse_scenario(text: str, file: str | None = None) -> SimulationScenario:
    """Validate a scenario given as YAML text; raise InputError listing every problem."""
    data, lines = load_located(text, file)
    check = _Checker(file, lines)
    top = check.fields(data if data is not None else {}, "", _TOP)
    world = check.fields(top.get("world", {}), "world", _WORLD)
    start = _start_date(check, world)
    _limits(check, top, start)
    output = check.fields(top.get("output", {}), "output", _OUTPUT)
    if output.get("events", "all") not in EVENT_OUTPUTS:
        check.add(f"expected one of {', '.join(EVENT_OUTPUTS)}", "output.events")
    raw_doctrine = top.get("doctrine", {})
    doctrines, default = _doctrines(check, raw_doctrine)
    shocks = tuple(
        s
        for k, raw in enumerate(top.get("shocks", []))
        if (s := _shock(check, raw, f"shocks[{k}]", top.get("steps"))) is not None
    )
    parameters = check_parameters(check, top.get("parameters", {}))
    if check.problems:
        raise InputError(check.problems)
    return SimulationScenario(
        name=top["name"],
        steps=top["steps"],
        start=start,
        world_source=world.get("source", "default"),
        step_days=top.get("step_days", 7),
        seed=top.get("seed", 0),
        runs=top.get("runs", 1),
        description=top.get("description", ""),
        parameters=parameters,
        doctrines=_with_default_motives(doctrines, raw_doctrine, default),
        default_doctrine=default,
        shocks=tuple(sorted(shocks, key=lambda s: s.step)),
        events_output=output.get("events", "all"),
        file=file,
        lines=lines,
    )


def _start_date(check: _Checker, world: dict[str, Any]) -> dt.date:
    """The start date of `world.start` (2024-01-01 unless given; a YAML date or ISO text)."""
    start = world.get("start", dt.date(2024, 1, 1))
    if isinstance(start, str):
        try:
            start = dt.date.fromisoformat(start)
        except ValueError:
            check.add(f"expected a date YYYY-MM-DD, got {start!r}", "world.start")
            start = dt.date(2024, 1, 1)
    found: dt.date = start
    return found


def _doctrines(check: _Checker, raw: dict[Any, Any]) -> tuple[dict[str, Doctrine], Doctrine]:
    """The valid doctrines by state code, and the default doctrine (`doctrine.default`)."""
    doctrines: dict[str, Doctrine] = {}
    default = Doctrine()
    for key, value in raw.items():
        found = _doctrine(check, value, f"doctrine.{key}")
        if found is None:
            continue
        if key == "default":
            default = found
        else:
            doctrines[str(key)] = found
    return doctrines, default


def _with_default_motives(
    doctrines: dict[str, Doctrine], raw: dict[Any, Any], default: Doctrine
) -> dict[str, Doctrine]:
    """Doctrine overrides that keep unset motives at the default doctrine's values."""
    return {
        code: Doctrine(
            **{
                name: getattr(d, name) if name in (raw.get(code) or {}) else getattr(default, name)
                for name in DOCTRINE_FIELDS
            }
        )
        for code, d in doctrines.items()
    }


def load_scenario(path: str | Path) -> SimulationScenario:
    """Read and validate a scenario file."""
    p = Path(path)
    return parse_scenario(read_yaml_text(p), str(p))
