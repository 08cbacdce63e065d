"""The DuckDB store: one file, schema versions per component, every write a transaction."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

import duckdb

from accord.errors import StoreError
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


def default_db_path() -> Path:
    """Where the store lives unless `--db` says otherwise: `$ACCORD_DB`, else
    `$XDG_DATA_HOME/accord/accord.duckdb` (`~/.local/share/accord/accord.duckdb`)."""
    explicit = os.environ.get("ACCORD_DB")
    if explicit:
        return Path(explicit).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "accord" / "accord.duckdb"


class Store:
    """An open Accord database. Use as a context manager, or call `close()`."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False):
        self.path = Path(path) if path is not None else default_db_path()
        self.read_only = read_only
        self._generation_key = _generation_key(self.path)
        if str(self.path) != ":memory:":
            self.path = self.path.expanduser()
            if not read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from exc
        if not read_only:
            self.con.execute(_META)

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
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Run a block atomically: everything in it is committed, or nothing is. Every commit
        advances the store's `write_generation` (the one write path of every producer)."""
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
            with self.transaction() as con:
                con.execute(migration.sql)
                con.execute(
                    "INSERT OR REPLACE INTO accord_schema (component, version) VALUES (?, ?)",
                    [schema.component, migration.version],
                )
