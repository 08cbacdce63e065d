"""The one write path into `events`: every producer (event files read in batches or in bulk,
feeds, simulation runs, exercises) hands its rows here with their provenance.

Rows come staged in the canonical batch layout (`BATCH_COLUMNS`: the `events` columns, then
`reject_reason` / `reject_field`, NULL for good rows), as a registered table, a view or a
parenthesised query. One write, inside one transaction:

- rejected rows go to `ingest_rejections` with file, line, field and reason;
- raw countries that name no state are counted (unmapped) over the good rows;
- good rows are inserted with an explicit column list, only when their key (dataset, event_id,
  event_date) is not stored yet (an anti-join: `events` has no key index, see schema version 2);
- of rows sharing a key within the write the first (lowest line) is kept, the later ones
  deleted (one rule for every producer; rows without a line must not repeat a key);
- the `ingest_log` row (opened `running` before the transaction, so a killed write leaves a
  trace) is closed `ok` with the counts, or `failed` / `interrupted` with the error.

Every statement is DuckDB-native (no Python loop over rows), so a whole file read by DuckDB's
own CSV reader is written in one INSERT.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import duckdb

from accord.errors import Problem
from accord.events.schema import (
    EVENT_COLUMN_NAMES,
    STATUS_FAILED,
    STATUS_INTERRUPTED,
    STATUS_OK,
    STATUS_RUNNING,
)
from accord.store import Store, first_int

#: How many rejections a result keeps in memory per write (the store keeps them all).
REPORTED_REJECTIONS = 1000

_COLUMNS = ", ".join(EVENT_COLUMN_NAMES)
#: What an event says (not where it was read, nor its key or what is derived from its code or
#: kept raw beside it): two rows of one key that differ here are two events under one key.
_CONTENT = tuple(
    name
    for name in EVENT_COLUMN_NAMES
    if name
    not in {
        "dataset",
        "event_id",
        "event_date",
        "cameo_root",
        "file",
        "line",
        "simulated",
        "run_id",
        "step",
        "source_country_raw",
        "target_country_raw",
    }
)
#: What a file says of an event, as stored: `_CONTENT` without what the world derives from it
#: (mapped countries, PLOVER columns): the raw country value in place of the mapped one, so
#: that a store whose world changed between two ingests of one file finds no difference.
_FILE_CONTENT = tuple(
    f"coalesce({{p}}{name}_raw, {{p}}{name})"
    if name in ("source_country", "target_country")
    else f"{{p}}{name}"
    for name in _CONTENT
    if name not in {"location_country", "plover_type", "plover_mode", "plover_context"}
)


def content_hash(prefix: str = "") -> str:
    """SQL: a hash of what a file says of an event (`_FILE_CONTENT`), of the columns of the
    relation `prefix` names (`b.`, or none)."""
    return f"hash({', '.join(c.format(p=prefix) for c in _FILE_CONTENT)})"


_KEY = "e.dataset = b.dataset AND e.event_id = b.event_id AND e.event_date = b.event_date"
#: The rows of a write that are stored: good, with a key not stored yet (an anti-join).
_NEW = f"b.reject_reason IS NULL AND NOT EXISTS (SELECT 1 FROM events AS e WHERE {_KEY})"
_UNMAPPED = """
SELECT raw, count(*) FROM (
    SELECT source_country_raw AS raw FROM {rows}
    WHERE {good} AND source_country IS NULL AND source_country_raw IS NOT NULL
    UNION ALL
    SELECT target_country_raw FROM {rows}
    WHERE {good} AND target_country IS NULL AND target_country_raw IS NOT NULL
) GROUP BY raw
"""

#: Maps a raw country value to ISO3, or None when it names no state.
CountryResolver = Callable[[str], "str | None"]


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a write's rows come from: `name` is the value every row carries in `column`
    (a file name in `file`, or a simulation run id in `run_id`), `format` the reader or
    producer ('gdelt1', 'simulation', ...), `ingest_id` its `ingest_log` row."""

    name: str
    format: str
    column: str = "file"
    ingest_id: str = field(default_factory=lambda: uuid.uuid4().hex)

    def __post_init__(self) -> None:
        if self.column not in ("file", "run_id"):
            raise ValueError(f"provenance column must be 'file' or 'run_id', not {self.column!r}")

    @property
    def scope(self) -> str:
        """SQL condition selecting the stored rows of this producer (`?` is `name`)."""
        return f"{self.column} = ?"


@dataclass
class WriteResult:
    """What one write did: rows handed in, stored, rejected, unmapped raw countries (with how
    many good rows use them) and the first rejections."""

    rows_read: int = 0
    stored: int = 0
    rejected: int = 0
    unmapped: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)
    datasets: set[str] = field(default_factory=set)

    @property
    def duplicate(self) -> int:
        """Good rows not stored: their key was stored already or repeated within the write."""
        return self.rows_read - self.rejected - self.stored


def _ordered(order: Sequence[str]) -> str:
    """SQL: the ORDER BY clause sorting rows `b` by the columns `order` (none when empty)."""
    return f" ORDER BY {', '.join(f'b.{name}' for name in order)}" if order else ""


def _now() -> dt.datetime:
    return dt.datetime.now()


def open_log(store: Store, provenance: Provenance) -> None:
    """Add the write's `running` log row, committed at once (a killed write leaves it)."""
    with store.transaction() as con:
        add_log_row(con, provenance)


def add_log_row(con: duckdb.DuckDBPyConnection, provenance: Provenance) -> None:
    """Add the write's `running` log row inside the caller's transaction (`EventWriter.finish`
    closes it; a rollback leaves no row)."""
    con.execute(
        "INSERT INTO ingest_log (file, dataset, started, status, ingest_id, format) "
        "VALUES (?, NULL, ?, ?, ?, ?)",
        [provenance.name, _now(), STATUS_RUNNING, provenance.ingest_id, provenance.format],
    )


def fail_log(store: Store, provenance: Provenance, exc: BaseException) -> str:
    """Mark the write's log row failed (or interrupted) with the error; return the status."""
    status = STATUS_INTERRUPTED if isinstance(exc, KeyboardInterrupt) else STATUS_FAILED
    store.con.execute(
        "UPDATE ingest_log SET finished = ?, status = ?, message = ? WHERE ingest_id = ?",
        [_now(), status, str(exc)[:2000] or type(exc).__name__, provenance.ingest_id],
    )
    return status


def discard_events(con: duckdb.DuckDBPyConnection, provenance: Provenance) -> int:
    """Delete the stored rows of the producer (a re-run replacing its earlier copy); return
    how many (inside the caller's transaction)."""
    return first_int(con, f"DELETE FROM events WHERE {provenance.scope}", [provenance.name])


class EventWriter:
    """One write into `events` inside the caller's open transaction: `add` (or `insert` then
    `judge`) staged rows, then `finish`. Use `writing` to get one."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        provenance: Provenance,
        *,
        keep: int = REPORTED_REJECTIONS,
        resolve: CountryResolver | None = None,
    ) -> None:
        self.con = con
        self.provenance = provenance
        self.keep = keep
        self.resolve = resolve
        self.result = WriteResult()
        self._settled = False
        #: the largest rowid of `events` before this write's first insert: rows at or below
        #: it were stored by earlier writes (an insert appends)
        self._before: int | None = None

    def insert(
        self,
        rows: str,
        order: Sequence[str] = (),
        after: Mapping[str, str] | None = None,
        carry: Sequence[str] = (),
    ) -> int:
        """Insert the good rows of `rows` whose key is not stored yet, stored sorted by the
        columns `order` (the statement's own ORDER BY); return how many. `after` maps columns
        to SQL computed after the sort from the sorted row `s` (scalar expressions only: a
        join there would lose the order): a literal every row holds (a file name on a million
        rows is 40 MB the sort would copy twice), or a value computed from a sorted column;
        the sort does not carry them. `carry` names more columns of `rows` the sort carries
        for `after` (and `order`) to use, such as a short key in place of a text."""
        if self._before is None:
            self._before = first_int(self.con, "SELECT coalesce(max(rowid), -1) FROM events")
        after = dict(after or {})
        if not order or not after:
            statement = (
                f"INSERT INTO events ({_COLUMNS}) SELECT {_COLUMNS} FROM {rows} AS b "
                f"WHERE {_NEW}{_ordered(order)}"
            )
        else:
            sorted_columns = [name for name in EVENT_COLUMN_NAMES if name not in after]
            sorted_columns += [name for name in carry if name not in sorted_columns]
            inner = ", ".join(f"b.{name}" for name in sorted_columns)
            outer = ", ".join(after.get(name, f"s.{name}") for name in EVENT_COLUMN_NAMES)
            # DuckDB keeps the order of an ORDER BY through the projection above it into the
            # insert, whatever `preserve_insertion_order` says (a fixed order is kept always);
            # not through a join (a hash join above the sort swapped runs of rows: measured)
            statement = (
                f"INSERT INTO events ({_COLUMNS}) SELECT {outer} FROM "
                f"(SELECT {inner} FROM {rows} AS b WHERE {_NEW}{_ordered(order)}) AS s"
            )
        stored = first_int(self.con, statement)
        self.result.stored += stored
        return stored

    def judge(self, rows: str) -> list[Problem]:
        """Log the rejections of `rows`, count them, its rows and its good rows' unmapped
        countries; return its first rejections (at most `keep`)."""
        con, result = self.con, self.result
        con.execute(
            "INSERT INTO ingest_rejections (file, line, reason, field, ingest_id) "
            f"SELECT file, line, reject_reason, reject_field, ? FROM {rows} "
            "WHERE reject_reason IS NOT NULL ORDER BY line",
            [self.provenance.ingest_id],
        )
        problems = [
            Problem(str(reason), str(file), int(line), None if fld is None else str(fld))
            for file, line, reason, fld in con.execute(
                f"SELECT file, line, reject_reason, reject_field FROM {rows} "
                "WHERE reject_reason IS NOT NULL ORDER BY line LIMIT ?",
                [self.keep],
            ).fetchall()
        ]
        counts = con.execute(
            "SELECT count(*), count(reject_reason), "
            f"list(DISTINCT dataset) FILTER (WHERE reject_reason IS NULL) FROM {rows}"
        ).fetchone()
        assert counts is not None  # an aggregate always yields a row
        result.rows_read += int(counts[0])
        result.rejected += int(counts[1])
        result.datasets.update(str(d) for d in counts[2] or [])
        sql = _UNMAPPED.format(rows=rows, good="reject_reason IS NULL")
        for raw, n in con.execute(sql).fetchall():
            if self.resolve is None or self.resolve(str(raw)) is None:
                result.unmapped[str(raw)] += int(n)
        self._keep(problems)
        return problems

    def judge_stored(self, rows: int) -> None:
        """Count a write whose `rows` were all stored as new rows (nothing rejected or
        repeated) from the stored rows, without reading them again."""
        self.result.rows_read += rows
        name = [self.provenance.name]
        sql = _UNMAPPED.format(rows="events", good=self.provenance.scope)
        for raw, n in self.con.execute(sql, name * 2).fetchall():
            self.result.unmapped[str(raw)] += int(n)
        datasets = self.con.execute(
            f"SELECT DISTINCT dataset FROM events WHERE {self.provenance.scope}", name
        ).fetchall()
        self.result.datasets.update(str(d) for (d,) in datasets)

    def add(self, rows: str) -> list[Problem]:
        """Insert and judge `rows`; return its first rejections."""
        self.insert(rows)
        return self.judge(rows)

    def settle(self) -> None:
        """Resolve the stored rows' countries left NULL (with `resolve`) and delete the later
        rows of keys repeated within the write; after the last `insert` (once: later calls
        do nothing)."""
        if self._settled:
            return
        self._settled = True
        if self.resolve is not None:
            self._resolve_rest()
        self.result.stored -= self._drop_repeats()

    def stored_rows(self) -> int:
        """How many rows of this producer `events` holds (this write's and earlier ones)."""
        return first_int(
            self.con,
            f"SELECT count(*) FROM events WHERE {self.provenance.scope}",
            [self.provenance.name],
        )

    def finish(self) -> WriteResult:
        """Close the log row `ok` with the counts (inside the transaction)."""
        result = self.result
        self.con.execute(
            "UPDATE ingest_log SET dataset = ?, finished = ?, rows_read = ?, stored = ?, "
            "duplicate = ?, rejected = ?, status = ?, unmapped = ? WHERE ingest_id = ?",
            [
                ",".join(sorted(result.datasets)) or None,
                _now(),
                result.rows_read,
                result.stored,
                result.duplicate,
                result.rejected,
                STATUS_OK,
                sum(result.unmapped.values()),
                self.provenance.ingest_id,
            ],
        )
        return result

    def _resolve_rest(self) -> None:
        """Resolve actor countries left NULL whose raw value names a state (the bulk path
        maps only known codes in its insert): few distinct values, one update per value."""
        assert self.resolve is not None
        scope, name = self.provenance.scope, self.provenance.name
        for side in ("source", "target"):
            country, raw = f"{side}_country", f"{side}_country_raw"
            values = self.con.execute(
                f"SELECT DISTINCT {raw} FROM events WHERE {scope} AND {country} IS NULL "
                f"AND {raw} IS NOT NULL",
                [name],
            ).fetchall()
            for (value,) in values:
                iso3 = self.resolve(str(value))
                if iso3 is not None:
                    # the raw copy is kept only where it is not the ISO3 (`normalise_sql`)
                    self.con.execute(
                        f"UPDATE events SET {country} = ?, {raw} = NULLIF({raw}, ?) "
                        f"WHERE {scope} AND {country} IS NULL AND {raw} = ?",
                        [iso3, iso3, name, value],
                    )

    def _drop_repeats(self) -> int:
        """Delete the second and later rows (by line) of a key repeated within the write;
        return how many; of rows on one line (a JSON list written on one line) one is kept.
        Earlier writes' rows cannot share a key with this one's (`insert` skips stored keys),
        so every repeat is within this write. Repeats are first looked for by hash of the key
        (a third cheaper than grouping the keys themselves)."""
        con, scope, name = self.con, self.provenance.scope, [self.provenance.name]
        key = "hash(dataset, event_id, event_date)"
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE _clashes AS SELECT h FROM (SELECT {key} AS h "
            f"FROM events WHERE {scope}) GROUP BY h HAVING count(*) > 1",
            name,
        )
        try:
            if not first_int(con, "SELECT count(*) FROM _clashes"):
                return 0
            con.execute(
                "CREATE OR REPLACE TEMP TABLE _repeats AS SELECT dataset, event_id, event_date, "
                f"arg_min(rowid, (line, rowid)) AS kept FROM events WHERE {scope} AND {key} IN "
                "(SELECT h FROM _clashes) GROUP BY ALL HAVING count(*) > 1",
                name,
            )
        finally:
            con.execute("DROP TABLE _clashes")
        try:
            self._reject_conflicts()
            return first_int(
                con,
                f"DELETE FROM events AS e USING _repeats AS r WHERE e.{scope} "
                "AND e.dataset = r.dataset AND e.event_id = r.event_id "
                "AND e.event_date = r.event_date AND e.rowid <> r.kept",
                name,
            )
        finally:
            con.execute("DROP TABLE _repeats")

    def _reject_conflicts(self) -> None:
        """Of the repeats about to be dropped (`_repeats`), those whose event differs from the
        kept row's (`_CONTENT`): rejections naming the line kept, not silent duplicates (one
        key, two events: which is right the file does not say). Exact repeats stay duplicates."""
        con, scope, name = self.con, self.provenance.scope, [self.provenance.name]
        differs = " OR ".join(f"e.{c} IS DISTINCT FROM k.{c}" for c in _CONTENT)
        found = con.execute(
            "SELECT e.file, e.line, e.event_id, e.event_date, k.line FROM events AS e "
            "JOIN _repeats AS r ON e.dataset = r.dataset AND e.event_id = r.event_id "
            "AND e.event_date = r.event_date JOIN events AS k ON k.rowid = r.kept "
            f"WHERE e.{scope} AND e.rowid <> r.kept AND ({differs}) ORDER BY e.line",
            name,
        ).fetchall()
        problems = [
            Problem(
                f"event {event_id} of {day} repeats the id and date of line {kept} with other "
                f"content (actors, code or values): line {kept} is kept",
                str(file),
                int(line),
                "(row)",
            )
            for file, line, event_id, day, kept in found
        ]
        self._reject(problems)

    def _reject(self, problems: list[Problem]) -> None:
        """Log `problems` as rejections of rows the reader found good, and count them."""
        if not problems:
            return
        self.con.executemany(
            "INSERT INTO ingest_rejections (file, line, reason, field, ingest_id) "
            "VALUES (?, ?, ?, ?, ?)",
            [[p.file, p.line, p.message, p.field, self.provenance.ingest_id] for p in problems],
        )
        self.result.rejected += len(problems)
        self._keep(problems)

    def reject_stored_conflicts(self, rows: str, content: str | None = None) -> None:
        """Of the good rows of `rows` not stored because an earlier write stored their key,
        those whose event differs from the stored one (`content_hash`; `content` names a
        column of `rows` holding it, else it is computed from `rows`' columns): rejections
        naming the stored event, as within one write (`_reject_conflicts`), not silent
        duplicates. A file cut short and ingested again whole lands here. Call after the
        write's inserts, when some good rows were not stored."""
        if self._before is None:
            return
        mine = f"b.{content}" if content is not None else content_hash("b.")
        found = self.con.execute(
            "SELECT b.file, b.line, b.event_id, b.event_date, e.file, e.line "
            f"FROM {rows} AS b JOIN events AS e ON {_KEY} "
            f"WHERE b.reject_reason IS NULL AND e.rowid <= ? AND {content_hash('e.')} <> {mine} "
            "ORDER BY b.line",
            [self._before],
        ).fetchall()
        problems = [
            Problem(
                f"event {event_id} of {day} repeats the id and date of an event stored from "
                f"{stored_file} line {stored_line} with other content (actors, code or values): "
                "the stored event is kept",
                str(file),
                int(line),
                "(row)",
            )
            for file, line, event_id, day, stored_file, stored_line in found
        ]
        self._reject(problems)

    def _keep(self, problems: list[Problem]) -> None:
        """Add `problems` to the result's, up to `keep` in all (the store logs every one)."""
        room = self.keep - len(self.result.problems)
        self.result.problems.extend(problems[: max(room, 0)])


@contextmanager
def interrupts_as_such() -> Iterator[None]:
    """Ctrl-C while DuckDB runs a statement: DuckDB stops it and raises its own error
    (`InterruptException`, or a RuntimeError 'Query interrupted' from a fetch); raised here as
    the `KeyboardInterrupt` it was, so a write is logged 'interrupted' (`logged`), not
    'failed', and the CLI exits 130 quietly (it printed a traceback). Around a write's
    statements on the bulk and the batch path of ingest."""
    try:
        yield
    except (duckdb.InterruptException, RuntimeError) as exc:
        if isinstance(exc, duckdb.InterruptException) or "interrupted" in str(exc).lower():
            raise KeyboardInterrupt from exc
        raise


@contextmanager
def logged(store: Store, provenance: Provenance) -> Iterator[Provenance]:
    """Open the write's log row; if the block raises, mark it failed (interrupted on
    Ctrl-C). The block's `write_transaction` closes it `ok`."""
    open_log(store, provenance)
    try:
        yield provenance
    except BaseException as exc:
        fail_log(store, provenance, exc)
        raise


@contextmanager
def write_transaction(
    store: Store,
    provenance: Provenance,
    *,
    keep: int = REPORTED_REJECTIONS,
    resolve: CountryResolver | None = None,
    replace: bool = False,
) -> Iterator[EventWriter]:
    """One transaction running the block's writes; when the block ends without error, the
    writer settles and closes the log row `ok` before the commit (an error rolls everything
    back). With `replace`, the producer's stored rows (same `name`) are deleted first."""
    with store.transaction() as con:
        if replace:
            discard_events(con, provenance)
        writer = EventWriter(con, provenance, keep=keep, resolve=resolve)
        yield writer
        writer.settle()
        writer.finish()


@contextmanager
def writing(
    store: Store,
    provenance: Provenance,
    *,
    keep: int = REPORTED_REJECTIONS,
    resolve: CountryResolver | None = None,
    replace: bool = False,
) -> Iterator[EventWriter]:
    """One logged write as a `with` block (`logged` around `write_transaction`)."""
    with (
        logged(store, provenance),
        write_transaction(store, provenance, keep=keep, resolve=resolve, replace=replace) as writer,
    ):
        yield writer


def write_events(
    store: Store,
    rows: str,
    provenance: Provenance,
    *,
    replace: bool = False,
    keep: int = REPORTED_REJECTIONS,
) -> WriteResult:
    """Write staged `rows` (a table or view name, or a parenthesised query with the
    `BATCH_COLUMNS`) in one logged transaction; see `writing`."""
    with writing(store, provenance, keep=keep, replace=replace) as writer:
        writer.add(rows)
    return writer.result
