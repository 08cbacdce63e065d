"""What the store tests compare: every component's schema, and the shape of a store's tables."""

from __future__ import annotations

import importlib
from pathlib import Path

from accord.store import Schema, Store

SRC = Path(__file__).resolve().parents[2] / "src"


def all_schemas() -> tuple[Schema, ...]:
    """Every module-level `Schema` of `accord`, found by importing each module that declares a
    `Migration(`: a new component cannot escape the migration tests by not being listed."""
    found: dict[str, Schema] = {}
    for path in sorted((SRC / "accord").rglob("*.py")):
        if "Migration(" not in path.read_text(encoding="utf-8"):
            continue
        parts = path.relative_to(SRC).with_suffix("").parts
        module = importlib.import_module(".".join(p for p in parts if p != "__init__"))
        for value in vars(module).values():
            if isinstance(value, Schema):
                found[value.component] = value
    return tuple(found[c] for c in sorted(found))


def table_shape(store: Store) -> dict[str, list[tuple[str, str, bool, str | None]]]:
    """Each table of the store: its columns in order as (name, type, nullable, default)."""
    rows = store.con.execute(
        "SELECT table_name, column_name, data_type, is_nullable, column_default "
        "FROM duckdb_columns() WHERE database_name = current_database() AND NOT internal "
        "ORDER BY table_name, column_index"
    ).fetchall()
    shape: dict[str, list[tuple[str, str, bool, str | None]]] = {}
    for table, column, sql_type, nullable, default in rows:
        shape.setdefault(table, []).append((column, sql_type, bool(nullable), default))
    return shape


def constraints(store: Store) -> set[tuple[str, str, tuple[str, ...]]]:
    """The store's constraints as (table, kind, columns)."""
    rows = store.con.execute(
        "SELECT table_name, constraint_type, constraint_column_names FROM duckdb_constraints() "
        "WHERE database_name = current_database()"
    ).fetchall()
    return {(str(t), str(k), tuple(c)) for t, k, c in rows}
