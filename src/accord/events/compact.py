"""Compaction: rewrite the `events` table in date order, so relation queries read it faster.

Ingest appends each file's rows as they come; files ingested out of date order, or one file
spanning years in no order, leave the dates scattered over the table. Relation queries filter
events by date and group them by period and dyad: on a table stored in date order DuckDB skips
the row groups outside a date range (their min/max statistics), and an aggregation by period
and dyad meets each group in runs of rows, which keeps its hash table in cache (on 5 million
scattered events, the monthly dyad aggregation runs about a third faster after compaction).

`compact` rewrites the table sorted by `SORT_KEY` (date, then dyad, then the ingest key) in one
transaction: the same rows, the ingest log untouched, and a compaction killed midway leaves the
table as it was. A table already in date order is left alone unless forced.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import duckdb

from accord.errors import StoreError
from accord.events.schema import EVENT_COLUMN_NAMES, EVENTS_SCHEMA, events_ddl
from accord.store import Store, first_int
from accord.store.settings import BOUNDED_MEMORY, scoped_settings

#: The order compaction stores events in: by date, by dyad, then by the ingest key (unique, so
#: the order is fully determined; missing countries last).
SORT_KEY: tuple[str, ...] = (
    "event_date",
    "source_country",
    "target_country",
    "dataset",
    "event_id",
)
_STAGING = "events_compacting"
#: Seconds between two looks at DuckDB's progress of the rewrite.
_POLL = 0.2


@dataclass(frozen=True)
class CompactReport:
    """What `compact` did: rows rewritten (0 when the table was already in order), how many
    adjacent pairs of stored rows were out of date order before, and how long it took."""

    rows: int
    events: int
    out_of_order: int
    seconds: float

    @property
    def rewritten(self) -> bool:
        return self.rows > 0

    def as_dict(self) -> dict[str, Any]:
        """The JSON object of `accord events compact --json` and of the API's compact job."""
        return {
            "events": self.events,
            "rewritten": self.rows,
            "out_of_order_before": self.out_of_order,
            "seconds": round(self.seconds, 3),
        }


def out_of_order(con: duckdb.DuckDBPyConnection) -> int:
    """How many stored events come right after an event with a later date (0: date order)."""
    return first_int(
        con,
        "SELECT count(*) FILTER (WHERE event_date < before) FROM "
        "(SELECT event_date, lag(event_date) OVER (ORDER BY rowid) AS before FROM events)",
    )


def compact(
    store: Store, *, force: bool = False, progress: Callable[[float], None] | None = None
) -> CompactReport:
    """Rewrite the store's events in date order (see the module docstring); `force` rewrites
    a table already in order too. `progress` receives the rewrite's completed fraction."""
    store.ensure(EVENTS_SCHEMA)
    con = store.con
    start = time.perf_counter()
    columns = ", ".join(EVENT_COLUMN_NAMES)
    order = ", ".join(SORT_KEY)
    with store.transaction(), _watched(con, progress):
        events = first_int(con, "SELECT count(*) FROM events")
        scattered = out_of_order(con)
        if scattered == 0 and not force:
            return CompactReport(0, events, 0, time.perf_counter() - start)
        con.execute(f"DROP TABLE IF EXISTS {_STAGING}")
        con.execute(events_ddl(table=_STAGING))
        con.execute(
            f"INSERT INTO {_STAGING} ({columns}) SELECT {columns} FROM events ORDER BY {order}"
        )
        copied = first_int(con, f"SELECT count(*) FROM {_STAGING}")
        if copied != events:  # pragma: no cover - a DuckDB fault, never expected
            raise StoreError(f"{store.path}: compaction copied {copied} of {events} events")
        con.execute("DROP TABLE events")
        con.execute(f"ALTER TABLE {_STAGING} RENAME TO events")
    if progress is not None:
        progress(1.0)
    return CompactReport(events, events, scattered, time.perf_counter() - start)


#: Settings for the rewrite: rows stored in the order the sort gives them; no progress bar on
#: the terminal (a library does not print); DuckDB's progress measured when someone watches.
_SETTINGS = {"preserve_insertion_order": "true", "enable_progress_bar_print": "false"}
_WATCHED = {"enable_progress_bar": "true", "progress_bar_time": "0"}


@contextmanager
def _watched(
    con: duckdb.DuckDBPyConnection, progress: Callable[[float], None] | None
) -> Iterator[None]:
    """Run the block with `_SETTINGS`, reporting DuckDB's progress of its statements to
    `progress` from a thread that looks every `_POLL` seconds."""
    values = _SETTINGS if progress is None else {**_SETTINGS, **_WATCHED}
    done = threading.Event()

    def watch(report: Callable[[float], None]) -> None:
        while not done.wait(_POLL):
            percent = con.query_progress()
            if percent >= 0:
                report(min(percent, 99.0) / 100)

    with scoped_settings(con, values, where_default=BOUNDED_MEMORY):
        watcher = None
        if progress is not None:
            watcher = threading.Thread(target=watch, args=(progress,), daemon=True)
            watcher.start()
        try:
            yield
        finally:
            done.set()
            if watcher is not None:
                watcher.join()
