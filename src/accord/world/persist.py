"""Keep a World in the DuckDB store: one typed table per kind of record."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Collection
from typing import Any

import duckdb
import pandas as pd

from accord.errors import UnknownNameError
from accord.store import Schema, Store
from accord.store.schema import Migration
from accord.world.default import default_fingerprint
from accord.world.files import TABLES, Column, D, Table, _float, _fmt, _int, tables_of
from accord.world.model import World, WorldRecords
from accord.world.origin import CUSTOM, DEFAULT, ORIGINS, OriginRow

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


# Released migrations are frozen: literal SQL, never built from TABLES, so a store made by any
# release upgrades the same way. tests/store/test_migrations.py pins each one and checks that
# the migrated tables match TABLES; a change of a table goes into a new migration
# (docs/store.md).
_V1_WORLD_RECORDS = "\n".join(
    [
        'CREATE TABLE world_states ("code" VARCHAR NOT NULL, "cow" INTEGER, "name" VARCHAR NOT '
        'NULL, "official_name" VARCHAR, "aliases" VARCHAR, "region" VARCHAR, "subregion" '
        'VARCHAR, "status" VARCHAR NOT NULL, "start" DATE, "end" DATE, "source" VARCHAR NOT '
        "NULL);",
        'CREATE TABLE world_organizations ("code" VARCHAR NOT NULL, "name" VARCHAR NOT NULL, '
        '"kind" VARCHAR NOT NULL, "founded" DATE, "dissolved" DATE, "source" VARCHAR NOT NULL);',
        'CREATE TABLE world_non_state_actors ("code" VARCHAR NOT NULL, "name" VARCHAR NOT NULL, '
        '"kind" VARCHAR NOT NULL, "country" VARCHAR, "founded" DATE, "source" VARCHAR NOT NULL);',
        'CREATE TABLE world_memberships ("org" VARCHAR NOT NULL, "member" VARCHAR NOT NULL, '
        '"role" VARCHAR NOT NULL, "joined" DATE NOT NULL, "left" DATE, "suspended" VARCHAR, '
        '"source" VARCHAR NOT NULL);',
        'CREATE TABLE world_treaties ("code" VARCHAR NOT NULL, "name" VARCHAR NOT NULL, "kind" '
        'VARCHAR NOT NULL, "signed" DATE, "in_force" DATE, "source" VARCHAR NOT NULL);',
        'CREATE TABLE world_treaty_parties ("treaty" VARCHAR NOT NULL, "party" VARCHAR NOT NULL, '
        '"signed" DATE, "ratified" DATE, "effective" DATE, "withdrawn" DATE, "source" VARCHAR '
        "NOT NULL);",
        'CREATE TABLE world_alliances ("code" VARCHAR NOT NULL, "name" VARCHAR NOT NULL, '
        '"treaty" VARCHAR, "obligation" VARCHAR NOT NULL, "organization" VARCHAR, "start" DATE, '
        '"end" DATE, "source" VARCHAR NOT NULL);',
        'CREATE TABLE world_alliance_members ("alliance" VARCHAR NOT NULL, "member" VARCHAR NOT '
        'NULL, "joined" DATE NOT NULL, "left" DATE, "source" VARCHAR NOT NULL);',
        'CREATE TABLE world_sanctions_regimes ("code" VARCHAR NOT NULL, "name" VARCHAR NOT NULL, '
        '"target" VARCHAR NOT NULL, "kinds" VARCHAR NOT NULL, "start" DATE NOT NULL, "end" DATE, '
        '"legal_basis" VARCHAR, "source" VARCHAR NOT NULL);',
        'CREATE TABLE world_sanction_senders ("regime" VARCHAR NOT NULL, "sender" VARCHAR NOT '
        'NULL, "joined" DATE NOT NULL, "left" DATE, "source" VARCHAR NOT NULL);',
        'CREATE TABLE world_representations ("sender" VARCHAR NOT NULL, "receiver" VARCHAR NOT '
        'NULL, "level" VARCHAR NOT NULL, "start" DATE NOT NULL, "end" DATE, "source" VARCHAR NOT '
        "NULL);",
        'CREATE TABLE world_capabilities ("actor" VARCHAR NOT NULL, "indicator" VARCHAR NOT NULL, '
        '"value" DOUBLE NOT NULL, "unit" VARCHAR NOT NULL, "year" INTEGER NOT NULL, "source" '
        "VARCHAR NOT NULL);",
    ]
)

_V2_MEMBERSHIP_NOTE = "ALTER TABLE world_memberships ADD COLUMN note VARCHAR;"

# Treaty status as it is (issue 14): how consent was given, de-ratification, withdrawal
# notice, reservations and notes per participation; whether a treaty's participation list is
# complete; suspensions of obligations between two parties.
_V3_TREATY_STATUS = "\n".join(
    [
        'ALTER TABLE world_treaties ADD COLUMN "coverage" VARCHAR;',
        'ALTER TABLE world_treaty_parties ADD COLUMN "how" VARCHAR;',
        'ALTER TABLE world_treaty_parties ADD COLUMN "deratified" DATE;',
        'ALTER TABLE world_treaty_parties ADD COLUMN "notified" DATE;',
        'ALTER TABLE world_treaty_parties ADD COLUMN "reservations" VARCHAR;',
        'ALTER TABLE world_treaty_parties ADD COLUMN "note" VARCHAR;',
        'CREATE TABLE world_treaty_suspensions ("treaty" VARCHAR NOT NULL, "party" VARCHAR NOT '
        'NULL, "toward" VARCHAR, "start" DATE NOT NULL, "end" DATE, "source" VARCHAR NOT NULL);',
    ]
)

# Where the stored world came from (one row): the shipped default world (with the sha256 of the
# shipped files it was read from), or a world a user imported, updated or saved; a store
# without the row was filled before Accord recorded it.
_V4_WORLD_ORIGIN = (
    'CREATE TABLE world_origin ("origin" VARCHAR NOT NULL, "fingerprint" VARCHAR, "saved" '
    "TIMESTAMP NOT NULL);"
)

# Whether an organization's memberships list every member (the treaties' `coverage`), the
# participants a partial list of either kind is known to lack, and the day a treaty ended.
_V5_PARTIAL_LISTS = "\n".join(
    [
        'ALTER TABLE world_organizations ADD COLUMN "coverage" VARCHAR;',
        'ALTER TABLE world_organizations ADD COLUMN "missing" VARCHAR;',
        'ALTER TABLE world_treaties ADD COLUMN "missing" VARCHAR;',
        'ALTER TABLE world_treaties ADD COLUMN "ended" DATE;',
    ]
)

WORLD_SCHEMA = Schema(
    "world",
    (
        Migration(1, "world records", _V1_WORLD_RECORDS),
        Migration(
            2,
            "world_memberships.note: free text such as a disputed withdrawal",
            _V2_MEMBERSHIP_NOTE,
        ),
        Migration(3, "treaty status: consent, de-ratification, suspensions", _V3_TREATY_STATUS),
        Migration(4, "world_origin: where the stored world came from", _V4_WORLD_ORIGIN),
        Migration(
            5,
            "partial lists (organizations' coverage, missing participants); treaties' end",
            _V5_PARTIAL_LISTS,
        ),
    ),
)
#: The world schema version that made `world_origin`.
_ORIGIN_VERSION = 4


def _cell(col: Column, value: Any) -> Any:
    if value is None:
        return None
    if _sql_type(col) in {"DATE", "INTEGER", "DOUBLE"}:
        return value
    text = _fmt(value)
    return text or None


def _frames(world: World) -> list[tuple[str, pd.DataFrame]]:
    """One frame per world table, its columns named as the table's."""
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
    return frames


def _replace(
    con: duckdb.DuckDBPyConnection, frames: list[tuple[str, pd.DataFrame]], origin: str
) -> None:
    """Inside a transaction: replace every world table's rows, and the origin row."""
    for name, frame in frames:
        con.execute(f"DELETE FROM {name}")
        if len(frame):
            con.register("_accord_frame", frame)
            names = ", ".join(f'"{c}"' for c in frame.columns)
            try:
                con.execute(f"INSERT INTO {name} ({names}) SELECT {names} FROM _accord_frame")
            except BaseException:
                # in an aborted transaction unregistering fails too: keep the first error
                with contextlib.suppress(duckdb.Error):
                    con.unregister("_accord_frame")
                raise
            con.unregister("_accord_frame")
    fingerprint = default_fingerprint() if origin == DEFAULT else None
    saved = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    con.execute("DELETE FROM world_origin")
    con.execute(
        'INSERT INTO world_origin ("origin", "fingerprint", "saved") VALUES (?, ?, ?)',
        [origin, fingerprint, saved],
    )


def save_world(store: Store, world: World, *, origin: str = CUSTOM) -> None:
    """Replace the stored world with `world` in one transaction (all or nothing), recording
    where it came from: `default` (the shipped default world, with the fingerprint of the
    shipped files, so a later version replaces it with its own), `import`, `wikidata` or
    `custom` (never replaced)."""
    if origin not in ORIGINS:
        raise UnknownNameError("world origin", origin, ORIGINS)
    store.ensure(WORLD_SCHEMA)
    frames = _frames(world)
    with store.transaction() as con:
        _replace(con, frames, origin)


def _origin_row(con: duckdb.DuckDBPyConnection) -> OriginRow | None:
    row = con.execute('SELECT "origin", "fingerprint", "saved" FROM world_origin').fetchone()
    return None if row is None else (str(row[0]), row[1], row[2])


def stored_origin(store: Store) -> OriginRow | None:
    """Where the stored world came from, or None when the store did not record it (a store
    filled before the `world_origin` table, or holding no world)."""
    if store.version(WORLD_SCHEMA.component) < _ORIGIN_VERSION:
        return None
    return _origin_row(store.con)


def replace_stale_default(store: Store, world: World) -> bool:
    """Replace a stored default world of an older version with `world` (the shipped default),
    as `save_world` does; False, changing nothing, when the store holds another world (the
    origin is checked again inside the transaction, so a world saved meanwhile stays)."""
    shipped = default_fingerprint()
    store.ensure(WORLD_SCHEMA)
    frames = _frames(world)
    with store.transaction() as con:
        row = _origin_row(con)
        if row is None or row[0] != DEFAULT or row[1] == shipped:
            return False
        _replace(con, frames, DEFAULT)
    return True


def _value(col: Column, value: Any) -> Any:
    if isinstance(value, dt.date | int | float) and not isinstance(value, bool):
        return value
    return col.parse(value)


def load_world(store: Store, *, only: Collection[str] | None = None) -> World | None:
    """The stored world, or None when the store holds none yet. `only` names the kinds of
    records to read (`WorldRecords` fields, such as `ACTOR_FIELDS`); the others are left
    empty (default: all)."""
    if store.version(WORLD_SCHEMA.component) == 0:
        return None
    collected: dict[str, tuple[Any, ...]] = {}
    total = 0
    for table in tables_of(only):
        name = f"{_PREFIX}{table.world_field}"
        # A store not yet migrated to the latest world schema (opened read-only, or before
        # its first write) lacks the newer columns: read the ones it has.
        present = {
            str(row[0])
            for row in store.con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [name]
            ).fetchall()
        }
        cols = [c for c in _columns(table) if c.field in present]
        if not cols:  # a table newer than the store (`SELECT  FROM` was a ParserException)
            collected[table.world_field] = ()
            continue
        names = ", ".join(f'"{c.field}"' for c in cols)
        rows = store.con.execute(f"SELECT {names} FROM {name}").fetchall()
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
