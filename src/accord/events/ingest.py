"""Ingest event files into the store: idempotent, logged per file, atomic per file.

Each file is read by its `Reader` in bounded batches and written inside one transaction, so a
file is either wholly stored (with its `ingest_log` row marked ok and its rejections listed) or
not at all; a killed ingest leaves only a `running` log row, marked `interrupted` by the next
ingest. Events are keyed by (dataset, event_id, event_date): re-ingesting stores nothing new and
counts the rows as duplicates.
"""

from __future__ import annotations

import os
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from accord.errors import InputError, Problem
from accord.events.batch_stage import batch_stage
from accord.events.bulk import (
    MEMORY_LIMIT,
    ORDER,
    ReadByBlocks,
    ingest_bulk,
    plain_scan,
    scan_parts,
)
from accord.events.readers import reader_for
from accord.events.readers.base import Batch, NativeReader, ReadContext, Reader
from accord.events.readers.detect import check_not_blank, detect_event_format
from accord.events.readers.sources import Source, expand_noting, is_gzip
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
    fail_log,
    interrupts_as_such,
    logged,
    open_log,
    write_transaction,
)
from accord.jsonable import AsDict
from accord.store import Store
from accord.store.settings import scoped_settings
from accord.world import World, open_actors


@dataclass(frozen=True, slots=True)
class IngestProgress:
    """Where an ingest is: file `index` of `files`, `position` of `size` bytes read, and its
    `stage`: `reading` the file, or `storing` its rows once DuckDB has read it all (a bulk
    ingest then sorts and writes them: seconds on a big file with the bar at its end)."""

    file: str
    index: int
    files: int
    position: int
    size: int
    rows: int
    stage: str = "reading"


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
    #: why the file failed (status `failed`: nothing of it stored)
    errors: list[Problem] = field(default_factory=list)
    #: what the ingest noticed without rejecting a row (a last line without line end)
    notes: list[Problem] = field(default_factory=list)


@dataclass
class IngestReport:
    """What an ingest did, file by file, with totals."""

    files: list[FileReport] = field(default_factory=list)
    #: the entries of a directory or glob that are not files and were passed over, never
    #: opened (a link to nothing, a pipe, a socket...), each with why
    passed_over: list[Problem] = field(default_factory=list)

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
    def failed(self) -> list[FileReport]:
        """The files that failed (nothing of them stored)."""
        return [f for f in self.files if f.status == STATUS_FAILED]

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
            "failed": [f.file for f in self.failed],
            "files": [f.as_dict() for f in self.files],
            "passed_over": [{"file": p.file, "reason": p.message} for p in self.passed_over],
        }


class IngestError(InputError):
    """Files of an ingest failed: `problems` say why, file by file; `report` tells what
    happened to every file (the others were ingested)."""

    def __init__(self, report: IngestReport) -> None:
        super().__init__(p for f in report.failed for p in f.errors)
        self.report = report


ProgressCallback = Callable[[IngestProgress], None]


def _some_row_kept(fmt: str, file: str) -> Callable[[WriteResult], None]:
    """A check that a file's rows are not all rejected (then it is likely in another format
    than `fmt`): an input error naming the file and its first rejection."""

    def check(result: WriteResult) -> None:
        if not result.rows_read or result.rejected < result.rows_read:
            return
        rows = f"{result.rows_read:,} row{'s' if result.rows_read != 1 else ''}"
        first = result.problems[0] if result.problems else None
        where = ""
        if first is not None:
            where = f" First rejection: line {first.line} [{first.field}]: {first.message}"
        article = "an" if fmt[:1].lower() in "aeiou" else "a"
        raise InputError.at(
            f"every row rejected ({rows}): is this {article} {fmt} file?{where}", file=file
        )

    return check


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
    """Write a reader's batches through the one write path, in one transaction (nothing of
    the file stored when it fails, or every row of it is rejected): each batch staged on disk
    and judged as it comes, and the good rows of all of them inserted at the end in one
    statement (`accord.events.batch_stage`: memory bounded, rows in date order). Ctrl-C in a
    statement is the `KeyboardInterrupt` it was (`interrupts_as_such`: logged 'interrupted');
    the settings are set outside the transaction, which an error aborts (no RESET in it)."""
    check = _some_row_kept(provenance.format, provenance.name)
    quiet = {"enable_progress_bar_print": "false"}  # a library does not print
    with (
        interrupts_as_such(),
        store.writing(),  # the settings are the database's: no other write between
        scoped_settings(store.con, quiet, where_default={"memory_limit": f"'{MEMORY_LIMIT}'"}),
        write_transaction(store, provenance, keep=REPORTED_REJECTIONS) as writer,
        batch_stage(store) as stage,
    ):
        for batch in batches:
            problems = writer.judge(stage.add(batch.table))
            if strict and problems:
                raise InputError(problems)
            on_batch(batch)
        if stage.rows:
            stored = writer.insert(stage.relation, order=ORDER)
            if writer.result.rows_read - writer.result.rejected > stored:  # keys stored before
                writer.reject_stored_conflicts(stage.relation)
        check(writer.result)
    return writer.result


def _ingest_native(
    store: Store,
    source: Source,
    reader: NativeReader,
    context: ReadContext,
    provenance: Provenance,
    strict: bool,
    on_position: Callable[[float, int], None] | None,
    report: FileReport,
) -> WriteResult | None:
    """Ingest `source` in bulk (`accord.events.bulk`), a plain file cut into one part per
    DuckDB thread (`bulk.scan_parts`); None when it must be read by batches (nothing stored)."""
    with scan_parts(store, source) as parts:
        scanned = plain_scan(source, parts)
        scan = reader.native(source, parts, quoted=scanned is None or scanned.quotes)
        if scan is None:
            return None
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
                scanned=scanned,
                progress=_fraction_only(on_position),
                check=_some_row_kept(report.format, source.name),
            )
        except ReadByBlocks:
            return None  # rolled back: read it by batches
    if on_position is not None:
        on_position(1.0, result.rows_read)
    return result


def _ingest_file(
    store: Store,
    source: Source,
    reader: Reader,
    context: ReadContext,
    report: FileReport,
    *,
    strict: bool,
    on_batch: Callable[[Batch], None],
    on_position: Callable[[float, int], None] | None = None,
) -> FileReport:
    """Ingest one file in one transaction of its own (bulk when the reader can, else by
    batches); its report, status `ok` or (on an `InputError`, but with `strict`) `failed`."""
    provenance = Provenance(source.name, report.format, ingest_id=report.ingest_id)
    utf8 = context.text_encoding == "utf-8"  # DuckDB's reader reads UTF-8 only
    try:
        with logged(store, provenance):
            if isinstance(reader, NativeReader) and utf8:
                result = _ingest_native(
                    store, source, reader, context, provenance, strict, on_position, report
                )
                if result is not None:
                    return _note_cut_short(store, source, _take(report, result))
            batches = reader.read(source, context)
            result = _write_batches(store, batches, provenance, strict=strict, on_batch=on_batch)
            return _note_cut_short(store, source, _take(report, result))
    except InputError as exc:
        report.status = STATUS_FAILED
        report.errors = [p if p.file else replace(p, file=source.name) for p in exc.problems]
        if strict:
            raise
        return report
    except BaseException as exc:
        report.status = STATUS_INTERRUPTED if isinstance(exc, KeyboardInterrupt) else STATUS_FAILED
        raise


#: Formats whose files their publishers end with a line end: a file of one that does not may
#: have been cut short (a CSV of one's own often ends without one).
_ENDED_BY_PUBLISHER = frozenset({"gdelt1", "gdelt2", "gdelt-bq", "icews", "polecat", "plover"})


def _note_cut_short(store: Store, source: Source, report: FileReport) -> FileReport:
    """Note (and log) a plain file of a publisher's format whose last line has no line end:
    a download cut inside its last field reads as a whole row with a shorter last value
    (-122.9 for -122.969), which no check can tell. A cut gzip or zip file fails to read."""
    if report.format not in _ENDED_BY_PUBLISHER or source.member is not None:
        return report
    try:
        if is_gzip(source.path) or not source.path.stat().st_size:
            return report
        with source.path.open("rb") as raw:
            raw.seek(-1, os.SEEK_END)
            if raw.read(1) == b"\n":
                return report
    except OSError:
        return report
    last = store.con.execute(
        "SELECT max(line) FROM events WHERE file = ?", [source.name]
    ).fetchone()
    line = int(last[0]) if last is not None and last[0] is not None else None
    note = Problem(
        "the file ends without a line end (files of this format end with one): it may have "
        "been cut short (an interrupted download?); its last row was read as it stands",
        source.name,
        line,
    )
    report.notes.append(note)
    store.con.execute(
        "UPDATE ingest_log SET message = ? WHERE ingest_id = ?", [str(note), report.ingest_id]
    )
    return report


def _undetected(store: Store, source: Source, exc: InputError) -> FileReport:
    """The report (and failed log row) of a file whose format cannot be told."""
    provenance = Provenance(source.name, "auto")
    open_log(store, provenance)
    fail_log(store, provenance, exc)
    report = FileReport(source.name, "auto", provenance.ingest_id, status=STATUS_FAILED)
    report.errors = list(exc.problems)
    return report


#: The share of a file DuckDB has read from which a bulk ingest reports the stage `storing`
#: (its progress stops at 0.99 until the statement ends: `bulk._watch`).
STORING = 0.99


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
        """Report progress through a bulk ingest (`rows` is known only at its end; from
        `STORING` of the file read on, DuckDB sorts and writes the rows)."""
        self.rows = rows
        if self.callback is not None:
            position = int(fraction * self.size)
            stage = "storing" if fraction >= STORING and not rows else "reading"
            self.callback(
                IngestProgress(
                    self.file, self.index, self.files, position, self.size, self.rows, stage
                )
            )

    def __call__(self, batch: Batch) -> None:
        self.rows += batch.rows
        if self.callback is not None:
            self.callback(
                IngestProgress(
                    self.file, self.index, self.files, batch.position, self.size, self.rows
                )
            )


def _readers(
    format: str, mapping: str | os.PathLike[str] | None
) -> Callable[[Source], tuple[str, Reader]]:
    """The format and reader of each source: the named format's reader (checked now, so a
    bad format or mapping fails before any file), or the detected format's."""
    fixed = None if format == "auto" else reader_for(format, mapping=mapping)
    made: dict[str, Reader] = {}

    def of(source: Source) -> tuple[str, Reader]:
        if fixed is not None:
            check_not_blank(source)
            return format, fixed
        fmt = detect_event_format(source)
        if fmt == "plover":  # told by the name alone: not read yet
            check_not_blank(source)
        if fmt not in made:
            made[fmt] = reader_for(fmt, mapping=mapping)
        return fmt, made[fmt]

    return of


def _ingest_source(
    store: Store,
    source: Source,
    index: int,
    total: int,
    reader_of: Callable[[Source], tuple[str, Reader]],
    context: ReadContext,
    *,
    strict: bool = False,
    progress: ProgressCallback | None = None,
) -> FileReport | InputError:
    """One file's ingest, or the error that kept its format from being known."""
    try:
        fmt, reader = reader_of(source)
    except InputError as exc:
        return exc
    tracker = _Tracker(progress, source.name, index, total, source.size())
    return _ingest_file(
        store,
        source,
        reader,
        context,
        FileReport(source.name, fmt, uuid.uuid4().hex),
        strict=strict,
        on_batch=tracker,
        on_position=tracker.at if progress is not None else None,
    )


def _ingest_sources(
    store: Store,
    sources: list[Source],
    reader_of: Callable[[Source], tuple[str, Reader]],
    context: ReadContext,
    strict: bool,
    progress: ProgressCallback | None,
) -> IngestReport:
    """Ingest each source in turn (see `ingest`); the report of them all."""
    report = IngestReport()
    for index, source in enumerate(sources):
        found = _ingest_source(
            store,
            source,
            index,
            len(sources),
            reader_of,
            context,
            strict=strict,
            progress=progress,
        )
        if isinstance(found, InputError):
            if strict:
                raise found
            report.files.append(_undetected(store, source, found))
            continue
        report.files.append(found)
    return report


def _no_event_file(items: Sequence[str | os.PathLike[str]]) -> Problem:
    """The problem of paths that name no event file (an empty folder, only a pipe or a
    README in it)."""
    named = ", ".join(str(p) for p in items) or "(no path)"
    return Problem(
        f"no event file in {named} (hidden files and files that are surely not event data, "
        "such as README or .md, are passed over)",
        field="paths",
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
    encoding: str | None = None,
    name: str | None = None,
) -> IngestReport:
    """Read event files (paths, directories, globs; plain, .gz or .zip) into the store.

    `format` is 'auto' (guessed per file) or a reader name (`accord.events.READERS`); 'csv'
    needs `mapping`, a column-mapping file. `encoding` declares the files' text encoding
    (default UTF-8; a mapping may declare its own). Rejected rows are logged with file:line
    and reason. A file that cannot be read, or whose rows are all rejected, stores nothing
    and is reported failed while the other files are ingested; then `IngestError` (an
    `InputError` carrying the report) is raised. With `strict`, the first file with a
    rejected row or an error raises `InputError` and stores nothing (files finished before it
    stay stored). Countries are mapped through `world` (default: the store's world, brought
    up to this version's default if it held an older one, else the shipped default world).
    `block_bytes` bounds memory (`lines.MIN_BLOCK_BYTES` to
    `lines.MAX_BLOCK_BYTES`). `name`, for one file, is what the log, rejections and stored
    rows call it instead of its path (an upload kept under a made-up name, say).
    """
    items = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    sources, passed_over = expand_noting([Path(p) if not isinstance(p, str) else p for p in items])
    if not sources:  # folders holding no event file: say so, not an empty report and exit 0
        raise InputError([*passed_over, _no_event_file(items)])
    if name is not None:
        if len({source.path for source in sources}) > 1:
            raise InputError.at("name= names one file; several were given", field="name")
        sources = [replace(source, label=name) for source in sources]
    reader_of = _readers(format, mapping)
    # one ingest at a time per store in this process: the sweep of `running` log rows below
    # must not catch another ingest's
    with store.writing():
        store.ensure(EVENTS_SCHEMA)
        store.con.execute(
            "UPDATE ingest_log SET status = ? WHERE status = ?",
            [STATUS_INTERRUPTED, STATUS_RUNNING],
        )
        if world is None:
            # the actors of the world the store answers with, all that mapping names needs
            # (an older default world brought up to this version's first, as every command
            # does); a store without one maps with the shipped default, left unsaved (a
            # fresh store of events pays no world write)
            world = open_actors(store)
        context = ReadContext(world, block_bytes=block_bytes, encoding=encoding)
        try:
            report = _ingest_sources(store, sources, reader_of, context, strict, progress)
        finally:
            context.close()
    report.passed_over = passed_over
    if report.failed:
        raise IngestError(report)
    return report
