"""GDELT files as R writes them back: `write.table` puts text fields in double quotes, readr's
`write_tsv` writes a missing value as `NA`. Both are read as the file R read: every row stored
with the values of the original, in bulk and by batches.

Expected values are the original file's own rows, stored by the same ingest."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.events.generate import generate_gdelt1

from accord.events import ingest
from accord.events.readers import Gdelt1Reader
from accord.events.schema import EVENT_COLUMN_NAMES
from accord.store import Store

_COMPARED = ", ".join(c for c in EVENT_COLUMN_NAMES if c != "file")


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _r_quoted(line: str) -> str:
    """The line as R's write.table writes a data frame read from it: text in quotes."""
    return "\t".join(
        c if _number(c) else '"' + c.replace('"', '""') + '"' for c in line.split("\t")
    )


def _readr(line: str) -> str:
    """The line as readr's write_tsv writes it: an empty field is NA."""
    return "\t".join(c or "NA" for c in line.split("\t"))


def _stored(db: Path, path: Path, *, batches: bool) -> tuple[list[tuple[object, ...]], int]:
    with pytest.MonkeyPatch.context() as patch:
        if batches:
            patch.setattr(Gdelt1Reader, "native", lambda self, source, parts=(), quoted=True: None)
        with Store(db) as store:
            report = ingest(store, path)
            rows = store.con.execute(f"SELECT {_COMPARED} FROM events ORDER BY line").fetchall()
    return rows, report.rejected


@pytest.mark.parametrize("rewrite", [_r_quoted, _readr], ids=["write.table", "write_tsv"])
@pytest.mark.parametrize("batches", [False, True], ids=["bulk", "batches"])
def test_r_exports_store_what_the_original_holds(
    rewrite: object, batches: bool, tmp_path: Path
) -> None:
    original = generate_gdelt1(tmp_path / "g.tsv", 60, seed=11, backfile_share=0.2)
    lines = original.read_text(encoding="utf-8").splitlines()
    assert any("\t\t" in line for line in lines)  # empty fields to write as NA or ""
    written = tmp_path / "r.tsv"
    written.write_text("\n".join(rewrite(line) for line in lines) + "\n", encoding="utf-8")  # type: ignore[operator]
    expected, rejected = _stored(tmp_path / "o.duckdb", original, batches=batches)
    got, got_rejected = _stored(tmp_path / "r.duckdb", written, batches=batches)
    assert (len(got), got_rejected) == (60, rejected) == (60, 0)
    assert got == expected
    assert not any('"' in str(value) for row in got for value in row)


def test_a_quote_inside_a_field_is_kept(tmp_path: Path) -> None:
    original = generate_gdelt1(tmp_path / "g.tsv", 3, seed=2, backfile_share=0)
    cells = original.read_text(encoding="utf-8").splitlines()[0].split("\t")
    cells[5] = 'A"B'  # not wholly in quotes: an actor code with a quote in it
    cells[6] = '"Quoted ""name"""'
    path = tmp_path / "q.tsv"
    path.write_text("\t".join(cells) + "\n", encoding="utf-8")
    for batches in (False, True):
        rows, _ = _stored(tmp_path / f"q{batches}.duckdb", path, batches=batches)
        assert rows[0][EVENT_COLUMN_NAMES.index("source_actor")] == 'A"B'
