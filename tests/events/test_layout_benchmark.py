"""The layout benchmark (`benchmarks/events/layout.py`) compares what it says it compares: a
store in date order against one in file order, holding the same rows."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from benchmarks.events import layout


def test_layout_benchmark_compares_date_order_with_file_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    layout.main(["--events", "3000", "--workdir", str(tmp_path), "--repeat", "1", "--queries", "1"])
    out = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in out] == [
        "ingest, date order",
        "ingest, file order",
        *layout.QUERIES,
    ]
    orders = {}
    for name in ("layout-sorted", "layout-file-order"):
        con = duckdb.connect(str(tmp_path / f"{name}.duckdb"), read_only=True)
        rows = con.execute("SELECT event_date, line FROM events ORDER BY rowid").fetchall()
        con.close()
        orders[name] = rows
    dates = [date for date, _ in orders["layout-sorted"]]
    lines = [line for _, line in orders["layout-file-order"]]
    assert len(dates) == len(lines) == 3000
    assert dates == sorted(dates)
    assert lines == list(range(1, 3001))
    assert sorted(orders["layout-sorted"]) == sorted(orders["layout-file-order"])
