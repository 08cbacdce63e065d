"""Country and code lookups registered on a DuckDB connection, for normalising a whole file in
one statement (bulk ingest): the code table, the known countries and a place function."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import import_module
from importlib.util import find_spec
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from accord.events import ontology
from accord.events.readers.base import ReadContext
from accord.events.readers.countries import (
    Resolver,
    known_countries,
    place_names,
    resolve_place,
)
from accord.events.readers.event_codes import codes_table
from accord.events.readers.sql_literal import sql_text

#: Name of the scalar function `register_lookups` adds to a connection.
PLACE_FUNCTION = "_accord_place"
#: The temporary ENUM types `register_lookups` creates, by the column whose values they list
#: (sorted): every state code the lookups can give, and the codebook's codes, roots and PLOVER
#: values. Beside each value, the lookup tables hold it as that type (`<column>_key`, 1 or 2
#: bytes, ordered as the texts are): a bulk insert's sort carries those keys instead of the
#: texts (16 bytes each) and casts them back to text after the sort (`canonical_sql.LATE_SQL`),
#: which costs no join and no list lookup. A narrower sort spills less (measured at 5 million
#: rows: a row 14 bytes narrower per column saves about 0.3 s a column).
KEY_TYPES = {
    "iso3": "_accord_country",
    "code": "_accord_code",
    "root": "_accord_root",
    "plover_type": "_accord_plover_type",
    "plover_mode": "_accord_plover_mode",
    "plover_context": "_accord_plover_context",
}


def country_codes(context: ReadContext, *tables: pa.Table) -> list[str]:
    """Every state code the lookups can give: the world's states, CAMEO's mapped codes and the
    `iso3` columns of `tables`, sorted (the values of `KEY_TYPES['iso3']`)."""
    codes = {*context.state_codes}
    codes.update(c.iso3 for c in ontology.cameo_countries().values() if c.iso3)
    for table in tables:
        codes.update(v for v in table.column("iso3").to_pylist() if v is not None)
    return sorted(codes)


def _values(table: pa.Table, column: str) -> list[str]:
    """The distinct values of `table`'s `column`, sorted, without NULL."""
    return sorted({str(v) for v in table.column(column).to_pylist() if v is not None})


def _create_type(con: duckdb.DuckDBPyConnection, name: str, values: list[str]) -> None:
    """Create the temporary ENUM type `name` of `values` (in their order)."""
    listed = ", ".join(sql_text(v) for v in values)
    con.execute(f"CREATE OR REPLACE TEMP TYPE {name} AS ENUM ({listed})")


def _lookup_function(
    context: ReadContext, resolve: Resolver, on_rows: Callable[[int], None] | None = None
) -> Callable[[pa.ChunkedArray | pa.Array], pa.Array]:
    """A vectorised DuckDB function mapping raw strings through `resolve` (cached per value);
    `on_rows` hears how many values each call maps."""

    def lookup(values: pa.ChunkedArray | pa.Array) -> pa.Array:
        if on_rows is not None:
            on_rows(len(values))
        distinct = pc.unique(values)
        mapped = pa.array(
            [None if v is None else resolve(context, v) for v in distinct.to_pylist()],
            pa.string(),
        )
        return pc.take(mapped, pc.index_in(values, value_set=distinct))

    return lookup


def _udf_options() -> tuple[Any, Any]:
    """DuckDB's 'vectorised Arrow function' and 'function sees NULLs' options (their module
    is `duckdb.func` in DuckDB 2, `duckdb.functional` in 1.x)."""
    name = "duckdb.func" if find_spec("duckdb.func") is not None else "duckdb.functional"
    module = import_module(name)
    return module.PythonUDFType.ARROW, module.FunctionNullHandling.SPECIAL


def _temp_table(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> None:
    """Copy the Arrow `table` into the temporary table `name` of `con`, with its columns
    named in `KEY_TYPES` also as keys of those types (`<column>_key`). A query joining a
    registered Arrow table reports almost no progress (DuckDB cannot weigh the Arrow scan:
    an ingest's bar stayed at 0% to the end); a table's progress is counted."""
    keys = "".join(
        f", CAST({column} AS {KEY_TYPES[column]}) AS {column}_key"
        for column in table.column_names
        if column in KEY_TYPES
    )
    con.register("_accord_arrow", table)
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT *{keys} FROM _accord_arrow")
    finally:
        con.unregister("_accord_arrow")


@contextmanager
def register_lookups(
    con: duckdb.DuckDBPyConnection,
    context: ReadContext,
    on_rows: Callable[[int], None] | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Add to `con`, for the duration of the block, what `normalise_sql` uses with
    `functions=True`: the `_codes`, `_known_countries` and `_place_names` tables with their
    keys (`KEY_TYPES`, for `LATE_SQL`) and the place function for the rare names SQL does not
    resolve (places resolve exactly as in `resolve_place`, with the context's cache).
    `on_rows` hears how many rows reach the place function."""
    known, places, codes = known_countries(context), place_names(context), codes_table()
    types = {
        "iso3": country_codes(context, known, places),
        **{column: _values(codes, column) for column in KEY_TYPES if column != "iso3"},
    }
    for column, values in types.items():
        _create_type(con, KEY_TYPES[column], values)
    tables = {"_codes": codes, "_known_countries": known, "_place_names": places}
    for name, table in tables.items():
        _temp_table(con, name, table)
    arrow, special = _udf_options()
    con.create_function(
        PLACE_FUNCTION,
        _lookup_function(context, resolve_place, on_rows),
        ["VARCHAR"],
        "VARCHAR",
        type=arrow,
        null_handling=special,
    )
    try:
        yield con
    finally:
        con.remove_function(PLACE_FUNCTION)
        for name in reversed(tables):
            con.execute(f"DROP TABLE IF EXISTS temp.{name}")
        for name in KEY_TYPES.values():
            con.execute(f"DROP TYPE IF EXISTS {name}")
