"""Relation queries compiled once per shape and run with bound parameters on DuckDB.

Building and compiling an Ibis expression costs tens of milliseconds, far more than running the
query on a store of a few thousand events. So on a DuckDB `events` table each measure's
expression is built once per *shape* (the function, its structural options and which of its
parameters are given) with placeholders instead of the parameter values, compiled to SQL, and
kept; each call then only executes that SQL with the values bound (`$name` parameters) and reads
plain Python rows.
The query is still the one Ibis expression: on any other engine (Spark) or any other table
expression the same builder runs with the real values and Ibis executes it.

A placeholder is a string literal no real value can collide with, cast to the parameter's type;
after compilation each quoted literal is replaced by its `$name`. If the compiled SQL does not
hold each placeholder where expected, that shape falls back to the plain Ibis path.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.operations as ops
import ibis.expr.types as ir
import pyarrow as pa

from accord.relations._compat import raw_connection
from accord.relations.periods import engine_date

#: A measure's builder: the events table and its parameters (values or placeholders) -> query.
Builder = Callable[[ir.Table, Mapping[str, Any]], ir.Table]

#: Parameter values a query can bind (None means "not given", part of the shape).
Value = str | int | dt.date | None

_CAST = {str: "string", int: "int64", dt.date: "date"}
_CACHE_SIZE = 512


@dataclass(frozen=True)
class CompiledQuery:
    """The SQL of one query shape, with `$name` parameters, and the schema Ibis gives its result.

    DuckDB answers some columns in a wider type than the Ibis expression declares (sums of
    counts as HUGEINT, truncated dates as TIMESTAMP); results are brought back to the declared
    types, so both paths return the same values.
    """

    sql: str
    names: tuple[str, ...]
    schema: pa.Schema

    def rows(self, cursor: Any) -> list[dict[str, Any]]:
        """The rows of an executed cursor, with the declared Python types."""
        names = self.schema.names
        convert = [_converter(field.type) for field in self.schema]
        return [
            {
                name: value if value is None else conv(value)
                for name, conv, value in zip(names, convert, row, strict=True)
            }
            for row in cursor.fetchall()
        ]

    def table(self, relation: Any) -> pa.Table:
        """The Arrow table of a DuckDB relation, cast to the declared schema."""
        table: pa.Table = relation.to_arrow_table()
        return table.cast(self.schema)


def _converter(kind: pa.DataType) -> Callable[[Any], Any]:
    if pa.types.is_integer(kind):
        return int
    if pa.types.is_floating(kind):
        return float
    if pa.types.is_date(kind):
        return engine_date
    return lambda value: value


def _marker(name: str) -> str:
    return f"__accord_param_{name}__"


def _placeholder(name: str, value: object) -> ir.Value:
    literal = ibis.literal(_marker(name), type="string")
    cast = _CAST[type(value)]
    return literal if cast == "string" else literal.cast(cast)


class QueryCache:
    """A bounded, thread-safe map from query shapes to compiled SQL (least recently used out)."""

    def __init__(self, size: int = _CACHE_SIZE) -> None:
        self._size = size
        self._items: OrderedDict[Hashable, CompiledQuery | None] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> tuple[bool, CompiledQuery | None]:
        with self._lock:
            if key not in self._items:
                return False, None
            self._items.move_to_end(key)
            return True, self._items[key]

    def put(self, key: Hashable, query: CompiledQuery | None) -> None:
        with self._lock:
            self._items[key] = query
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


#: The process-wide cache of compiled relation queries.
CACHE = QueryCache()


def duckdb_source(events: ir.Table) -> Any:
    """The DuckDB backend of a plain `events` table, or None (other engine or expression)."""
    op = events.op()
    if not isinstance(op, ops.DatabaseTable):
        return None
    source = op.source
    return source if getattr(source, "name", None) == "duckdb" else None


def _compile(
    source: Any, events: ir.Table, build: Builder, values: Mapping[str, Value]
) -> CompiledQuery | None:
    given = {name: value for name, value in values.items() if value is not None}
    params: dict[str, Any] = {name: None for name in values}
    params.update({name: _placeholder(name, value) for name, value in given.items()})
    expr = build(events, params)
    sql: str = source.compile(expr)
    for name in given:
        quoted = f"'{_marker(name)}'"
        if quoted not in sql:
            return None
        sql = sql.replace(quoted, f"${name}")
    if "__accord_param_" in sql:
        return None
    return CompiledQuery(sql, tuple(given), expr.schema().to_pyarrow())


def _prepared(
    events: ir.Table, key: Hashable, build: Builder, values: Mapping[str, Value]
) -> tuple[Any, CompiledQuery] | None:
    """The DuckDB connection and compiled SQL of this call, or None for the Ibis path."""
    source = duckdb_source(events)
    if source is None or any(v is not None and type(v) not in _CAST for v in values.values()):
        return None
    op = events.op()
    shape = tuple(sorted((name, type(v).__name__) for name, v in values.items()))
    full_key = (key, op.name, op.namespace, op.schema, shape)
    found, query = CACHE.get(full_key)
    if not found:
        query = _compile(source, events, build, values)
        CACHE.put(full_key, query)
    if query is None:
        return None
    return raw_connection(source.con), query


def _bound(query: CompiledQuery, values: Mapping[str, Value]) -> dict[str, Value]:
    return {name: values[name] for name in query.names}


def fetch(
    events: ir.Table, key: Hashable, build: Builder, values: Mapping[str, Value]
) -> list[dict[str, Any]]:
    """Rows (column -> value) of the query `build` makes with `values` on `events`.

    `key` names the query's shape besides its parameters (the function and its structural
    options); `values` are the parameters, None for those not given.
    """
    prepared = _prepared(events, key, build, values)
    if prepared is None:
        rows: list[dict[str, Any]] = build(events, dict(values)).to_pyarrow().to_pylist()
        return rows
    con, query = prepared
    return query.rows(con.execute(query.sql, _bound(query, values)))


def fetch_table(
    events: ir.Table, key: Hashable, build: Builder, values: Mapping[str, Value]
) -> pa.Table:
    """Like `fetch`, as an Arrow table (for large results)."""
    prepared = _prepared(events, key, build, values)
    if prepared is None:
        table: pa.Table = build(events, dict(values)).to_pyarrow()
        return table
    con, query = prepared
    return query.table(con.sql(query.sql, params=_bound(query, values)))
