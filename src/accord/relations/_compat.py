"""Bridge between Ibis 12's DuckDB backend and DuckDB 2.x connections.

Ibis 12 still calls `fetch_arrow_table()` / `fetch_record_batch()` on the DuckDB *connection*
(cursor); DuckDB 2.0 renamed those to `to_arrow_table()` / `to_arrow_reader()` (relations keep
the old names, deprecated). `CompatConnection` wraps a connection, forwards everything, and
answers the old names, so Ibis works on the installed DuckDB without pinning an older release.
On a DuckDB that still has the old names the wrapper is not used.
"""

from __future__ import annotations

from typing import Any

import duckdb

from accord.store.database import quiet_cursor


def needs_compat(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether this DuckDB connection lacks the fetch methods Ibis calls."""
    return not hasattr(con, "fetch_arrow_table")


def raw_connection(con: Any) -> duckdb.DuckDBPyConnection:
    """The DuckDB connection itself, whether or not it is wrapped in a `CompatConnection`."""
    if isinstance(con, CompatConnection):
        return con.raw
    found: duckdb.DuckDBPyConnection = con
    return found


class CompatConnection:
    """A DuckDB connection that also answers Ibis's pre-2.0 fetch method names."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self._con = con

    @property
    def raw(self) -> duckdb.DuckDBPyConnection:
        """The wrapped DuckDB connection."""
        return self._con

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)

    def execute(self, *args: Any, **kwargs: Any) -> CompatConnection:
        self._con.execute(*args, **kwargs)
        return self

    def sql(self, *args: Any, **kwargs: Any) -> CompatRelation:
        return CompatRelation(self._con.sql(*args, **kwargs))

    def cursor(self) -> CompatConnection:
        return CompatConnection(quiet_cursor(self._con))  # settings are per connection

    def fetch_arrow_table(self) -> Any:
        return self._con.to_arrow_table()

    def fetch_record_batch(self, rows_per_batch: int = 1_000_000) -> Any:
        return self._con.to_arrow_reader(rows_per_batch)


class CompatRelation:
    """A DuckDB relation whose deprecated `fetch_arrow_table()` goes to `to_arrow_table()`."""

    def __init__(self, relation: Any) -> None:
        self._relation = relation

    def __getattr__(self, name: str) -> Any:
        return getattr(self._relation, name)

    def fetch_arrow_table(self) -> Any:
        return self._relation.to_arrow_table()
