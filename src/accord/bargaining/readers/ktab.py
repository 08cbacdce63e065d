"""Reader of the KTAB wide layout: `Actor,Description,Power,Pstn1,Sal1,Pstn2,Sal2,...`.

KTAB (the Knowledge and Technology Assessment Base of KAPSARC) stores one actor per row with a
position / salience pair per dimension. An optional first line `name,description,actors,dims`
(KTAB's scenario line) is accepted; the numbers of actors and dimensions it declares must
match the rows and column pairs that follow. Positions are on KTAB's 0-100 scale (a position
outside it is an error); saliences above 1 are read as percentages. KTAB's own example files
name the columns otherwise: `Influence` for `Power` and a dimension's pair `<Name> Position`,
`<Name> Salience` (`Policy Position`, `XYZ Salience`); their scenario line is free text that
may hold semicolons.
"""

from __future__ import annotations

import re
from pathlib import Path

from accord.bargaining.case import Case, Issue, Stakeholder
from accord.bargaining.limits import MAX_ISSUES, MAX_MAGNITUDE
from accord.bargaining.readers._common import Problems, csv_rows, read_text, salience_scale

#: A position column: Pstn<k>, Pos<k> or Position<k> (the longest name tried first, so that
#: 'Position1' is dimension 1, not 'ition1').
_PAIR = re.compile(r"^(?:Position|Pstn|Pos)(.*)$", re.IGNORECASE)
#: A position column named after its dimension: '<Name> Position' (KTAB's examples).
_NAMED_PAIR = re.compile(r"^(.+?)\s+Position$", re.IGNORECASE)
#: The names of a dimension's salience column, by its suffix (or name).
_SALIENCE_NAMES = ("sal{}", "salience{}", "{} salience")
#: Columns found by name whatever their case ('actor' is 'Actor').
_NAMED = ("Actor", "Description", "Power")
#: Other names of those columns ('Influence' in KTAB's examples is the actor's power).
_ALIASES = {"influence": "Power"}
#: The message of a power too large for a model to add up (`Problems.magnitude`: at its line,
#: not only the stakeholder the case's own check names).
_POWER = f"power must be a number from 0 to {MAX_MAGNITUDE:g}"


#: One actor row: name, description, power, positions and saliences by dimension.
_Actor = tuple[str, str, float, dict[str, float], dict[str, float]]


def _canonical(column: str) -> str:
    """A header cell trimmed, and spelt as this reader looks it up when it names one of
    `_NAMED` in another case."""
    name = " ".join(column.split())
    if name.casefold() in _ALIASES:
        return _ALIASES[name.casefold()]
    return next((known for known in _NAMED if known.casefold() == name.casefold()), name)


def _position(column: str) -> str | None:
    """The dimension a position column names ('1' for Pstn1, 'Policy' for 'Policy
    Position'), or None for another column."""
    match = _PAIR.match(column) or _NAMED_PAIR.match(column)
    return match.group(1) if match else None


def _dimensions(
    header: list[str], head_line: int, problems: Problems
) -> list[tuple[str, int, int]]:
    """(dimension, position column, salience column) for every Pstn<k> / Sal<k> pair."""
    for needed in ("Actor", "Power"):
        if needed not in header:
            problems.add(f"missing column {needed!r}", head_line, needed)
    pairs = sum(1 for column in header if _position(column) is not None)
    if pairs > MAX_ISSUES:  # before pairing columns up (a header may hold 100,000)
        problems.add(f"{pairs:,} position columns; at most {MAX_ISSUES} issues", head_line, None)
        return []
    salience = {h.lower(): j for j, h in reversed(list(enumerate(header)))}
    dims: list[tuple[str, int, int]] = []
    seen: set[str] = set()
    for idx, column in enumerate(header):
        suffix = _position(column)
        if suffix is None:
            continue
        if suffix.lower() in seen:
            # a dimension twice read as a case of no stakeholders (found by structure fuzzing)
            problems.add(f"position column {column!r} appears twice", head_line, column)
            continue
        seen.add(suffix.lower())
        found = (salience.get(name.format(suffix).lower()) for name in _SALIENCE_NAMES)
        sal_col = next((column for column in found if column is not None), None)
        if sal_col is None:
            problems.add(f"position column {column!r} has no Sal{suffix} column", head_line, column)
            continue
        named = not suffix or suffix[0].isdigit() or suffix[0] in "_-"
        dims.append((f"Dim{suffix}" if named else suffix, idx, sal_col))
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
    power = problems.magnitude(power, line, "Power", _POWER)
    pos: dict[str, float] = {}
    sal: dict[str, float] = {}
    for dim, pc, sc in dims:
        x = problems.number(row[pc], line, header[pc], low=0, high=100)
        s = problems.number(row[sc], line, header[sc], low=0, high=100)
        if x is not None and s is not None:
            pos[dim], sal[dim] = x, s
    if power is None or len(pos) != len(dims):
        return None
    desc = row[header.index("Description")].strip() if "Description" in header else ""
    return actor, desc, power, pos, sal


def _case(
    name: str, path: Path, dims: list[tuple[str, int, int]], actors: list[_Actor], scale: float
) -> Case:
    """The Case: every dimension on KTAB's 0-100 scale; saliences divided by `scale` (100 for
    percentages: `salience_scale`)."""
    issues = [Issue(dim, 0.0, 100.0) for dim, *_ in dims]
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


def _check_declared(scenario: list[str], actors: int, dims: int, problems: Problems) -> None:
    """The scenario line's numbers of actors and dimensions (fields 3 and 4, when given) must
    match the actor rows and the Pstn/Sal pairs that follow."""
    for k, column, found, what in (
        (2, "actors", actors, "actor rows"),
        (3, "dims", dims, "dimensions"),
    ):
        raw = scenario[k].strip() if len(scenario) > k else ""
        if not raw:
            continue
        declared = problems.number(raw, 1, column, low=0)
        if declared is not None and declared != found:
            problems.add(
                f"the scenario line declares {declared:g} {what}, the file has {found}", 1, column
            )


def read_ktab(path: str | Path) -> Case:
    """Read a KTAB wide CSV file into a Case."""
    path = Path(path)
    problems = Problems(str(path))
    rows = csv_rows(read_text(path), path)
    start = 0
    name = path.stem
    scenario: list[str] = []
    if rows and rows[0][1] and rows[0][1][0].strip().casefold() != "actor":
        scenario = rows[0][1]
        name = scenario[0].strip() or name
        start = 1
    if len(rows) <= start:
        problems.add("no header row", start + 1, None)
        problems.raise_if_any()
    head_line, header = rows[start][0], [_canonical(h) for h in rows[start][1]]
    dims = _dimensions(header, head_line, problems)
    problems.raise_if_any()
    actors = []
    bad = 0
    first_line: dict[str, int] = {}
    for line, row in rows[start + 1 :]:
        actor = _actor(line, row, header, dims, problems)
        if actor is not None and actor[0] in first_line:
            message = f"actor {actor[0]!r} appears twice (first on line {first_line[actor[0]]})"
            problems.add(message, line, "Actor")
        elif actor is not None:
            first_line[actor[0]] = line
            actors.append(actor)
        elif row and "".join(row).strip():
            bad += 1
    if not actors and not bad:
        problems.add("no actor rows", head_line + 1, "Actor")
    _check_declared(scenario, len(actors) + bad, len(dims), problems)
    scale = salience_scale((v for *_, sal in actors for v in sal.values()), problems, None)
    problems.raise_if_any()
    return _case(name, path, dims, actors, scale)
