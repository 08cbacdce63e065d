"""Reader of the `decide` exchange-model input (Stokman & Van Oosten's model, as run by decide).

Rows are tab-, semicolon- or comma-separated, values optionally in single quotes (decide's
`docs/inputfiles.md` and `decide/data/types.py`, foarsitter/decide-exchange-model):

- `#O  description`                  the case's description (used as its name)
- `#/  text`                         a comment (decide's documentation also writes it `#0`)
- `#A  name  id  comment`            an actor
- `#P  issue  id  description`       an issue
- `#M  issue  value  [meaning]`      a point of the issue's scale: the lowest and highest set
                                     the issue's bounds, 0-100 when an issue has none (decide's
                                     rule); a position outside them is an error
- `#D  actor  issue  position  salience  power`   one actor's stance on one issue; every
                                     declared actor needs one on every issue (decide lets an
                                     actor sit an issue out; here a missing row is an error,
                                     and a row with salience 0 says the actor takes no part)

Salience and power are per actor and issue; the actor's capability is its largest power.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from accord.bargaining.case import Case, Issue, Stakeholder
from accord.bargaining.limits import MAX_MAGNITUDE
from accord.bargaining.readers._common import Problems, read_text, shorten

_SPLIT = re.compile(r"\t|;|,")
#: The messages of a scale point and a power too large for a model to add up.
BOUNDS = f"issue bounds must lie within -{MAX_MAGNITUDE:g} to {MAX_MAGNITUDE:g}"
POWER = f"power must be a number from 0 to {MAX_MAGNITUDE:g}"


def _fields(line: str) -> list[str]:
    parts = _SPLIT.split(line) if "\t" not in line else line.split("\t")
    return [p.strip().strip("'\"").strip() for p in parts]


def _description(f: list[str]) -> str:
    """A #P row's description: its comment, else its full name when that differs from the key
    (decide's rows are `#P key name comment`)."""
    if len(f) > 3 and f[3]:
        return f[3]
    return f[2] if len(f) > 2 and f[2] != f[1] else ""


@dataclass
class _Names:
    """What the #A and #P rows declare: names by id or name, with their descriptions."""

    actors: dict[str, str] = field(default_factory=dict)  # id or name -> name
    actor_comment: dict[str, str] = field(default_factory=dict)
    actor_line: dict[str, int] = field(default_factory=dict)
    issues: dict[str, str] = field(default_factory=dict)  # id or name -> name
    issue_desc: dict[str, str] = field(default_factory=dict)
    case: str = ""  # the #O description


@dataclass
class _Stances:
    """What the #M and #D rows give: scale points per issue, and each actor's stances."""

    scale: dict[str, list[float]] = field(default_factory=dict)
    positions: dict[str, dict[str, float]] = field(default_factory=dict)
    saliences: dict[str, dict[str, float]] = field(default_factory=dict)
    power: dict[str, dict[str, float]] = field(default_factory=dict)
    seen: dict[str, set[str]] = field(default_factory=dict)  # actor -> issues with a #D row


def _declare(text: str, names: _Names, problems: Problems) -> list[tuple[int, list[str]]]:
    """Record the #A and #P rows in `names`; return the #M and #D rows (with their lines)."""
    rows: list[tuple[int, list[str]]] = []
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        f = _fields(raw)
        tag = f[0].upper()
        if tag == "#A":
            if len(f) < 2 or not f[1]:
                problems.add("#A row needs an actor name", line, "name")
                continue
            names.actors[f[1]] = f[1]
            names.actor_line.setdefault(f[1], line)
            if len(f) > 2 and f[2]:
                names.actors[f[2]] = f[1]
            names.actor_comment[f[1]] = f[3] if len(f) > 3 else ""
        elif tag == "#P":
            if len(f) < 2 or not f[1]:
                problems.add("#P row needs an issue name", line, "issue")
                continue
            names.issues[f[1]] = f[1]
            if len(f) > 2 and f[2]:
                names.issues[f[2]] = f[1]
            names.issue_desc[f[1]] = _description(f)
        elif tag in {"#M", "#D"}:
            rows.append((line, f))
        elif tag == "#O":
            names.case = names.case or " ".join(v for v in f[1:] if v)
        elif tag not in {"#/", "#0"}:
            problems.add(
                f"unknown row type {shorten(f[0])!r} (expected #O, #/, #A, #P, #M or #D)",
                line,
                "type",
            )
    return rows


def _scale_point(
    line: int, f: list[str], names: _Names, stances: _Stances, problems: Problems
) -> None:
    """Record one #M row: a point of an issue's scale."""
    if len(f) < 3:
        problems.add("#M row needs an issue and a value", line, None)
        return
    if f[1] not in names.issues:
        problems.add(f"unknown issue {shorten(f[1])!r}", line, "issue")
        return
    value = problems.magnitude(problems.number(f[2], line, "value"), line, "value", BOUNDS)
    if value is not None:
        stances.scale.setdefault(names.issues[f[1]], []).append(value)


def _stance(line: int, f: list[str], names: _Names, stances: _Stances, problems: Problems) -> None:
    """Record one #D row: an actor's position, salience and power on one issue."""
    if len(f) < 6:
        problems.add(f"#D row needs 6 fields, got {len(f)}", line, None)
        return
    if f[1] not in names.actors:
        problems.add(f"unknown actor {shorten(f[1])!r} (declare it in an #A row)", line, "actor")
        return
    if f[2] not in names.issues:
        problems.add(f"unknown issue {shorten(f[2])!r} (declare it in a #P row)", line, "issue")
        return
    actor, issue = names.actors[f[1]], names.issues[f[2]]
    if issue in stances.seen.get(actor, set()):
        problems.add(f"{actor!r} has two #D rows for {issue!r}", line, "actor")
        return
    stances.seen.setdefault(actor, set()).add(issue)
    low, high = _bounds(stances, issue)
    x = problems.number(f[3], line, "position")
    if x is not None and not low <= x <= high:
        problems.add(
            f"position {x:g} is outside the scale of {issue!r}, [{low:g}, {high:g}]",
            line,
            "position",
        )
        x = None
    s = problems.number(f[4], line, "salience", low=0, high=1)
    c = problems.magnitude(problems.number(f[5], line, "power", low=0), line, "power", POWER)
    if x is None or s is None or c is None:
        return
    stances.positions.setdefault(actor, {})[issue] = x
    stances.saliences.setdefault(actor, {})[issue] = s
    stances.power.setdefault(actor, {})[issue] = c


def _bounds(stances: _Stances, issue: str) -> tuple[float, float]:
    """An issue's scale: its lowest and highest #M points, 0-100 when it has none."""
    points = stances.scale.get(issue)
    return (min(points), max(points)) if points else (0.0, 100.0)


def _missing_rows(names: _Names, stances: _Stances, problems: Problems) -> None:
    """Every declared actor needs a #D row on every issue; a missing one is an error at the
    actor's #A line naming the issues. decide lets an actor sit an issue out, but a missing
    row is more often a slip than a choice; a row with salience 0 says the actor takes no part."""
    issues = list(dict.fromkeys(names.issues.values()))
    for actor in dict.fromkeys(names.actors.values()):
        have = stances.seen.get(actor, set())
        if not have:
            problems.add(
                f"actor {actor!r} has no #D rows (its position, salience and power on each issue)",
                names.actor_line[actor],
                "actor",
            )
            continue
        lacking = [i for i in issues if i not in have]
        if lacking:
            problems.add(
                f"actor {actor!r} has no #D row on issue(s) "
                f"{', '.join(repr(shorten(i)) for i in lacking[:5])}"
                f"{f' and {len(lacking) - 5} more' if len(lacking) > 5 else ''}"
                " (give it a row with salience 0 to say it takes no part)",
                names.actor_line[actor],
                "issue",
            )


def _case(path: Path, names: _Names, stances: _Stances) -> Case:
    """The Case: issues on their #M scales; capability is the top power."""
    issue_objs = [
        Issue(name, *_bounds(stances, name), description=names.issue_desc[name])
        for name in dict.fromkeys(names.issues.values())
    ]
    return Case(
        name=names.case or path.stem,
        issues=tuple(issue_objs),
        stakeholders=tuple(
            Stakeholder(
                name=a,
                capability=max(stances.power[a].values()),
                positions=stances.positions[a],
                saliences=stances.saliences[a],
                power=stances.power[a],
                description=names.actor_comment.get(a, ""),
            )
            for a in dict.fromkeys(names.actors.values())
            if a in stances.positions
        ),
        source=str(path),
    )


def read_decide(path: str | Path) -> Case:
    """Read a decide input file into a Case."""
    path = Path(path)
    problems = Problems(str(path))
    names, stances = _Names(), _Stances()
    rows = _declare(read_text(path), names, problems)
    for line, f in rows:  # the scales first: #M rows may follow the #D rows they bound
        if f[0].upper() == "#M":
            _scale_point(line, f, names, stances, problems)
    for line, f in rows:
        if f[0].upper() == "#D":
            _stance(line, f, names, stances, problems)
    if not stances.seen:
        problems.add("no #D rows", None, None)
    else:
        _missing_rows(names, stances, problems)
    problems.raise_if_any()
    return _case(path, names, stances)
