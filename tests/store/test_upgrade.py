"""A store made by the previous release opens, upgrades and keeps its rows with today's code.

`fixtures/release-0.1.0.duckdb` was made by Accord 0.1.0 (`fixtures/make_release_store.py`
says how): the mini world, 11 ingested GDELT events and 1 rejected row, and one 3-step run.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from accord.events import ingest
from accord.events.schema import EVENTS_SCHEMA
from accord.store import Store
from accord.world import load_world, read_world_dir, save_world
from tests.store.shape import all_schemas, constraints, table_shape

FIXTURES = Path(__file__).resolve().parent / "fixtures"
RUN = "release-fixture-s16-r0000"


@pytest.fixture
def upgraded(tmp_path: Path) -> Iterator[Store]:
    """A copy of the 0.1.0 store, opened and migrated by today's code."""
    copy = tmp_path / "release-0.1.0.duckdb"
    shutil.copyfile(FIXTURES / "release-0.1.0.duckdb", copy)
    with Store(copy) as store:
        for schema in all_schemas():
            store.ensure(schema)
        yield store


def _rows(store: Store, sql: str) -> list[tuple[object, ...]]:
    return store.con.execute(sql).fetchall()


def test_versions_are_the_latest(upgraded: Store) -> None:
    versions = dict(_rows(upgraded, "SELECT component, version FROM accord_schema"))
    assert versions == {s.component: s.latest for s in all_schemas()}
    assert versions == {"events": 3, "exercises": 2, "jobs": 1, "simulation": 1, "world": 5}


def test_row_counts_survive(upgraded: Store) -> None:
    counts = {
        table: _rows(upgraded, f"SELECT count(*) FROM {table}")[0][0]
        for table in (
            "events",
            "ingest_log",
            "ingest_rejections",
            "simulation_runs",
            "simulation_metrics",
            "simulation_ties",
            "world_states",
            "world_memberships",
        )
    }
    assert counts == {
        "events": 5110,
        "ingest_log": 1,
        "ingest_rejections": 1,
        "simulation_runs": 1,
        "simulation_metrics": 3,
        "simulation_ties": 0,
        "world_states": 5,
        "world_memberships": 8,
    }
    by_dataset = _rows(upgraded, "SELECT dataset, count(*) FROM events GROUP BY 1 ORDER BY 1")
    assert by_dataset == [("gdelt1", 11), ("simulation", 5099)]


def test_known_rows_keep_their_values(upgraded: Store) -> None:
    ingested = _rows(
        upgraded,
        "SELECT event_date, source_actor, source_sector, target_actor, cameo_code, quad_class, "
        "goldstein, mentions, file, line, url, simulated, source_country_raw, "
        "target_country_raw FROM events WHERE event_id = '100000003'",
    )
    assert ingested == [
        (
            dt.date(2015, 1, 6),
            "IRQREB",
            "REB",
            "AUS",
            "120",
            3,
            -4.0,
            2,
            "gdelt1-12.tsv",
            4,
            "http://news.example.org/story/100000003",
            False,
            "IRQ",
            "AUS",
        )
    ]
    simulated = _rows(
        upgraded,
        "SELECT event_date, source_country, target_country, cameo_code, plover_type, run_id, "
        f"step FROM events WHERE event_id = '{RUN}-00005098'",
    )
    assert simulated == [(dt.date(2024, 3, 18), "USA", "SWE", "112", "ACCUSE", RUN, 2)]
    run = _rows(
        upgraded,
        "SELECT scenario, seed, steps, start_date, step_days, events FROM simulation_runs",
    )
    assert run == [("release-fixture", 16, 3, dt.date(2024, 3, 4), 7, 5099)]
    metrics = _rows(
        upgraded, "SELECT step, date, events, wars FROM simulation_metrics ORDER BY step"
    )
    assert metrics == [
        (0, dt.date(2024, 3, 4), 1256.0, 0.0),
        (1, dt.date(2024, 3, 11), 1909.0, 0.0),
        (2, dt.date(2024, 3, 18), 1934.0, 0.0),
    ]
    rejection = _rows(upgraded, "SELECT file, line, field FROM ingest_rejections")
    assert rejection == [("gdelt1-12.tsv", 12, "SQLDATE")]
    log = _rows(upgraded, "SELECT rows_read, stored, rejected, status FROM ingest_log")
    assert log == [(12, 11, 1, "ok")]


def test_upgraded_schema_equals_a_fresh_one(upgraded: Store, fresh_store: Store) -> None:
    assert table_shape(upgraded) == table_shape(fresh_store)
    assert constraints(upgraded) == constraints(fresh_store)


def test_upgraded_store_takes_new_writes(
    upgraded: Store, mini_world_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Today's write paths insert into the old tables: re-ingest finds the same rows, and the
    world read back equals the world files."""
    world = read_world_dir(mini_world_dir)
    assert load_world(upgraded) == world
    save_world(upgraded, world)
    assert load_world(upgraded) == world
    monkeypatch.chdir(FIXTURES)
    report = ingest(upgraded, "gdelt1-12.tsv")
    assert (report.rows_read, report.stored, report.duplicate, report.rejected) == (12, 0, 11, 1)


def test_ids_and_urls_are_stored_with_zstd(upgraded: Store) -> None:
    """Migration 3 rebuilds `events` with zstd for its two nearly-unique text columns; the
    rows written by 0.1.0 are then stored that way after a checkpoint."""
    (sql,) = _rows(upgraded, "SELECT sql FROM duckdb_tables() WHERE table_name = 'events'")[0]
    assert "event_id VARCHAR USING COMPRESSION ZSTD NOT NULL" in str(sql)
    assert "url VARCHAR USING COMPRESSION ZSTD" in str(sql)
    upgraded.con.execute("CHECKPOINT")
    stored = dict(
        _rows(
            upgraded,
            "SELECT column_name, list(DISTINCT compression) FROM pragma_storage_info('events') "
            "WHERE column_name IN ('event_id', 'url', 'source_country') "
            "AND segment_type = 'VARCHAR' GROUP BY column_name",
        )
    )
    assert stored["event_id"] == ["ZSTD"]
    assert stored["url"] == ["ZSTD"]
    assert stored["source_country"] != ["ZSTD"]  # DuckDB's own choice elsewhere


def test_a_store_without_zstd_for_text_keeps_its_compression(tmp_path: Path) -> None:
    """A store file whose storage version predates zstd for text (DuckDB < 1.2, or an older
    `storage_compatibility_version`) still reaches the latest events version: migration 3
    falls back to leaving the columns' compression to DuckDB, and ingest works."""
    path = tmp_path / "v1.duckdb"
    duckdb.connect(str(path), config={"storage_compatibility_version": "v1.0.0"}).close()
    with Store(path) as store:
        store.ensure(EVENTS_SCHEMA)
        assert store.version("events") == EVENTS_SCHEMA.latest
        (sql,) = _rows(store, "SELECT sql FROM duckdb_tables() WHERE table_name = 'events'")[0]
        assert "COMPRESSION" not in str(sql)
        store.con.execute(
            "INSERT INTO events (dataset, event_id, event_date, url) "
            "VALUES ('csv', 'a', DATE '2020-01-01', 'https://example.org/a')"
        )
        assert _rows(store, "SELECT count(*) FROM events") == [(1,)]
