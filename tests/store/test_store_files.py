"""A `--db` that names something other than an Accord store is refused before anything is
written to it; a damaged store is named, never a traceback."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from accord.cli.main import app
from accord.errors import StoreError
from accord.store import Store


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", ["cases.csv", "events.csv", "events.json", "x.parquet"])
def test_a_data_file_is_no_store(tmp_path: Path, name: str) -> None:
    """DuckDB opens a CSV, JSON or Parquet file as a database of the moment: every write was
    lost with exit status 0 (or `events.csv` collided with the events table)."""
    path = tmp_path / name
    if name.endswith(".parquet"):
        duckdb.sql(f"COPY (SELECT 1 AS x) TO '{path}' (FORMAT parquet)")
    else:
        path.write_text("a,b\n1,2\n")
    before = _digest(path)
    with pytest.raises(StoreError, match="is not a DuckDB database file"):
        Store(path)
    result = CliRunner().invoke(app, ["events", "stats", "--db", str(path), "--json"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert '"StoreError"' in result.stdout
    assert _digest(path) == before


def test_another_programs_database_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "foreign.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE events (x INTEGER); INSERT INTO events VALUES (1), (2)")
    with pytest.raises(StoreError, match=r"not an Accord store \(it holds events\)"):
        Store(path)
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.sql("SHOW TABLES").fetchall() == [("events",)]  # no accord_schema added
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    with Store(empty) as store:  # an empty database becomes a store
        assert store.con.execute("SELECT count(*) FROM accord_schema").fetchall() == [(0,)]


def test_a_store_cut_short_is_named_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "cut.duckdb"
    runner = CliRunner()
    assert runner.invoke(app, ["events", "stats", "--db", str(path)]).exit_code == 0  # filled
    size = path.stat().st_size
    with path.open("r+b") as raw:
        raw.truncate(size // 3)
    result = runner.invoke(app, ["events", "stats", "--db", str(path)])
    assert result.exit_code == 1
    assert "the store cannot be read" in result.output and "restore it" in result.output
    assert "Traceback" not in result.output
