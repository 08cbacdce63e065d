"""Released migrations are frozen, and the tables they make are the tables the code expects.

Adding a column takes two edits (docs/store.md): a new migration with literal SQL, and the
live column list the code reads and writes with (`EVENT_COLUMNS`, the world file `TABLES`,
`METRICS`). Forgetting either fails a test here, with a message saying what to do.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from accord.api.history import JOB_COLUMNS
from accord.events.schema import EVENT_COLUMNS, events_ddl
from accord.simulation.results import METRICS
from accord.store import Store
from accord.world.files import TABLES
from accord.world.persist import _columns, _sql_type
from tests.store.shape import all_schemas, constraints, table_shape

#: sha256 of the SQL of every released migration. Never edit a line of this table: a released
#: migration has run on users' stores, so changing it changes nothing there. Append a line for
#: a new migration once it is released (the failure message prints it).
RELEASED: dict[tuple[str, int], str] = {
    ("events", 1): "5d7ef6b57027e39135e98239ebad382c3f2a509a513e654fbe6c3b3d95221448",
    ("events", 2): "9a37a84712edf44c75b416ef1e31d31c8708d02a54ceffe53111c7266b48566c",
    ("events", 3): "0cc3c5804ea2738287cf22ad024d76e6676bc265925c7be304926795e2c7f5b5",
    ("exercises", 1): "db11bf2e1dfaeebf1ff8988b4ea241aecb7a87bcb3dd8802192627e4f474881b",
    ("exercises", 2): "6aa2a8394d76f3185359d002fac171c708cba8e767fd76e2a9420e76dfb16b6f",
    ("jobs", 1): "834d3d0599bcdacdd4350d2992b9e6c4d779c85bfa6fc2a072f756667665ebed",
    ("simulation", 1): "da99b47bec29d951914d21637e656772f15f3f2da7ae90b4befc3c6ab40d240b",
    ("world", 1): "599357144fbb5d305b38e26435b9b6fee20f6256c0529737b841aba375f4390c",
    ("world", 2): "a6017cafbfe3ccb75702739ef136016047ed3cc572f71998a1c45c824c949969",
    ("world", 3): "393cff75704ae45312ebd49225c5a227cb7137b9077d1b15cb3bc8e16849ab5b",
    ("world", 4): "2f02fecc025979dcbd46473fc493eac22d6c7aded8f1f94b566140d6a3e5b11f",
    ("world", 5): "f008dd138e5a7aeff6c29c095875e5dd5fb96eeec177def63724b3871392131b",
}


def _sha256(sql: str) -> str:
    return hashlib.sha256(sql.encode("utf-8")).hexdigest()


def test_every_component_is_found() -> None:
    assert [s.component for s in all_schemas()] == [
        "events",
        "exercises",
        "jobs",
        "simulation",
        "world",
    ]


def test_released_migrations_are_unchanged() -> None:
    current = {(s.component, m.version): m for s in all_schemas() for m in s.migrations}
    for key, pinned in RELEASED.items():
        component, version = key
        assert key in current, f"{component} migration {version} was removed; it is released"
        assert _sha256(current[key].sql) == pinned, (
            f"the SQL of {component} migration {version} changed, but it is released: stores "
            f"that already ran it will never see the change. Undo the edit and put the change "
            f"in a new migration {component} {len([k for k in current if k[0] == component]) + 1}"
            " (see docs/store.md)."
        )


def test_every_migration_is_pinned() -> None:
    for schema in all_schemas():
        for m in schema.migrations:
            key = (schema.component, m.version)
            assert key in RELEASED, (
                f"{schema.component} migration {m.version} is not pinned: add "
                f'{key!r}: "{_sha256(m.sql)}" to RELEASED in {Path(__file__).name} '
                "(it freezes the migration; edit it before that, never after a release)."
            )


def _fix_hint(constant: str) -> str:
    return (
        f"the tables made by the migrations differ from {constant}: when you change "
        f"{constant}, add a new migration with the literal SQL (ALTER TABLE ... ADD COLUMN ...) "
        "and pin it (see docs/store.md); when you added a migration, update "
        f"{constant} to match."
    )


def test_events_table_matches_event_columns(fresh_store: Store) -> None:
    columns = [(name, sql_type) for name, sql_type, _, _ in table_shape(fresh_store)["events"]]
    assert columns == list(EVENT_COLUMNS), _fix_hint("accord.events.schema.EVENT_COLUMNS")


def test_events_ddl_rebuilds_the_migrated_table(fresh_store: Store) -> None:
    """Compaction recreates `events` from `events_ddl`: nullability and defaults included."""
    fresh_store.con.execute(events_ddl("events_rebuilt"))
    shape = table_shape(fresh_store)
    assert shape["events_rebuilt"] == shape["events"], _fix_hint("accord.events.schema.events_ddl")
    assert shape["events"][26] == ("simulated", "BOOLEAN", False, "false")


def test_world_tables_match_the_world_files(fresh_store: Store) -> None:
    shape = table_shape(fresh_store)
    expected = {
        f"world_{t.world_field}": [
            (c.field, _sql_type(c), not c.required, None) for c in _columns(t)
        ]
        for t in TABLES
    }
    # `world_origin` is the store's note of where its world came from, not a world file
    stored = {
        name: cols
        for name, cols in shape.items()
        if name.startswith("world_") and name != "world_origin"
    }
    assert stored == expected, _fix_hint("accord.world.files.TABLES")
    assert len(stored) == 13


def test_world_origin_table(fresh_store: Store) -> None:
    """One row saying where the stored world came from (`save_world(..., origin=...)`)."""
    assert table_shape(fresh_store)["world_origin"] == [
        ("origin", "VARCHAR", False, None),
        ("fingerprint", "VARCHAR", True, None),
        ("saved", "TIMESTAMP", False, None),
    ]


def test_metrics_table_has_a_column_per_metric(fresh_store: Store) -> None:
    columns = [(n, t) for n, t, _, _ in table_shape(fresh_store)["simulation_metrics"]]
    expected = [("run_id", "VARCHAR"), ("step", "INTEGER"), ("date", "DATE")]
    assert columns == expected + [(m, "DOUBLE") for m in METRICS], _fix_hint(
        "accord.simulation.results.METRICS"
    )


def test_fresh_store_keys(fresh_store: Store) -> None:
    keys = {c for c in constraints(fresh_store) if c[1] == "PRIMARY KEY"}
    assert keys == {
        ("accord_schema", "PRIMARY KEY", ("component",)),
        ("api_jobs", "PRIMARY KEY", ("id",)),
        ("exercise_clocks", "PRIMARY KEY", ("session_id",)),
        ("exercise_moves", "PRIMARY KEY", ("session_id", "seq")),
        ("exercise_roles", "PRIMARY KEY", ("session_id", "role")),
        ("exercise_sessions", "PRIMARY KEY", ("session_id",)),
        ("exercise_turns", "PRIMARY KEY", ("session_id", "turn")),
        ("ingest_log", "PRIMARY KEY", ("ingest_id",)),
        ("simulation_metrics", "PRIMARY KEY", ("run_id", "step")),
        ("simulation_runs", "PRIMARY KEY", ("run_id",)),
    }


def test_jobs_table_matches_job_columns(fresh_store: Store) -> None:
    columns = [name for name, _, _, _ in table_shape(fresh_store)["api_jobs"]]
    assert columns == list(JOB_COLUMNS), _fix_hint("accord.api.history.JOB_COLUMNS")


@pytest.mark.parametrize("component", ["events", "exercises", "jobs", "simulation", "world"])
def test_each_migration_applies_alone(component: str, tmp_path: Path) -> None:
    """Every prefix of a component's migrations leaves a store the next one can upgrade."""
    schema = next(s for s in all_schemas() if s.component == component)
    with Store(tmp_path / "steps.duckdb") as store:
        for m in schema.migrations:
            store.ensure(type(schema)(component, schema.migrations[: m.version]))
            assert store.version(component) == m.version
