"""A GDELT file read in bulk in one scan (`native_picked_sql`): lines must be exact, the line
counter must count them and see what DuckDB would read otherwise than the batch path, and the
rows must be stored in date order (no compaction needed) with places resolved in SQL exactly as
`resolve_place` resolves them.

Expected lines and ids come from the raw file, split here with plain Python.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from benchmarks.events.generate import generate_gdelt1

from accord.events import bulk, compact, ingest
from accord.events.compact import out_of_order
from accord.events.readers.base import ReadContext
from accord.events.readers.countries import resolve_place
from accord.events.readers.gdelt_layout import GDELT1, native_picked_sql
from accord.events.readers.lookups import register_lookups
from accord.events.readers.sources import Source
from accord.events.readers.staged_columns import STAGED_COLUMNS
from accord.store import Store
from accord.world import default_world


@pytest.fixture
def rows(tmp_path: Path) -> Path:
    """60 GDELT 1.0 rows, the first 20 of them 57-field backfile rows."""
    return generate_gdelt1(tmp_path / "rows.tsv", 60, seed=5, backfile_share=1 / 3)


def _raw(path: Path) -> list[tuple[int, str, int]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(n, line.split("\t")[0], line.count("\t") + 1) for n, line in enumerate(lines, 1)]


def test_one_scan_numbers_lines_exactly(rows: Path) -> None:
    picked = native_picked_sql(GDELT1, str(rows), "none")
    with duckdb.connect() as con:
        con.execute("SET threads = 2")
        got = con.execute(f"SELECT line, event_id, width FROM {picked} ORDER BY line").fetchall()
    assert got == _raw(rows)


def test_bad_rows_keep_their_lines_and_good_rows_are_stored_in_date_order(
    rows: Path, tmp_path: Path
) -> None:
    lines = rows.read_text(encoding="utf-8").splitlines()
    cells = lines[49].split("\t")
    cells[1] = "20161340"
    lines[49] = "\t".join(cells)
    bad = tmp_path / "bad.tsv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest(store, bad)
        got = store.con.execute("SELECT line, event_id FROM events ORDER BY line").fetchall()
        dates = store.con.execute("SELECT event_date FROM events ORDER BY rowid").fetchall()
        scattered = out_of_order(store.con)
        compacted = compact(store)
    assert [(p.line, p.field) for p in report.files[0].rejections] == [(50, "SQLDATE")]
    assert got == [(n, event_id) for n, event_id, _ in _raw(bad) if n != 50]
    assert dates == sorted(dates) and len(set(dates)) > 20
    assert scattered == 0 and not compacted.rewritten


@pytest.mark.parametrize(
    ("data", "count", "control", "odd"),
    [
        (b"a\nb\nc\n", 3, False, False),
        (b"a\r\nb\r\nc", 3, False, False),
        (b"\na\nb\n", 3, False, False),
        (b"a\n\nb", 3, False, False),
        (b"abc\x00def\nb\n", 2, True, False),
        (b"abcdef\n\x7f", 2, True, False),  # in the last chunk
        (b"abc\tdef\n", 1, False, False),  # a tab is no control byte here
        (b"abc\rdef\nb\n", 2, False, True),
        (b"", 0, False, False),
    ],
)
def test_line_counter(
    data: bytes,
    count: int,
    control: bool,
    odd: bool,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "f.tsv"
    path.write_bytes(data)
    monkeypatch.setattr(bulk, "_CHUNK", 7)
    found = bulk._Lines()
    bulk._count_lines(Source(path), found)
    assert found.error is None
    assert (found.count, found.control, found.odd) == (count, control, odd)


PLACES = [
    "Seoul, South Korea",
    "Paris, Ile-de-France, France",
    "Nassau, Bahamas, The",
    "Busan, Korea, Republic Of",
    "Da Nang, Ð N?ng, Viet Nam, Republic Of",  # an accent before the two parts looked up
    "Bogotá, Colombia",
    "Somewhere, Côte d'Ivoire",  # accents in the country: resolved in Python
    "Trailing, France, ",  # an empty last part: resolved in Python
    "Double,  south  korea",
    "france",
    "TMP",  # a CAMEO code
    "EUR",  # CAMEO's Europe: no state
    "Atlantis",
    " , ",
    "Moscow, Moskva, Russia",
]


def test_places_resolve_in_sql_as_in_python() -> None:
    context = ReadContext(default_world())
    expected = [resolve_place(context, place) for place in PLACES]
    context.country_cache.clear()
    con = context.con
    nulls = ", ".join(f"NULL AS {c}" for c in STAGED_COLUMNS if c not in ("location_raw", "line"))
    con.execute(
        f"CREATE TABLE staged AS SELECT {nulls}, unnest(?) AS location_raw, "
        "CAST(unnest(range(?)) AS BIGINT) AS line",
        [PLACES, len(PLACES)],
    )
    sql = bulk.normalise_sql("staged", functions=True)
    in_python: list[int] = []
    with register_lookups(con, context, in_python.append):
        query = f"SELECT location_country FROM ({sql}) ORDER BY line"
        got = [iso3 for (iso3,) in con.execute(query).fetchall()]
    assert got == expected
    assert expected[:5] == ["KOR", "FRA", "BHS", "KOR", None]
    # only the four names that are not plain ASCII parts reach the Python function
    assert sum(in_python) == 4
    assert expected[-3:] == [None, None, "RUS"]
