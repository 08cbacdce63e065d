"""Ingest event files into the store: idempotent, logged per file, atomic per file.

Each file is read by its `Reader` in bounded batches and written inside one transaction, so a
file is either wholly stored (with its `ingest_log` row marked ok and its rejections listed) or
not at all; a killed ingest leaves only a `running` log row, marked `interrupted` by the next
ingest. Events are keyed by (dataset, event_id, event_date): re-ingesting stores nothing new and
counts the rows as duplicates.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accord.errors import InputError, Problem
from accord.events.bulk import ReadByBlocks, ingest_bulk
from accord.events.readers import reader_for
from accord.events.readers.base import Batch, NativeReader, ReadContext
from accord.events.readers.detect import detect_event_format
from accord.events.readers.sources import Source, expand
from accord.events.schema import (
    EVENTS_SCHEMA,
    STATUS_FAILED,
    STATUS_INTERRUPTED,
    STATUS_OK,
    STATUS_RUNNING,
)
from accord.events.write import (
    REPORTED_REJECTIONS,
    Provenance,
    WriteResult,
    logged,
    write_transaction,
)
from accord.jsonable import AsDict
from accord.store import Store
from accord.world import World, default_world, load_world


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
class FileReport(AsDict):
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

    def as_dict(self) -> dict[str, Any]:
        """The JSON form: the totals, then each file's report (rejections as problems)."""
        return {
            "rows_read": self.rows_read,
            "stored": self.stored,
            "duplicate": self.duplicate,
            "rejected": self.rejected,
            "unmapped": dict(self.unmapped.most_common()),
            "files": [f.as_dict() for f in self.files],
        }


ProgressCallback = Callable[[IngestProgress], None]


def _take(report: FileReport, result: WriteResult) -> FileReport:
    """Copy a write's counts and first rejections into the file's report."""
    report.rows_read = result.rows_read
    report.stored = result.stored
    report.rejected = result.rejected
    report.duplicate = result.duplicate
    report.unmapped = Counter(result.unmapped)
    report.rejections = list(result.problems)
    report.status = STATUS_OK
    return report


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


def _write_batches(
    store: Store,
    batches: Iterable[Batch],
    provenance: Provenance,
    *,
    strict: bool,
    on_batch: Callable[[Batch], None],
) -> WriteResult:
    """Write a reader's batches through the one write path, in one transaction."""
    with write_transaction(store, provenance, keep=REPORTED_REJECTIONS) as writer:
        for batch in batches:
            store.con.register("_batch", batch.table)
            try:
                problems = writer.add("_batch")
            finally:
                store.con.unregister("_batch")
            if strict and problems:
                raise InputError(problems)
            on_batch(batch)
    return writer.result


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
    provenance = Provenance(source.name, fmt)
    report = FileReport(source.name, fmt, provenance.ingest_id)
    reader = reader_for(fmt, mapping=mapping)
    try:
        with logged(store, provenance):
            scan = reader.native(source) if isinstance(reader, NativeReader) else None
            if scan is not None:
                try:
                    result = ingest_bulk(
                        store,
                        scan,
                        source,
                        context,
                        provenance=provenance,
                        strict=strict,
                        keep=REPORTED_REJECTIONS,
                        fields=_NATIVE_FIELDS,
                        progress=_fraction_only(on_position),
                    )
                    if on_position is not None:
                        on_position(1.0, result.rows_read)
                    return _take(report, result)
                except ReadByBlocks:
                    pass  # rolled back: read it by batches below
            batches = reader.read(source, context)
            result = _write_batches(store, batches, provenance, strict=strict, on_batch=on_batch)
            return _take(report, result)
    except BaseException as exc:
        report.status = STATUS_INTERRUPTED if isinstance(exc, KeyboardInterrupt) else STATUS_FAILED
        raise


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
