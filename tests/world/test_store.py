"""The world in the DuckDB store: save/load, schema versions, failed imports change nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from accord.errors import InputError, StoreError
from accord.store import Schema, Store
from accord.store.schema import Migration
from accord.world import load_world, read_world_dir, save_world
from accord.world.persist import WORLD_SCHEMA


def test_save_and_load(mini_world_dir: Path, db_path: Path) -> None:
    world = read_world_dir(mini_world_dir)
    with Store(db_path) as store:
        assert load_world(store) is None
        save_world(store, world)
        assert store.version("world") == WORLD_SCHEMA.latest
    with Store(db_path, read_only=True) as store:
        again = load_world(store)
    assert again == world
    assert again is not None
    assert [m.member for m in again.members("NATO", "2023-06-01")] == ["DEU", "FIN", "USA"]


def test_a_store_older_than_a_table_reads(mini_world_dir: Path, db_path: Path) -> None:
    """Found by fuzzing against a store written before `world_treaty_suspensions` existed:
    reading its world read-only (`accord exercise validate` of a `source: store` exercise)
    raised duckdb's ParserException; a table the store lacks now reads as empty."""
    world = read_world_dir(mini_world_dir)
    with Store(db_path) as store:
        save_world(store, world)
        store.con.execute("DROP TABLE world_treaty_suspensions")
    with Store(db_path, read_only=True) as store:
        again = load_world(store)
    assert again is not None
    assert again.records.treaty_suspensions == ()
    assert again.records.states == world.records.states


def test_tables_are_typed(mini_world_dir: Path, db_path: Path) -> None:
    with Store(db_path) as store:
        save_world(store, read_world_dir(mini_world_dir))
        row = store.con.execute(
            "SELECT count(*) FROM world_memberships "
            "WHERE org = 'NATO' AND joined <= DATE '2023-06-01' "
            "AND (\"left\" IS NULL OR \"left\" > DATE '2023-06-01') AND role = 'member'"
        ).fetchone()
    assert row == (3,)


def test_failed_save_rolls_back(mini_world_dir: Path, db_path: Path) -> None:
    world = read_world_dir(mini_world_dir)
    with Store(db_path) as store:
        save_world(store, world)
        before = store.con.execute("SELECT count(*) FROM world_states").fetchone()
        with pytest.raises(RuntimeError), store.transaction() as con:
            con.execute("DELETE FROM world_states")
            raise RuntimeError("crash midway")
        after = store.con.execute("SELECT count(*) FROM world_states").fetchone()
    assert before == after == (5,)


def test_bad_import_changes_nothing(mini_world_dir: Path, tmp_path: Path, db_path: Path) -> None:
    good = read_world_dir(mini_world_dir)
    with Store(db_path) as store:
        save_world(store, good)
    broken = tmp_path / "broken"
    shutil.copytree(mini_world_dir, broken)
    with (broken / "memberships" / "EU.csv").open("a") as handle:
        handle.write("USA,member,not-a-date,,,src\n")
    with pytest.raises(InputError):
        read_world_dir(broken)
    with Store(db_path, read_only=True) as store:
        assert load_world(store) == good


def test_schema_migrations_apply_once(db_path: Path) -> None:
    schema = Schema(
        "demo",
        (
            Migration(1, "table", "CREATE TABLE demo_a (x INTEGER);"),
            Migration(2, "column", "ALTER TABLE demo_a ADD COLUMN y VARCHAR;"),
        ),
    )
    with Store(db_path) as store:
        store.ensure(schema)
        store.ensure(schema)
        assert store.version("demo") == 2
        cols = [r[0] for r in store.con.execute("DESCRIBE demo_a").fetchall()]
    assert cols == ["x", "y"]
    newer = Schema("demo", (Migration(1, "only", "SELECT 1;"),))
    with Store(db_path) as store, pytest.raises(StoreError, match="newer"):
        store.ensure(newer)


def test_migrations_must_be_numbered() -> None:
    with pytest.raises(ValueError, match="numbered"):
        Schema("bad", (Migration(2, "x", "SELECT 1;"),))


def test_unopenable_store(tmp_path: Path) -> None:
    target = tmp_path / "dir.duckdb"
    target.mkdir()
    with pytest.raises(StoreError, match="cannot open"):
        Store(target)
