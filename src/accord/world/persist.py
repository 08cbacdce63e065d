"""Keep a World in the DuckDB store: one typed table per kind of record."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from accord.store import Schema, Store
from accord.store.schema import Migration
from accord.world.files import TABLES, Column, D, Table, _float, _fmt, _int
from accord.world.model import World, WorldRecords

_PREFIX = "world_"


def _sql_type(col: Column) -> str:
    if col.parse is D:
        return "DATE"
    if col.parse is _int:
        return "INTEGER"
    if col.parse is _float:
        return "DOUBLE"
    return "VARCHAR"


def _columns(table: Table) -> list[Column]:
    cols = list(table.columns)
    if table.key_attr is not None:
        cols.insert(0, Column(table.key_attr, required=True))
    return cols


def _ddl(table: Table) -> str:
    body = ", ".join(
        f'"{c.field}" {_sql_type(c)}{" NOT NULL" if c.required else ""}' for c in _columns(table)
    )
    return f"CREATE TABLE {_PREFIX}{table.world_field} ({body});"


WORLD_SCHEMA = Schema(
    "world",
    (Migration(1, "world records", "\n".join(_ddl(t) for t in TABLES)),),
)


def _cell(col: Column, value: Any) -> Any:
    if value is None:
        return None
    if _sql_type(col) in {"DATE", "INTEGER", "DOUBLE"}:
        return value
    text = _fmt(value)
    return text or None


def save_world(store: Store, world: World) -> None:
    """Replace the stored world with `world` in one transaction (all or nothing)."""
    store.ensure(WORLD_SCHEMA)
    frames: list[tuple[str, pd.DataFrame]] = []
    for table in TABLES:
        cols = _columns(table)
        records = getattr(world.records, table.world_field)
        frame = pd.DataFrame(
            [[_cell(c, getattr(r, c.field)) for c in cols] for r in records],
            columns=[c.field for c in cols],
            dtype=object,
        )
        frames.append((f"{_PREFIX}{table.world_field}", frame))
    with store.transaction() as con:
        for name, frame in frames:
            con.execute(f"DELETE FROM {name}")
            if len(frame):
                con.register("_accord_frame", frame)
                try:
                    con.execute(f"INSERT INTO {name} SELECT * FROM _accord_frame")
                finally:
                    con.unregister("_accord_frame")


def _value(col: Column, value: Any) -> Any:
    if isinstance(value, dt.date | int | float) and not isinstance(value, bool):
        return value
    return col.parse(value)


def load_world(store: Store) -> World | None:
    """The stored world, or None when the store holds none yet."""
    if store.version(WORLD_SCHEMA.component) == 0:
        return None
    collected: dict[str, tuple[Any, ...]] = {}
    total = 0
    for table in TABLES:
        cols = _columns(table)
        names = ", ".join(f'"{c.field}"' for c in cols)
        rows = store.con.execute(f"SELECT {names} FROM {_PREFIX}{table.world_field}").fetchall()
        total += len(rows)
        records = []
        for row in rows:
            kwargs = {
                c.field: _value(c, v) for c, v in zip(cols, row, strict=True) if v is not None
            }
            records.append(table.record(**kwargs))
        collected[table.world_field] = tuple(records)
    if total == 0:
        return None
    return World(WorldRecords(**collected))
