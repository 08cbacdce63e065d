"""The same relation code on Spark gives the same answers as on DuckDB (ICEWS sample)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ibis.expr.types as ir
import pytest
from typer.testing import CliRunner

from accord.cli.main import app
from accord.relations import AlertSettings, dyad_series, partners, signed_network, tension_alerts
from accord.relations.engine import export_events_parquet, spark_events_from_parquet, spark_session
from accord.store import Store

pytestmark = pytest.mark.slow

DYADS = [("USA", "CHN"), ("USA", "PRK"), ("RUS", "UKR"), ("ISR", "PSE")]


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    pytest.importorskip("pyspark")
    session = spark_session("local[2]")
    yield session
    session.stop()


@pytest.fixture
def spark_events(spark: Any, icews_db: Path, tmp_path: Path) -> ir.Table:
    with Store(icews_db, read_only=True) as store:
        parquet = export_events_parquet(store.con, tmp_path / "events.parquet")
    return spark_events_from_parquet(spark, parquet)


@pytest.mark.parametrize("by", ["day", "week", "month", "quarter", "year"])
def test_dyad_series_identical(icews_events: ir.Table, spark_events: ir.Table, by: str) -> None:
    for a, b in DYADS:
        for directed in (False, True):
            on_duckdb = dyad_series(icews_events, a, b, by=by, directed=directed)
            assert on_duckdb
            assert dyad_series(spark_events, a, b, by=by, directed=directed) == on_duckdb


def test_partners_network_and_alerts_identical(
    icews_events: ir.Table, spark_events: ir.Table
) -> None:
    for country in ("USA", "RUS", "CHN"):
        assert partners(spark_events, country) == partners(icews_events, country)
    duck = signed_network(icews_events, min_events=2)
    spark = signed_network(spark_events, min_events=2)
    assert sorted(spark.edges(data=True)) == sorted(duck.edges(data=True))
    settings = AlertSettings(by="day", window=2, min_history=2, threshold=0.5, min_events=2)
    assert tension_alerts(spark_events, settings) == tension_alerts(icews_events, settings)


def test_cli_engine_spark(spark: Any, icews_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.duckdb"
    db.write_bytes(icews_db.read_bytes())
    outputs = []
    for engine in ("duckdb", "spark"):
        args = ["relations", "dyad", "USA", "CHN", "--by", "day", "--engine", engine]
        args.extend(["--db", str(db), "--json"])
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        outputs.append(json.loads(result.output))
    assert outputs[0] == outputs[1] and len(outputs[0]["points"]) == 2
