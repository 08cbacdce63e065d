"""Reader of the DEU III layout (Decision-making in the European Union, Thomson et al.).

Semicolon-separated, one row per issue. For every actor X a pair of columns `pX` (position)
and `sX` (salience) holds its stance; 999 marks a missing value (the actor takes no part).
`out` is the actual outcome and `ref` (or `sq`) the reference point, both optional; the issue
is named by an `issue`, `id` or `name` column when present. Positions are on DEU's 0-100
scale, saliences on 0-100 (read as percentages). DEU carries no capabilities: pass
`capabilities` (e.g. Council votes) or every actor gets 1.0.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from accord.bargaining.case import Case, Issue, Stakeholder
from accord.bargaining.readers._common import Problems, csv_rows, read_text

MISSING = 999.0
_NAME_COLUMNS = ("issue", "id", "name")


@dataclass
class _Layout:
    """Where things are in the header: the (actor, position, salience) column triples and the
    optional issue-name, outcome and reference columns."""

    header: list[str]
    pairs: list[tuple[str, int, int]]
    name_col: int | None
    out_col: int | None
    ref_col: int | None


@dataclass
class _Rows:
    """What the issue rows give: the issues, the stances, the outcomes and reference points."""

    issues: list[Issue] = field(default_factory=list)
    positions: dict[str, dict[str, float]] = field(default_factory=dict)
    saliences: dict[str, dict[str, float]] = field(default_factory=dict)
    outcome: dict[str, float] = field(default_factory=dict)
    status_quo: dict[str, float] = field(default_factory=dict)


def _unpaired(header: list[str], problems: Problems) -> None:
    """A problem for each actor column (`p` or `s` before a code, `pDE`) without its partner
    (`sDE`): the actor was left out of the case, silently."""
    for column in header:
        if len(column) < 2 or column[0] not in "ps" or not column[1].isupper():
            continue
        other = ("s" if column[0] == "p" else "p") + column[1:]
        if other in header:
            continue
        near = [h for h in header if h.lower() == other.lower()]
        hint = f" ({near[0]!r} differs in case: the names must match)" if near else ""
        what = "salience" if other[0] == "s" else "position"
        problems.add(f"column {column!r} has no {what} column {other!r}{hint}", 1, column)


def _layout(rows: list[tuple[int, list[str]]], problems: Problems) -> _Layout:
    """Read the header row; raise if the file is empty or has no pX / sX pairs."""
    if not rows:
        problems.add("empty file", 1, None)
        problems.raise_if_any()
    header = [h.strip() for h in rows[0][1]]
    lower = [h.lower() for h in header]
    pairs = [
        (h[1:], i, header.index("s" + h[1:]))
        for i, h in enumerate(header)
        if len(h) > 1 and h[0] == "p" and "s" + h[1:] in header
    ]
    _unpaired(header, problems)
    if not pairs:
        problems.add("no pX / sX column pairs", 1, None)
        problems.raise_if_any()
    return _Layout(
        header,
        pairs,
        name_col=next((lower.index(c) for c in _NAME_COLUMNS if c in lower), None),
        out_col=lower.index("out") if "out" in lower else None,
        ref_col=next((lower.index(c) for c in ("ref", "sq") if c in lower), None),
    )


def _stances(
    line: int, row: list[str], issue: str, layout: _Layout, rows: _Rows, problems: Problems
) -> None:
    """Record every actor's position and salience on one issue (999 means no part)."""
    header = layout.header
    for actor, pc, sc in layout.pairs:
        x = problems.number(row[pc], line, header[pc])
        s = problems.number(row[sc], line, header[sc])
        if x is None or s is None or x == MISSING or s == MISSING:
            continue
        if not 0 <= x <= 100:
            problems.add(f"position {x:g} is outside [0, 100]", line, header[pc])
            continue
        if not 0 <= s <= 100:
            problems.add(f"salience {s:g} is outside [0, 100]", line, header[sc])
            continue
        rows.positions[actor][issue] = x
        rows.saliences[actor][issue] = s / 100.0


def _add_row(line: int, row: list[str], layout: _Layout, rows: _Rows, problems: Problems) -> None:
    """Record one issue row (blank rows are skipped)."""
    header, name_col = layout.header, layout.name_col
    if not row or not "".join(row).strip():
        return
    if len(row) < len(header) or any(cell.strip() for cell in row[len(header) :]):
        # extra cells were ignored; empty ones (a trailing `;`, Excel's) are not cells
        problems.add(f"expected {len(header)} fields, got {len(row)}", line, None)
        return
    issue = row[name_col].strip() if name_col is not None else f"issue{line - 1}"
    if not issue or any(i.name == issue for i in rows.issues):
        problems.add(f"issue name {issue!r} is empty or repeated", line, header[name_col or 0])
        return
    for column, target in ((layout.out_col, rows.outcome), (layout.ref_col, rows.status_quo)):
        if column is not None and row[column].strip() not in {"", "999"}:
            value = problems.number(row[column], line, header[column], low=0, high=100)
            if value is not None:
                target[issue] = value
    _stances(line, row, issue, layout, rows, problems)
    rows.issues.append(Issue(issue, 0.0, 100.0))


def read_deu(path: str | Path, capabilities: Mapping[str, float] | None = None) -> Case:
    """Read a DEU III semicolon-separated file into a Case."""
    path = Path(path)
    problems = Problems(str(path))
    table = csv_rows(read_text(path), path, delimiter=";")
    layout = _layout(table, problems)
    actors = [a for a, *_ in layout.pairs]
    rows = _Rows(positions={a: {} for a in actors}, saliences={a: {} for a in actors})
    for line, row in table[1:]:
        _add_row(line, row, layout, rows, problems)
    if not rows.issues and not problems.items:  # every row bad: those are the cause
        problems.add("no issue rows", 2, None)
    problems.raise_if_any()
    caps = capabilities or {}
    return Case(
        name=path.stem,
        issues=tuple(rows.issues),
        stakeholders=tuple(
            Stakeholder(a, float(caps.get(a, 1.0)), rows.positions[a], rows.saliences[a])
            for a in actors
            if rows.positions[a]
        ),
        status_quo=rows.status_quo or None,
        outcome=rows.outcome or None,
        source=str(path),
    )
