"""Negotiation scenarios as data (YAML), and running them.

```yaml
protocol: alternating        # or: mediated
steps: 200                   # deadline (alternating)
seed: 1
issues:
  - {name: share, low: 0, high: 1}
parties:
  - {name: A, ideal: {share: 1}, strategy: rubinstein, discount: 0.9, reservation: 0}
  - {name: B, ideal: {share: 0}, strategy: rubinstein, discount: 0.9, weights: {share: 1}}
mediator: {iterations: 500, step: 0.05, bias: 0.0, favour: A}   # mediated only
```
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from accord.bargaining.case import FloatArray
from accord.bargaining.limits import (
    MAX_ANALYSIS_OUTCOMES,
    MAX_ISSUES,
    MAX_MEDIATOR_ITERATIONS,
    MAX_NEGOTIATION_STEPS,
    MAX_PARTIES,
    MAX_SEED,
)
from accord.bargaining.pareto import nash_point, pareto_frontier
from accord.bargaining.protocols.alternating import NegotiationResult, alternating_offers
from accord.bargaining.protocols.domain import LinearUtility, Outcome, outcome_grid
from accord.bargaining.protocols.mediated import Mediator, single_text
from accord.bargaining.readers._common import Problems
from accord.bargaining.readers.yaml_case import load_yaml_nodes
from accord.bargaining.strategies import make_strategy, strategy_names
from accord.bargaining.strategies.base import Strategy
from accord.errors import InputError, UnknownNameError
from accord.safe_yaml import construct_yaml


@dataclass(frozen=True)
class NegotiationScenario:
    """A negotiation ready to run."""

    issues: tuple[str, ...]
    parties: tuple[str, ...]
    utilities: tuple[LinearUtility, ...]
    strategies: tuple[Strategy, ...]
    protocol: str = "alternating"
    steps: int = 100
    seed: int | None = None
    mediator: Mediator | None = None

    def run(self) -> NegotiationResult:
        """Run the scenario's protocol."""
        if self.protocol == "mediated":
            return single_text(self.utilities, self.mediator, seed=self.seed)
        return alternating_offers(
            self.utilities, [s.clone() for s in self.strategies], self.steps, self.seed
        )


@dataclass(frozen=True)
class Analysis:
    """The agreement judged against the Pareto frontier and the Nash point of the domain."""

    frontier: FloatArray  # utilities on the frontier, (F, parties)
    nash_outcome: Outcome | None
    nash_utilities: tuple[float, ...] | None
    distance_to_frontier: float | None
    distance_to_nash: float | None


def analyse(
    scenario: NegotiationScenario, result: NegotiationResult, points: int = 101
) -> Analysis:
    """Frontier and Nash point over a grid of the outcome space (at most
    `analysis_outcomes(parties)` outcomes, so the frontier search stays bounded)."""
    u0 = scenario.utilities[0]
    n = len(scenario.utilities)
    limit = analysis_outcomes(n)
    grid = outcome_grid(u0.low, u0.high, points, limit=limit)
    utils = np.column_stack([u.many(grid) for u in scenario.utilities])
    front = pareto_frontier(utils, chunk=max(16, _FRONTIER_CELLS // (len(grid) * n)))
    d = np.array([u.reservation for u in scenario.utilities])
    best = nash_point(utils, d, frontier=front)
    nash_o: Outcome | None = None
    nash_u: tuple[float, ...] | None = None
    if best is not None:
        nash_o, nash_u = tuple(grid[best].tolist()), tuple(utils[best].tolist())
    to_front = to_nash = None
    if result.agreement is not None:
        agreed = np.array([u(result.agreement) for u in scenario.utilities])
        to_front = frontier_gap(utils[front], agreed)
        if nash_u is not None:
            to_nash = float(np.linalg.norm(np.array(nash_u) - agreed))
    return Analysis(utils[front], nash_o, nash_u, to_front, to_nash)


def frontier_gap(frontier: FloatArray, agreed: FloatArray, tolerance: float = 1e-9) -> float:
    """How much utility an agreement leaves on the table: the distance (in utilities) to the
    nearest frontier outcome that leaves every party at least as well off and one better; 0
    when none does (the agreement is Pareto-efficient as far as the grid resolves; the
    distance to the nearest grid point would instead measure the grid's spacing)."""
    better = np.all(frontier >= agreed - tolerance, axis=1) & np.any(
        frontier > agreed + tolerance, axis=1
    )
    if not better.any():
        return 0.0
    return float(np.min(np.linalg.norm(frontier[better] - agreed, axis=1)))


#: Work of one frontier search with three or more parties: outcomes x frontier x parties
#: comparisons (every outcome may be on the frontier), ~2-3 s on one core.
_FRONTIER_WORK = 200_000_000
#: Cells (block x frontier x parties) of one step of the frontier search (~16 MB of booleans).
_FRONTIER_CELLS = 16_000_000


def analysis_outcomes(parties: int) -> int:
    """Most outcomes `analyse` searches for the frontier: 200,000 for two parties (one sort),
    about sqrt(2e8 / parties) for more (a pairwise search)."""
    if parties <= 2:
        return MAX_ANALYSIS_OUTCOMES
    return min(MAX_ANALYSIS_OUTCOMES, math.isqrt(_FRONTIER_WORK // parties))


@dataclass(frozen=True)
class _Issues:
    """The valid issues of a scenario file: names and bounds, in file order."""

    names: tuple[str, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]


@dataclass(frozen=True)
class _Party:
    """One valid party of a scenario file."""

    name: str
    utility: LinearUtility
    strategy: Strategy


def read_scenario(path: str | Path) -> NegotiationScenario:
    """Read a scenario YAML file; errors name the file, line and field."""
    path = Path(path)
    problems = Problems(str(path))
    root = load_yaml_nodes(path, problems)
    problems.raise_if_any()
    data = _data(root, str(path))
    if not isinstance(data, dict):  # a bare value or list: at its line (no key has one)
        line = 1 if root is None else root.start_mark.line + 1
        problems.add(f"expected a mapping, got {type(data).__name__}", line, None)
        problems.raise_if_any()
    return _scenario(data, _lines(root), problems)


def scenario_from_data(data: object) -> NegotiationScenario:
    """A scenario from plain data shaped like the YAML (a JSON request body, say), with the
    same checks and limits as `read_scenario`; problems name the field (no file or line)."""
    return _scenario(data, {}, Problems(""))


def _too_few_parties(data: dict[Any, Any]) -> str:
    """The message for a negotiation with fewer than two parties; a forecast case (stakeholders,
    no parties) given by mistake is named as such."""
    if "parties" not in data and ("stakeholders" in data or "actors" in data):
        return (
            "need at least two parties: this file looks like a forecast case (it has "
            "stakeholders, not parties); run it with `accord forecast`"
        )
    return "need at least two parties"


#: The keys of a negotiation scenario, of an issue, a party and the mediator.
_KEYS: dict[str, tuple[str, ...]] = {
    "": ("name", "description", "protocol", "steps", "seed", "issues", "parties", "mediator"),
    "issues": ("name", "low", "high", "description"),
    "parties": ("name", "ideal", "weights", "reservation", "discount", "strategy"),
    "mediator": ("iterations", "step", "bias", "favour"),
}


def _unknown_keys(
    data: object,
    kind: str,
    line: int | None,
    where: str,
    problems: Problems,
    lines: dict[tuple[object, ...], int] | None = None,
) -> None:
    """Report each key of the mapping `data` that a scenario's `kind` of mapping does not
    have (a misspelt `weights` was ignored: every weight 1)."""
    if not isinstance(data, dict):
        return
    known = _KEYS[kind]
    for key in data:
        if key in known:
            continue
        near = difflib.get_close_matches(str(key), known, n=1)
        hint = f" (did you mean {near[0]!r}?)" if near else f"; known: {', '.join(known)}"
        if kind == "issues" and key == "options":
            hint = ": a negotiation's issues are ranges (low, high); options are for cases"
        at = (lines or {}).get((key,), line)  # a top-level key's own line
        problems.add(f"unknown key {key!r}{hint}", at, f"{where}{key}")


def _repeated_names(items: object, kind: str, problems: Problems, line: int | None) -> None:
    """Report a name two issues or two parties share (one would hide the other)."""
    listed = items if isinstance(items, list) else []
    names = [str(i["name"]) for i in listed if isinstance(i, dict) and "name" in i]
    for name in sorted({n for n in names if names.count(n) > 1}):
        problems.add(f"{kind} {name!r} appears twice", line, name)


def _check_keys_and_names(
    data: dict[Any, Any], lines: dict[tuple[object, ...], int], problems: Problems
) -> None:
    """Report unknown keys (`_KEYS`) anywhere in a scenario, and repeated issue or party
    names. A forecast case (stakeholders, no parties) is named as such instead
    (`_too_few_parties`)."""
    if "stakeholders" in data and "parties" not in data:
        return
    _unknown_keys(data, "", 1 if lines else None, "", problems, lines)
    for kind in ("issues", "parties"):
        items = data.get(kind)
        for k, item in enumerate(items if isinstance(items, list) else []):
            name = item.get("name", k) if isinstance(item, dict) else k
            _unknown_keys(item, kind, lines.get((kind, k)), f"{name}.", problems)
        noun = "issue" if kind == "issues" else "party"
        _repeated_names(items, noun, problems, lines.get((kind,)))
    _unknown_keys(data.get("mediator"), "mediator", lines.get(("mediator",)), "mediator.", problems)


def _scenario(
    data: object, lines: dict[tuple[object, ...], int], problems: Problems
) -> NegotiationScenario:
    """Check a scenario's data (the lines of its keys when it came from a file) and build it."""
    if not isinstance(data, dict):
        problems.add("expected a mapping", 1 if lines else None, None)
        raise InputError(problems.items)
    for key, high in (("issues", MAX_ISSUES), ("parties", MAX_PARTIES)):
        given = data.get(key)
        if isinstance(given, list) and len(given) > high:  # counted before any is read
            message = f"{len(given):,} {key}; at most {high} are allowed"
            problems.add(message, lines.get((key,)), key)
    problems.raise_if_any()
    _check_keys_and_names(data, lines, problems)
    issues = _read_issues(data.get("issues") or [], lines, problems)
    problems.raise_if_any()  # a bad issue would be blamed on every party's values again
    parties = _read_parties(data.get("parties") or [], issues, lines, problems)
    names = [party.name for party in parties]
    if len(names) < 2 and not problems.items:
        problems.add(_too_few_parties(data), lines.get(("parties",)), "parties")
    _bilateral_among_many(data.get("parties") or [], parties, lines, problems)
    protocol = str(data.get("protocol", "alternating"))
    if protocol not in {"alternating", "mediated"}:
        problems.add(
            "protocol must be 'alternating' or 'mediated'", lines.get(("protocol",)), "protocol"
        )
    steps = _count(data.get("steps", 100), lines.get(("steps",)), "steps", problems)
    seed = _seed(data.get("seed"), lines.get(("seed",)), problems)
    med = data.get("mediator")
    mediator = (
        _read_mediator(med, lines.get(("mediator",)), names, problems, _declared(data))
        if isinstance(med, dict)
        else None
    )
    problems.raise_if_any()
    return NegotiationScenario(
        issues=issues.names,
        parties=tuple(names),
        utilities=tuple(party.utility for party in parties),
        strategies=tuple(party.strategy for party in parties),
        protocol=protocol,
        steps=int(steps or 100),
        seed=seed,
        mediator=mediator,
    )


def _bilateral_among_many(
    items: list[Any],
    parties: list[_Party],
    lines: dict[tuple[object, ...], int],
    problems: Problems,
) -> None:
    """A problem at the party's line for each bilateral strategy (Zeuthen's, Rubinstein's)
    given to one of more than two parties: it bargains with one other party only."""
    if len(parties) <= 2:
        return
    where = {
        str(item.get("name")): lines.get(("parties", k))
        for k, item in enumerate(items)
        if isinstance(item, dict)
    }
    for party in parties:
        if type(party.strategy).classifier.get("bilateral"):
            problems.add(
                f"strategy {party.strategy.name!r} is bilateral: it bargains with one other "
                f"party, and this scenario has {len(parties)}",
                where.get(party.name),
                f"{party.name}.strategy",
            )


def _data(root: yaml.Node | None, file: str) -> Any:
    """The Python data of a parsed YAML node tree (plain data, as safe_load gives), or {} when
    it is empty: the YAML is parsed once, for both the data and the line numbers."""
    return construct_yaml(root, file) or {}


#: The narrowest range of an issue that is not one point (a utility divides by it).
MIN_SPAN = 1e-300


def _span_ok(span: float) -> bool:
    """Whether an issue's range (high - low) can scale a utility: finite, and not so narrow
    that a weight per unit overflows (a negative or zero range counts as one unit)."""
    return math.isfinite(span) and not 0 < span < MIN_SPAN


def _read_issues(
    issues: object, lines: dict[tuple[object, ...], int], problems: Problems
) -> _Issues:
    """The valid issues, recording a problem for each bad one and for an empty list."""
    names: list[str] = []
    low: list[float] = []
    high: list[float] = []
    for k, issue in enumerate(issues if isinstance(issues, list) else []):
        line = lines.get(("issues", k))
        if not isinstance(issue, dict) or "name" not in issue:
            problems.add("issue needs a name", line, "issues")
            continue
        lo = problems.number(issue.get("low", 0.0), line, f"{issue['name']}.low")
        hi = problems.number(issue.get("high", 1.0), line, f"{issue['name']}.high")
        if lo is not None and hi is not None and hi < lo:
            problems.add(f"high ({hi:g}) is below low ({lo:g})", line, f"{issue['name']}.high")
        elif lo is not None and hi is not None and not _span_ok(hi - lo):
            # a span of 5e-324 overflowed a utility's weight per unit (found by structure fuzzing)
            problems.add(
                f"the range from low to high ({hi - lo:g}) must be a finite number, not "
                f"between 0 and {MIN_SPAN:g}",
                line,
                f"{issue['name']}.high",
            )
        elif lo is not None and hi is not None:
            names.append(str(issue["name"]))
            low.append(lo)
            high.append(hi)
    if not names and not (isinstance(issues, list) and issues):  # (each bad one is named)
        problems.add("'issues' must be a non-empty list", lines.get(("issues",)), "issues")
    return _Issues(tuple(names), tuple(low), tuple(high))


def _read_parties(
    parties: object, issues: _Issues, lines: dict[tuple[object, ...], int], problems: Problems
) -> list[_Party]:
    """The valid parties, in file order, recording a problem for each bad one."""
    found: list[_Party] = []
    for k, party in enumerate(parties if isinstance(parties, list) else []):
        line = lines.get(("parties", k))
        if not isinstance(party, dict) or "name" not in party:
            problems.add("party needs a name", line, "parties")
            continue
        read = _read_party(party, issues, line, problems)
        if read is not None:
            found.append(read)
    return found


def _read_party(
    party: dict[str, Any], issues: _Issues, line: int | None, problems: Problems
) -> _Party | None:
    """One party's utility and strategy, or None (with problems recorded) when it is bad."""
    pname = str(party["name"])
    ideal, weights = _ideal_and_weights(party, pname, issues, line, problems)
    rv = problems.number(party.get("reservation", 0.0), line, f"{pname}.reservation", low=0, high=1)
    disc = problems.number(party.get("discount", 1.0), line, f"{pname}.discount", low=0, high=1)
    sname = str(party.get("strategy", "linear"))
    if sname not in strategy_names():
        problems.add(
            UnknownNameError.describe("strategy", sname, strategy_names()),
            line,
            f"{pname}.strategy",
        )
        return None
    if len(ideal) != len(issues.names) or rv is None or disc is None:
        return None
    try:
        utility = LinearUtility(ideal, issues.low, issues.high, weights, rv, disc)
    except InputError as exc:  # e.g. every weight 0: the party's line and field, not bare
        for p in exc.problems:
            problems.add(p.message, line, f"{pname}.{p.field}" if p.field else pname)
        return None
    return _Party(pname, utility, make_strategy(sname))


def _ideal_and_weights(
    party: dict[str, Any], pname: str, issues: _Issues, line: int | None, problems: Problems
) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """A party's ideal point and issue weights (1 unless given), for the issues it gets right."""
    ideal_map = party.get("ideal") or {}
    weights_map = party.get("weights") or {}
    for key, given in (("ideal", ideal_map), ("weights", weights_map)):
        if not isinstance(given, dict):
            problems.add("expected a mapping of issue to value", line, f"{pname}.{key}")
    ideal_map = ideal_map if isinstance(ideal_map, dict) else {}
    weights_map = weights_map if isinstance(weights_map, dict) else {}
    ideal: list[float] = []
    weights: list[float] = []
    for j, issue in enumerate(issues.names):
        if issue not in ideal_map:
            problems.add(f"no ideal for issue {issue!r}", line, f"{pname}.ideal")
            continue
        v = problems.number(
            ideal_map[issue],
            line,
            f"{pname}.ideal.{issue}",
            low=issues.low[j],
            high=issues.high[j],
        )
        wv = problems.number(weights_map.get(issue, 1.0), line, f"{pname}.weights.{issue}", low=0)
        if v is not None and wv is not None:
            ideal.append(v)
            weights.append(wv)
    return tuple(ideal), tuple(weights)


def _declared(data: dict[str, Any]) -> list[str]:
    """The names the scenario's parties list gives, usable or not."""
    items = data.get("parties")
    listed = items if isinstance(items, list) else []
    return [str(p["name"]) for p in listed if isinstance(p, dict) and "name" in p]


def _read_mediator(
    med: dict[str, Any],
    line: int | None,
    names: list[str],
    problems: Problems,
    declared: list[str] | None = None,
) -> Mediator | None:
    """The mediator of a mediated scenario, or None (with problems recorded) when it is bad.
    `favour` may name a declared party whose own problem is reported (`declared`): only an
    undeclared one is unknown. `step`, a share of each issue's span, is in (0, 1], as the
    API takes it: 0 never moves a draft."""
    favour = med.get("favour", names[0] if names else None)
    if favour not in (names if declared is None else declared):
        problems.add(f"unknown party {favour!r}", line, "mediator.favour")
    bias = problems.number(med.get("bias", 0.0), line, "mediator.bias", low=0, high=1)
    step = problems.number(med.get("step", 0.05), line, "mediator.step", low=0, high=1)
    if step == 0:
        problems.add("0: must be more than 0 (a draft never moves)", line, "mediator.step")
        step = None
    iters = _count(
        med.get("iterations", 500), line, "mediator.iterations", problems, MAX_MEDIATOR_ITERATIONS
    )
    if bias is not None and step is not None and iters is not None and favour in names:
        return Mediator(int(iters), step, bias, names.index(favour))
    return None


def _count(
    raw: object, line: int | None, field: str, problems: Problems, high: int = MAX_NEGOTIATION_STEPS
) -> int | None:
    """A whole number in [1, high] (`accord.bargaining.limits`), or None with a problem."""
    value = problems.number(raw, line, field, low=1, high=high)
    if value is None:
        return None
    if not value.is_integer():
        problems.add(f"expected a whole number, got {raw!r}", line, field)
        return None
    return int(value)


def _seed(raw: object, line: int | None, problems: Problems) -> int | None:
    """The seed: none, or a whole number in [0, 2**63 - 1]."""
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int) or not 0 <= raw <= MAX_SEED:
        problems.add(f"expected a whole number from 0 to 2**63 - 1, got {raw!r}", line, "seed")
        return None
    return raw


def _lines(root: object) -> dict[tuple[object, ...], int]:
    """Line numbers of top-level keys and of the items of top-level lists."""
    out: dict[tuple[object, ...], int] = {}
    if not isinstance(root, yaml.MappingNode):
        return out
    for key, value in root.value:
        out[(key.value,)] = key.start_mark.line + 1
        if isinstance(value, yaml.SequenceNode):
            for k, item in enumerate(value.value):
                out[(key.value, k)] = item.start_mark.line + 1
    return out
