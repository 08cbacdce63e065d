"""Reader findings of probe round 4 (findings 1, 4 and 6 of /tmp/probeA-report.md): a wide
ICEWS or POLECAT header refused before any work per column, a UTF-8 byte-order mark starting a
line of files joined end to end dropped as at the file's start (bulk and batch paths), and
POLECAT rows that hold the Headline but lost an empty last field rejected, never read shifted."""

from __future__ import annotations

import codecs
import datetime as dt
import gzip
import io
import time
import zipfile
from pathlib import Path

import pytest

from accord.errors import InputError
from accord.events import ingest
from accord.events.ingest import IngestError
from accord.events.readers import byte_scan
from accord.events.readers.delimited import MAX_COLUMNS
from accord.events.readers.lines import line_blocks
from accord.store import Store
from tests.events.formats import ICEWS_HEADER, POLECAT_HEADER, Event, line_of, polecat_line

BOM = codecs.BOM_UTF8
GDELT = Path("gdelt") / "gdelt1-events.sample.tsv"
ICEWS = Path("icews") / "events.2018.sample.tab"
EVENT = Event("pc-1", dt.date(2023, 1, 2), "USA", "DEU", "042", 1.0)


def _header_problem(tmp_path: Path, name: str, header: list[str], row: str) -> tuple[float, str]:
    """Seconds to refuse a file of `header` and one `row`, and the first problem (line 1)."""
    path = tmp_path / name
    path.write_text("\t".join(header) + "\n" + row + "\n", encoding="utf-8")
    start = time.perf_counter()
    with Store(tmp_path / f"{name}.duckdb") as store, pytest.raises(InputError) as caught:
        ingest(store, path, format=name.rsplit(".", 1)[1])
    seconds = time.perf_counter() - start
    problem = caught.value.problems[0]
    assert (problem.file, problem.line) == (str(path), 1)
    return seconds, problem.message


@pytest.mark.parametrize("fmt", ["icews", "polecat"])
def test_a_header_over_the_column_limit_is_refused_at_once(tmp_path: Path, fmt: str) -> None:
    names = list(ICEWS_HEADER if fmt == "icews" else POLECAT_HEADER)
    row = line_of("icews", EVENT) if fmt == "icews" else polecat_line(EVENT)
    wide = names + [f"c{k}" for k in range(20_000)]
    seconds, message = _header_problem(tmp_path, f"wide.{fmt}", wide, row)
    assert seconds < 2.0  # the quadratic check took about 6 s here, 33 s at 50,000
    assert f"{len(wide):,} columns" in message and f"{MAX_COLUMNS:,}" in message


@pytest.mark.parametrize("fmt", ["icews", "polecat"])
def test_a_repeated_column_of_a_wide_header_is_reported_fast(tmp_path: Path, fmt: str) -> None:
    names = list(ICEWS_HEADER if fmt == "icews" else POLECAT_HEADER)
    row = line_of("icews", EVENT) if fmt == "icews" else polecat_line(EVENT)
    extra = [f"c{k}" for k in range(MAX_COLUMNS - len(names) - 1)]
    seconds, message = _header_problem(tmp_path, f"twice.{fmt}", [*names, *extra, "C5"], row)
    assert seconds < 2.0
    assert message == "column 'C5' appears twice in the header"  # 'c5' and 'C5': one key


# --- finding 4: a byte-order mark starting a line of files joined end to end ---------------


def _events(store: Store) -> list[tuple[str, str]]:
    rows = store.con.execute("SELECT event_id, file FROM events ORDER BY event_id").fetchall()
    return [(str(a), str(b)) for a, b in rows]


def _marks_stored(store: Store) -> int:
    """Stored text values holding U+FEFF, over every text column of `events`."""
    columns = [
        str(c)
        for (c,) in store.con.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'events' AND data_type = 'VARCHAR'"
        ).fetchall()
    ]
    total = 0
    for column in columns:
        quoted = '"' + column.replace('"', '""') + '"'
        found = store.con.execute(
            f"SELECT count(*) FROM events WHERE contains({quoted}, ?)", ["\ufeff"]
        ).fetchone()
        total += int(found[0]) if found else 0
    return total


def _packed(path: Path, data: bytes, how: str) -> Path:
    """`data` written to `path` plain, gzip-compressed or as the one member of a zip."""
    if how == "gz":
        out = path.with_name(path.name + ".gz")
        out.write_bytes(gzip.compress(data))
    elif how == "zip":
        out = path.with_name(path.name + ".zip")
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr(path.name, data)
    else:
        out = path
        out.write_bytes(data)
    return out


def _first_fields(lines: list[bytes]) -> set[str]:
    return {line.split(b"\t", 1)[0].decode() for line in lines if line.strip()}


@pytest.mark.parametrize("how", ["plain", "gz", "zip"])
def test_gdelt_files_joined_with_a_mark_store_clean_ids(
    shared_data: Path, tmp_path: Path, how: str
) -> None:
    original = shared_data / GDELT
    lines = original.read_bytes().splitlines(keepends=True)
    first, second = lines[:100], lines[199:300]
    joined = _packed(tmp_path / "joined.tsv", b"".join([*first, BOM, *second]), how)
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest(store, joined)
        assert (report.stored, report.rejected) == (201, 0)
        assert _marks_stored(store) == 0
        assert {e for e, _ in _events(store)} == _first_fields(first + second)
        again = ingest(store, original)
        assert (again.stored, again.duplicate) == (len(lines) - 201, 201)
        ids = [e for e, _ in _events(store)]
        assert len(ids) == len(set(ids)) == len(lines)


@pytest.mark.parametrize("how", ["plain", "gz"])
def test_icews_files_joined_with_a_mark_see_the_repeated_header(
    shared_data: Path, tmp_path: Path, how: str
) -> None:
    original = shared_data / ICEWS
    lines = original.read_bytes().splitlines(keepends=True)
    first, second = lines[:30], lines[199:230]
    data = b"".join([*first, BOM, lines[0], BOM, *second])  # the header again, then rows
    joined = _packed(tmp_path / "joined.tab", data, how)
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest(store, joined, format="icews")
        rejected = report.files[0].rejections
        assert [(r.line, r.message) for r in rejected] == [
            (31, "the header line again (files joined end to end?)")
        ]
        assert _marks_stored(store) == 0
        assert {e for e, _ in _events(store)} == _first_fields(first[1:] + second)
        ingest(store, original, format="icews")
        keys = store.con.execute(
            "SELECT event_id, event_date, count(*) FROM events GROUP BY ALL HAVING count(*) > 1"
        ).fetchall()
        assert keys == []


@pytest.mark.parametrize("pad", range(4085, 4100))
def test_line_blocks_drop_a_mark_at_any_line_start_whatever_the_blocks(pad: int) -> None:
    data = BOM + b"a" * pad + b"\n" + BOM + b"b\tc\n" + BOM + BOM + b"d\n\n" + BOM + b"\n"
    blocks = list(line_blocks(io.BytesIO(data), 4096, keep_raw=True))
    texts = [t for block in blocks for t in block.lines.column("text").to_pylist()]
    assert texts == ["a" * pad, "b\tc", "d", "", ""]
    assert BOM not in b"".join(block.raw for block in blocks)  # what GDELT's blocks parse


def test_a_latin1_file_keeps_its_bytes() -> None:
    data = b"x\n" + BOM + b"y\n"
    blocks = list(line_blocks(io.BytesIO(data), 4096, encoding="latin-1"))
    assert blocks[0].lines.column("text").to_pylist() == ["x", BOM.decode("latin-1") + "y"]


@pytest.mark.parametrize("at", [0, 1, 2, 3, 4, 5, 6, 7])
def test_the_byte_scan_flags_a_mark_after_a_newline_at_any_edge(tmp_path: Path, at: int) -> None:
    data = b"ab\tc\n" * 3 + BOM + b"x\n"
    path = tmp_path / "f.tsv"
    path.write_bytes(data)
    saved = byte_scan.CHUNK
    byte_scan.CHUNK = 4  # blocks of a few bytes: the mark across every edge
    try:
        cuts = sorted({0, 15 - at, len(data)})
        found = byte_scan.whole(path, byte_scan.scan_pieces(path, cuts))
    finally:
        byte_scan.CHUNK = saved
    assert (found.bom, found.lines) == (True, 4)
    assert byte_scan.scan_stream(io.BytesIO(data), 1 + at).bom


def test_a_mark_at_the_file_start_or_inside_a_line_is_no_line_mark(tmp_path: Path) -> None:
    for data in (BOM + b"a\nb\n", b"a" + BOM + b"\nb\n", b"a\n\xef\xbb"):
        path = tmp_path / "f.tsv"
        path.write_bytes(data)
        assert not byte_scan.scan_file(path).bom
        assert not byte_scan.scan_stream(io.BytesIO(data), 2).bom


# --- finding 6: POLECAT rows holding the Headline that lost an empty last field ----------


def _polecat(tmp_path: Path, name: str, header: list[str], rows: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(["\t".join(header), *rows]) + "\n", encoding="utf-8")
    return path


def _with_headline(headline: str, **values: str) -> list[str]:
    """A POLECAT row's fields with `headline` after Quad Code, as the header below names it."""
    cells = polecat_line(EVENT, **values).split("\t")
    return [*cells[:6], headline, *cells[6:]]


HEADLINE_HEADER = [*POLECAT_HEADER[:6], "Headline", *POLECAT_HEADER[6:]]


def test_published_rows_without_the_headline_are_read_as_today(tmp_path: Path) -> None:
    rows = [polecat_line(EVENT), polecat_line(EVENT, **{"Event ID": "pc-2", "Contexts": "None"})]
    path = _polecat(tmp_path, "published.txt", HEADLINE_HEADER, rows)
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest(store, path)
        stored = store.con.execute(
            "SELECT event_id, source_actor, source_country, target_country, plover_context "
            "FROM events ORDER BY line"
        ).fetchall()
    assert (report.stored, report.rejected) == (2, 0)
    assert stored == [
        ("pc-1", "Government of USA", "USA", "DEU", "diplomatic"),
        ("pc-2", "Government of USA", "USA", "DEU", None),
    ]


def test_rows_holding_the_headline_with_the_last_field_trimmed_are_rejected(
    tmp_path: Path,
) -> None:
    rows = [
        "\t".join(_with_headline("Leaders meet in Paris", Version="")).rstrip("\t"),
        "\t".join(_with_headline("Talks resume", **{"Event ID": "pc-2", "Version": ""})).rstrip(
            "\t"
        ),
    ]
    path = _polecat(tmp_path, "trimmed.txt", HEADLINE_HEADER, rows)
    with Store(tmp_path / "s.duckdb") as store:
        with pytest.raises(IngestError) as failed:
            ingest(store, path)  # every row rejected: the file failed
        with pytest.raises(InputError) as caught:
            ingest(store, path, strict=True)  # each rejection, with its line
        assert store.con.execute("SELECT count(*) FROM events").fetchone() == (0,)
    assert "every row rejected (2 rows)" in failed.value.problems[0].message
    rejected = caught.value.problems
    width = len(HEADLINE_HEADER)
    assert [(r.file, r.line, r.field) for r in rejected] == [
        (str(path), 2, "(row)"),
        (str(path), 3, "(row)"),
    ]
    assert rejected[0].message.startswith(
        f"expected {width} tab-separated fields as in the header, found {width - 1} "
        "(the rows hold the Headline but lack a field"
    )


def test_rows_holding_the_headline_in_full_are_read_in_place(tmp_path: Path) -> None:
    rows = ["\t".join(_with_headline("Leaders meet in Paris", Version="1.0"))]
    path = _polecat(tmp_path, "full.txt", HEADLINE_HEADER, rows)
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest(store, path)
        stored = store.con.execute(
            "SELECT source_actor, target_country, plover_context FROM events"
        ).fetchall()
    assert report.stored == 1
    assert stored == [("Government of USA", "DEU", "diplomatic")]
