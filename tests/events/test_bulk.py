"""Bulk ingest (DuckDB reads a GDELT file whole) against the batch path, and its fallbacks.

The batch path reads zip members and is the reference: for the same rows, bulk ingest must
store the same events and report the same counts and rejections. Expected line numbers are
computed here from the raw file.
"""

from __future__ import annotations

import gzip
import zipfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from benchmarks.events.generate import generate_gdelt1

from accord.errors import InputError
from accord.events import ingest
from accord.events.ingest import IngestReport
from accord.events.readers import Gdelt1Reader
from accord.events.readers.base import Batch, ReadContext
from accord.events.readers.sources import Source
from accord.events.schema import EVENT_COLUMN_NAMES, EVENTS_SCHEMA
from accord.events.write import EventWriter, interrupts_as_such
from accord.store import Schema, Store


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _write(path: Path, lines: list[str], newline: str = "\n") -> Path:
    path.write_bytes((newline.join(lines) + newline).encode("utf-8"))
    return path


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    """GDELT 1.0 rows with repeats and rows bad in every way bulk ingest judges itself."""
    lines = _lines(generate_gdelt1(tmp_path / "gen.tsv", 300, seed=11, backfile_share=0.3))
    for number, (column, value) in {
        4: (1, "2015-13-45"),
        9: (30, "strong"),
        17: (26, "X42"),
        25: (29, "7"),
        33: (26, "9999"),
        41: (0, ""),
        57: (31, "  "),  # a blank number is no number, not a bad one
        64: (34, " -1.5 "),
        80: (5, " USA "),  # text fields are trimmed
        90: (7, "United States"),  # a country name, resolved after the insert
    }.items():
        cells = lines[number - 1].split("\t")
        cells[column] = value
        lines[number - 1] = "\t".join(cells)
    lines += [lines[10], lines[200], lines[3]]  # repeats of a good row, and of a rejected one
    return _write(tmp_path / "messy.tsv", lines)


def _zipped(path: Path, out: Path) -> Path:
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("rows.tsv", path.read_bytes())
    return out


_COMPARED = [c for c in EVENT_COLUMN_NAMES if c != "file"]


def _rows(store: Store) -> list[tuple[object, ...]]:
    columns = ", ".join(_COMPARED)
    return store.con.execute(f"SELECT {columns} FROM events ORDER BY line").fetchall()


def _by_line(rows: list[tuple[object, ...]]) -> dict[object, dict[str, object]]:
    named = [dict(zip(_COMPARED, row, strict=True)) for row in rows]
    return {row["line"]: row for row in named}


def _summary(report: IngestReport) -> tuple[object, ...]:
    problems = [(p.line, p.field, p.message) for p in report.files[0].rejections]
    counts = (report.rows_read, report.stored, report.duplicate, report.rejected)
    return counts, sorted(problems), dict(report.unmapped)


@pytest.fixture
def no_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail if GDELT 1.0 is read by the batch path (so a test knows bulk ingest ran)."""

    def refuse(self: Gdelt1Reader, source: Source, context: ReadContext) -> Iterator[Batch]:
        raise AssertionError(f"{source.name} was read by batches")

    monkeypatch.setattr(Gdelt1Reader, "read", refuse)


def test_bulk_equals_batches(messy: Path, tmp_path: Path, no_batches: None) -> None:
    with Store(tmp_path / "bulk.duckdb") as store:
        bulk = ingest(store, messy)
        by_line = _by_line(_rows(store))
    assert bulk.rows_read == 303 and bulk.rejected == 7 and bulk.duplicate == 2
    assert bulk.stored == 294
    expected = {4: "SQLDATE", 9: "GoldsteinScale", 17: "EventCode", 25: "QuadClass"}
    expected |= {33: "EventCode", 41: "GLOBALEVENTID", 303: "SQLDATE"}
    assert {p.line: p.field for p in bulk.files[0].rejections} == expected
    raw = _lines(messy)
    for line, row in by_line.items():
        assert raw[int(str(line)) - 1].split("\t")[0] == row["event_id"]
    assert by_line[80]["source_actor"] == "USA"
    assert by_line[90]["source_country"] == "USA"
    assert by_line[64]["tone"] == -1.5
    assert by_line[57]["mentions"] is None
    assert 301 not in by_line and 302 not in by_line  # repeats keep the first row


def test_batch_path_agrees(messy: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "bulk.duckdb") as store:
        bulk = ingest(store, messy)
        bulk_rows = _rows(store)
    archive = _zipped(messy, tmp_path / "messy.zip")
    with Store(tmp_path / "batch.duckdb") as store:
        batch = ingest(store, archive)
        batch_rows = _rows(store)
    assert _summary(bulk) == _summary(batch)
    assert bulk_rows == batch_rows


def test_reingest_in_bulk_stores_nothing_and_keeps_rejections(
    messy: Path, tmp_path: Path, no_batches: None
) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        ingest(store, messy)
        again = ingest(store, messy)
        count = store.con.execute("SELECT count(*) FROM events").fetchone()
        logged = store.con.execute(
            "SELECT ingest_id, count(*) FROM ingest_rejections GROUP BY 1"
        ).fetchall()
    assert (again.rows_read, again.stored, again.duplicate, again.rejected) == (303, 0, 296, 7)
    assert count == (294,)
    assert sorted(n for _, n in logged) == [7, 7]


def test_gzip_and_crlf_files_in_bulk(messy: Path, tmp_path: Path, no_batches: None) -> None:
    crlf = _write(tmp_path / "crlf.tsv", _lines(messy), newline="\r\n")
    packed = tmp_path / "messy.tsv.gz"
    packed.write_bytes(gzip.compress(messy.read_bytes()))
    for path in (crlf, packed):
        with Store(tmp_path / f"{path.name}.duckdb") as store:
            report = ingest(store, path)
            urls = store.con.execute("SELECT count(*) FROM events WHERE url LIKE '%\r'").fetchone()
        assert (report.rows_read, report.stored, report.rejected) == (303, 294, 7), path
        assert urls == (0,)


def test_blank_lines_fall_back_to_exact_lines(messy: Path, tmp_path: Path) -> None:
    lines = _lines(messy)[:50]
    spaced = _write(tmp_path / "spaced.tsv", [*lines[:20], "", *lines[20:30], "\r", *lines[30:]])
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest(store, spaced)
        got = store.con.execute("SELECT line, event_id FROM events").fetchall()
    raw = _lines(spaced)
    assert (report.rows_read, report.stored, report.rejected) == (50, 44, 6)
    assert all(raw[line - 1].split("\t")[0] == event_id for line, event_id in got)


def test_version_1_store_loses_its_key_index_not_its_rows(messy: Path, tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    insert = (
        "INSERT INTO events (dataset, event_id, event_date) VALUES ('csv', 'a', DATE '2020-01-01')"
    )
    with Store(path) as store:
        store.ensure(Schema("events", EVENTS_SCHEMA.migrations[:1]))
        store.con.execute(insert)
        with pytest.raises(duckdb.ConstraintException):
            store.con.execute(insert)
    with Store(path) as store:
        store.ensure(EVENTS_SCHEMA)
        version = store.version("events")
        kept = store.con.execute("SELECT count(*) FROM events").fetchone()
        report = ingest(store, messy)
    assert (version, kept, report.stored) == (EVENTS_SCHEMA.latest, (1,), 294)


def test_strict_bulk_ingest_stores_nothing(messy: Path, tmp_path: Path, no_batches: None) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        with pytest.raises(InputError) as caught:
            ingest(store, messy, strict=True)
        count = store.con.execute("SELECT count(*) FROM events").fetchone()
        status = store.con.execute("SELECT status FROM ingest_log").fetchall()
    assert (caught.value.first.line, caught.value.first.field) == (4, "SQLDATE")
    assert count == (0,) and status == [("failed",)]


def test_bulk_stores_rows_by_date_then_dyad(tmp_path: Path, no_batches: None) -> None:
    # The sort carries each country as a key of an ENUM of the sorted codes (1-2 bytes
    # for 16): the stored order must still be that of the codes, missing countries last, and
    # the stored codes, event codes and places those of the file.
    lines = _lines(generate_gdelt1(tmp_path / "gen.tsv", 400, seed=5, backfile_share=0.0))
    day = lines[0].split("\t")[1]
    for number, line in enumerate(lines):
        cells = line.split("\t")
        cells[1] = day if number % 2 else cells[1]  # half the rows on one day
        if number % 7 == 0:
            cells[50] = "Zürich, Zürich, Switzerland"  # not plain ASCII: resolved in Python
        lines[number] = "\t".join(cells)
    data = _write(tmp_path / "one-day.tsv", lines)
    with Store(tmp_path / "s.duckdb") as store:
        assert ingest(store, data).stored == 400
        stored = store.con.execute(
            "SELECT event_date, source_country, target_country, cameo_code, location_country, "
            "line FROM events ORDER BY rowid"
        ).fetchall()
    by_key = sorted(stored, key=lambda r: (r[0], r[1] is None, r[1] or "", r[2] is None, r[2]))
    assert [r[:3] for r in stored] == [r[:3] for r in by_key]
    same_day = [r for r in stored if str(r[0]).replace("-", "") == day]
    assert len(same_day) >= 200
    assert len({r[1] for r in same_day}) > 20 and None in {r[1] for r in same_day}
    for _, _, _, code, place, line in stored:
        cells = lines[line - 1].split("\t")
        assert code == cells[26]
        if (line - 1) % 7 == 0:
            assert place == "CHE"


@pytest.mark.parametrize(
    "raised",
    [duckdb.InterruptException("INTERRUPT Error: Interrupted!"), RuntimeError("Query interrupted")],
    ids=["during-insert", "during-fetch"],
)
def test_ctrl_c_during_a_bulk_insert_is_an_interrupt(
    messy: Path,
    tmp_path: Path,
    no_batches: None,
    monkeypatch: pytest.MonkeyPatch,
    raised: Exception,
) -> None:
    # DuckDB turns Ctrl-C into its own error; it was read by batches (InterruptException) or
    # printed as a traceback (RuntimeError): it is the KeyboardInterrupt it was, logged so
    def interrupted(self: EventWriter, *args: object, **kwargs: object) -> None:
        raise raised

    monkeypatch.setattr(EventWriter, "insert", interrupted)
    with Store(tmp_path / "s.duckdb") as store:
        with pytest.raises(KeyboardInterrupt):
            ingest(store, messy)
        log = store.con.execute(
            "SELECT status, rows_read FROM ingest_log WHERE format = 'gdelt1'"
        ).fetchall()
        assert log == [("interrupted", 0)]
        assert store.con.execute(
            "SELECT count(*) FROM events WHERE dataset = 'gdelt1'"
        ).fetchone() == (0,)


def test_other_runtime_errors_pass_through() -> None:
    with pytest.raises(RuntimeError, match="something else"), interrupts_as_such():
        raise RuntimeError("something else")
