"""DuckDB settings changed for one block of statements and restored after it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import duckdb

#: For statements that write a whole table's worth of rows (bulk ingest, compaction), applied
#: with `where_default` so a limit the caller chose stays theirs. DuckDB's default limit, 80% of
#: RAM, lets it cache the rows it writes (1.7 GB at 5 million ingested events) and hold a
#: sort in memory (over 2 GB compacting them); at 1 GB it evicts and spills instead.
BOUNDED_MEMORY: Mapping[str, str] = {"memory_limit": "'1GB'"}


def setting(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """The current value of a DuckDB setting, as DuckDB shows it ('' when unset)."""
    row = con.execute("SELECT value FROM duckdb_settings() WHERE name = ?", [name]).fetchone()
    return "" if row is None or row[0] is None else str(row[0])


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


@contextmanager
def scoped_settings(
    con: duckdb.DuckDBPyConnection,
    values: Mapping[str, str],
    *,
    where_default: Mapping[str, str] | None = None,
) -> Iterator[None]:
    """Apply `values` (name -> SQL literal) to `con` for the block, and `where_default` only to
    settings the connection holds at DuckDB's default; the connection's own values come back
    after. Settings of `where_default` are reset rather than set back: their shown values are
    rounded (a memory limit set back from its text would shrink a little every time), and a
    value the caller chose is theirs to keep. Settings are undone in reverse order."""
    before = {name: setting(con, name) for name in values}
    defaults: list[str] = []
    if where_default:
        with duckdb.connect() as fresh:
            defaults = [n for n in where_default if setting(con, n) == setting(fresh, n)]
    try:
        for name, value in values.items():
            con.execute(f"SET {name} = {value}")
        for name in defaults:
            con.execute(f"SET {name} = {(where_default or {})[name]}")
        yield
    finally:
        # undone in the reverse order of their setting: some settings change others (setting
        # `progress_bar_time` turns `enable_progress_bar` on), so the earlier values must be
        # the last ones written
        for name in reversed(defaults):
            con.execute(f"RESET {name}")
        for name, value in reversed(before.items()):
            con.execute(f"SET {name} = {_literal(value)}")
