"""The objective language: measurable goals a role is scored on at the debrief.

One objective per line of text (case does not matter; `X`, `Y` are role ids or actor codes,
`OP` one of `<=`, `>=`, `<`, `>`, `==`, `N` a number):

    agreement on table T                       the table reached an agreement
    agreement on table T with ISSUE OP N       ... whose value on ISSUE satisfies OP N
                                               (`position` names the issue of a one-issue table)
    no agreement on table T
    no war with X | no war between X and Y     no war between the two at any turn
    net cooperation with X OP N [at the end]   (cooperative - conflictual events) / events
    net cooperation between X and Y OP N [at the end]
                                               between the two (both directions) over the
                                               session, or over its last turn with `at the end`
    sanctions on X [by Y] | no sanctions on X [by Y]
                                               Y (the role's own state without `by`) sanctions X
                                               at the end, or does not (a sanction in force at
                                               the start counts: only lifting it meets `no`)
    no new sanctions on X [by Y]               Y imposed no sanction on X during the session
                                               (one in force at the start is not new)

A goal of net cooperation at least N (`>=`, `>`) is not met between two states at war (at
the end with `at the end`, at any turn otherwise), whatever their events: a few talks do not
make a war cooperative.

`with X` pairs X with the role's own actor. `parse_objective` gives a `Goal`; `evaluate` judges
it on the session's `Facts`.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from accord.jsonable import AsDict

_OPS: dict[str, Callable[[float, float], bool]] = {
    "<=": operator.le,
    ">=": operator.ge,
    "<": operator.lt,
    ">": operator.gt,
    "==": lambda a, b: abs(a - b) < 1e-9,
}
_NAME = r"([A-Za-z0-9_.-]+)"
_NUM = r"(-?\d+(?:\.\d+)?)"
_OP = r"(<=|>=|==|<|>)"


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("agreement_value", _re(rf"agreement on table {_NAME} with {_NAME} {_OP} {_NUM}")),
    ("no_agreement", _re(rf"no agreement on table {_NAME}")),
    ("agreement", _re(rf"agreement on table {_NAME}")),
    ("no_war", _re(rf"no war (?:with {_NAME}|between {_NAME} and {_NAME})")),
    (
        "net_cooperation",
        _re(
            rf"net cooperation (?:with {_NAME}|between {_NAME} and {_NAME}) {_OP} {_NUM}"
            r"( at the end)?"
        ),
    ),
    ("no_new_sanctions", _re(rf"no new sanctions on {_NAME}(?: by {_NAME})?")),
    ("no_sanctions", _re(rf"no sanctions on {_NAME}(?: by {_NAME})?")),
    ("sanctions", _re(rf"sanctions on {_NAME}(?: by {_NAME})?")),
)
SYNTAX = (
    "expected one of: 'agreement on table T [with ISSUE OP N]', 'no agreement on table T', "
    "'no war with X', 'no war between X and Y', 'net cooperation with X OP N [at the end]', "
    "'net cooperation between X and Y OP N [at the end]', '[no] sanctions on X [by Y]', "
    "'no new sanctions on X [by Y]'"
)


@dataclass(frozen=True)
class Goal:
    """A parsed objective: its kind and operands (`a`/`b` actors or role ids, `None` for the
    role itself; `table`, `issue`, `op`, `value`, `at_end`)."""

    kind: str
    table: str | None = None
    issue: str | None = None
    a: str | None = None
    b: str | None = None
    op: str | None = None
    value: float | None = None
    at_end: bool = False


def parse_objective(text: str) -> Goal | None:
    """The goal `text` states, or None when it is not in the objective language."""
    clean = " ".join(text.split())
    for kind, pattern in _PATTERNS:
        m = pattern.fullmatch(clean)
        if m is None:
            continue
        g = m.groups()
        if kind == "agreement_value":
            return Goal(kind, table=g[0], issue=g[1], op=g[2], value=float(g[3]))
        if kind in ("agreement", "no_agreement"):
            return Goal(kind, table=g[0])
        if kind == "no_war":
            return Goal(kind, a=g[1], b=g[0] or g[2])
        if kind == "net_cooperation":
            return Goal(kind, a=g[1], b=g[0] or g[2], op=g[3], value=float(g[4]), at_end=bool(g[5]))
        return Goal(kind, a=g[1], b=g[0])
    return None


@dataclass(frozen=True)
class Facts:
    """What happened in a session, as the objectives need it: agreements by table (issue ->
    value), unordered pairs of actors at war at any turn, (sender, target) sanctions at the end,
    net cooperation per (a, b, last-turn-only) of the actors' events, the pairs at war at the
    end, the sanctions in force at the start and those in force after any turn."""

    agreements: Mapping[str, Mapping[str, float] | None] = field(default_factory=dict)
    wars: frozenset[frozenset[str]] = frozenset()
    sanctions: frozenset[tuple[str, str]] = frozenset()
    cooperation: Mapping[tuple[str, str, bool], float | None] = field(default_factory=dict)
    wars_at_end: frozenset[frozenset[str]] = frozenset()
    sanctions_at_start: frozenset[tuple[str, str]] = frozenset()
    sanctions_during: frozenset[tuple[str, str]] = frozenset()


@dataclass(frozen=True)
class ObjectiveResult(AsDict):
    """One objective judged: met or not, the measured value when there is one, its weight."""

    objective: str
    met: bool
    weight: float
    value: float | None
    detail: str


def pairs_needed(goal: Goal, actor: Callable[[str | None], str]) -> list[tuple[str, str, bool]]:
    """The net-cooperation measures `goal` needs (actors resolved by `actor`)."""
    if goal.kind != "net_cooperation":
        return []
    return [(actor(goal.a), actor(goal.b), goal.at_end)]


def evaluate(
    goal: Goal, facts: Facts, actor: Callable[[str | None], str], issues: Mapping[str, str]
) -> tuple[bool, float | None, str]:
    """Whether `goal` is met on `facts`, the value measured and a one-line explanation.

    `actor` maps a role id or code (None: the role itself) to an actor code; `issues` maps a
    table id to its only issue (for `position`)."""
    if goal.kind in ("agreement", "no_agreement", "agreement_value"):
        return _agreement(goal, facts, issues)
    a, b = actor(goal.a), actor(goal.b)
    if goal.kind == "no_war":
        war = frozenset((a, b)) in facts.wars
        return (not war, None, f"war between {a} and {b}" if war else f"no war {a}-{b}")
    if goal.kind == "net_cooperation":
        return _cooperation(goal, facts, a, b)
    return _sanctions(goal, facts, a, b)


def _cooperation(goal: Goal, facts: Facts, a: str, b: str) -> tuple[bool, float | None, str]:
    """Net cooperation between a and b against the goal; a lower bound is not met in war."""
    value = facts.cooperation.get((a, b, goal.at_end))
    assert goal.op is not None and goal.value is not None
    wanted = f"(goal {goal.op} {goal.value:g})"
    at_war = frozenset((a, b)) in (facts.wars_at_end if goal.at_end else facts.wars)
    if at_war and goal.op in (">=", ">"):
        when = "at the end" if goal.at_end else "during the session"
        measured = "no events" if value is None else f"net cooperation {value:.2f}"
        return False, value, f"{a} and {b} at war {when} ({measured}) {wanted}"
    if value is None:
        return False, None, f"no events between {a} and {b}"
    met = _OPS[goal.op](value, goal.value)
    return met, value, f"net cooperation {a}-{b} {value:.2f} {wanted}"


def _sanctions(goal: Goal, facts: Facts, a: str, b: str) -> tuple[bool, float | None, str]:
    """A sanctions goal: at the end, or (`no_new_sanctions`) imposed during the session; the
    detail says when a sanction was in force before the session started."""
    before = (a, b) in facts.sanctions_at_start
    since = " (in force since before the session)" if before else ""
    if goal.kind == "no_new_sanctions":
        new = (a, b) in facts.sanctions_during and not before
        if new:
            return False, None, f"{a} imposed sanctions on {b} during the session"
        return True, None, f"no new sanctions on {b} by {a}{since}"
    on = (a, b) in facts.sanctions
    met = on if goal.kind == "sanctions" else not on
    if on:
        return met, None, f"{a} sanctions {b} at the end{since}"
    lifted = " (lifted during the session)" if before else ""
    return met, None, f"{a} does not sanction {b} at the end{lifted}"


def _agreement(
    goal: Goal, facts: Facts, issues: Mapping[str, str]
) -> tuple[bool, float | None, str]:
    assert goal.table is not None
    deal = facts.agreements.get(goal.table)
    if goal.kind == "no_agreement":
        return deal is None, None, "no agreement" if deal is None else "agreement reached"
    if deal is None:
        return False, None, f"no agreement on {goal.table}"
    if goal.kind == "agreement":
        return True, None, f"agreement on {goal.table}"
    issue = issues.get(goal.table, "") if goal.issue == "position" else (goal.issue or "")
    value = deal.get(issue)
    if value is None:
        return False, None, f"the agreement has no issue {issue!r}"
    assert goal.op is not None and goal.value is not None
    met = _OPS[goal.op](value, goal.value)
    return met, value, f"{issue} = {value:.4g} (goal {goal.op} {goal.value:g})"
