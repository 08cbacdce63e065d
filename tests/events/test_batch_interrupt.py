"""Ctrl-C during a DuckDB statement of the batch path is an interrupt, logged `interrupted`.

DuckDB stops a statement on `con.interrupt()` (what Ctrl-C and a job's cancel call) and raises
its own error; the batch path (a zip member, which bulk ingest does not read) must raise it as
the `KeyboardInterrupt` it was, as the bulk path does, so its log row says `interrupted`, not
`failed`, and nothing of the file is stored.
"""

from __future__ import annotations

import threading
import zipfile
from pathlib import Path
from typing import Any

import duckdb
import pytest
from benchmarks.events.generate import generate_gdelt1

from accord.events import ingest
from accord.events.write import EventWriter
from accord.store import Store

#: A DuckDB statement that runs far longer than any test waits (unless interrupted).
ENDLESS = "SELECT count(*) FROM range(1000000000000) a WHERE a.range % 7 = 3"


@pytest.fixture
def zipped(tmp_path: Path) -> Path:
    """A GDELT 1.0 file in a zip: read by the batch path."""
    rows = generate_gdelt1(tmp_path / "gen.tsv", 60, seed=3, backfile_share=0.0)
    out = tmp_path / "rows.zip"
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("rows.tsv", rows.read_bytes())
    return out


def _outcome(store: Store) -> tuple[list[tuple[object, ...]], int]:
    """The gdelt1 log rows (status, rows read) and how many events are stored."""
    log = store.con.execute(
        "SELECT status, rows_read FROM ingest_log WHERE format = 'gdelt1'"
    ).fetchall()
    stored = store.con.execute("SELECT count(*) FROM events").fetchone()
    return log, int(stored[0]) if stored else -1


def test_an_interrupted_batch_insert_is_logged_interrupted(
    zipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inside, caught, stopped = threading.Event(), threading.Event(), threading.Event()
    real = EventWriter.insert

    def slow(self: EventWriter, *args: Any, **kwargs: Any) -> int:
        inside.set()
        try:
            self.con.execute(ENDLESS).fetchall()  # the batch path's insert, running long
        except BaseException:
            caught.set()
            stopped.wait(10)  # no interrupt may land on the rollback or the log's update
            raise
        return real(self, *args, **kwargs)

    monkeypatch.setattr(EventWriter, "insert", slow)
    with Store(tmp_path / "s.duckdb") as store:

        def interrupter() -> None:
            inside.wait(30)
            while not caught.is_set():  # one landing before the statement began is dropped
                store.con.interrupt()
                caught.wait(0.1)
            stopped.set()

        thread = threading.Thread(target=interrupter, daemon=True)
        thread.start()
        with pytest.raises(KeyboardInterrupt) as raised:
            ingest(store, zipped, format="gdelt1")
        thread.join(10)
        assert isinstance(raised.value.__cause__, duckdb.InterruptException)
        assert _outcome(store) == ([("interrupted", 0)], 0)


@pytest.mark.parametrize(
    "error",
    [duckdb.InterruptException("INTERRUPT Error: Interrupted!"), RuntimeError("Query interrupted")],
    ids=["during-statement", "during-fetch"],
)
def test_duckdb_interrupt_errors_of_the_batch_path_are_interrupts(
    zipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    def interrupted(self: EventWriter, *args: object, **kwargs: object) -> list[object]:
        raise error

    monkeypatch.setattr(EventWriter, "judge", interrupted)
    with Store(tmp_path / "s.duckdb") as store:
        with pytest.raises(KeyboardInterrupt):
            ingest(store, zipped, format="gdelt1")
        assert _outcome(store) == ([("interrupted", 0)], 0)


def test_other_errors_of_the_batch_path_still_fail(
    zipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: EventWriter, *args: object, **kwargs: object) -> list[object]:
        raise RuntimeError("something else")

    monkeypatch.setattr(EventWriter, "judge", broken)
    with Store(tmp_path / "s.duckdb") as store:
        with pytest.raises(RuntimeError, match="something else"):
            ingest(store, zipped, format="gdelt1")
        assert _outcome(store) == ([("failed", 0)], 0)
