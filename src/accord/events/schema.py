"""The events component of the store: the canonical `events` table and the ingest logs.

Every event, whatever file or simulation it came from, is one row of `events`. The column list
is a contract with `accord.relations` and `accord.simulation`: add columns only at the end,
each with a new migration (docs/store.md).
"""

from __future__ import annotations

from accord.store import Schema
from accord.store.schema import Migration

#: The columns of `events`, in table order, with their DuckDB types.
EVENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("dataset", "VARCHAR"),
    ("event_id", "VARCHAR"),
    ("event_date", "DATE"),
    ("source_actor", "VARCHAR"),
    ("source_country", "VARCHAR"),
    ("source_sector", "VARCHAR"),
    ("target_actor", "VARCHAR"),
    ("target_country", "VARCHAR"),
    ("target_sector", "VARCHAR"),
    ("cameo_code", "VARCHAR"),
    ("cameo_root", "VARCHAR"),
    ("quad_class", "TINYINT"),
    ("goldstein", "DOUBLE"),
    ("plover_type", "VARCHAR"),
    ("plover_mode", "VARCHAR"),
    ("plover_context", "VARCHAR"),
    ("mentions", "INTEGER"),
    ("sources", "INTEGER"),
    ("articles", "INTEGER"),
    ("tone", "DOUBLE"),
    ("location_country", "VARCHAR"),
    ("lat", "DOUBLE"),
    ("lon", "DOUBLE"),
    ("file", "VARCHAR"),
    ("line", "BIGINT"),
    ("url", "VARCHAR"),
    ("simulated", "BOOLEAN"),
    ("run_id", "VARCHAR"),
    ("step", "INTEGER"),
    # added after the contract columns: the actor country exactly as the file wrote it, where
    # it is not the stored ISO3 (`raw_country`)
    ("source_country_raw", "VARCHAR"),
    ("target_country_raw", "VARCHAR"),
)

EVENT_COLUMN_NAMES: tuple[str, ...] = tuple(name for name, _ in EVENT_COLUMNS)


def raw_country(side: str) -> str:
    """SQL: the actor country of `side` ('source' or 'target') exactly as the file wrote it.
    Ingest keeps `<side>_country_raw` only where it is not the stored ISO3 (NULL where the
    file wrote the ISO3 itself, as GDELT mostly does: a copy the write would pay for); stores
    written before keep a copy on every row, which reads the same."""
    if side not in ("source", "target"):
        raise ValueError(f"side must be 'source' or 'target', not {side!r}")
    return f"coalesce({side}_country_raw, {side}_country)"


#: Datasets an event row may name (`dataset` column).
DATASETS: tuple[str, ...] = (
    "gdelt1",
    "gdelt2",
    "icews",
    "plover",
    "csv",
    "curated",
    "simulation",
    "exercise",
)

_NOT_NULL = {"dataset", "event_id", "event_date"}
#: Columns stored with a compression DuckDB would not choose itself (migration 3): nearly
#: every value distinct, where its dictionary and FSST analysis costs 2-3x the CPU of zstd
#: (docs/events.md "Where the CPU goes").
COMPRESSION: dict[str, str] = {"event_id": "zstd", "url": "zstd"}


def events_ddl(table: str = "events") -> str:
    """The `CREATE TABLE` statement of the `events` table as the code sees it (EVENT_COLUMNS),
    under another name if asked (for rewrites such as compaction)."""
    cols = []
    for name, sql_type in EVENT_COLUMNS:
        extra = " NOT NULL" if name in _NOT_NULL else ""
        if name == "simulated":
            extra = " NOT NULL DEFAULT false"
        if name in COMPRESSION:
            extra += f" USING COMPRESSION {COMPRESSION[name]}"
        cols.append(f"    {name} {sql_type}{extra}")
    body = ",\n".join(cols)
    return f"CREATE TABLE {table} (\n{body}\n);"


# Released migrations are frozen: literal SQL, never built from EVENT_COLUMNS, so a store made
# by any release upgrades the same way. tests/store/test_migrations.py pins each one; a change
# of a table goes into a new migration (docs/store.md).

_V1_EVENTS_AND_LOGS = """\
CREATE TABLE events (
    dataset VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    event_date DATE NOT NULL,
    source_actor VARCHAR,
    source_country VARCHAR,
    source_sector VARCHAR,
    target_actor VARCHAR,
    target_country VARCHAR,
    target_sector VARCHAR,
    cameo_code VARCHAR,
    cameo_root VARCHAR,
    quad_class TINYINT,
    goldstein DOUBLE,
    plover_type VARCHAR,
    plover_mode VARCHAR,
    plover_context VARCHAR,
    mentions INTEGER,
    sources INTEGER,
    articles INTEGER,
    tone DOUBLE,
    location_country VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    file VARCHAR,
    line BIGINT,
    url VARCHAR,
    simulated BOOLEAN NOT NULL DEFAULT false,
    run_id VARCHAR,
    step INTEGER,
    source_country_raw VARCHAR,
    target_country_raw VARCHAR,
    PRIMARY KEY (dataset, event_id, event_date)
);
CREATE TABLE ingest_log (
    file VARCHAR NOT NULL,
    dataset VARCHAR,
    started TIMESTAMP NOT NULL,
    finished TIMESTAMP,
    rows_read BIGINT NOT NULL DEFAULT 0,
    stored BIGINT NOT NULL DEFAULT 0,
    duplicate BIGINT NOT NULL DEFAULT 0,
    rejected BIGINT NOT NULL DEFAULT 0,
    status VARCHAR NOT NULL,
    ingest_id VARCHAR PRIMARY KEY,
    format VARCHAR,
    unmapped BIGINT NOT NULL DEFAULT 0,
    message VARCHAR
);
CREATE TABLE ingest_rejections (
    file VARCHAR NOT NULL,
    line BIGINT,
    reason VARCHAR NOT NULL,
    field VARCHAR,
    ingest_id VARCHAR NOT NULL
);
"""

# Version 2 drops the PRIMARY KEY of `events`: its index cost more than a third of ingest time
# and grew past 2 GB of memory at 5 million events. The key (dataset, event_id, event_date) stays
# unique because the one path that writes outside events of a simulation run, `ingest`, only
# inserts rows whose key is absent (an anti-join) and keeps the first of duplicates within a
# file. DuckDB cannot drop a constraint, so the table is rebuilt, its rows copied by name.
_V2_DROP_KEY = """\
CREATE TABLE events_v2 (
    dataset VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    event_date DATE NOT NULL,
    source_actor VARCHAR,
    source_country VARCHAR,
    source_sector VARCHAR,
    target_actor VARCHAR,
    target_country VARCHAR,
    target_sector VARCHAR,
    cameo_code VARCHAR,
    cameo_root VARCHAR,
    quad_class TINYINT,
    goldstein DOUBLE,
    plover_type VARCHAR,
    plover_mode VARCHAR,
    plover_context VARCHAR,
    mentions INTEGER,
    sources INTEGER,
    articles INTEGER,
    tone DOUBLE,
    location_country VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    file VARCHAR,
    line BIGINT,
    url VARCHAR,
    simulated BOOLEAN NOT NULL DEFAULT false,
    run_id VARCHAR,
    step INTEGER,
    source_country_raw VARCHAR,
    target_country_raw VARCHAR
);
INSERT INTO events_v2 (
    dataset, event_id, event_date, source_actor, source_country, source_sector, target_actor,
    target_country, target_sector, cameo_code, cameo_root, quad_class, goldstein, plover_type,
    plover_mode, plover_context, mentions, sources, articles, tone, location_country, lat, lon,
    file, line, url, simulated, run_id, step, source_country_raw, target_country_raw
)
SELECT
    dataset, event_id, event_date, source_actor, source_country, source_sector, target_actor,
    target_country, target_sector, cameo_code, cameo_root, quad_class, goldstein, plover_type,
    plover_mode, plover_context, mentions, sources, articles, tone, location_country, lat, lon,
    file, line, url, simulated, run_id, step, source_country_raw, target_country_raw
FROM events;
DROP TABLE events;
ALTER TABLE events_v2 RENAME TO events;
"""

# Version 3 stores `event_id` and `url` with zstd: their values are nearly all distinct, and
# DuckDB's own choice (dictionary with FSST) cost 0.43 and 0.35 CPU-s per million rows to write
# against 0.23 and 0.14 with zstd (one thread; the URLs take the same space, the ids 9 MB
# instead of 5 per million). A column's compression is set when the table is created, so the
# table is rebuilt, its rows copied by name in their stored order.
_V3_ZSTD_IDS = """\
CREATE TABLE events_v3 (
    dataset VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL USING COMPRESSION zstd,
    event_date DATE NOT NULL,
    source_actor VARCHAR,
    source_country VARCHAR,
    source_sector VARCHAR,
    target_actor VARCHAR,
    target_country VARCHAR,
    target_sector VARCHAR,
    cameo_code VARCHAR,
    cameo_root VARCHAR,
    quad_class TINYINT,
    goldstein DOUBLE,
    plover_type VARCHAR,
    plover_mode VARCHAR,
    plover_context VARCHAR,
    mentions INTEGER,
    sources INTEGER,
    articles INTEGER,
    tone DOUBLE,
    location_country VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    file VARCHAR,
    line BIGINT,
    url VARCHAR USING COMPRESSION zstd,
    simulated BOOLEAN NOT NULL DEFAULT false,
    run_id VARCHAR,
    step INTEGER,
    source_country_raw VARCHAR,
    target_country_raw VARCHAR
);
INSERT INTO events_v3 (
    dataset, event_id, event_date, source_actor, source_country, source_sector, target_actor,
    target_country, target_sector, cameo_code, cameo_root, quad_class, goldstein, plover_type,
    plover_mode, plover_context, mentions, sources, articles, tone, location_country, lat, lon,
    file, line, url, simulated, run_id, step, source_country_raw, target_country_raw
)
SELECT
    dataset, event_id, event_date, source_actor, source_country, source_sector, target_actor,
    target_country, target_sector, cameo_code, cameo_root, quad_class, goldstein, plover_type,
    plover_mode, plover_context, mentions, sources, articles, tone, location_country, lat, lon,
    file, line, url, simulated, run_id, step, source_country_raw, target_country_raw
FROM events;
DROP TABLE events;
ALTER TABLE events_v3 RENAME TO events;
"""

EVENTS_SCHEMA = Schema(
    "events",
    (
        Migration(1, "events, ingest_log and ingest_rejections", _V1_EVENTS_AND_LOGS),
        Migration(
            2, "events without a primary-key index (ingest keeps the key unique)", _V2_DROP_KEY
        ),
        # a store whose storage version predates zstd for text (made by DuckDB < 1.2, or with
        # an older `storage_compatibility_version`) keeps DuckDB's own compression
        Migration(3, "events: ids and URLs compressed with zstd", _V3_ZSTD_IDS, fallback=""),
    ),
)

#: Values of `ingest_log.status`.
STATUS_RUNNING = "running"
STATUS_OK = "ok"
STATUS_FAILED = "failed"
STATUS_INTERRUPTED = "interrupted"
