"""Where relation queries run: the embedded DuckDB store or a Spark session, through Ibis.

Every measure in `accord.relations` takes an Ibis table with the columns of the store's `events`
table and returns Ibis expressions (or plain results computed from them), so the same code runs on
either engine. This module only opens the `events` table on an engine.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import ibis
import ibis.expr.types as ir

from accord.errors import AccordError
from accord.events.schema import EVENTS_SCHEMA
from accord.relations._compat import CompatConnection, needs_compat
from accord.store import Store
from accord.store.database import quiet_cursor

#: Columns the relation measures read; Spark copies carry only these.
RELATION_COLUMNS: tuple[str, ...] = (
    "dataset",
    "event_id",
    "event_date",
    "source_actor",
    "source_country",
    "source_sector",
    "target_actor",
    "target_country",
    "target_sector",
    "cameo_code",
    "cameo_root",
    "quad_class",
    "goldstein",
    "url",
    "simulated",
    "run_id",
)


class Engine(StrEnum):
    """The query engines `--engine` accepts."""

    DUCKDB = "duckdb"
    SPARK = "spark"


def duckdb_backend(con: duckdb.DuckDBPyConnection) -> Any:
    """An Ibis backend on a fresh cursor of `con` (so Ibis's session settings stay local)."""
    cursor = quiet_cursor(con)
    wrapped: Any = CompatConnection(cursor) if needs_compat(cursor) else cursor
    return ibis.duckdb.from_connection(wrapped)


def duckdb_events(con: duckdb.DuckDBPyConnection, table: str = "events") -> ir.Table:
    """The `events` table of a DuckDB connection as an Ibis table."""
    return duckdb_backend(con).table(table)


@cache
def _spark_warehouse() -> str:
    """One empty folder per process for Spark's warehouse, removed when the process exits (a
    folder made per session call would be left behind in the temporary directory)."""
    made = tempfile.mkdtemp(prefix="accord-spark-")
    atexit.register(shutil.rmtree, made, ignore_errors=True)
    return made


def spark_session(master: str = "local[2]") -> Any:
    """A local Spark session configured for reproducible relation queries (UTC, no web UI)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise AccordError("the Spark engine needs pyspark: pip install pyspark") from exc
    return (
        SparkSession.builder.master(master)
        .appName("accord-relations")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "4")
        # keep Spark's warehouse (and anything it writes) out of the working directory
        .config("spark.sql.warehouse.dir", _spark_warehouse())
        .getOrCreate()
    )


def spark_events_from_parquet(session: Any, path: Path | str, name: str = "events") -> ir.Table:
    """Register a Parquet file (or directory) of events in Spark and return it as an Ibis table."""
    backend: Any = ibis.pyspark.connect(session)
    return backend.read_parquet(str(path), table_name=name)  # type: ignore[no-any-return]


def export_events_parquet(con: duckdb.DuckDBPyConnection, path: Path) -> Path:
    """Write the relation columns of the store's `events` table to one Parquet file."""
    cols = ", ".join(RELATION_COLUMNS)
    target = str(path).replace("'", "''")
    con.execute(f"COPY (SELECT {cols} FROM events) TO '{target}' (FORMAT parquet)")
    return path


@contextmanager
def open_events(db: Path | None, engine: Engine | str = Engine.DUCKDB) -> Iterator[ir.Table]:
    """Open the store's events on the chosen engine for the duration of a `with` block.

    The events schema is applied first, so an empty store answers with empty results. DuckDB
    queries the store file in place; Spark gets a Parquet copy of the relation
    columns in a temporary directory, read by a local Spark session.
    """
    engine = Engine(engine)
    with Store(db) as store:
        store.ensure(EVENTS_SCHEMA)
        if engine is Engine.DUCKDB:
            yield duckdb_events(store.con)
            return
        with tempfile.TemporaryDirectory(prefix="accord-spark-") as tmp:
            parquet = export_events_parquet(store.con, Path(tmp) / "events.parquet")
            yield spark_events_from_parquet(spark_session(), parquet)
