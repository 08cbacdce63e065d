"""Read events back: simple filters returning pandas DataFrames (and their rows as records),
store statistics, the ingest log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

import pandas as pd

from accord.events.schema import EVENT_COLUMN_NAMES, EVENTS_SCHEMA
from accord.jsonable import AsDict
from accord.store import Store


def _ready(store: Store) -> bool:
    """Whether the store has the events tables (read-only stores are never migrated)."""
    if store.read_only:
        return store.version(EVENTS_SCHEMA.component) > 0
    store.ensure(EVENTS_SCHEMA)
    return True


def query(
    store: Store,
    *,
    dataset: str | None = None,
    source: str | None = None,
    target: str | None = None,
    country: str | None = None,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    cameo_root: str | None = None,
    quad_class: int | None = None,
    simulated: bool | None = None,
    limit: int | None = None,
    pair: tuple[str, str] | None = None,
    newest_first: bool = False,
    offset: int = 0,
    run_id: str | None = None,
) -> pd.DataFrame:
    """Events matching every filter given, ordered by date, dataset and id (newest first when
    asked), skipping the first `offset`.

    `source` / `target` are ISO3 codes of the source / target country; `country` matches
    either side; `pair` matches the two countries in either direction; `start` and `end` are
    inclusive dates; `run_id` keeps one simulation run's events.
    """
    if not _ready(store):
        return pd.DataFrame(columns=list(EVENT_COLUMN_NAMES))
    where, params = _filters(
        dataset=dataset,
        source_country=source,
        target_country=target,
        cameo_root=cameo_root,
        quad_class=quad_class,
        simulated=simulated,
        run_id=run_id,
        country=country,
        pair=pair,
        start=start,
        end=end,
    )
    direction = " DESC" if newest_first else ""
    sql = f"SELECT {', '.join(EVENT_COLUMN_NAMES)} FROM events{where}"
    sql += f" ORDER BY event_date{direction}, dataset{direction}, event_id{direction}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    if offset:
        sql += f" OFFSET {int(offset)}"
    return store.con.execute(sql, params).df()


def count_events(store: Store, **filters: Any) -> int:
    """How many events `query` would return with these filters and no limit (so a page of
    them can say "50 of N")."""
    if not _ready(store):
        return 0
    known = ("source", "target")
    renamed = {f"{k}_country" if k in known else k: v for k, v in filters.items()}
    where, params = _filters(**renamed)
    row = store.con.execute(f"SELECT count(*) FROM events{where}", params).fetchone()
    return int(row[0]) if row else 0


def _filters(
    *,
    country: str | None = None,
    pair: tuple[str, str] | None = None,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    **equal: Any,
) -> tuple[str, list[Any]]:
    """The WHERE clause (with its leading space, or empty) and parameters of `query`'s filters;
    `equal` maps column names to values they must equal (None: no filter)."""
    where: list[str] = []
    params: list[Any] = []
    for column, value in equal.items():
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if country is not None:
        where.append("(source_country = ? OR target_country = ?)")
        params += [country, country]
    if pair is not None:
        where.append(
            "((source_country = ? AND target_country = ?)"
            " OR (source_country = ? AND target_country = ?))"
        )
        params += [pair[0], pair[1], pair[1], pair[0]]
    if start is not None:
        where.append("event_date >= CAST(? AS DATE)")
        params.append(str(start))
    if end is not None:
        where.append("event_date <= CAST(? AS DATE)")
        params.append(str(end))
    return (" WHERE " + " AND ".join(where) if where else ""), params


@dataclass(frozen=True)
class EventRecord(AsDict):
    """One stored event as results show it: provenance, date, actors, codes, Goldstein (raw
    source codes left out)."""

    dataset: str
    event_id: str
    event_date: dt.date
    source_actor: str | None
    source_country: str | None
    target_actor: str | None
    target_country: str | None
    cameo_code: str | None
    cameo_root: str | None
    quad_class: int | None
    goldstein: float | None
    plover_type: str | None
    url: str | None
    simulated: bool | None
    run_id: str | None


#: How a non-null value of a column of `query`'s frame becomes an `EventRecord` field (str else).
_RECORD_TYPES: dict[str, Callable[[Any], Any]] = {
    "event_date": lambda v: pd.Timestamp(v).date(),
    "quad_class": int,
    "goldstein": float,
    "simulated": bool,
}


def _record_value(name: str, value: Any) -> Any:
    """A frame's value as the `EventRecord` field `name` holds it (None when missing)."""
    return None if pd.isna(value) else _RECORD_TYPES.get(name, str)(value)


def event_records(frame: pd.DataFrame, limit: int | None = None) -> list[EventRecord]:
    """The rows of a `query` frame as `EventRecord`s (at most `limit`), missing values None."""
    names = [f.name for f in fields(EventRecord)]
    rows = frame[names] if limit is None else frame[names].head(limit)
    return [
        EventRecord(**{name: _record_value(name, v) for name, v in zip(names, row, strict=True)})
        for row in rows.itertuples(index=False, name=None)
    ]


@dataclass(frozen=True)
class EventPage(AsDict):
    """One page of the events matching some filters: `events` from position `offset` of
    `total`, oldest or newest first."""

    total: int
    offset: int
    limit: int
    newest_first: bool
    events: tuple[EventRecord, ...]


def event_page(
    store: Store, *, limit: int, offset: int = 0, newest_first: bool = True, **filters: Any
) -> EventPage:
    """The page of `query(store, **filters)` from `offset` (at most `limit` events), with the
    total count of matching events."""
    frame = query(store, limit=limit, offset=offset, newest_first=newest_first, **filters)
    total = count_events(store, **filters)
    records = tuple(event_records(frame, limit))
    return EventPage(total, offset, limit, newest_first, records)


@dataclass(frozen=True)
class DatasetStats(AsDict):
    """What the store holds of one dataset."""

    dataset: str
    events: int
    first: dt.date | None
    last: dt.date | None
    source_countries: int
    unmapped_source: int
    unmapped_target: int
    simulated: int


@dataclass(frozen=True)
class EventStats(AsDict):
    """What the store holds: events per dataset, files ingested, rows rejected."""

    events: int
    datasets: tuple[DatasetStats, ...]
    files_ingested: int
    rejected_rows: int


def stats(store: Store) -> EventStats:
    """What the store holds: events per dataset (count, first and last date), countries seen,
    rows without a mapped country, and ingest totals."""
    if not _ready(store):
        return EventStats(0, (), 0, 0)
    con = store.con
    rows = con.execute(
        "SELECT dataset, count(*), min(event_date), max(event_date), "
        "count(DISTINCT source_country), "
        "count(*) FILTER (source_country IS NULL), "
        "count(*) FILTER (target_country IS NULL), "
        "count(*) FILTER (simulated) "
        "FROM events GROUP BY dataset ORDER BY dataset"
    ).fetchall()
    datasets = tuple(
        DatasetStats(str(name), int(count), first, last, *(int(n) for n in counts))
        for name, count, first, last, *counts in rows
    )
    files_row = con.execute(
        "SELECT count(DISTINCT file) FILTER (status = 'ok'), coalesce(sum(rejected), 0) "
        "FROM ingest_log"
    ).fetchone()
    files, rejected = files_row if files_row else (0, 0)
    return EventStats(sum(d.events for d in datasets), datasets, int(files), int(rejected))


@dataclass(frozen=True)
class IngestLogEntry(AsDict):
    """One ingest of one file: when, rows read, stored, duplicate, rejected, unmapped, status."""

    file: str
    dataset: str | None
    format: str | None
    started: dt.datetime
    finished: dt.datetime | None
    rows_read: int
    stored: int
    duplicate: int
    rejected: int
    unmapped: int
    status: str
    message: str | None
    ingest_id: str


def ingest_log(store: Store, *, limit: int | None = None) -> list[IngestLogEntry]:
    """The ingest log, newest first."""
    if not _ready(store):
        return []
    names = ", ".join(f.name for f in fields(IngestLogEntry))
    sql = f"SELECT {names} FROM ingest_log ORDER BY started DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [IngestLogEntry(*row) for row in store.con.execute(sql).fetchall()]


def rejections(store: Store, *, ingest_id: str | None = None, limit: int = 100) -> pd.DataFrame:
    """Rejected rows (file, line, reason, field), optionally of one ingest."""
    if not _ready(store):
        return pd.DataFrame()
    sql = "SELECT file, line, reason, field, ingest_id FROM ingest_rejections"
    params: list[Any] = []
    if ingest_id is not None:
        sql += " WHERE ingest_id = ?"
        params.append(ingest_id)
    sql += f" ORDER BY file, line LIMIT {int(limit)}"
    return store.con.execute(sql, params).df()
