"""The ingest benchmark (`benchmarks/events/run.py`) runs end to end on a small file, checks
every side's output equal, and its date-order check can fail."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from benchmarks.events import run


def _parquet(path: Path, days: list[str]) -> Path:
    con = duckdb.connect()
    values = ", ".join(f"(DATE '{d}')" for d in days)
    con.execute(
        f"COPY (SELECT * FROM (VALUES {values}) t(event_date)) TO '{path}' (FORMAT parquet)"
    )
    con.close()
    return path


def test_the_date_order_check_counts_rows_that_go_back(tmp_path: Path) -> None:
    ordered = _parquet(tmp_path / "a.parquet", ["2020-01-01", "2020-01-01", "2020-02-03"])
    assert run._out_of_date_order(ordered) == 0
    back = _parquet(
        tmp_path / "b.parquet", ["2020-01-02", "2020-01-01", "2020-03-01", "2020-02-01"]
    )
    assert run._out_of_date_order(back) == 2


def test_the_sorted_load_orders_as_accord_stores() -> None:
    assert run._sorted_clause() == " ORDER BY event_date, source_country_raw, target_country_raw"


@pytest.mark.slow  # every side of the ingest benchmark on a small file: 9 s
def test_every_side_runs_and_agrees(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    small = ["--events", "3000", "--warmup", "0", "--repeat", "1", "--no-aggregate"]
    run.main([*small, "--workdir", str(tmp_path)])
    out = capsys.readouterr().out
    assert "outputs checked equal: the normalised table, column by column (accord, pandas, " in out
    assert "polars, polars sorted)" in out
    labels = ("accord", "pandas", "polars", "polars sorted", "duckdb bound", "duckdb sorted")
    for label in labels:
        assert f"  {label}: " in out and " events/s (best)" in out
