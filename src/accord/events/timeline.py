"""The curated timeline of major diplomatic events since 2013 that ships with Accord.

Each row is CAMEO-coded, dated and cited (`data/timeline.csv`); it is ingested through the same
CSV reader and ingest path as any user file, as dataset `curated`, so the default store has real
events to analyse out of the box.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd

from accord.events.ingest import IngestReport, ingest
from accord.events.schema import EVENTS_SCHEMA
from accord.jsonable import AsDict
from accord.store import Store, first_int
from accord.world import World, default_world

DATA = Path(__file__).parent / "data"
TIMELINE_CSV = DATA / "timeline.csv"
TIMELINE_MAPPING = DATA / "timeline.mapping.yaml"
DATASET = "curated"


def timeline_frame() -> pd.DataFrame:
    """The shipped timeline as a table: id, date, actors, CAMEO code, summary and source."""
    frame = pd.read_csv(TIMELINE_CSV, dtype=str, keep_default_na=False)
    frame["event_date"] = pd.to_datetime(frame["event_date"]).dt.date
    return frame


@dataclass(frozen=True)
class TimelineEntry(AsDict):
    """One curated event: id, date, actors, CAMEO code, a one-sentence summary and its source."""

    event_id: str
    event_date: dt.date
    source_country: str
    target_country: str
    source_actor: str
    target_actor: str
    cameo_code: str
    summary: str
    source: str


def timeline_entries(
    actor: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    world: World | None = None,
) -> list[TimelineEntry]:
    """The curated events (of `actor` on either side: a code, name or alias of `world`, the
    default world unless given, `UnknownNameError` if it knows none; from `start` to `end`
    inclusive), in file order."""
    names = [f.name for f in fields(TimelineEntry)]
    entries = [
        TimelineEntry(**dict(zip(names, row, strict=True)))
        for row in timeline_frame()[names].itertuples(index=False, name=None)
    ]
    code = (world or default_world()).code_for(actor) if actor else None
    return [
        e
        for e in entries
        if (code is None or code in (e.source_country, e.target_country))
        and (start is None or e.event_date >= start)
        and (end is None or e.event_date <= end)
    ]


def load_timeline(store: Store) -> IngestReport:
    """Ingest the shipped timeline into the store (idempotent: a second load stores nothing)."""
    return ingest(store, [TIMELINE_CSV], format="csv", mapping=TIMELINE_MAPPING)


def ensure_timeline(store: Store) -> IngestReport | None:
    """Load the timeline unless the store already holds curated events; None when it did."""
    store.ensure(EVENTS_SCHEMA)
    if first_int(store.con, "SELECT count(*) FROM events WHERE dataset = ?", [DATASET]) > 0:
        return None
    return load_timeline(store)
