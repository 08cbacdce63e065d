"""Reader of the BDM / Scholz layout: `Actor,Capability,Position,Salience` (one issue).

This is the layout of Bueno de Mesquita (1994) as tabulated by Scholz, Calbert & Smith (2011).
An optional `Issue` column turns it into a long multi-issue table; saliences above 1 are read
as percentages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from accord.bargaining.case import Case, Issue, Stakeholder
from accord.bargaining.limits import MAX_MAGNITUDE
from accord.bargaining.readers._common import Problems, csv_rows, read_text, salience_scale

REQUIRED = ("Actor", "Capability", "Position", "Salience")
#: The messages of a capability and a position too large for a model to add up
#: (`Problems.magnitude`: at their line, not only the stakeholder the case's own check names).
_CAPABILITY = f"capability must be a number from 0 to {MAX_MAGNITUDE:g}"
_POSITION = f"position must lie within -{MAX_MAGNITUDE:g} to {MAX_MAGNITUDE:g}"


@dataclass
class _Rows:
    """What the actor rows give, in file order: issues, and each actor's stances."""

    issues: list[str] = field(default_factory=list)
    capability: dict[str, float] = field(default_factory=dict)
    #: capability on each issue (an actor may weigh differently on each: `Stakeholder.power`)
    power: dict[str, dict[str, float]] = field(default_factory=dict)
    positions: dict[str, dict[str, float]] = field(default_factory=dict)
    saliences: dict[str, dict[str, float]] = field(default_factory=dict)
    seen: dict[str, dict[str, int]] = field(default_factory=dict)  # actor -> issue -> line


def _header(row: list[str], problems: Problems) -> list[str]:
    """The header's column names; raise if a required column is missing."""
    named = {name.casefold(): name for name in (*REQUIRED, "Issue")}
    header = [named.get(h.strip().strip('"').casefold(), h.strip()) for h in row]  # any case
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        problems.add(f"missing column(s): {', '.join(missing)}", 1, missing[0])
        problems.raise_if_any()
    return header


def _add_row(
    line: int, row: list[str], col: dict[str, int], width: int, rows: _Rows, problems: Problems
) -> None:
    """Record one actor row (blank and `#` comment rows are skipped)."""
    if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
        return
    if len(row) < width or any(cell.strip() for cell in row[width:]):  # empty ones: Excel's
        problems.add(f"expected {width} fields, got {len(row)}", line, None)
        return
    actor = row[col["Actor"]].strip()
    if not actor:
        problems.add("empty actor name", line, "Actor")
        return
    issue = row[col["Issue"]].strip() if "Issue" in col else "issue"
    if issue not in rows.issues:
        rows.issues.append(issue)
    if issue in rows.seen.get(actor, {}):
        problems.add(f"actor {actor!r} appears twice on issue {issue!r}", line, "Actor")
        return
    rows.seen.setdefault(actor, {})[issue] = line
    cap = problems.number(row[col["Capability"]], line, "Capability", low=0)
    cap = problems.magnitude(cap, line, "Capability", _CAPABILITY)
    pos = problems.magnitude(
        problems.number(row[col["Position"]], line, "Position"), line, "Position", _POSITION
    )
    sal = problems.number(row[col["Salience"]], line, "Salience", low=0, high=100)
    if cap is None or pos is None or sal is None:
        return
    rows.capability.setdefault(actor, cap)
    rows.power.setdefault(actor, {})[issue] = cap
    rows.positions.setdefault(actor, {})[issue] = pos
    rows.saliences.setdefault(actor, {})[issue] = sal


def _missing_rows(rows: _Rows, problems: Problems) -> None:
    """Every actor needs one row per issue: name each actor that lacks some."""
    for actor, stances in rows.seen.items():
        lacking = [i for i in rows.issues if i not in stances]
        if lacking:
            problems.add(
                f"actor {actor!r} has no row for issue(s) {', '.join(map(repr, lacking))}",
                min(stances.values()),
                "Issue",
            )


def _case(path: Path, rows: _Rows, scale: float) -> Case:
    """The Case: issues span their positions; saliences divided by `scale` (100 for
    percentages: `salience_scale`)."""
    issue_objs = []
    for name in rows.issues:
        xs = [p[name] for p in rows.positions.values() if name in p]
        issue_objs.append(Issue(name, min(xs), max(xs)))
    return Case(
        name=path.stem,
        issues=tuple(issue_objs),
        stakeholders=tuple(
            Stakeholder(
                name=a,
                capability=rows.capability[a],
                power={i: c for i, c in rows.power.get(a, {}).items() if c != rows.capability[a]},
                positions=rows.positions[a],
                saliences={k: v / scale for k, v in rows.saliences[a].items()},
            )
            for a in rows.positions
        ),
        source=str(path),
    )


def read_bdm(path: str | Path) -> Case:
    """Read a BDM-layout CSV file into a Case."""
    path = Path(path)
    problems = Problems(str(path))
    table = csv_rows(read_text(path), path)
    header = _header(table[0][1] if table else [], problems)
    col = {name: header.index(name) for name in header}
    rows = _Rows()
    for line, row in table[1:]:
        _add_row(line, row, col, len(header), rows, problems)
    if not rows.positions and not problems.items:  # every row bad: those are the cause
        problems.add("no actor rows", 2, "Actor")
    _missing_rows(rows, problems)
    scale = salience_scale((v for s in rows.saliences.values() for v in s.values()), problems, None)
    problems.raise_if_any()
    return _case(path, rows, scale)
