"""Reader of the `decide` exchange-model input (Stokman & Van Oosten's model, as run by decide).

Rows are tab-, semicolon- or comma-separated, values optionally in single quotes:

- `#A  name  id  comment`            an actor
- `#P  issue  id  description`       an issue
- `#M  issue  value  [meaning]`      a point of the issue's scale (lowest and highest set bounds)
- `#D  actor  issue  position  salience  power`   one actor's stance on one issue

Salience and power are per actor and issue; the actor's capability is its largest power.
"""

from __future__ import annotations

import re
from pathlib import Path

from accord.bargaining.case import Case, Issue, Stakeholder
from accord.bargaining.readers._common import Problems, read_text

_SPLIT = re.compile(r"\t|;|,")


def _fields(line: str) -> list[str]:
    parts = _SPLIT.split(line) if "\t" not in line else line.split("\t")
    return [p.strip().strip("'\"").strip() for p in parts]


def read_decide(path: str | Path) -> Case:
    """Read a decide input file into a Case."""
    path = Path(path)
    problems = Problems(str(path))
    actors: dict[str, str] = {}  # id or name -> name
    actor_comment: dict[str, str] = {}
    issues: dict[str, str] = {}  # id or name -> name
    issue_desc: dict[str, str] = {}
    scale: dict[str, list[float]] = {}
    rows: list[tuple[int, list[str]]] = []
    for line, raw in enumerate(read_text(path).splitlines(), start=1):
        if not raw.strip():
            continue
        f = _fields(raw)
        tag = f[0].upper()
        if tag == "#A":
            if len(f) < 2 or not f[1]:
                problems.add("#A row needs an actor name", line, "name")
                continue
            actors[f[1]] = f[1]
            if len(f) > 2 and f[2]:
                actors[f[2]] = f[1]
            actor_comment[f[1]] = f[3] if len(f) > 3 else ""
        elif tag == "#P":
            if len(f) < 2 or not f[1]:
                problems.add("#P row needs an issue name", line, "issue")
                continue
            issues[f[1]] = f[1]
            if len(f) > 2 and f[2]:
                issues[f[2]] = f[1]
            issue_desc[f[1]] = f[3] if len(f) > 3 else ""
        elif tag in {"#M", "#D"}:
            rows.append((line, f))
        else:
            problems.add(f"unknown row type {f[0]!r} (expected #A, #P, #M or #D)", line, "type")
    positions: dict[str, dict[str, float]] = {}
    saliences: dict[str, dict[str, float]] = {}
    power: dict[str, dict[str, float]] = {}
    for line, f in rows:
        if f[0].upper() == "#M":
            if len(f) < 3:
                problems.add("#M row needs an issue and a value", line, None)
                continue
            if f[1] not in issues:
                problems.add(f"unknown issue {f[1]!r}", line, "issue")
                continue
            value = problems.number(f[2], line, "value")
            if value is not None:
                scale.setdefault(issues[f[1]], []).append(value)
            continue
        if len(f) < 6:
            problems.add(f"#D row needs 6 fields, got {len(f)}", line, None)
            continue
        if f[1] not in actors:
            problems.add(f"unknown actor {f[1]!r} (declare it in an #A row)", line, "actor")
            continue
        if f[2] not in issues:
            problems.add(f"unknown issue {f[2]!r} (declare it in a #P row)", line, "issue")
            continue
        actor, issue = actors[f[1]], issues[f[2]]
        x = problems.number(f[3], line, "position")
        s = problems.number(f[4], line, "salience", low=0, high=1)
        c = problems.number(f[5], line, "power", low=0)
        if x is None or s is None or c is None:
            continue
        if issue in positions.get(actor, {}):
            problems.add(f"{actor!r} has two #D rows for {issue!r}", line, "actor")
            continue
        positions.setdefault(actor, {})[issue] = x
        saliences.setdefault(actor, {})[issue] = s
        power.setdefault(actor, {})[issue] = c
    if not positions:
        problems.add("no #D rows", None, None)
    problems.raise_if_any()
    issue_objs = []
    for name in dict.fromkeys(issues.values()):
        xs = [p[name] for p in positions.values() if name in p] + scale.get(name, [])
        if xs:
            issue_objs.append(Issue(name, min(xs), max(xs), description=issue_desc[name]))
    return Case(
        name=path.stem,
        issues=tuple(issue_objs),
        stakeholders=tuple(
            Stakeholder(
                name=a,
                capability=max(power[a].values()),
                positions=positions[a],
                saliences=saliences[a],
                power=power[a],
                description=actor_comment.get(a, ""),
            )
            for a in dict.fromkeys(actors.values())
            if a in positions
        ),
        source=str(path),
    )
