"""What every open store does to its connection."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from accord.store import Store


def test_a_long_statement_prints_no_progress_bar(tmp_path: Path, capfd: Any) -> None:
    # DuckDB draws its bar on stdout for statements over `progress_bar_time` (2 s by
    # default): at 0 every statement would, as a long ingest or query did (breaking --json)
    with Store(tmp_path / "s.duckdb") as store:
        store.con.execute("SET progress_bar_time = 0")
        total = store.con.execute("SELECT sum(hash(i)) FROM range(20000000) t(i)").fetchone()
        assert total is not None
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")
