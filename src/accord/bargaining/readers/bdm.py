"""Reader of the BDM / Scholz layout: `Actor,Capability,Position,Salience` (one issue).

This is the layout of Bueno de Mesquita (1994) as tabulated by Scholz, Calbert & Smith (2011).
An optional `Issue` column turns it into a long multi-issue table; saliences above 1 are read
as percentages.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from accord.bargaining.case import Case, Issue, Stakeholder
from accord.bargaining.readers._common import Problems, read_text

REQUIRED = ("Actor", "Capability", "Position", "Salience")


def read_bdm(path: str | Path) -> Case:
    """Read a BDM-layout CSV file into a Case."""
    path = Path(path)
    problems = Problems(str(path))
    reader = csv.reader(io.StringIO(read_text(path)))
    header = [h.strip() for h in next(reader, [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        problems.add(f"missing column(s): {', '.join(missing)}", 1, missing[0])
        problems.raise_if_any()
    col = {name: header.index(name) for name in header}
    positions: dict[str, dict[str, float]] = {}
    saliences: dict[str, dict[str, float]] = {}
    capability: dict[str, float] = {}
    issues: list[str] = []
    for line, row in enumerate(reader, start=2):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        if len(row) < len(header):
            problems.add(f"expected {len(header)} fields, got {len(row)}", line, None)
            continue
        actor = row[col["Actor"]].strip()
        if not actor:
            problems.add("empty actor name", line, "Actor")
            continue
        issue = row[col["Issue"]].strip() if "Issue" in col else "issue"
        if issue not in issues:
            issues.append(issue)
        if actor in positions and issue in positions[actor]:
            problems.add(f"actor {actor!r} appears twice on issue {issue!r}", line, "Actor")
            continue
        cap = problems.number(row[col["Capability"]], line, "Capability", low=0)
        pos = problems.number(row[col["Position"]], line, "Position")
        sal = problems.number(row[col["Salience"]], line, "Salience", low=0, high=100)
        if cap is None or pos is None or sal is None:
            continue
        capability.setdefault(actor, cap)
        positions.setdefault(actor, {})[issue] = pos
        saliences.setdefault(actor, {})[issue] = sal
    if not positions:
        problems.add("no actor rows", 2, "Actor")
    problems.raise_if_any()
    scale = 100.0 if any(v > 1 for s in saliences.values() for v in s.values()) else 1.0
    issue_objs = []
    for name in issues:
        xs = [p[name] for p in positions.values() if name in p]
        issue_objs.append(Issue(name, min(xs), max(xs)))
    return Case(
        name=path.stem,
        issues=tuple(issue_objs),
        stakeholders=tuple(
            Stakeholder(
                name=a,
                capability=capability[a],
                positions=positions[a],
                saliences={k: v / scale for k, v in saliences[a].items()},
            )
            for a in positions
        ),
        source=str(path),
    )
