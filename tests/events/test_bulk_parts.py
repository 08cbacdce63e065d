"""A plain GDELT file read in bulk as several scans side by side (`native_picked_sql` with
`splits`): each scan numbers its own part, so lines must stay exact wherever the parts are cut,
and a blank line (which would shift a part) must be seen by the line counter.

Expected lines and ids come from the raw file, split here with plain Python.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from benchmarks.events.generate import generate_gdelt1

from accord.events import bulk, ingest
from accord.events.readers import gdelt_layout
from accord.events.readers.gdelt_layout import GDELT1, native_picked_sql
from accord.events.readers.sources import Source
from accord.store import Store


@pytest.fixture
def rows(tmp_path: Path) -> Path:
    """60 GDELT 1.0 rows, the first 20 of them 57-field backfile rows."""
    return generate_gdelt1(tmp_path / "rows.tsv", 60, seed=5, backfile_share=1 / 3)


def _raw(path: Path) -> list[tuple[int, str, int]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(n, line.split("\t")[0], line.count("\t") + 1) for n, line in enumerate(lines, 1)]


@pytest.mark.parametrize(
    "splits",
    [[], [1], [30], [20, 21, 40], [59], [60], [200], [10, 10, 50], [5, 25, 45, 55]],
)
def test_every_cut_numbers_lines_exactly(rows: Path, splits: list[int]) -> None:
    picked = native_picked_sql(GDELT1, str(rows), "none", splits)
    with duckdb.connect() as con:
        got = con.execute(f"SELECT line, event_id, width FROM {picked} ORDER BY line").fetchall()
    assert got == _raw(rows)


def test_bad_rows_in_a_later_part_keep_their_lines(
    rows: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = rows.read_text(encoding="utf-8").splitlines()
    cells = lines[49].split("\t")
    cells[1] = "20161340"
    lines[49] = "\t".join(cells)
    bad = tmp_path / "bad.tsv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(gdelt_layout, "_SCANS", 3)
    assert len(gdelt_layout._split_lines(bad)) == 2
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest(store, bad)
        got = store.con.execute("SELECT line, event_id FROM events ORDER BY line").fetchall()
    assert [(p.line, p.field) for p in report.files[0].rejections] == [(50, "SQLDATE")]
    assert got == [(n, event_id) for n, event_id, _ in _raw(bad) if n != 50]


@pytest.mark.parametrize(
    ("data", "blank"),
    [
        (b"a\nb\nc\n", False),
        (b"a\r\nb\r\nc", False),
        (b"\na\nb\n", True),
        (b"\r\na\n", True),
        (b"a\n\nb\n", True),
        (b"abcdef\n\nb\n", True),  # the blank line straddles two chunks
        (b"abcdef\n\r\nb\n", True),
        (b"abcde\r\n\r\nb\n", True),
        (b"abcdefg\nhijklmn\n", False),
    ],
)
def test_line_counter_sees_blank_lines(
    data: bytes, blank: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.tsv"
    path.write_bytes(data)
    monkeypatch.setattr(bulk, "_CHUNK", 7)
    found = bulk._Lines()
    bulk._count_lines(Source(path), found)
    assert found.error is None
    assert found.blank is blank
    assert found.count == len(data.splitlines())


def test_split_guess_is_near_the_middle(rows: Path) -> None:
    (split,) = gdelt_layout._split_lines(rows)
    assert abs(split - 30) <= 6
