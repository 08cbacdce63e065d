"""UN voting affinity: distances from ideal points, checked against the raw CSV."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from accord.errors import InputError, NotFoundError
from accord.relations import IdealPoints, nearest, pair_affinity, read_ideal_points
from accord.relations.affinity import session_year, year_session

FIXTURE = Path(__file__).parent / "fixtures" / "idealpoints-mini.csv"
REAL = Path("unvotes") / "IdealpointestimatesAll_Apr2020.csv"


def test_real_file_distances_match_raw_csv(shared_data: Path) -> None:
    path = shared_data / REAL
    with path.open(encoding="latin-1", newline="") as handle:
        rows = list(csv.DictReader(handle))
    raw = {(r["iso3c"], int(r["session"])): float(r["IdealPoint"]) for r in rows}
    points = IdealPoints(read_ideal_points(path))
    assert len(points.sessions) == len({int(r["session"]) for r in rows})
    for a, b in (("USA", "RUS"), ("CHN", "IND"), ("FRA", "DEU")):
        series = pair_affinity(points, a, b)
        sessions = sorted(s for (c, s) in raw if c == a and (b, s) in raw)
        assert [p.session for p in series] == sessions
        for p in series:
            assert p.a_point == raw[(a, p.session)]
            assert p.distance == pytest.approx(abs(raw[(a, p.session)] - raw[(b, p.session)]))
    usa_gbr = pair_affinity(points, "USA", "GBR")
    assert (usa_gbr[0].session, usa_gbr[0].year) == (1, 1946)  # opened in January 1946
    assert (usa_gbr[-1].session, usa_gbr[-1].year) == (74, 2019)  # opened in September 2019
    assert all(p.year == 1945 + p.session for p in usa_gbr)
    [closest] = nearest(points, "USA", 74, top=1)
    assert (closest.session, closest.year) == (74, 2019)
    others = {c: v for (c, s), v in raw.items() if s == 74 and c != "USA"}
    want = min(others, key=lambda c: abs(others[c] - raw[("USA", 74)]))
    assert closest.b == want


def test_fixture_pairs_sessions_and_names() -> None:
    points = IdealPoints(read_ideal_points(FIXTURE))
    assert points.sessions == [70, 71]
    assert [(p.session, p.distance) for p in pair_affinity(points, "USA", "RUS")] == [
        (70, 2.25),
        (71, 2.25),
    ]
    assert pair_affinity(points, "usa", "rus", first=71) == pair_affinity(
        points, "USA", "RUS", last=None, first=71
    )
    assert [p.session for p in pair_affinity(points, "USA", "FRA")] == [70]
    stp = points.find("STP", 70)
    assert stp is not None and stp.name == "São Tomé & Príncipe"  # Latin-1 decoded
    ranked = nearest(points, "FRA", 70, top=3)
    # USA and the second YAR tie at 1.5: ties go alphabetically
    assert [(p.b, p.distance) for p in ranked] == [("RUS", 0.75), ("YAR", 0.875), ("USA", 1.5)]


def test_shared_iso3_needs_the_cow_code() -> None:
    points = IdealPoints(read_ideal_points(FIXTURE))
    with pytest.raises(InputError, match="678"):
        points.find("YAR", 70)
    [p] = pair_affinity(points, "680", "USA")
    assert (p.a, p.a_point, p.distance) == ("YAR", -0.5, 3.0)
    with pytest.raises(NotFoundError):
        pair_affinity(points, "USA", "ZZZ")
    with pytest.raises(NotFoundError):
        nearest(points, "FRA", 71)


def test_bad_rows_are_reported_with_line_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "ccode,session,IdealPoint,iso3c\n2,70,1.5,USA\n2,x,1.5,USA\n365,70,nan,RUS\n20,70,1,C\n"
    )
    with pytest.raises(InputError) as info:
        read_ideal_points(bad)
    where = [(p.line, p.field) for p in info.value.problems]
    assert where == [(3, "session"), (4, "IdealPoint"), (5, "iso3c")]
    assert all(p.file == str(bad) for p in info.value.problems)
    missing = tmp_path / "missing.csv"
    missing.write_text("ccode,session,iso3c\n")
    with pytest.raises(InputError) as info:
        read_ideal_points(missing)
    assert (info.value.first.line, info.value.first.field) == (1, "IdealPoint")
    with pytest.raises(InputError):
        read_ideal_points(tmp_path / "absent.csv")


def test_sessions_are_shown_with_the_year_they_opened() -> None:
    """The file numbers sessions; a reader expects years: every point carries both."""
    points = IdealPoints(read_ideal_points(FIXTURE))
    assert [p.as_dict() for p in pair_affinity(points, "USA", "RUS")] == [
        {
            "year": 2015,
            "session": 70,
            "a": "USA",
            "b": "RUS",
            "a_point": 2.5,
            "b_point": 0.25,
            "distance": 2.25,
        },
        {
            "year": 2016,
            "session": 71,
            "a": "USA",
            "b": "RUS",
            "a_point": 2.75,
            "b_point": 0.5,
            "distance": 2.25,
        },
    ]
    assert [p.year for p in nearest(points, "FRA", 70, top=2)] == [2015, 2015]
    assert [(year_session(y), session_year(year_session(y))) for y in (1946, 2019)] == [
        (1, 1946),
        (74, 2019),
    ]
    with pytest.raises(
        InputError, match="first UN General Assembly session opened in 1946, got 1945"
    ):
        year_session(1945)
    with pytest.raises(
        NotFoundError,
        match=r"in session 71 \(2016\); the file covers sessions 70 to 71 \(2015 to 2016\)$",
    ):
        nearest(points, "FRA", 71)


def test_a_repeated_row_and_an_impossible_session_are_named(tmp_path: Path) -> None:
    """A repeated (country, session) row was read as two countries ("use the COW code", no
    file or line); session 99999999999999999999 was read and became 'the latest'."""
    lines = FIXTURE.read_bytes().splitlines()  # Latin-1, as the published file
    repeated = tmp_path / "repeated.csv"
    repeated.write_bytes(b"\n".join([*lines, lines[1]]) + b"\n")
    with pytest.raises(InputError) as info:
        read_ideal_points(repeated)
    problem = info.value.first
    assert (problem.file, problem.line, problem.field) == (str(repeated), len(lines) + 1, "ccode")
    assert "country 2 in session 70 again (first on line 2)" in problem.message
    for session in ("99999999999999999999", "0", "-5"):
        bad = tmp_path / "session.csv"
        bad.write_text(f"ccode,session,IdealPoint,iso3c\n2,{session},1.5,USA\n")
        with pytest.raises(InputError) as info:
            read_ideal_points(bad)
        assert (info.value.first.line, info.value.first.field) == (2, "session")
        assert "expected a session from 1 to" in info.value.first.message
