"""Test-side builders of `events` tables: the ICEWS sample and small synthetic tables.

These do not use `accord.events` readers on purpose: the relation tests must not depend on the
ingest code they do not test. ICEWS country names map to ISO3 through the default world.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from accord.events.schema import EVENT_COLUMN_NAMES, EVENTS_SCHEMA
from accord.store import Store
from accord.world import default_world

ICEWS_SAMPLE = Path("icews") / "events.2018.sample.tab"


def gdelt_quad(cameo_root: str) -> int:
    """GDELT's quad class of a CAMEO root: 01-05 -> 1, 06-09 -> 2, 10-14 -> 3, 15-20 -> 4."""
    root = int(cameo_root)
    if root <= 5:
        return 1
    if root <= 9:
        return 2
    if root <= 14:
        return 3
    return 4


def icews_quad(cameo_root: str) -> int:
    """ICEWS's quad class of a CAMEO root: 01-05 -> 1, 06-08 -> 2, 09-13 -> 3, 14-20 -> 4."""
    root = int(cameo_root)
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def icews_igo_official(sectors: str) -> bool:
    """An ICEWS actor counted for an IGO: an IGO sector and no Government/Executive one."""
    items = {s.strip() for s in sectors.split(",")}
    igo = "International Government Organization" in items or any(
        s.endswith(" IGOs") for s in items
    )
    return igo and not items & {"Government", "Executive"}


def _sectors(value: str) -> str | None:
    return None if value in ("", "NA") else value


def read_icews(path: Path) -> list[dict[str, str]]:
    """Raw ICEWS rows as dictionaries (header names as keys)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def icews_event_rows(path: Path) -> list[dict[str, Any]]:
    """The ICEWS sample as rows of the `events` contract (unknown countries kept as NULL)."""
    world = default_world()
    names: dict[str, str | None] = {}

    def iso3(name: str) -> str | None:
        if name not in names:
            names[name] = world.resolve(name) if name else None
        return names[name]

    rows = []
    for line, raw in enumerate(read_icews(path), start=2):
        code = raw["CAMEO Code"]
        rows.append(
            {
                "dataset": "icews",
                "event_id": raw["Event ID"],
                "event_date": dt.date.fromisoformat(raw["Event Date"]),
                "source_actor": raw["Source Name"],
                "source_country": iso3(raw["Source Country"]),
                "source_sector": _sectors(raw["Source Sectors"]),
                "target_actor": raw["Target Name"],
                "target_country": iso3(raw["Target Country"]),
                "target_sector": _sectors(raw["Target Sectors"]),
                "cameo_code": code,
                "cameo_root": code[:2],
                "quad_class": gdelt_quad(code[:2]),
                "goldstein": float(raw["Intensity"]),
                "file": str(path),
                "line": line,
                "simulated": False,
            }
        )
    return rows


def insert_events(con: duckdb.DuckDBPyConnection, rows: Iterable[Mapping[str, Any]]) -> int:
    """Insert contract rows (missing columns NULL, `simulated` false) into `events`."""
    rows = list(rows)
    if not rows:
        return 0
    columns: dict[str, list[Any]] = {c: [row.get(c) for row in rows] for c in EVENT_COLUMN_NAMES}
    columns["simulated"] = [bool(row.get("simulated", False)) for row in rows]
    types = dict(
        con.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'events'"
        ).fetchall()
    )
    staged = pa.table(
        {
            c: pa.array(v) if any(x is not None for x in v) else pa.nulls(len(v))
            for c, v in columns.items()
        }
    )
    con.register("staged_events", staged)
    select = ", ".join(f"CAST({c} AS {types[c]})" for c in EVENT_COLUMN_NAMES)
    con.execute(f"INSERT INTO events SELECT {select} FROM staged_events")
    con.unregister("staged_events")
    return len(rows)


def new_store(path: Path) -> Store:
    """A store at `path` with the events schema applied."""
    store = Store(path)
    store.ensure(EVENTS_SCHEMA)
    return store


def synthetic(
    day: dt.date,
    source: str,
    target: str,
    quad: int,
    goldstein: float,
    *,
    event_id: str,
    **extra: Any,
) -> dict[str, Any]:
    """One synthetic event row."""
    code = {1: "040", 2: "070", 3: "111", 4: "190"}[quad]
    return {
        "dataset": extra.pop("dataset", "csv"),
        "event_id": event_id,
        "event_date": day,
        "source_country": source,
        "target_country": target,
        "cameo_code": code,
        "cameo_root": code[:2],
        "quad_class": quad,
        "goldstein": goldstein,
        **extra,
    }
