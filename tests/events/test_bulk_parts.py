"""A GDELT file read in bulk in one scan (`native_picked_sql`): lines must be exact, the line
counter must count them and see what DuckDB would read otherwise than the batch path, and the
rows must be stored in date order (no compaction needed) with places resolved in SQL exactly as
`resolve_place` resolves them.

Expected lines and ids come from the raw file, split here with plain Python.
"""

from __future__ import annotations

import errno
import gzip
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pytest
from benchmarks.events.generate import generate_gdelt1
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.events import IngestProgress, bulk, compact, ingest
from accord.events.compact import out_of_order
from accord.events.readers import file_parts
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
        (b"abcdef\r\nb\n", 2, False, False),  # a line end across two chunks (7 bytes)
        (b"abcdef\rb\n", 1, False, True),  # a lone return ending a chunk
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
    assert found.error is None and found.scan is not None
    assert (found.scan.lines, found.scan.control, found.scan.odd) == (count, control, odd)


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
    "Ha Hoang, Tinh Ha Tinh, Vietnam, Republic Of",  # GDELT's own country names
    "Ramallah, West Bank",
    "Gaza Strip",
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
        keyed = con.execute(
            f"SELECT CAST(location_country_key AS VARCHAR) FROM ({sql}) ORDER BY line"
        ).fetchall()
    assert got == expected
    assert [iso3 for (iso3,) in keyed] == expected  # the key the sort carries: the same state
    assert expected[:5] == ["KOR", "FRA", "BHS", "KOR", None]
    assert expected[9:12] == ["VNM", "PSE", "PSE"]
    # only the four names that are not plain ASCII parts reach the Python function (twice:
    # as the code and as its key)
    assert sum(in_python) == 8
    assert expected[-3:] == [None, None, "RUS"]


# A file cut into parts read side by side (`file_parts.line_parts`): the parts hold the file's
# bytes once, in order, each starting at a line; each knows the lines before it; the stored
# rows, their lines and the rejections are those of the file read whole.


@settings(max_examples=60, deadline=None)
@given(
    lengths=st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=30),
    parts=st.integers(min_value=1, max_value=5),
    last_newline=st.booleans(),
)
def test_parts_hold_the_file_cut_at_line_ends(
    lengths: list[int], parts: int, last_newline: bool
) -> None:
    body = b"\n".join(b"x" * n for n in lengths) + (b"\n" if last_newline else b"")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.tsv"
        path.write_bytes(body)
        with file_parts.line_parts(path, parts, min_bytes=0) as cut:
            pieces = [part.path.read_bytes() for part in cut]
            before = [part.lines_before for part in cut]
            kept = [part.path for part in cut]
        assert not any(p.exists() for p in kept)  # removed on exit
    if not cut:  # not worth cutting: one part, or lines too few or too long
        assert parts < 2 or body.count(b"\n") < 2 or len(body) < 2 * parts
        return
    assert b"".join(pieces) == body
    assert all(piece.endswith(b"\n") for piece in pieces[:-1])
    assert before == [sum(p.count(b"\n") for p in pieces[:i]) for i in range(len(pieces))]
    assert 2 <= len(pieces) <= parts


def test_small_gzip_and_single_thread_files_are_not_cut(rows: Path, tmp_path: Path) -> None:
    packed = tmp_path / "rows.tsv.gz"
    packed.write_bytes(gzip.compress(rows.read_bytes()))
    with file_parts.line_parts(rows, 2) as small:  # under SPLIT_BYTES
        assert small == []
    with file_parts.line_parts(packed, 2, min_bytes=0) as compressed:
        assert compressed == []
    with file_parts.line_parts(rows, 1, min_bytes=0) as one:
        assert one == []
    with file_parts.line_parts(rows, 3, min_bytes=0) as three:
        text = b"".join(p.path.read_bytes() for p in three)
        starts = [len(b"".join(p.path.read_bytes() for p in three[:i])) for i in range(3)]
        assert text == rows.read_bytes()
        assert [p.lines_before for p in three] == [text[:at].count(b"\n") for at in starts]


def test_parts_number_lines_as_one_scan(rows: Path) -> None:
    with file_parts.line_parts(rows, 3, min_bytes=0) as parts:
        picked = native_picked_sql(GDELT1, str(rows), "none", parts)
        with duckdb.connect() as con:
            con.execute("SET threads = 2")
            got = con.execute(f"SELECT line, event_id, width FROM {picked} ORDER BY line")
            assert got.fetchall() == _raw(rows)


def _stored(path: Path, file: Path) -> tuple[list[tuple[object, ...]], list[tuple[int, str]]]:
    with Store(path) as store:
        report = ingest(store, file)
        events = store.con.execute(
            "SELECT line, event_id, event_date, source_country, location_country, url "
            "FROM events ORDER BY rowid"
        ).fetchall()
    rejected = [(p.line or 0, p.field or "") for p in report.files[0].rejections]
    return events, rejected


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="DuckDB runs one thread: nothing is cut")
@pytest.mark.parametrize("blank", [False, True])
def test_ingest_in_parts_stores_what_one_scan_stores(
    rows: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, blank: bool
) -> None:
    lines = rows.read_text(encoding="utf-8").splitlines()
    cells = lines[44].split("\t")
    cells[1] = "20161340"  # a bad date in the second part
    lines[44] = "\t".join(cells)
    if blank:  # DuckDB skips a blank line: numbering in parts would shift, so read by blocks
        lines.insert(30, "")
    bad = tmp_path / "bad.tsv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole = _stored(tmp_path / "whole.duckdb", bad)
    monkeypatch.setattr(file_parts, "SPLIT_BYTES", 0)
    cuts: list[list[file_parts.FilePart]] = []
    real = file_parts.line_parts

    @contextmanager
    def watched(path: Path, parts: int, **kw: Path | str) -> Iterator[list[file_parts.FilePart]]:
        assert kw == {"folder": tmp_path, "prefix": ".parts.duckdb.parts-"}  # beside the store
        with real(path, parts, **kw) as cut:
            cuts.append(cut)
            assert all(p.path.parent.parent == tmp_path for p in cut)
            yield cut

    monkeypatch.setattr(bulk, "line_parts", watched)
    left = tmp_path / ".parts.duckdb.parts-killed"  # a killed ingest's copies: removed
    left.mkdir()
    (left / "part0.tsv").write_bytes(b"x" * 10)
    other = tmp_path / ".other.duckdb.parts-1"  # another store's: kept
    other.mkdir()
    assert _stored(tmp_path / "parts.duckdb", bad) == whole
    assert not left.exists() and other.exists()
    assert len(cuts) == 1 and len(cuts[0]) >= 2  # one part per DuckDB thread
    assert whole[1] == [(46 if blank else 45, "SQLDATE")]
    assert [line for line, *_ in whole[0]] != sorted(line for line, *_ in whole[0])


def test_parts_copy_across_file_systems_and_need_room(
    rows: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*args: object) -> int:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "copy_file_range", refused)  # the copy falls back to sendfile
    with file_parts.line_parts(rows, 2, min_bytes=0) as parts:
        assert b"".join(p.path.read_bytes() for p in parts) == rows.read_bytes()
    full = shutil.disk_usage(tempfile.gettempdir())._replace(free=2 * rows.stat().st_size - 1)
    monkeypatch.setattr(shutil, "disk_usage", lambda _: full)
    with file_parts.line_parts(rows, 2, min_bytes=0) as none:
        assert none == []  # the copies would leave less free than they take: read whole


def test_a_file_without_line_ends_near_the_cut_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(file_parts, "_LOOK", 16)  # the look ahead is bounded, not the file
    monkeypatch.setattr(file_parts, "_STEP", 5)  # read in steps
    path = tmp_path / "long.tsv"
    path.write_bytes(b"a" * 100 + b"\n" + b"b" * 100 + b"\n")
    with file_parts.line_parts(path, 2, min_bytes=0) as parts:
        assert parts == []
    path.write_bytes(b"a" * 105 + b"\n" + b"b" * 100 + b"\n")  # a newline within the look
    with file_parts.line_parts(path, 2, min_bytes=0) as parts:
        assert [p.lines_before for p in parts] == [0, 1]


def test_a_folder_that_cannot_be_written_reads_the_file_whole(
    rows: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(**kw: object) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(file_parts.tempfile, "mkdtemp", refused)
    with file_parts.line_parts(rows, 2, min_bytes=0, folder=tmp_path) as parts:
        assert parts == []


def test_bulk_progress_moves_forward_through_the_insert(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DuckDB's progress of the insert reaches the caller while the insert runs, never going
    back (the statements after the insert start from 0 again). With the lookups joined as
    registered Arrow tables, DuckDB reported about 0% until the insert ended."""
    path = generate_gdelt1(tmp_path / "big.tsv", 150_000, seed=3)
    monkeypatch.setattr(bulk, "_POLL", 0.01)
    inserting = threading.Event()
    during: list[float] = []
    insert = bulk.EventWriter.insert

    def timed(self: bulk.EventWriter, *args: Any, **kw: Any) -> int:
        inserting.set()
        try:
            return insert(self, *args, **kw)
        finally:
            inserting.clear()

    def progress(p: IngestProgress) -> None:
        seen.append(p.position)
        if inserting.is_set():
            during.append(p.position / p.size)

    seen: list[int] = []
    monkeypatch.setattr(bulk.EventWriter, "insert", timed)
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest(store, path, progress=progress)
    assert report.files[0].stored == 150_000
    assert seen == sorted(seen) and seen[0] == 0 and seen[-1] == path.stat().st_size
    assert max(during, default=0.0) > 0.5


def test_a_store_name_is_no_pattern_when_old_copies_are_removed(rows: Path, tmp_path: Path) -> None:
    mine = tmp_path / ".s[ab].duckdb.parts-old"  # this store's left copies: removed
    theirs = tmp_path / ".sa.duckdb.parts-old"  # the store s[ab]'s name read as a pattern
    for folder in (mine, theirs):
        folder.mkdir()
    with Store(tmp_path / "s[ab].duckdb") as store, bulk.scan_parts(store, Source(rows)) as parts:
        assert parts == []  # a small file: read whole
    assert not mine.exists() and theirs.exists()


def test_keys_the_sort_carries_give_back_every_code_and_country() -> None:
    # a bulk insert's sort carries countries and codebook columns as keys of ENUM types, which
    # must sort as their texts do and give them back (`canonical_sql.LATE_SQL`)
    context = ReadContext(default_world())
    con = context.con
    with register_lookups(con, context):
        checks = {
            name: con.execute(
                f"SELECT count(*), count(*) FILTER (WHERE {column} IS DISTINCT FROM "
                f"CAST({column}_key AS VARCHAR)), list({column} ORDER BY {column}_key) "
                f"= list({column} ORDER BY {column}) FROM {name}"
            ).fetchall()[0]
            for name, column in (
                ("_codes", "code"),
                ("_codes", "root"),
                ("_codes", "plover_type"),
                ("_known_countries", "iso3"),
                ("_place_names", "iso3"),
            )
        }
        codes = con.execute("SELECT code, plover_mode_key FROM _codes").fetchall()
        written = dict(con.execute("SELECT written, code FROM _codes").fetchall())
    # 2,209 codes as written, 121 of the codebook's also without their leading zero: 11 of
    # those (10 to 20) are written as roots are, which files do not carry as event codes
    assert checks["_codes"] == (2330, 0, True) and len(set(written.values())) == 2209
    lost = (written["10"], written["100"], written["211"], written["01"])
    assert lost == ("010", "100", "0211", "01")
    assert all(wrong == 0 and ordered for _, wrong, ordered in checks.values())
    assert dict(codes)["0871"] == "ceasefire"
    # the types are gone with the block
    types = con.execute("SELECT count(*) FROM duckdb_types() WHERE type_name LIKE '_accord%'")
    assert types.fetchall() == [(0,)]
