"""What every open store does to its connection."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from accord.events.batch_stage import batch_stage
from accord.events.readers.base import ReadContext
from accord.relations._compat import raw_connection
from accord.relations.engine import duckdb_backend
from accord.store import Store
from accord.world import default_world


def _long_statement(con: Any) -> None:
    con.execute("SET progress_bar_time = 0")
    total = con.execute("SELECT sum(hash(i)) FROM range(20000000) t(i)").fetchone()
    assert total is not None


def test_a_long_statement_prints_no_progress_bar(tmp_path: Path, capfd: Any) -> None:
    # DuckDB draws its bar on stdout for statements over `progress_bar_time` (2 s by
    # default): at 0 every statement would, as a long ingest or query did (breaking --json)
    with Store(tmp_path / "s.duckdb") as store:
        _long_statement(store.con)
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


def test_cursors_print_no_progress_bar_either(tmp_path: Path, capfd: Any) -> None:
    # DuckDB's settings are per connection: a bare cursor drew the bar again (a batch ingest's
    # staging on a slow machine printed one into a command's output)
    with Store(tmp_path / "s.duckdb") as store, batch_stage(store) as stage:
        cursors = [store.cursor(), stage.con, duckdb_backend(store.con).con.cursor()]
        cursors.append(ReadContext(default_world()).con)  # a reader's scratch connection
        for cursor in cursors:
            _long_statement(raw_connection(cursor))
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")
