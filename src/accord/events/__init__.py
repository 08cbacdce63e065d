"""Events: one canonical event record for every source, the shipped ontology, readers and an
idempotent, logged ingest into the store.

    from accord.store import Store
    from accord.events import ingest, query
    with Store() as store:
        report = ingest(store, ["events/*.tsv.gz"])
        df = query(store, source="USA", target="CHN", start="2020-01-01")
"""

from accord.events.compact import CompactReport, compact
from accord.events.ingest import FileReport, IngestError, IngestProgress, IngestReport, ingest
from accord.events.ontology import (
    PLOVER_QUAD,
    QUAD_CLASSES,
    CameoCode,
    PloverMapping,
    cameo_codes,
    goldstein,
    plover,
    plover_mappings,
    quad_class_of_root,
)
from accord.events.query import (
    DatasetStats,
    EventPage,
    EventRecord,
    EventStats,
    IngestLogEntry,
    count_events,
    event_page,
    event_records,
    ingest_log,
    query,
    rejections,
    stats,
)
from accord.events.readers import FORMATS, READERS, Reader, reader_for
from accord.events.schema import EVENT_COLUMN_NAMES, EVENT_COLUMNS, EVENTS_SCHEMA

__all__ = [
    "EVENTS_SCHEMA",
    "EVENT_COLUMNS",
    "EVENT_COLUMN_NAMES",
    "FORMATS",
    "PLOVER_QUAD",
    "QUAD_CLASSES",
    "READERS",
    "CameoCode",
    "CompactReport",
    "DatasetStats",
    "EventPage",
    "EventRecord",
    "EventStats",
    "FileReport",
    "IngestError",
    "IngestLogEntry",
    "IngestProgress",
    "IngestReport",
    "PloverMapping",
    "Reader",
    "cameo_codes",
    "compact",
    "count_events",
    "event_page",
    "event_records",
    "goldstein",
    "ingest",
    "ingest_log",
    "plover",
    "plover_mappings",
    "quad_class_of_root",
    "query",
    "reader_for",
    "rejections",
    "stats",
]
