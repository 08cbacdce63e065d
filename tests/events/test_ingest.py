"""Ingest: idempotence, rejected rows, --strict, compressed inputs, interrupted ingest."""

from __future__ import annotations

import gzip
import os
import signal
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from benchmarks.events.generate import generate_gdelt1

from accord.errors import InputError
from accord.events import ingest, query, rejections
from accord.store import Store


@pytest.fixture
def small_gdelt(tmp_path: Path) -> Path:
    return generate_gdelt1(tmp_path / "small.tsv", 40, seed=7, backfile_share=0.25)


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _count(store: Store, sql: str = "SELECT count(*) FROM events") -> int:
    row = store.con.execute(sql).fetchone()
    return int(row[0]) if row else 0


def test_reingest_stores_nothing_new(small_gdelt: Path, db_path: Path) -> None:
    with Store(db_path) as store:
        first = ingest(store, small_gdelt)
        second = ingest(store, small_gdelt)
        assert (first.stored, first.duplicate) == (40, 0)
        assert (second.rows_read, second.stored, second.duplicate) == (40, 0, 40)
        assert _count(store) == 40
        log = store.con.execute(
            "SELECT stored, duplicate, status FROM ingest_log ORDER BY started"
        ).fetchall()
    assert log == [(40, 0, "ok"), (0, 40, "ok")]


def test_duplicate_rows_within_a_file(small_gdelt: Path, tmp_path: Path, db_path: Path) -> None:
    lines = _lines(small_gdelt)
    doubled = tmp_path / "doubled.tsv"
    doubled.write_text("\n".join([*lines, *lines[:5]]) + "\n", encoding="utf-8")
    with Store(db_path) as store:
        report = ingest(store, doubled)
    assert (report.rows_read, report.stored, report.duplicate) == (45, 40, 5)


def _corrupt(path: Path, out: Path) -> dict[int, str]:
    """Damage some rows of a GDELT file; return line -> field expected in the rejection."""
    lines = _lines(path)
    damaged = {3: "SQLDATE", 7: "GoldsteinScale", 11: "EventCode", 15: "(row)", 20: "QuadClass"}
    for number, field in damaged.items():
        cells = lines[number - 1].split("\t")
        if field == "SQLDATE":
            cells[1] = "2015-13-45"
        elif field == "GoldsteinScale":
            cells[30] = "strong"
        elif field == "EventCode":
            cells[26] = "X42"
        elif field == "QuadClass":
            cells[29] = "7"
        else:
            cells = cells[:40]
        lines[number - 1] = "\t".join(cells)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return damaged


def test_rejected_rows_are_reported_with_file_line_field(
    small_gdelt: Path, tmp_path: Path, db_path: Path
) -> None:
    bad = tmp_path / "bad.tsv"
    damaged = _corrupt(small_gdelt, bad)
    with Store(db_path) as store:
        report = ingest(store, bad)
        stored = rejections(store)
    assert report.rejected == len(damaged)
    assert report.stored == 40 - len(damaged)
    got = {p.line: p.field for p in report.files[0].rejections}
    assert got == damaged
    assert all(p.file == str(bad) for p in report.files[0].rejections)
    assert sorted(stored["line"].tolist()) == sorted(damaged)
    reasons = dict(zip(stored["line"], stored["reason"], strict=True))
    assert "found 40" in reasons[15] and "strong" in reasons[7] and "X42" in reasons[11]


def test_strict_aborts_and_stores_nothing_of_the_file(
    small_gdelt: Path, tmp_path: Path, db_path: Path
) -> None:
    bad = tmp_path / "bad.tsv"
    _corrupt(small_gdelt, bad)
    with Store(db_path) as store:
        with pytest.raises(InputError) as caught:
            ingest(store, bad, strict=True)
        assert caught.value.first.line == 3 and caught.value.first.field == "SQLDATE"
        assert _count(store) == 0
        status = store.con.execute("SELECT status FROM ingest_log").fetchall()
    assert status == [("failed",)]


def test_gz_zip_directory_and_glob(small_gdelt: Path, tmp_path: Path, db_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    other = generate_gdelt1(tmp_path / "other.tsv", 30, seed=8)
    # the same ids as small_gdelt would collide: shift them
    shifted = [("9" + line) for line in _lines(other)]
    (folder / "a.tsv.gz").write_bytes(gzip.compress(small_gdelt.read_bytes()))
    with zipfile.ZipFile(folder / "b.zip", "w") as archive:
        archive.writestr("inner/b.tsv", "\n".join(shifted) + "\n")
    with Store(db_path) as store:
        report = ingest(store, folder)
        assert [f.stored for f in report.files] == [40, 30]
        assert report.files[1].file.endswith("b.zip!inner/b.tsv")
        again = ingest(store, str(folder / "*.gz"))
        assert again.duplicate == 40 and again.stored == 0
        lines = query(store, dataset="gdelt1")["line"]
    assert sorted(lines)[:2] == [1, 1]


def test_a_directory_skips_files_that_are_not_event_data(small_gdelt: Path, tmp_path: Path) -> None:
    """A download folder with a README, GDELT's checksum and file lists, GDELT's mentions and
    GKG tables, a mapping file and the store
    itself (with its WAL and server file) ingests its one event file and nothing else; the
    README named on its own is still read (and refused as no event format)."""
    folder = tmp_path / "dl"
    folder.mkdir()
    (folder / "events.tsv").write_bytes(small_gdelt.read_bytes())
    for name in ("README.md", "md5sums", "mapping.yaml", "notes.PDF", ".hidden.tsv"):
        (folder / name).write_text("not events\n", encoding="utf-8")
    # a GDELT 2.0 mirror's file lists and other tables, Dataverse's manifest
    for name in ("masterfilelist.txt", "lastupdate.txt", "MANIFEST.TXT"):
        (folder / name).write_text("1 2 http://x/20150218230000.export.CSV.zip\n", "utf-8")
    for name in ("20150218230000.mentions.CSV", "20150218230000.gkg.csv", "20150218.gkgcounts.csv"):
        (folder / name).write_bytes(small_gdelt.read_bytes())  # would read as events
    db = folder / "a.duckdb"
    Store(db).close()
    for name in ("a.duckdb.wal", "a.duckdb.serve.json"):
        (folder / name).write_text("{}", encoding="utf-8")
    with Store(db) as store:
        report = ingest(store, folder)
        assert [Path(f.file).name for f in report.files] == ["events.tsv"]
        assert report.stored == 40
        with pytest.raises(InputError) as caught:
            ingest(store, folder / "README.md")
    assert caught.value.first.file == str(folder / "README.md")


def test_missing_path_is_an_input_error(db_path: Path) -> None:
    with Store(db_path) as store, pytest.raises(InputError):
        ingest(store, "/no/such/file.tsv")


_KILLABLE = textwrap.dedent(
    """
    import sys
    import time
    from accord.events import ingest
    from accord.store import Store

    def progress(p):
        print("batch", p.rows, flush=True)
        time.sleep(1)  # the kill lands while the file's transaction is open

    with Store(sys.argv[1]) as store:
        ingest(store, sys.argv[2], progress=progress, block_bytes=1 << 20)
    print("finished", flush=True)
    """
)


def test_killed_ingest_leaves_store_consistent(tmp_path: Path, db_path: Path) -> None:
    small = generate_gdelt1(tmp_path / "first.tsv", 50, seed=1)
    big = generate_gdelt1(tmp_path / "big.tsv", 60_000, seed=2)
    big.write_text(
        "".join("8" + line + "\n" for line in _lines(big)), encoding="utf-8"
    )  # distinct ids from `small`
    with Store(db_path) as store:
        ingest(store, small)
    script = tmp_path / "ingest_script.py"
    script.write_text(_KILLABLE, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(script), str(db_path), str(big)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert first.startswith("batch"), first
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()  # else an unclosed-pipe ResourceWarning
    assert proc.returncode == -signal.SIGKILL
    with Store(db_path) as store:
        # nothing of the killed file, everything of the earlier one
        assert _count(store) == 50
        assert _count(store, f"SELECT count(*) FROM events WHERE file = '{big}'") == 0
        statuses = store.con.execute("SELECT file, status FROM ingest_log").fetchall()
        assert (str(big), "running") in statuses and (str(small), "ok") in statuses
        report = ingest(store, big)
        assert report.stored == 60_000
        assert _count(store) == 60_050
        after = dict(
            store.con.execute("SELECT status, count(*) FROM ingest_log GROUP BY 1").fetchall()
        )
    assert after == {"ok": 2, "interrupted": 1}


def test_a_file_ingested_under_a_name_is_logged_and_stored_under_it(
    tmp_path: Path, db_path: Path
) -> None:
    kept = generate_gdelt1(tmp_path / "3f9c0d.tsv", 20, seed=3, backfile_share=0.0)
    other = generate_gdelt1(tmp_path / "other.tsv", 5, seed=4, backfile_share=0.0)
    with Store(db_path) as store:
        report = ingest(store, kept, name="20160728.export.CSV")
        assert report.files[0].file == "20160728.export.CSV"
        files = store.con.execute("SELECT DISTINCT file FROM events WHERE dataset = 'gdelt1'")
        assert files.fetchall() == [("20160728.export.CSV",)]
        with pytest.raises(InputError, match="name= names one file"):
            ingest(store, [kept, other], name="x.tsv")
