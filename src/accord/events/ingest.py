"""Ingest event files into the store: idempotent, logged per file, atomic per file.

Each file is read by its `Reader` in bounded batches and written inside one transaction, so a
file is either wholly stored (with its `ingest_log` row marked ok and its rejections listed) or
not at all; a killed ingest leaves only a `running` log row, marked `interrupted` by the next
ingest. Events are keyed by (dataset, event_id, event_date): re-ingesting stores nothing new and
counts the rows as duplicates.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import duckdb

from accord.errors import InputError, Problem
from accord.events.bulk import BulkResult, ReadByBlocks, ingest_bulk
from accord.events.readers import reader_for
from accord.events.readers.base import Batch, NativeReader, ReadContext
from accord.events.readers.detect import detect_event_format
from accord.events.readers.sources import Source, expand
from accord.events.schema import (
    EVENT_COLUMN_NAMES,
    EVENTS_SCHEMA,
    STATUS_FAILED,
    STATUS_INTERRUPTED,
    STATUS_OK,
    STATUS_RUNNING,
)
from accord.store import Store, first_int
from accord.world import World, default_world, load_world

#: How many rejections a report keeps in memory per file (the store keeps them all).
REPORTED_REJECTIONS = 1000


@dataclass(frozen=True, slots=True)
class IngestProgress:
    """Where an ingest is: file `index` of `files`, `position` of `size` bytes read."""

    file: str
    index: int
    files: int
    position: int
    size: int
    rows: int


@dataclass
class FileReport:
    """What happened to one file."""

    file: str
    format: str
    ingest_id: str
    rows_read: int = 0
    stored: int = 0
    duplicate: int = 0
    rejected: int = 0
    status: str = STATUS_RUNNING
    #: raw country codes/names that map to no state, with how many kept rows use them
    unmapped: Counter[str] = field(default_factory=Counter)
    #: the first rejections (file, line, field, reason)
    rejections: list[Problem] = field(default_factory=list)


@dataclass
class IngestReport:
    """What an ingest did, file by file, with totals."""

    files: list[FileReport] = field(default_factory=list)

    def _total(self, name: str) -> int:
        return sum(int(getattr(f, name)) for f in self.files)

    @property
    def rows_read(self) -> int:
        return self._total("rows_read")

    @property
    def stored(self) -> int:
        return self._total("stored")

    @property
    def duplicate(self) -> int:
        return self._total("duplicate")

    @property
    def rejected(self) -> int:
        return self._total("rejected")

    @property
    def unmapped(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for report in self.files:
            total.update(report.unmapped)
        return total


ProgressCallback = Callable[[IngestProgress], None]

_COLUMNS = ", ".join(EVENT_COLUMN_NAMES)
# `events` has no key index (schema version 2): only rows whose key is absent are inserted,
# and of rows sharing a key within a batch the first (by line, then batch order) is kept.
_INSERT_EVENTS = f"""
INSERT INTO events ({_COLUMNS})
SELECT {_COLUMNS} FROM (SELECT *, row_number() OVER () AS batch_position FROM _batch) AS b
WHERE b.reject_reason IS NULL AND NOT EXISTS (
    SELECT 1 FROM events AS e
    WHERE e.dataset = b.dataset AND e.event_id = b.event_id AND e.event_date = b.event_date
)
QUALIFY row_number() OVER (
    PARTITION BY b.dataset, b.event_id, b.event_date ORDER BY b.line, b.batch_position
) = 1
"""
_INSERT_REJECTIONS = (
    "INSERT INTO ingest_rejections (file, line, reason, field, ingest_id) "
    "SELECT file, line, reject_reason, reject_field, ? FROM _batch "
    "WHERE reject_reason IS NOT NULL ORDER BY line"
)
_UNMAPPED = """
SELECT raw, count(*) FROM (
    SELECT source_country_raw AS raw FROM _batch
    WHERE reject_reason IS NULL AND source_country IS NULL AND source_country_raw IS NOT NULL
    UNION ALL
    SELECT target_country_raw FROM _batch
    WHERE reject_reason IS NULL AND target_country IS NULL AND target_country_raw IS NOT NULL
) GROUP BY raw
"""


def _now() -> dt.datetime:
    return dt.datetime.now()


def _store_batch(store: Store, batch: Batch, report: FileReport) -> list[Problem]:
    """Write one batch inside the open transaction; return its rejections."""
    con = store.con
    con.register("_batch", batch.table)
    try:
        stored = first_int(con, _INSERT_EVENTS)
        con.execute(_INSERT_REJECTIONS, [report.ingest_id]).fetchall()
        problems = [
            Problem(str(reason), str(file), int(line), None if fld is None else str(fld))
            for file, line, reason, fld in con.execute(
                "SELECT file, line, reject_reason, reject_field FROM _batch "
                "WHERE reject_reason IS NOT NULL ORDER BY line LIMIT ?",
                [REPORTED_REJECTIONS],
            ).fetchall()
        ]
        rejected = first_int(con, "SELECT count(*) FROM _batch WHERE reject_reason IS NOT NULL")
        for raw, count in con.execute(_UNMAPPED).fetchall():
            report.unmapped[str(raw)] += int(count)
    finally:
        con.unregister("_batch")
    report.rows_read += batch.rows
    report.stored += stored
    report.rejected += rejected
    report.duplicate += batch.rows - rejected - stored
    room = REPORTED_REJECTIONS - len(report.rejections)
    report.rejections.extend(problems[: max(room, 0)])
    return problems


#: The GDELT field names rejections of a bulk GDELT ingest point at.
_NATIVE_FIELDS = {
    "id_field": "GLOBALEVENTID",
    "date_field": "SQLDATE",
    "code_field": "EventCode",
    "quad_field": "QuadClass",
}


def _fraction_only(
    on_position: Callable[[float, int], None] | None,
) -> Callable[[float], None] | None:
    if on_position is None:
        return None
    return lambda fraction: on_position(fraction, 0)


def _finish(con: duckdb.DuckDBPyConnection, report: FileReport, datasets: str | None) -> None:
    """Mark the file's log row ok with its counts (inside the file's transaction)."""
    report.status = STATUS_OK
    con.execute(
        "UPDATE ingest_log SET dataset = ?, finished = ?, rows_read = ?, stored = ?, "
        "duplicate = ?, rejected = ?, status = ?, unmapped = ? WHERE ingest_id = ?",
        [
            datasets,
            _now(),
            report.rows_read,
            report.stored,
            report.duplicate,
            report.rejected,
            STATUS_OK,
            sum(report.unmapped.values()),
            report.ingest_id,
        ],
    )


def _finish_bulk(
    con: duckdb.DuckDBPyConnection, result: BulkResult, *, report: FileReport, dataset: str
) -> None:
    """Take a bulk ingest's counts into `report` and the log (inside its transaction)."""
    report.rows_read = result.rows_read
    report.stored = result.stored
    report.rejected = result.rejected
    report.duplicate = result.rows_read - result.rejected - result.stored
    report.unmapped.update(result.unmapped)
    report.rejections = result.problems
    _finish(con, report, dataset if result.rows_read else None)


def _ingest_file(
    store: Store,
    source: Source,
    fmt: str,
    context: ReadContext,
    *,
    strict: bool,
    mapping: str | os.PathLike[str] | None,
    on_batch: Callable[[Batch], None],
    on_position: Callable[[float, int], None] | None = None,
) -> FileReport:
    report = FileReport(source.name, fmt, uuid.uuid4().hex)
    reader = reader_for(fmt, mapping=mapping)
    with store.transaction() as con:
        con.execute(
            "INSERT INTO ingest_log (file, dataset, started, status, ingest_id, format) "
            "VALUES (?, NULL, ?, ?, ?, ?)",
            [source.name, _now(), STATUS_RUNNING, report.ingest_id, fmt],
        )
    try:
        scan = reader.native(source) if isinstance(reader, NativeReader) else None
        if scan is not None:
            try:
                result = ingest_bulk(
                    store,
                    scan,
                    source,
                    context,
                    ingest_id=report.ingest_id,
                    strict=strict,
                    keep=REPORTED_REJECTIONS,
                    fields=_NATIVE_FIELDS,
                    finish=partial(_finish_bulk, report=report, dataset=reader.format),
                    progress=_fraction_only(on_position),
                )
                if on_position is not None:
                    on_position(1.0, result.rows_read)
                return report
            except ReadByBlocks:
                pass  # rolled back: read it by batches below
        with store.transaction() as con:
            datasets: set[str] = set()
            for batch in reader.read(source, context):
                problems = _store_batch(store, batch, report)
                if strict and problems:
                    raise InputError(problems)
                datasets.update(str(d) for d in batch.table.column("dataset").unique().to_pylist())
                on_batch(batch)
            _finish(con, report, ",".join(sorted(datasets)) or None)
    except BaseException as exc:
        status = STATUS_INTERRUPTED if isinstance(exc, KeyboardInterrupt) else STATUS_FAILED
        report.status = status
        store.con.execute(
            "UPDATE ingest_log SET finished = ?, status = ?, message = ? WHERE ingest_id = ?",
            [_now(), status, str(exc)[:2000] or type(exc).__name__, report.ingest_id],
        )
        raise
    return report


class _Tracker:
    """Turns batches of one file into `IngestProgress` calls."""

    def __init__(
        self, callback: ProgressCallback | None, file: str, index: int, files: int, size: int
    ) -> None:
        self.callback = callback
        self.file = file
        self.index = index
        self.files = files
        self.size = size
        self.rows = 0

    def at(self, fraction: float, rows: int) -> None:
        """Report progress through a bulk ingest (`rows` is known only at its end)."""
        self.rows = rows
        if self.callback is not None:
            position = int(fraction * self.size)
            self.callback(
                IngestProgress(self.file, self.index, self.files, position, self.size, self.rows)
            )

    def __call__(self, batch: Batch) -> None:
        self.rows += batch.rows
        if self.callback is not None:
            self.callback(
                IngestProgress(
                    self.file, self.index, self.files, batch.position, self.size, self.rows
                )
            )


def ingest(
    store: Store,
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    format: str = "auto",
    strict: bool = False,
    progress: ProgressCallback | None = None,
    *,
    mapping: str | os.PathLike[str] | None = None,
    world: World | None = None,
    block_bytes: int = 32 << 20,
) -> IngestReport:
    """Read event files (paths, directories, globs; plain, .gz or .zip) into the store.

    `format` is 'auto' (guessed per file) or a reader name (`accord.events.READERS`); 'csv'
    needs `mapping`, a column-mapping file. Rejected rows are logged with file:line and reason;
    with `strict`, the first file with a rejected row raises `InputError` and stores nothing
    (files finished before it stay stored). Countries are mapped through `world` (default: the
    store's world, else the shipped default world).
    """
    items = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    sources = expand([Path(p) if not isinstance(p, str) else p for p in items])
    store.ensure(EVENTS_SCHEMA)
    store.con.execute(
        "UPDATE ingest_log SET status = ? WHERE status = ?", [STATUS_INTERRUPTED, STATUS_RUNNING]
    )
    if world is None:
        world = load_world(store) or default_world()
    context = ReadContext(world, block_bytes=block_bytes)
    report = IngestReport()
    try:
        for index, source in enumerate(sources):
            fmt = detect_event_format(source) if format == "auto" else format
            tracker = _Tracker(progress, source.name, index, len(sources), source.size())
            report.files.append(
                _ingest_file(
                    store,
                    source,
                    fmt,
                    context,
                    strict=strict,
                    mapping=mapping,
                    on_batch=tracker,
                    on_position=tracker.at if progress is not None else None,
                )
            )
    finally:
        context.close()
    return report
