"""The bargaining case: issues, stakeholders and what they want.

A `Case` is the one data structure every outcome model reads. It is plain data (frozen
dataclasses) plus a few array views that the vectorised models use, so a model never has to
know which file format the case came from.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt

from accord.bargaining.limits import (
    MAX_ISSUES,
    MAX_MAGNITUDE,
    MAX_OPTIONS,
    MAX_STAKEHOLDERS,
    check_count,
    raise_if,
)
from accord.errors import InputError, Problem

FloatArray = npt.NDArray[np.float64]

#: A number within this of halfway between two options is a tie (`Issue.option_at`): the
#: models' means carry rounding errors of about 1e-15.
TIE_WIDTH = 1e-9

__all__ = [
    "MAX_ISSUES",
    "MAX_OPTIONS",
    "MAX_STAKEHOLDERS",
    "Case",
    "FloatArray",
    "Issue",
    "Stakeholder",
    "as_case",
    "scaled_to_one",
    "weight_products",
]

#: MAX_STAKEHOLDERS, MAX_ISSUES and MAX_OPTIONS are `accord.bargaining.limits`' (every case,
#: from any path, is held to them), re-exported here for the API's forms.


def weight_products(capability: FloatArray, salience: FloatArray) -> FloatArray:
    """capability x salience, each factor first scaled (per column) by the power of two that
    brings its largest value near 1: weights only matter relative to each other, and two tiny
    ones (1e-320) multiplied underflow to 0. Powers of two scale exactly, so every ratio of
    weights, and every weighted mean or median, is the plain product's to the last bit."""
    return scaled_to_one(capability) * scaled_to_one(salience)


def scaled_to_one(values: FloatArray) -> FloatArray:
    """`values` times the power of two that puts the largest of each column in [0.5, 1)
    (exact: a ratio of two values is unchanged to the last bit)."""
    _, exponent = np.frexp(np.max(values, axis=0, initial=0.0))
    out: FloatArray = np.ldexp(values, -exponent)
    return out


def check_options(issue: str, options: tuple[str, ...]) -> None:
    """A discrete issue's options: at least two (one leaves nothing to negotiate), each named
    once (a name twice makes a forecast's label ambiguous)."""
    if len(options) < 2:
        raise InputError.at(
            f"a discrete issue needs at least two options, got {len(options)}",
            field=f"{issue}.options",
        )
    twice = sorted({o for o in options if options.count(o) > 1})
    if twice:
        raise InputError.at(f"option {twice[0]!r} is listed twice", field=f"{issue}.options")


def check_option_bounds(issue: str, options: int, given: Mapping[str, float | None]) -> None:
    """A discrete issue's `low` and `high`, when given (`given`: None when not), must be its
    first and last option's index, 0 and `options` - 1: the bounds of a discrete issue are
    its options, and other ones were ignored without a word."""
    if not options:
        return
    problems = [
        Problem(
            f"a discrete issue's {key} is its option index {want:g}, got {value:g}: leave "
            "low and high out",
            field=f"{issue}.{key}",
        )
        for key, want in (("low", 0.0), ("high", float(options - 1)))
        if (value := given.get(key)) is not None and value != want
    ]
    if problems:
        raise InputError(problems)


@dataclass(frozen=True)
class Issue:
    """One issue under negotiation: a continuous scale [low, high] or ordered discrete options.

    Discrete options are encoded as their index (0 .. len(options) - 1), so every model works on
    numbers; `label` turns a forecast back into the option's name.
    """

    name: str
    low: float = 0.0
    high: float = 100.0
    options: tuple[str, ...] = ()
    description: str = ""

    def __post_init__(self) -> None:
        raise_if(
            check_count(
                len(self.options), MAX_OPTIONS, f"{self.name}.options", what="options", low=0
            )
        )
        if self.options:
            check_options(self.name, self.options)
            object.__setattr__(self, "low", 0.0)
            object.__setattr__(self, "high", float(len(self.options) - 1))
        if not (math.isfinite(self.low) and math.isfinite(self.high)) or self.high < self.low:
            raise InputError.at(  # the field of the bad value, as a file's reader names it
                f"issue bounds must satisfy low <= high, got [{self.low}, {self.high}]",
                field=f"{self.name}.low",
            )
        if max(abs(self.low), abs(self.high)) > MAX_MAGNITUDE:
            raise InputError.at(
                f"issue bounds must lie within -{MAX_MAGNITUDE:g} to {MAX_MAGNITUDE:g}, got "
                f"[{self.low:g}, {self.high:g}]",
                field=self.name,
            )

    @property
    def discrete(self) -> bool:
        """True when the issue is a set of ordered options rather than a continuous scale."""
        return bool(self.options)

    @property
    def span(self) -> float:
        """Width of the scale (1.0 for a degenerate scale, so distances stay defined)."""
        return self.high - self.low if self.high > self.low else 1.0

    def option_at(self, value: float) -> int:
        """The index of the option nearest to `value` (clipped to the options); a value
        halfway between two options (within `TIE_WIDTH`) goes to the lower one, whatever the
        options' order, as the medians' ties do (`round` sent 0.5 down but 1.5 up)."""
        index = math.ceil(value - 0.5 - TIE_WIDTH) if math.isfinite(value) else 0
        return int(np.clip(index, 0, len(self.options) - 1))

    def label(self, value: float) -> str:
        """The option nearest to `value` for a discrete issue (`option_at`: a tie goes to the
        lower option), else the number itself."""
        if self.options:
            return self.options[self.option_at(value)]
        return f"{value:g}"

    def value_problem(self, value: float) -> str | None:
        """What is wrong with `value` as a position or status quo on this issue, in the YAML
        reader's words, or None: not finite, outside [low, high], or no option's index."""
        if not math.isfinite(value):
            return f"expected a finite number, got {value}"
        if not self.low <= value <= self.high:
            return f"{value:g} is outside [{self.low:g}, {self.high:g}]"
        if self.options and value != int(value):
            return f"option index must be a whole number, got {value:g}"
        return None


@dataclass(frozen=True)
class Stakeholder:
    """A party to the negotiation: its weight, and its position and salience per issue.

    `actor` optionally links the stakeholder to a world actor by its code (a string only:
    bargaining does not import the world model). `power` overrides `capability` on single
    issues, as the `decide` format allows. An issue missing from `positions` means the
    stakeholder takes no part in that issue.
    """

    name: str
    capability: float
    positions: Mapping[str, float]
    saliences: Mapping[str, float]
    actor: str | None = None
    power: Mapping[str, float] = field(default_factory=dict)
    description: str = ""

    def capability_on(self, issue: str) -> float:
        """Capability on one issue (the per-issue power when given)."""
        return float(self.power.get(issue, self.capability))


def _stakeholder_problems(
    s: Stakeholder, issues: Mapping[str, Issue], source: str | None
) -> list[Problem]:
    """What is wrong with one stakeholder of a case with these `issues` (by name); each
    problem names the stakeholder's field as the YAML reader does (`A.positions.x`): a
    file's reader gives no line here."""
    problems: list[Problem] = []

    def add(message: str, field: str = "") -> None:
        problems.append(Problem(message, source, None, f"{s.name}{field}"))

    for key, given in (("positions", s.positions), ("saliences", s.saliences)):
        for issue in given:
            if issue not in issues:
                add(f"unknown issue {issue!r}", f".{key}.{issue}")
    for issue, value in (("", s.capability), *s.power.items()):
        if not math.isfinite(value) or not 0 <= value <= MAX_MAGNITUDE:
            where = f".power.{issue}" if issue else ".capability"
            add(f"capability must be a number from 0 to {MAX_MAGNITUDE:g}", where)
    for issue, value in s.positions.items():
        if math.isfinite(value) and abs(value) > MAX_MAGNITUDE:
            add(
                f"position on {issue!r} must lie within -{MAX_MAGNITUDE:g} to "
                f"{MAX_MAGNITUDE:g}, got {value:g}",
                f".positions.{issue}",
            )
        elif issue in issues and (wrong := issues[issue].value_problem(value)):
            add(wrong, f".positions.{issue}")
    for issue in s.positions:
        if issue in issues and issue not in s.saliences:  # was salience 0 without a word
            add(f"no salience for {issue!r}", ".saliences")
    for issue, sal in s.saliences.items():
        if not 0.0 <= sal <= 1.0:  # NaN too
            add(f"salience on {issue!r} must be in [0, 1]", f".saliences.{issue}")
    return problems


def _value_problems(
    key: str, values: Mapping[str, float] | None, issues: Mapping[str, Issue], source: str | None
) -> list[Problem]:
    """What is wrong with a status quo (`key`): an unknown issue, a value off its issue."""
    out = []
    for name, value in (values or {}).items():
        issue = issues.get(name)
        wrong = f"unknown issue {name!r}" if issue is None else issue.value_problem(value)
        if wrong:
            out.append(Problem(wrong, source, None, f"{key}.{name}"))
    return out


@dataclass(frozen=True)
class Case:
    """Issues, stakeholders, an optional status quo and an optional actual outcome."""

    name: str
    issues: tuple[Issue, ...]
    stakeholders: tuple[Stakeholder, ...]
    status_quo: Mapping[str, float] | None = None
    outcome: Mapping[str, float] | None = None
    source: str | None = None

    def __post_init__(self) -> None:
        too_many = [
            p
            for p in (
                check_count(len(self.issues), MAX_ISSUES, "issues", what="issues", low=0),
                check_count(
                    len(self.stakeholders),
                    MAX_STAKEHOLDERS,
                    "stakeholders",
                    what="stakeholders",
                    low=0,
                ),
            )
            if p is not None
        ]
        if too_many:  # before any check that costs more than a count (empty: below)
            raise InputError(replace(p, file=self.source) for p in too_many)
        problems: list[Problem] = []
        # each problem names a field (a stakeholder's name): a file's reader gives no line here
        if not self.issues:
            problems.append(Problem("a case needs at least one issue", self.source, None, "issues"))
        if not self.stakeholders:
            problems.append(
                Problem("a case needs at least one stakeholder", self.source, None, "stakeholders")
            )
        names = [s.name for s in self.stakeholders]
        for dup in sorted({n for n in names if names.count(n) > 1}):
            problems.append(Problem(f"stakeholder {dup!r} appears twice", self.source, None, dup))
        issue_names = [i.name for i in self.issues]
        for dup in sorted({n for n in issue_names if issue_names.count(n) > 1}):
            problems.append(Problem(f"issue {dup!r} appears twice", self.source, None, dup))
        known = {i.name: i for i in self.issues}
        for s in self.stakeholders:
            problems.extend(_stakeholder_problems(s, known, self.source))
        problems.extend(_value_problems("status_quo", self.status_quo, known, self.source))
        if (
            self.stakeholders
            and not problems
            and not any(s.capability_on(i.name) > 0 for s in self.stakeholders for i in self.issues)
        ):
            problems.append(
                Problem(
                    "every capability is 0: no stakeholder has any weight",
                    self.source,
                    None,
                    "capability",
                )
            )
        if self.stakeholders and not problems:
            problems.extend(self._weightless_issues())
        if problems:
            raise InputError(problems)

    def _weightless_issues(self) -> list[Problem]:
        """A problem for each issue on which no stakeholder has weight (capability x salience
        is 0 for every one that holds a position): the models' weighted medians and means
        have nothing to weigh, and each would answer something else."""
        out = []
        weighed = np.atleast_1d((self.weights() > 0).any(axis=0))
        for k, issue in enumerate(self.issues):
            if not weighed[k]:
                out.append(
                    Problem(
                        f"on issue {issue.name!r} every stakeholder's salience (or capability) "
                        "is 0: no one has weight on it",
                        self.source,
                        None,
                        issue.name,
                    )
                )
        return out

    # -- lookups -------------------------------------------------------------------------
    @property
    def issue_names(self) -> list[str]:
        """Issue names in file order."""
        return [i.name for i in self.issues]

    @property
    def actor_names(self) -> list[str]:
        """Stakeholder names in file order."""
        return [s.name for s in self.stakeholders]

    def issue(self, name: str) -> Issue:
        """The issue called `name`."""
        for i in self.issues:
            if i.name == name:
                return i
        raise KeyError(name)

    # -- array views used by the vectorised models ---------------------------------------
    def positions(self) -> FloatArray:
        """(actors, issues) positions; NaN where a stakeholder takes no part."""
        return np.array(
            [[s.positions.get(i, np.nan) for i in self.issue_names] for s in self.stakeholders],
            dtype=np.float64,
        )

    def saliences(self) -> FloatArray:
        """(actors, issues) saliences; 0 where a stakeholder takes no part."""
        return np.array(
            [
                [s.saliences.get(i, 0.0) if i in s.positions else 0.0 for i in self.issue_names]
                for s in self.stakeholders
            ],
            dtype=np.float64,
        )

    def capabilities(self) -> FloatArray:
        """(actors, issues) capabilities (per-issue power where given)."""
        return np.array(
            [[s.capability_on(i) for i in self.issue_names] for s in self.stakeholders],
            dtype=np.float64,
        )

    def weights(self) -> FloatArray:
        """(actors, issues) capability x salience, 0 where a stakeholder takes no part, scaled
        so that tiny values do not underflow (`weight_products`)."""
        return weight_products(self.capabilities(), self.saliences())

    def single_issue(self, name: str) -> Case:
        """The sub-case of one issue, keeping only the stakeholders who take part in it."""
        issue = self.issue(name)
        members = tuple(
            Stakeholder(
                name=s.name,
                capability=s.capability_on(name),
                positions={name: s.positions[name]},
                saliences={name: s.saliences.get(name, 0.0)},
                actor=s.actor,
                description=s.description,
            )
            for s in self.stakeholders
            if name in s.positions
        )
        pick = _pick(name)
        return Case(
            name=f"{self.name}/{name}",
            issues=(issue,),
            stakeholders=members,
            status_quo=pick(self.status_quo),
            outcome=pick(self.outcome),
            source=self.source,
        )


def _pick(name: str) -> Callable[[Mapping[str, float] | None], dict[str, float] | None]:
    def pick(values: Mapping[str, float] | None) -> dict[str, float] | None:
        return None if values is None or name not in values else {name: values[name]}

    return pick


def as_case(
    name: str,
    rows: Sequence[tuple[str, float, float, float]],
    *,
    issue: Issue | None = None,
) -> Case:
    """Build a one-issue case from (actor, capability, position, salience) rows (handy in code)."""
    positions = [r[2] for r in rows]
    iss = issue or Issue("issue", min(positions), max(positions))
    return Case(
        name=name,
        issues=(iss,),
        stakeholders=tuple(Stakeholder(a, c, {iss.name: x}, {iss.name: s}) for a, c, x, s in rows),
    )
