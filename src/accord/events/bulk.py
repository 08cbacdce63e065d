"""Bulk ingest: DuckDB reads a whole event file itself and inserts it in one statement.

The batch path (`Reader.read`) hands Arrow tables through Python block by block. For formats
whose reader also implements `NativeReader` (GDELT 1.0 and 2.0, plain or gzip files), bulk
ingest hands the one write path (`accord.events.write`) a query over DuckDB's own CSV
reader instead, which it inserts in one `INSERT INTO events SELECT ... ORDER BY` (rows stored
in date order): parsing, typing, verdicts, the codebook join and country and place mapping
(joins with lookup tables built once from the world; actor countries outside the known codes
resolved after the insert) all happen inside DuckDB, with no Python call per row or per value.
Rejections and counts come from a second, narrow pass only when the first one did not store
every row (rejections, repeats, a re-ingest).

A plain file is cut at line ends into one copy per DuckDB thread (`scan_parts`,
`file_parts.line_parts`), each numbered by its own scan, side by side: row numbering keeps a
scan on one thread. Line numbers are DuckDB's row numbers plus the lines before the part, which
equal file lines only when DuckDB skips no line. DuckDB skips blank lines silently, reads
control characters (NUL included) as text and raises on rows it cannot split (too many fields,
bad UTF-8, lines over 2 MB); so the file's bytes are scanned (`byte_scan`: a plain file's
before the insert, a gzip file's or a zip member's by a thread beside it), and when the file
has a control byte, a carriage return inside a line or a byte-order mark starting a line
after the first (files joined end to end: DuckDB would keep it in the event id), DuckDB
yielded another number of rows than there are lines (no part yields more rows than it has
lines, so equal totals mean every part's numbers are right), or raised, `ReadByBlocks` is
raised: the transaction is rolled back and the caller reads the file with the batch path,
whose reports are exact.
"""

from __future__ import annotations

import glob
import shutil
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial

import duckdb

from accord.errors import AccordError, InputError
from accord.events.readers.base import ReadContext
from accord.events.readers.byte_scan import FileScan, scan_file, scan_stream, whole
from accord.events.readers.canonical_sql import KEYS, LATE_SQL
from accord.events.readers.file_parts import FilePart, line_parts
from accord.events.readers.normalise import (
    normalise_sql,
    register_lookups,
    resolve_country,
)
from accord.events.readers.sources import Source, is_gzip
from accord.events.readers.sql_literal import sql_text
from accord.events.write import (
    EventWriter,
    Provenance,
    WriteResult,
    content_hash,
    interrupts_as_such,
    write_transaction,
)
from accord.store import Store, first_int
from accord.store.settings import scoped_settings

#: Bytes read at a time by the line counter of a gzip file or a zip member.
_CHUNK = 16 << 20
#: The order a file's rows are stored in: by date, then by dyad (see `accord.events.compact`,
#: which a store filled file by file in date order does not need).
ORDER = ("event_date", "source_country", "target_country")


class ReadByBlocks(AccordError):
    """The file cannot be ingested in bulk with exact line numbers; read it by batches."""


@dataclass
class _Lines:
    """What the line counter found (`byte_scan.scan_stream`), or the error it hit."""

    scan: FileScan | None = None
    error: BaseException | None = None


def _count_lines(source: Source, out: _Lines) -> None:
    """Scan the lines of `source` as it is decompressed (`scan_stream`) into `out`."""
    try:
        with source.open() as opened:
            out.scan = scan_stream(opened.stream, _CHUNK)
    except BaseException as exc:  # reported by the caller's thread
        out.error = exc


#: Seconds between two looks at DuckDB's progress of the insert.
_POLL = 0.5


def _watch(
    con: duckdb.DuckDBPyConnection, done: threading.Event, report: Callable[[float], None]
) -> None:
    """Report DuckDB's progress of the running statement (0..1, mostly the share of the file
    read): once at the start, then every `_POLL` seconds until `done` when it grew. The caller
    joins this thread before it commits."""
    report(0.0)
    shown = 0.0
    while not done.wait(_POLL):
        # the insert's progress, then that of the statements after it (from 0 again): the
        # bar only moves forward
        percent = min(con.query_progress(), 99.0)
        if percent > shown:
            shown = percent
            report(percent / 100)


#: Connection settings for bulk statements. No progress bar on the terminal (a library does
#: not print). Rows are stored in `ORDER`, which the statement's own ORDER BY keeps; nothing
#: else needs the file's order (each row carries its line). DuckDB cannot estimate how many
#: rows `read_csv` yields (it guesses a few dozen), so its build-side optimizer would build the
#: codebook join's hash table from the whole file (gigabytes at 5 million rows) instead of from
#: the codebook. Memory is bounded with `_MEMORY`.
_SETTINGS = {
    "enable_progress_bar_print": "false",
    "disabled_optimizers": "'build_side_probe_side'",
    "preserve_insertion_order": "false",
}
#: DuckDB's memory limit for a bulk ingest, unless the caller set one: the sort spills beyond
#: it. With `BOUNDED_MEMORY`'s 1 GB the process peaked at 1.28 GB ingesting 5 million events;
#: with 640 MB at 0.94 GB, in the same CPU time (38.5 CPU-s against 39.2).
MEMORY_LIMIT = "640MB"
_MEMORY = {"memory_limit": f"'{MEMORY_LIMIT}'"}
#: Added when someone watches the progress: DuckDB measures it from the first moment.
_WATCHED = {"enable_progress_bar": "true", "progress_bar_time": "0"}


def _judge_all(writer: EventWriter, normalised: str) -> None:
    """Second pass: every row's verdict, for rejections and counts, from a narrow temporary
    copy (the file is read once more, not once per count). Raises `ReadByBlocks` for rows
    narrower than any accepted width (their exact width is only known to the batch path)."""
    con = writer.con
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _verdicts AS SELECT dataset, event_id, event_date, file, "
        "line, reject_reason, reject_field, source_country, source_country_raw, target_country, "
        f"target_country_raw, {content_hash()} AS content FROM {normalised}"
    )
    try:
        narrow = first_int(
            con,
            "SELECT count(*) FROM _verdicts WHERE reject_field = '(row)' "
            "AND reject_reason LIKE '%found -1'",
        )
        if narrow:
            raise ReadByBlocks("rows narrower than the format")
        writer.judge("_verdicts")
        if writer.result.duplicate:  # good rows not stored: their key may be an earlier write's
            writer.reject_stored_conflicts("_verdicts", "content")
    finally:
        con.execute("DROP TABLE _verdicts")


@contextmanager
def scan_parts(store: Store, source: Source) -> Iterator[list[FilePart]]:
    """Copies of `source` cut at line ends into one part per thread of the store's DuckDB,
    for the reader's scan (`NativeReader.native`), in a hidden folder beside the store's
    database (`.NAME.parts-...`; the system's temporary folder for a store in memory),
    removed on exit, and at the next ingest if a killed process left it; empty for a zip
    member, a gzip or small file, or one thread (`file_parts.line_parts`)."""
    if source.member is not None:
        yield []
        return
    threads = first_int(store.con, "SELECT current_setting('threads')")
    if str(store.path) == ":memory:":
        with line_parts(source.path, threads) as parts:
            yield parts
        return
    folder, prefix = store.path.parent, f".{store.path.name}.parts-"
    for left in folder.glob(f"{glob.escape(prefix)}*"):  # a killed ingest's (one writer per store)
        shutil.rmtree(left, ignore_errors=True)
    with line_parts(source.path, threads, folder=folder, prefix=prefix) as parts:
        yield parts


def ingest_bulk(
    store: Store,
    scan: str,
    source: Source,
    context: ReadContext,
    *,
    provenance: Provenance,
    strict: bool,
    keep: int,
    fields: dict[str, str],
    scanned: FileScan | None = None,
    progress: Callable[[float], None] | None = None,
    check: Callable[[WriteResult], None] | None = None,
) -> WriteResult:
    """Ingest `source`, staged by the reader's SQL `scan`, through the one write path
    (`accord.events.write`) in one transaction of its own, which also closes the log row of
    `provenance`. `fields` names the file's id, date, code and quad fields for rejections
    (`normalise_sql`); `keep` bounds the problems returned. Raises `ReadByBlocks` (nothing
    stored: read by batches) or, with `strict`, `InputError` on a rejected row (nothing
    stored); `check` may raise on the result before the commit (nothing stored). `scanned` is
    a plain file's `plain_scan` (None: its lines are counted beside the insert)."""
    lines, counter = _lines_of(source, scanned)
    normalised = "(" + normalise_sql(f"({scan})", functions=True, **fields) + ")"
    con = store.con
    resolve = partial(resolve_country, context)
    values: Mapping[str, str] = _SETTINGS if progress is None else {**_SETTINGS, **_WATCHED}
    done = threading.Event()
    watcher = None
    try:
        with (
            store.writing(),  # the settings and the place function are the database's
            scoped_settings(con, values, where_default=_MEMORY),
            register_lookups(con, context),
            write_transaction(store, provenance, keep=keep, resolve=resolve) as writer,
        ):
            if progress is not None:
                watcher = threading.Thread(target=_watch, args=(con, done, progress), daemon=True)
                watcher.start()
            with interrupts_as_such():
                _ingest(writer, normalised, lines, counter)
            done.set()
            if watcher is not None:
                watcher.join()
            if strict and writer.result.problems:
                raise InputError(writer.result.problems)
            if check is not None:
                check(writer.result)
        return writer.result
    finally:
        done.set()
        if watcher is not None:
            watcher.join()
        if counter is not None:
            counter.join()


def _sorted_by() -> tuple[str, ...]:
    """What the insert's ORDER BY names for `ORDER`: a country's key (`canonical_sql.KEYS`,
    an ENUM whose values are the codes, sorted) in place of its code, the same order."""
    return tuple(f"{name}_key" if f"{name}_key" in KEYS else name for name in ORDER)


def _after(provenance: Provenance) -> dict[str, str]:
    """The columns a bulk ingest adds after its sort rather than sorting them with the rows:
    those every row holds the same value in, as SQL (the file, the provenance's name as
    `staged_sql` writes it, and the simulation columns of `normalise_sql`), and the lookups
    of `LATE_SQL` (the countries, the event code, its root and PLOVER columns, from the
    sorted keys)."""
    return {
        **LATE_SQL,
        "file": sql_text(provenance.name),
        "simulated": "false",
        "run_id": "CAST(NULL AS VARCHAR)",
        "step": "CAST(NULL AS INTEGER)",
    }


def _lines_of(source: Source, scanned: FileScan | None) -> tuple[_Lines, threading.Thread | None]:
    """What the file's lines are: for a plain file from its scan (`plain_scan`), raising
    `ReadByBlocks` at once when DuckDB's row numbers cannot be its lines; else (a zip member
    or a gzip file) the thread counting them beside the insert (started), whose findings the
    insert checks after it."""
    if scanned is None:
        lines = _Lines()
        counter = threading.Thread(target=_count_lines, args=(source, lines), daemon=True)
        counter.start()
        return lines, counter
    _check(scanned)
    return _Lines(scan=scanned), None


def _check(scanned: FileScan) -> None:
    """Raise `ReadByBlocks` when DuckDB's row numbers cannot be the lines of a file scanned
    so: a carriage return inside a line (DuckDB may split it), a control byte (read as text
    by DuckDB, refused by the batch path), a byte-order mark starting a line after the first
    (kept by DuckDB in the line's first field, dropped by the batch path as at the file's
    start: `lines.line_blocks`)."""
    if scanned.odd:
        raise ReadByBlocks("carriage returns inside lines")
    if scanned.control:
        raise ReadByBlocks("control characters")
    if scanned.bom:
        raise ReadByBlocks("byte-order marks inside the file")


def plain_scan(source: Source, parts: Sequence[FilePart]) -> FileScan | None:
    """The scan of a plain file (`byte_scan`): from its parts' scans (`scan_parts`), else
    scanned now (two threads, before the insert); None for a zip member or a gzip file."""
    if source.member is not None:
        return None
    if parts:
        return whole(source.path, [part.scan for part in parts])
    return None if is_gzip(source.path) else scan_file(source.path)


def _ingest(
    writer: EventWriter, normalised: str, lines: _Lines, counter: threading.Thread | None
) -> None:
    """The statements of a bulk ingest, inside its transaction (see `ingest_bulk`)."""
    try:
        writer.insert(normalised, order=_sorted_by(), after=_after(writer.provenance), carry=KEYS)
    except duckdb.InterruptException:
        raise  # Ctrl-C, not a file to read by batches (`interrupts_as_such`)
    except duckdb.Error as exc:
        raise ReadByBlocks(str(exc)) from exc
    if counter is not None:
        counter.join()
    if lines.error is not None:
        raise lines.error
    assert lines.scan is not None  # the counter ended without an error
    _check(lines.scan)
    count = lines.scan.lines
    writer.settle()
    stored = writer.result.stored
    if stored == count and writer.stored_rows() == stored:
        # every line gave a good, new row: nothing rejected, repeated or skipped (DuckDB
        # yields at most one row per line, no carriage return splitting any; a skipped blank
        # line leaves fewer rows than lines)
        writer.judge_stored(stored)
        return
    _judge_all(writer, normalised)
    if writer.result.rows_read != count:
        raise ReadByBlocks(f"DuckDB read {writer.result.rows_read} rows of {count} lines")
