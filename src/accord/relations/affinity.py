"""UN General Assembly voting affinity from Bailey-Strezhnev-Voeten ideal-point estimates.

The estimates file (e.g. `IdealpointestimatesAll_Apr2020.csv`) has one row per country and
session with, among others, `ccode` (Correlates of War code), `session`, `IdealPoint`, `iso3c`
and `Countryname`. Ideal points lie on one dimension, so the distance between two countries in a
session is `|IdealPoint_a - IdealPoint_b|`: 0 means they vote alike; larger means further apart.
This is relation evidence beside events and ties.

The file numbers General Assembly sessions, not years, and has no year column: session N
opened in the year 1945 + N (`session_year`), so every result carries both, and the CLI shows
the year first.

The published file is Latin-1 encoded (not UTF-8), and it gives two countries the same `iso3c`
in some sessions (COW 678 Yemen Arab Republic and 680 Yemen People's Republic are both `YAR`);
countries can therefore also be named by their COW code, and an ISO3 code that matches two rows
of one session is reported as ambiguous.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from accord.errors import InputError, NotFoundError, Problem
from accord.files import read_bounded
from accord.jsonable import AsDict

REQUIRED = ("ccode", "session", "IdealPoint", "iso3c")
#: Largest ideal-point file read (the April 2020 release, every country and session: 1.2 MB).
MAX_IDEAL_POINT_BYTES = 64 << 20

#: UN General Assembly session N opened in the year 1945 + N: the 1st in January 1946, every
#: later regular session in September, running to the next September (the 74th, the last of the
#: April 2020 file, opened in September 2019; the 78th ended on 10 September 2024: UN Dag
#: Hammarskjöld Library, "UN General Assembly Voting Data: Description and Terms of Use",
#: 2024). Most of a session's recorded votes fall in the autumn of the year it opened.
SESSION_YEAR_OFFSET = 1945


def last_session() -> int:
    """The latest session that can have votes: the one opening this year (a larger number in a
    file is a typo; the 1st opened in 1946)."""
    return dt.date.today().year - SESSION_YEAR_OFFSET


def session_year(session: int) -> int:
    """The year UN General Assembly session `session` opened (1946 for the 1st)."""
    return SESSION_YEAR_OFFSET + session


def year_session(year: int) -> int:
    """The regular session that opened in `year` (2019 -> 74): the inverse of `session_year`;
    a year before the first session is an input error, not an empty answer."""
    if year <= SESSION_YEAR_OFFSET:
        raise InputError.at(
            f"the first UN General Assembly session opened in {session_year(1)}, got {year}",
            field="year",
        )
    return year - SESSION_YEAR_OFFSET


@dataclass(frozen=True)
class IdealPoint:
    """One country's ideal point in one session."""

    ccode: int
    iso3: str
    name: str
    session: int
    ideal_point: float


@dataclass(frozen=True)
class AffinityPoint(AsDict):
    """The distance between two countries' ideal points in one session: `year` is the year the
    session opened (`session_year`), `session` its number in the file; the points and their
    distance are on the estimates' one-dimensional scale (about -3 to 3), 0 = they vote alike."""

    year: int
    session: int
    a: str
    b: str
    a_point: float
    b_point: float
    distance: float


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read_ideal_points(path: Path | str) -> list[IdealPoint]:
    """Read an ideal-point file; every bad row is reported with file, line and field."""
    path = Path(path)
    try:
        data = read_bounded(path, MAX_IDEAL_POINT_BYTES, str(path))
        if data is None:
            raise InputError.at(f"larger than {MAX_IDEAL_POINT_BYTES:,} bytes", file=str(path))
        text = _decode(data)
    except OSError as exc:
        raise InputError.at(f"cannot read the file: {exc.strerror}", file=str(path)) from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(Problem(f"missing column {c!r}", str(path), 1, c) for c in missing)
    points: list[IdealPoint] = []
    problems: list[Problem] = []
    seen: dict[tuple[int, int], int] = {}
    for line, row in enumerate(reader, start=2):
        parsed = _parse_row(row, str(path), line, problems)
        if parsed is None:
            continue
        first = seen.setdefault((parsed.ccode, parsed.session), line)
        if first != line:  # two points of one country in one session: which one holds?
            problems.append(
                Problem(
                    f"country {parsed.ccode} in session {parsed.session} again "
                    f"(first on line {first}): one row per country and session",
                    str(path),
                    line,
                    "ccode",
                )
            )
        else:
            points.append(parsed)
    if problems:
        raise InputError(problems)
    return points


def _parse_row(
    row: dict[str, str], file: str, line: int, problems: list[Problem]
) -> IdealPoint | None:
    before = len(problems)
    values: dict[str, Any] = {}
    for column, kind in (("ccode", int), ("session", int), ("IdealPoint", float)):
        raw = (row.get(column) or "").strip()
        try:
            values[column] = kind(raw)
        except ValueError:
            problems.append(Problem(f"expected a number, got {raw!r}", file, line, column))
    session = values.get("session")
    if session is not None and not 1 <= session <= last_session():
        problems.append(
            Problem(
                f"expected a session from 1 to {last_session()}, got {session}",
                file,
                line,
                "session",
            )
        )
    if "IdealPoint" in values and not math.isfinite(values["IdealPoint"]):
        problems.append(Problem("ideal point is not finite", file, line, "IdealPoint"))
    iso3 = (row.get("iso3c") or "").strip().upper()
    if len(iso3) != 3 or not iso3.isalpha():
        problems.append(Problem(f"expected an ISO3 code, got {iso3!r}", file, line, "iso3c"))
    if len(problems) > before:
        return None
    return IdealPoint(
        ccode=values["ccode"],
        iso3=iso3,
        name=(row.get("Countryname") or "").strip(),
        session=values["session"],
        ideal_point=values["IdealPoint"],
    )


class IdealPoints:
    """Ideal points indexed by session, looked up by ISO3 or COW code."""

    def __init__(self, points: Iterable[IdealPoint]) -> None:
        self._by_session: dict[int, list[IdealPoint]] = {}
        for p in points:
            self._by_session.setdefault(p.session, []).append(p)

    @property
    def sessions(self) -> list[int]:
        return sorted(self._by_session)

    def find(self, country: str, session: int) -> IdealPoint | None:
        """The point of `country` (ISO3 or COW code) in `session`, None if it has none."""
        key = country.strip().upper()
        rows = self._by_session.get(session, [])
        if key.isdigit():
            matches = [p for p in rows if p.ccode == int(key)]
        else:
            matches = [p for p in rows if p.iso3 == key]
        if len(matches) > 1:
            codes = ", ".join(f"{p.ccode} ({p.name})" for p in matches)
            raise InputError.at(
                f"{key} names several countries in session {session}: {codes}; use the COW code",
                field="country",
            )
        return matches[0] if matches else None

    def known(self, country: str) -> bool:
        key = country.strip().upper()
        return any(
            (p.ccode == int(key)) if key.isdigit() else p.iso3 == key
            for rows in self._by_session.values()
            for p in rows
        )

    def in_session(self, session: int) -> list[IdealPoint]:
        return list(self._by_session.get(session, []))


def pair_affinity(
    points: IdealPoints,
    a: str,
    b: str,
    *,
    first: int | None = None,
    last: int | None = None,
) -> list[AffinityPoint]:
    """The distance between `a` and `b` in every session (within [first, last]) both sat in."""
    for country, field in ((a, "first country"), (b, "second country")):
        if not points.known(country):
            raise NotFoundError(f"no ideal points for {country!r} ({field}) in the file")
    out = []
    for session in points.sessions:
        if (first is not None and session < first) or (last is not None and session > last):
            continue
        pa, pb = points.find(a, session), points.find(b, session)
        if pa is None or pb is None:
            continue
        out.append(
            AffinityPoint(
                year=session_year(session),
                session=session,
                a=pa.iso3,
                b=pb.iso3,
                a_point=pa.ideal_point,
                b_point=pb.ideal_point,
                distance=round(abs(pa.ideal_point - pb.ideal_point), 9),
            )
        )
    return out


def covered(points: IdealPoints) -> str:
    """What sessions (and years) the estimates cover, for answers that found nothing."""
    sessions = points.sessions
    if not sessions:
        return "the file has no sessions"
    first, last = sessions[0], sessions[-1]
    return (
        f"the file covers sessions {first} to {last} "
        f"({session_year(first)} to {session_year(last)})"
    )


def nearest(
    points: IdealPoints, country: str, session: int, *, top: int = 10
) -> list[AffinityPoint]:
    """The `top` countries whose ideal points are closest to `country`'s in `session`."""
    own = points.find(country, session)
    if own is None:
        raise NotFoundError(
            f"no ideal point for {country!r} in session {session} ({session_year(session)}); "
            + covered(points)
        )
    others = [p for p in points.in_session(session) if p.ccode != own.ccode]
    ranked = sorted(others, key=lambda p: (abs(p.ideal_point - own.ideal_point), p.iso3, p.ccode))
    return [
        AffinityPoint(
            year=session_year(session),
            session=session,
            a=own.iso3,
            b=p.iso3,
            a_point=own.ideal_point,
            b_point=p.ideal_point,
            distance=round(abs(p.ideal_point - own.ideal_point), 9),
        )
        for p in ranked[:top]
    ]
