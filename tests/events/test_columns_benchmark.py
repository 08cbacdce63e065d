"""The column benchmark (`benchmarks/events/columns.py`) writes every column of `events`, with
DuckDB's choice and with zstd where DuckDB offers it for the column's type."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.events import columns

from accord.events.schema import EVENT_COLUMN_NAMES


def test_every_column_is_written_both_ways_where_zstd_applies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    columns.main(["--events", "2000", "--workdir", str(tmp_path), "--repeat", "1"])
    rows = [line.split() for line in capsys.readouterr().out.splitlines()[2:]]
    assert [row[0] for row in rows] == list(EVENT_COLUMN_NAMES)
    kinds = {row[0]: row[3] for row in rows}
    assert kinds["event_date"] == kinds["goldstein"] == "-"  # zstd is for text here
    assert kinds["url"] != "-" and kinds["event_id"] != "-"
