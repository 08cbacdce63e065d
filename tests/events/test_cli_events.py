"""`accord events ingest | stats | log`."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from accord.cli.main import app

runner = CliRunner()


def test_ingest_stats_log(shared_data: Path, db_path: Path) -> None:
    icews = shared_data / "icews" / "events.2018.sample.tab"
    gdelt = shared_data / "gdelt" / "gdelt1-events.sample.tsv"
    with icews.open(encoding="utf-8", newline="") as handle:
        n_icews = sum(1 for _ in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    result = runner.invoke(app, ["events", "ingest", str(icews), str(gdelt), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "3,705" in result.output
    result = runner.invoke(app, ["events", "stats", "--json", "--db", str(db_path)])
    data = json.loads(result.output)
    counts = {d["dataset"]: d["events"] for d in data["datasets"]}
    assert counts == {"icews": n_icews, "gdelt1": 710}
    assert data["datasets"][1]["first"] == "2018-06-01"
    result = runner.invoke(app, ["events", "ingest", str(icews), "--json", "--db", str(db_path)])
    assert json.loads(result.output)["duplicate"] == n_icews
    result = runner.invoke(app, ["events", "log", "--json", "--db", str(db_path)])
    log = json.loads(result.output)
    assert [e["stored"] for e in log] == [0, 710, n_icews]
    assert {e["status"] for e in log} == {"ok"}


def test_strict_exits_with_problems(tmp_path: Path, db_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("\t".join(["1"] * 58) + "\n", encoding="utf-8")
    result = runner.invoke(
        app, ["events", "ingest", str(bad), "--strict", "--format", "gdelt1", "--db", str(db_path)]
    )
    assert result.exit_code == 1
    assert f"{bad}:1 [SQLDATE]" in result.output
