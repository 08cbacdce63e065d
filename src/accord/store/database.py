"""The DuckDB store: one file, schema versions per component, every write a transaction."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from types import TracebackType

import duckdb

from accord.errors import StoreError
from accord.store.discovery import serving
from accord.store.schema import Schema

_META = """
CREATE TABLE IF NOT EXISTS accord_schema (
    component VARCHAR PRIMARY KEY,
    version INTEGER NOT NULL,
    applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp
)
"""


def first_int(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[object] = ()) -> int:
    """The first value of the first row `sql` gives (a count, a version), 0 when no row."""
    row = con.execute(sql, list(params)).fetchone()
    return int(row[0]) if row else 0


#: Commits per store file in this process (see `write_generation`), keyed by the resolved path.
_GENERATIONS: dict[str, int] = {}
_GENERATIONS_LOCK = threading.Lock()


def _generation_key(path: str | os.PathLike[str]) -> str:
    text = str(path)
    return text if text == ":memory:" else str(Path(text).expanduser().resolve())


def write_generation(path: str | os.PathLike[str]) -> int:
    """How many transactions this process has committed to the store at `path`: a number that
    changes with every write, so answers computed from the store can be cached until it does
    (the server's response cache). Writes by another process are not counted: DuckDB lets no
    other process open a file that this one holds read-write."""
    return _GENERATIONS.get(_generation_key(path), 0)


def _bump_generation(key: str) -> None:
    with _GENERATIONS_LOCK:
        _GENERATIONS[key] = _GENERATIONS.get(key, 0) + 1


_WRITE_LOCKS: dict[str, threading.RLock] = {}
_WRITE_LOCKS_GUARD = threading.Lock()


#: Seconds a write waits for the store's write lock before `ON_WRITE_WAIT` is told.
WAIT_NOTICE = 1.0
#: Called once when a write of this context has waited `WAIT_NOTICE` seconds for another
#: write on the same store (a command forwarded to a server during an ingest): the CLI tells
#: its user why nothing happens; a library says nothing.
ON_WRITE_WAIT: ContextVar[Callable[[], None] | None] = ContextVar(
    "accord_on_write_wait", default=None
)


@contextmanager
def holding(lock: threading.RLock) -> Iterator[None]:
    """Hold `lock` for the block, telling `ON_WRITE_WAIT` once if it takes a while."""
    notice = ON_WRITE_WAIT.get()
    if notice is None:
        lock.acquire()
    elif not lock.acquire(timeout=WAIT_NOTICE):
        notice()
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


def write_lock(path: Path) -> threading.RLock:
    """The one lock serialising the write transactions of this process on store file `path`
    (every connection to it: the server's, its jobs', the commands run for the CLI), so two
    writers never conflict and none is lost; readers never take it."""
    if str(path) == ":memory:":  # a database of its connection alone
        return threading.RLock()
    with _WRITE_LOCKS_GUARD:
        return _WRITE_LOCKS.setdefault(str(path.absolute()), threading.RLock())


def _cannot_open(path: Path, exc: duckdb.Error) -> StoreError:
    """The error for a store that would not open: which server holds it, when one does."""
    server = serving(path) if "lock" in str(exc).lower() else None
    if server is not None:
        return StoreError(
            f"cannot open the store at {path}: the Accord server at {server.url} (process "
            f"{server.pid}) holds it; `accord` commands on this store are run by that server, "
            f"and programs can use its API at {server.url}/api"
        )
    return StoreError(f"cannot open the store at {path}: {exc}")


#: Where a DuckDB database file says what it is: bytes 8-11 of its header.
_MAGIC_AT, _MAGIC = 8, b"DUCK"


def _check_database_file(path: Path) -> None:
    """Raise `StoreError` when `path` is an existing file with content that is not a DuckDB
    database: DuckDB would open a CSV, JSON or Parquet file as a database of the moment with
    one view, where every write would be lost without a word."""
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return
        with path.open("rb") as raw:
            head = raw.read(_MAGIC_AT + len(_MAGIC))
    except OSError as exc:
        raise StoreError(f"cannot open the store at {path}: {exc.strerror or exc}") from None
    if head[_MAGIC_AT:] != _MAGIC:
        raise StoreError(
            f"{path} is not a DuckDB database file (an Accord store is one); name a new file "
            "or an Accord store with --db"
        )


def default_db_path() -> Path:
    """Where the store lives unless `--db` says otherwise: `$ACCORD_DB`, else
    `$XDG_DATA_HOME/accord/accord.duckdb` (`~/.local/share/accord/accord.duckdb`)."""
    explicit = os.environ.get("ACCORD_DB")
    if explicit:
        return Path(explicit).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "accord" / "accord.duckdb"


def quiet(con: duckdb.DuckDBPyConnection) -> None:
    """Stop `con` printing: DuckDB draws a progress bar on stdout for any statement over two
    seconds, which would break a command's --json output (progress is read from
    `query_progress` where it is shown). The setting is per connection, never global."""
    con.execute("SET enable_progress_bar_print = false")


def quiet_cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor of `con` (a new connection to its database) that prints nothing."""
    cursor = con.cursor()
    quiet(cursor)
    return cursor


def scratch_connection() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection for transforms that store nothing; it prints nothing."""
    con = duckdb.connect(":memory:")
    quiet(con)
    return con


class Store:
    """An open Accord database. Use as a context manager, or call `close()`."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False):
        self.path = Path(path) if path is not None else default_db_path()
        self.read_only = read_only
        self._generation_key = _generation_key(self.path)
        if str(self.path) != ":memory:":
            self.path = self.path.expanduser()
            if not read_only:
                try:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:  # a file on the path, no permission
                    raise StoreError(
                        f"cannot create the folder of the store {self.path}: {exc.strerror or exc}"
                    ) from None
            _check_database_file(self.path)
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise _cannot_open(self.path, exc) from exc
        quiet(self.con)  # a library does not print
        self._write_lock = write_lock(self.path)
        try:
            has_meta = self._has_meta()
            if not has_meta:
                self._refuse_foreign()
        except duckdb.Error as exc:  # a damaged file: its catalog does not read
            self.con.close()
            raise _cannot_open(self.path, exc) from exc
        except StoreError:
            self.con.close()
            raise
        if not read_only and not has_meta:
            with self._write_lock:
                self.con.execute(_META)

    def _refuse_foreign(self) -> None:
        """Raise `StoreError` for a DuckDB database that holds tables or views but is not an
        Accord store (another program's): Accord would add its tables beside them, or fail
        on a name both use (`events`). An empty database becomes a store."""
        names = [
            str(name)
            for (name,) in self.con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
                "AND table_catalog = current_database() ORDER BY table_name LIMIT 6"
            ).fetchall()
        ]
        if names:
            shown = ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")
            raise StoreError(
                f"{self.path} is a DuckDB database but not an Accord store (it holds {shown}); "
                "name a new file or an Accord store with --db"
            )

    def _has_meta(self) -> bool:
        """Whether the schema-version table exists (a read: opening a store never waits for a
        write under way unless the store is new)."""
        return bool(
            first_int(
                self.con,
                "SELECT count(*) FROM information_schema.tables WHERE table_name = 'accord_schema'"
                " AND table_schema = 'main' AND table_catalog = current_database()",
            )
        )

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A new connection to the same database that prints nothing either (DuckDB's settings
        are per connection: a bare `con.cursor()` would draw its progress bar again)."""
        return quiet_cursor(self.con)

    # -- lifecycle ---------------------------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- transactions ------------------------------------------------------------------------
    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold this store's write lock for the block (`write_lock`): for a write that sets
        up database-wide state (settings, functions) before its transaction begins."""
        with holding(self._write_lock):
            yield

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Run a block atomically: everything in it is committed, or nothing is. The write
        transactions of one process on one store run one at a time (`write_lock`), and every
        commit advances the store's `write_generation` (the one write path of every producer)."""
        with holding(self._write_lock):
            self.con.execute("BEGIN TRANSACTION")
            try:
                yield self.con
            except BaseException:
                self.con.execute("ROLLBACK")
                raise
            else:
                try:
                    self.con.execute("COMMIT")
                finally:
                    _bump_generation(self._generation_key)

    @property
    def generation(self) -> int:
        """This store's `write_generation`."""
        return _GENERATIONS.get(self._generation_key, 0)

    # -- schema ------------------------------------------------------------------------------
    def version(self, component: str) -> int:
        return first_int(
            self.con, "SELECT version FROM accord_schema WHERE component = ?", [component]
        )

    def ensure(self, schema: Schema) -> None:
        """Apply the component's pending migrations, each in its own transaction."""
        current = self.version(schema.component)
        if current > schema.latest:
            raise StoreError(
                f"{self.path}: {schema.component} schema version {current} is newer than this "
                f"Accord understands ({schema.latest}); upgrade Accord"
            )
        for migration in schema.migrations[current:]:
            try:
                self._apply(schema.component, migration.version, migration.sql)
            except duckdb.Error:
                if migration.fallback is None:
                    raise
                self._apply(schema.component, migration.version, migration.fallback)

    def _apply(self, component: str, version: int, sql: str) -> None:
        """Run one migration's `sql` and record `version`, in one transaction."""
        with self.transaction() as con:
            if sql.strip():
                con.execute(sql)
            con.execute(
                "INSERT OR REPLACE INTO accord_schema (component, version) VALUES (?, ?)",
                [component, version],
            )
