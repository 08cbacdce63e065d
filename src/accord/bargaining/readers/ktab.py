"""Reader of the KTAB wide layout: `Actor,Description,Power,Pstn1,Sal1,Pstn2,Sal2,...`.

KTAB (the Knowledge and Technology Assessment Base of KAPSARC) stores one actor per row with a
position / salience pair per dimension. An optional first line `name,description,actors,dims`
(KTAB's scenario line) is accepted. Positions are on KTAB's 0-100 scale; saliences above 1 are
read as percentages.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from accord.bargaining.case import Case, Issue, Stakeholder
from accord.bargaining.readers._common import Problems, read_text

_PAIR = re.compile(r"^(?:Pstn|Pos|Position)(.*)$", re.IGNORECASE)


#: One actor row: name, description, power, positions and saliences by dimension.
_Actor = tuple[str, str, float, dict[str, float], dict[str, float]]


def _dimensions(
    header: list[str], head_line: int, problems: Problems
) -> list[tuple[str, int, int]]:
    """(dimension, position column, salience column) for every Pstn<k> / Sal<k> pair."""
    for needed in ("Actor", "Power"):
        if needed not in header:
            problems.add(f"missing column {needed!r}", head_line, needed)
    dims: list[tuple[str, int, int]] = []
    for idx, column in enumerate(header):
        match = _PAIR.match(column)
        if not match:
            continue
        suffix = match.group(1)
        sal_col = next(
            (j for j, h in enumerate(header) if h.lower() in {f"sal{suffix}".lower()}), None
        )
        if sal_col is None:
            problems.add(f"position column {column!r} has no Sal{suffix} column", head_line, column)
            continue
        dims.append((f"Dim{suffix}" if suffix else "Dim", idx, sal_col))
    if not dims:
        problems.add("no Pstn<k>/Sal<k> column pairs", head_line, None)
    return dims


def _actor(
    line: int,
    row: list[str],
    header: list[str],
    dims: list[tuple[str, int, int]],
    problems: Problems,
) -> _Actor | None:
    """One actor row, or None when it is blank or has a problem (recorded)."""
    if not row or not "".join(row).strip():
        return None
    if len(row) < len(header):
        problems.add(f"expected {len(header)} fields, got {len(row)}", line, None)
        return None
    actor = row[header.index("Actor")].strip()
    if not actor:
        problems.add("empty actor name", line, "Actor")
        return None
    power = problems.number(row[header.index("Power")], line, "Power", low=0)
    pos: dict[str, float] = {}
    sal: dict[str, float] = {}
    for dim, pc, sc in dims:
        x = problems.number(row[pc], line, header[pc])
        s = problems.number(row[sc], line, header[sc], low=0, high=100)
        if x is not None and s is not None:
            pos[dim], sal[dim] = x, s
    if power is None or len(pos) != len(dims):
        return None
    desc = row[header.index("Description")].strip() if "Description" in header else ""
    return actor, desc, power, pos, sal


def _case(name: str, path: Path, dims: list[tuple[str, int, int]], actors: list[_Actor]) -> Case:
    """The Case: KTAB's 0-100 scale unless positions leave it; saliences above 1 are percents."""
    scale = 100.0 if any(v > 1 for *_, sal in actors for v in sal.values()) else 1.0
    issues = []
    for dim, *_ in dims:
        xs = [st[3][dim] for st in actors]
        low, high = (0.0, 100.0) if min(xs) >= 0 and max(xs) <= 100 else (min(xs), max(xs))
        issues.append(Issue(dim, low, high))
    return Case(
        name=name,
        issues=tuple(issues),
        stakeholders=tuple(
            Stakeholder(
                name=a,
                capability=c,
                positions=p,
                saliences={k: v / scale for k, v in s.items()},
                description=d,
            )
            for a, d, c, p, s in actors
        ),
        source=str(path),
    )


def read_ktab(path: str | Path) -> Case:
    """Read a KTAB wide CSV file into a Case."""
    path = Path(path)
    problems = Problems(str(path))
    rows = list(csv.reader(io.StringIO(read_text(path))))
    start = 0
    name = path.stem
    if rows and rows[0] and rows[0][0].strip().lower() != "actor":
        name = rows[0][0].strip() or name
        start = 1
    if len(rows) <= start:
        problems.add("no header row", start + 1, None)
        problems.raise_if_any()
    header = [h.strip() for h in rows[start]]
    head_line = start + 1
    dims = _dimensions(header, head_line, problems)
    problems.raise_if_any()
    actors = []
    for line, row in enumerate(rows[start + 1 :], start=start + 2):
        actor = _actor(line, row, header, dims, problems)
        if actor is not None:
            actors.append(actor)
    if not actors:
        problems.add("no actor rows", head_line + 1, "Actor")
    problems.raise_if_any()
    return _case(name, path, dims, actors)
