"""Bulk ingest: DuckDB reads a whole event file itself and inserts it in one statement.

The batch path (`Reader.read`) hands Arrow tables through Python block by block. For formats
whose reader also implements `NativeReader` (GDELT 1.0 and 2.0, plain or gzip files), bulk
ingest runs one `INSERT INTO events SELECT ...` over DuckDB's own CSV reader instead:
parsing, typing, verdicts, the codebook join and country mapping all happen inside DuckDB
(actor countries joined with the known codes, the few other values resolved after the insert;
places through a vectorised Python function with the reader's cache), and only new rows are
inserted (an anti-join on the key). Rejections and counts come from a second, narrow pass
only when the first one did not store every row (rejections, repeats, a re-ingest).

Line numbers are DuckDB's row numbers, which equal file lines only when DuckDB skips no line.
DuckDB skips blank lines silently and raises on rows it cannot split (too many fields, bad
UTF-8); so a thread counts the file's lines meanwhile, and when the file has a blank line,
DuckDB yielded fewer rows than there are lines, or raised, `ReadByBlocks` is raised: the
transaction is rolled back and the caller reads the file with the batch path, whose reports are
exact. (A plain file is read as two scans, each numbering its own half, so that two cores work:
see `native_picked_sql`. A blank line would make the first scan read into the second's half
with the total still right, hence the explicit check.)
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from accord.errors import AccordError, InputError, Problem
from accord.events.readers.base import ReadContext
from accord.events.readers.normalise import (
    normalise_sql,
    register_lookups,
    resolve_country,
)
from accord.events.readers.sources import Source
from accord.events.schema import EVENT_COLUMN_NAMES
from accord.store import Store, first_int
from accord.store.settings import BOUNDED_MEMORY, scoped_settings

#: Bytes read at a time by the line counter.
_CHUNK = 16 << 20
_COLUMNS = ", ".join(EVENT_COLUMN_NAMES)
#: A blank line: an empty line, or one holding only a carriage return (one regular expression
#: search costs less than two substring searches).
_BLANK = re.compile(b"\n\r?\n")
_KEY = "e.dataset = b.dataset AND e.event_id = b.event_id AND e.event_date = b.event_date"


class ReadByBlocks(AccordError):
    """The file cannot be ingested in bulk with exact line numbers; read it by batches."""


@dataclass
class BulkResult:
    """What a bulk ingest of one file did (the caller's `FileReport` takes these)."""

    rows_read: int
    stored: int
    rejected: int
    unmapped: dict[str, int]
    #: the first rejections (at most `keep` of them)
    problems: list[Problem]


@dataclass
class _Lines:
    """What the line counter found: lines, whether a carriage return ends no line (`odd`),
    whether a line is blank (`blank`), or the error it hit."""

    count: int = 0
    odd: bool = False
    blank: bool = False
    error: BaseException | None = None


def _count_lines(source: Source, out: _Lines) -> None:
    """Count the lines of `source` (a last line without newline counts), and flag a carriage
    return that ends no line (DuckDB may split a line there) and a blank line (DuckDB skips
    it). The ends of the previous chunk are searched with the start of each chunk, so a blank
    line across two chunks (or at the very start: a newline is assumed before the file) is
    seen too."""
    try:
        last = b""
        tail = b"\n"
        with source.open() as opened:
            while chunk := opened.stream.read(_CHUNK):
                out.count += chunk.count(b"\n")
                if b"\r" in chunk:  # a search, much cheaper than counting
                    returns = chunk.count(b"\r")
                    if returns != chunk.count(b"\r\n") + chunk.endswith(b"\r"):
                        out.odd = True
                if not out.blank and (_BLANK.search(tail + chunk[:2]) or _BLANK.search(chunk)):
                    out.blank = True
                last = chunk[-1:]
                tail = chunk[-2:]
        if last not in (b"\n", b""):
            out.count += 1
    except BaseException as exc:  # reported by the caller's thread
        out.error = exc


class _Progress:
    """Rows that reached the place function so far, against the file's line count."""

    def __init__(self, lines: _Lines) -> None:
        self.lines = lines
        self.rows = 0

    def add(self, rows: int) -> None:
        self.rows += rows

    def fraction(self) -> float:
        total = self.lines.count
        return min(self.rows / total, 1.0) if total else 0.0


def _watch(progress: _Progress, done: threading.Event, report: Callable[[float], None]) -> None:
    """Report progress (0..1): once at the start, then every half second until `done`.
    The caller joins this thread before it commits."""
    report(0.0)
    while not done.wait(0.5):
        report(progress.fraction())


#: Connection settings for bulk statements. No progress bar on the terminal (a library does
#: not print). Rows need not be stored in file order (each carries its line), and keeping
#: that order would run the two scans of a plain file (`native_picked_sql`) one after the
#: other instead of side by side. DuckDB cannot estimate how many rows `read_csv` yields (it
#: guesses a few dozen), so its build-side optimizer would build the codebook join's hash
#: table from the whole file (gigabytes at 5 million rows) instead of from the codebook. Memory
#: is bounded with `BOUNDED_MEMORY` (no measured cost in time).
_SETTINGS = {
    "enable_progress_bar_print": "false",
    "disabled_optimizers": "'build_side_probe_side'",
    "preserve_insertion_order": "false",
}


def _insert_new(con: duckdb.DuckDBPyConnection, normalised: str) -> int:
    return first_int(
        con,
        f"INSERT INTO events ({_COLUMNS}) SELECT {_COLUMNS} FROM {normalised} AS b "
        f"WHERE b.reject_reason IS NULL AND NOT EXISTS (SELECT 1 FROM events AS e WHERE {_KEY})",
    )


def _drop_repeats(con: duckdb.DuckDBPyConnection, file: str) -> int:
    """Delete the second and later rows of a key repeated within `file`; return how many.
    Rows of `file` stored by earlier ingests cannot share a key with the new ones (the
    insert skipped existing keys), so every repeat is within this ingest. Repeats are first
    looked for by hash of the key (a third cheaper than grouping the keys themselves)."""
    key = "hash(dataset, event_id, event_date)"
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE _clashes AS SELECT h FROM (SELECT {key} AS h "
        "FROM events WHERE file = ?) GROUP BY h HAVING count(*) > 1",
        [file],
    )
    try:
        if not first_int(con, "SELECT count(*) FROM _clashes"):
            return 0
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _repeats AS SELECT dataset, event_id, event_date, "
            f"min(line) AS first FROM events WHERE file = ? AND {key} IN "
            "(SELECT h FROM _clashes) GROUP BY ALL HAVING count(*) > 1",
            [file],
        )
    finally:
        con.execute("DROP TABLE _clashes")
    try:
        return first_int(
            con,
            "DELETE FROM events AS e USING _repeats AS r WHERE e.file = ? "
            "AND e.dataset = r.dataset AND e.event_id = r.event_id "
            "AND e.event_date = r.event_date AND e.line > r.first",
            [file],
        )
    finally:
        con.execute("DROP TABLE _repeats")


def _resolve_rest(con: duckdb.DuckDBPyConnection, file: str, context: ReadContext) -> None:
    """Resolve the actor countries of `file` the insert left NULL because their raw value
    was not among `known_countries` (names, aliases, odd codes): few distinct values, so
    one update per value that names a state."""
    for side in ("source", "target"):
        country, raw = f"{side}_country", f"{side}_country_raw"
        values = con.execute(
            f"SELECT DISTINCT {raw} FROM events WHERE file = ? AND {country} IS NULL "
            f"AND {raw} IS NOT NULL",
            [file],
        ).fetchall()
        for (value,) in values:
            iso3 = resolve_country(context, str(value))
            if iso3 is not None:
                con.execute(
                    f"UPDATE events SET {country} = ? WHERE file = ? AND {country} IS NULL "
                    f"AND {raw} = ?",
                    [iso3, file, value],
                )


_UNMAPPED = """
SELECT raw, count(*) FROM (
    SELECT source_country_raw AS raw FROM {rows}
    WHERE {good} source_country IS NULL AND source_country_raw IS NOT NULL
    UNION ALL
    SELECT target_country_raw FROM {rows}
    WHERE {good} target_country IS NULL AND target_country_raw IS NOT NULL
) GROUP BY raw
"""


def _unmapped(con: duckdb.DuckDBPyConnection, sql: str, params: list[object]) -> dict[str, int]:
    return {str(raw): int(n) for raw, n in con.execute(sql, params).fetchall()}


def _verdicts(
    con: duckdb.DuckDBPyConnection, normalised: str, ingest_id: str, keep: int
) -> tuple[int, int, dict[str, int], list[Problem]]:
    """Second pass: every row's verdict, for rejections and counts (rows read, rejected,
    unmapped countries of good rows). Raises `ReadByBlocks` for rows narrower than any
    accepted width (their exact width is only known to the batch path)."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _verdicts AS SELECT file, line, reject_reason, "
        "reject_field, source_country, source_country_raw, target_country, target_country_raw "
        f"FROM {normalised}"
    )
    try:
        narrow = first_int(
            con,
            "SELECT count(*) FROM _verdicts WHERE reject_field = '(row)' "
            "AND reject_reason LIKE '%found -1'",
        )
        if narrow:
            raise ReadByBlocks("rows narrower than the format")
        rows = first_int(con, "SELECT count(*) FROM _verdicts")
        rejected = first_int(con, "SELECT count(*) FROM _verdicts WHERE reject_reason IS NOT NULL")
        con.execute(
            "INSERT INTO ingest_rejections (file, line, reason, field, ingest_id) "
            "SELECT file, line, reject_reason, reject_field, ? FROM _verdicts "
            "WHERE reject_reason IS NOT NULL ORDER BY line",
            [ingest_id],
        )
        problems = [
            Problem(str(reason), str(file), int(line), None if fld is None else str(fld))
            for file, line, reason, fld in con.execute(
                "SELECT file, line, reject_reason, reject_field FROM _verdicts "
                "WHERE reject_reason IS NOT NULL ORDER BY line LIMIT ?",
                [keep],
            ).fetchall()
        ]
        unmapped = _unmapped(
            con, _UNMAPPED.format(rows="_verdicts", good="reject_reason IS NULL AND"), []
        )
    finally:
        con.execute("DROP TABLE _verdicts")
    return rows, rejected, unmapped, problems


def ingest_bulk(
    store: Store,
    scan: str,
    source: Source,
    context: ReadContext,
    *,
    ingest_id: str,
    strict: bool,
    keep: int,
    fields: dict[str, str],
    finish: Callable[[duckdb.DuckDBPyConnection, BulkResult], None],
    progress: Callable[[float], None] | None = None,
) -> BulkResult:
    """Ingest `source`, staged by the reader's SQL `scan`, in one transaction of its own, which
    `finish` completes (e.g. the ingest log) before it commits. `fields` names the file's id,
    date, code and quad fields for rejections (`normalise_sql`); `keep` bounds the problems
    returned. Raises `ReadByBlocks` (nothing stored: read by batches) or, with `strict`,
    `InputError` on a rejected row (nothing stored)."""
    lines = _Lines()
    counter = threading.Thread(target=_count_lines, args=(source, lines), daemon=True)
    counter.start()
    done = threading.Event()
    seen = _Progress(lines)
    watcher = None
    if progress is not None:
        watcher = threading.Thread(target=_watch, args=(seen, done, progress), daemon=True)
        watcher.start()
    normalised = "(" + normalise_sql(f"({scan})", functions=True, **fields) + ")"
    con = store.con
    try:
        settings = scoped_settings(con, _SETTINGS, where_default=BOUNDED_MEMORY)
        with settings, register_lookups(con, context, seen.add), store.transaction():
            result = _ingest(con, normalised, source, lines, counter, ingest_id, keep, context)
            if strict and result.problems:
                raise InputError(result.problems)
            finish(con, result)
        return result
    finally:
        done.set()
        if watcher is not None:
            watcher.join()
        counter.join()


def _ingest(
    con: duckdb.DuckDBPyConnection,
    normalised: str,
    source: Source,
    lines: _Lines,
    counter: threading.Thread,
    ingest_id: str,
    keep: int,
    context: ReadContext,
) -> BulkResult:
    """The statements of a bulk ingest, inside its transaction (see `ingest_bulk`)."""
    try:
        stored = _insert_new(con, normalised)
    except duckdb.Error as exc:
        raise ReadByBlocks(str(exc)) from exc
    counter.join()
    if lines.error is not None:
        raise lines.error
    if lines.odd:
        raise ReadByBlocks("carriage returns inside lines")
    if lines.blank:
        raise ReadByBlocks("blank lines")
    _resolve_rest(con, source.name, context)
    stored -= _drop_repeats(con, source.name)
    of_file = first_int(con, "SELECT count(*) FROM events WHERE file = ?", [source.name])
    if stored == lines.count and of_file == stored:
        # every line gave a good, new row: nothing rejected, repeated or skipped (DuckDB
        # yields at most one row per line, no carriage return splitting any)
        unmapped = _unmapped(
            con, _UNMAPPED.format(rows="events", good="file = ? AND"), [source.name] * 2
        )
        return BulkResult(lines.count, stored, 0, unmapped, [])
    rows, rejected, unmapped, problems = _verdicts(con, normalised, ingest_id, keep)
    unmapped = {raw: n for raw, n in unmapped.items() if resolve_country(context, raw) is None}
    if rows != lines.count:
        raise ReadByBlocks(f"DuckDB read {rows} rows of {lines.count} lines")
    return BulkResult(rows, stored, rejected, unmapped, problems)
