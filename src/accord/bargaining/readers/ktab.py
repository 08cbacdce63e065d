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
    problems.raise_if_any()
    actor_col, power_col = header.index("Actor"), header.index("Power")
    desc_col = header.index("Description") if "Description" in header else None
    stakeholders: list[tuple[str, str, float, dict[str, float], dict[str, float]]] = []
    for line, row in enumerate(rows[start + 1 :], start=start + 2):
        if not row or not "".join(row).strip():
            continue
        if len(row) < len(header):
            problems.add(f"expected {len(header)} fields, got {len(row)}", line, None)
            continue
        actor = row[actor_col].strip()
        if not actor:
            problems.add("empty actor name", line, "Actor")
            continue
        power = problems.number(row[power_col], line, "Power", low=0)
        pos: dict[str, float] = {}
        sal: dict[str, float] = {}
        for dim, pc, sc in dims:
            x = problems.number(row[pc], line, header[pc])
            s = problems.number(row[sc], line, header[sc], low=0, high=100)
            if x is not None and s is not None:
                pos[dim], sal[dim] = x, s
        if power is None or len(pos) != len(dims):
            continue
        desc = row[desc_col].strip() if desc_col is not None else ""
        stakeholders.append((actor, desc, power, pos, sal))
    if not stakeholders:
        problems.add("no actor rows", head_line + 1, "Actor")
    problems.raise_if_any()
    scale = 100.0 if any(v > 1 for *_, sal in stakeholders for v in sal.values()) else 1.0
    issues = []
    for dim, *_ in dims:
        xs = [st[3][dim] for st in stakeholders]
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
            for a, d, c, p, s in stakeholders
        ),
        source=str(path),
    )
