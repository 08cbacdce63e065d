"""A write that waits for another on the same store says so once (`ON_WRITE_WAIT`): a command
forwarded to a server during an ingest waited without a word."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accord.cli import common
from accord.cli.main import app
from accord.store import Store
from accord.store.database import ON_WRITE_WAIT, WAIT_NOTICE, write_lock


def _held_for(
    path: Path, seconds: float, release: threading.Event | None = None
) -> threading.Thread:
    """A thread holding the store's write lock for `seconds`, or until `release` is set (then
    at most 60 s); started, the lock held when this returns."""
    taken = threading.Event()

    def hold() -> None:
        with write_lock(path):
            taken.set()
            if release is None:
                time.sleep(seconds)
            else:
                release.wait(60)

    thread = threading.Thread(target=hold)
    thread.start()
    taken.wait()
    return thread


def test_a_write_told_once_when_it_waits_and_not_otherwise(tmp_path: Path) -> None:
    told: list[float] = []
    token = ON_WRITE_WAIT.set(lambda: told.append(time.monotonic()))
    try:
        with Store(tmp_path / "s.duckdb") as store:
            with store.transaction() as con:  # no other write: nothing to say
                con.execute("SELECT 1")
            assert told == []
            holder = _held_for(store.path, WAIT_NOTICE + 0.5)
            began = time.monotonic()
            with store.transaction() as con:
                con.execute("SELECT 1")
            holder.join()
    finally:
        ON_WRITE_WAIT.reset(token)
    assert len(told) == 1
    assert told[0] - began >= WAIT_NOTICE * 0.9


def test_the_cli_says_it_waits_for_another_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "cli.duckdb"
    runner = CliRunner()
    assert runner.invoke(app, ["world", "summary", "--db", str(db)]).exit_code == 0
    # the other write ends once the command said it waits (however long the command takes to
    # reach its write: loading the world took over the 1.5 s of a fixed hold on a busy CI)
    said = threading.Event()
    real = common._say_waiting

    def saying() -> None:
        real()
        said.set()

    monkeypatch.setattr(common, "_say_waiting", saying)
    holder = _held_for(db, 0.0, release=said)
    result = runner.invoke(app, ["world", "reset", "--db", str(db)])
    holder.join()
    assert result.exit_code == 0, result.output
    assert "waiting for another write on the store to end" in result.output
