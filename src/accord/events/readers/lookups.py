"""Country and code lookups registered on a DuckDB connection, for normalising a whole file in
one statement (bulk ingest): the code table, the known countries and a place function."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
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

#: Name of the scalar function `register_lookups` adds to a connection.
PLACE_FUNCTION = "_accord_place"
#: The same function giving the place's position in `COUNTRY_LIST` (see there).
PLACE_KEY_FUNCTION = "_accord_place_key"
#: The session variable `register_lookups` sets to every state code the lookups can give,
#: sorted, without repeats. Beside each code, `_known_countries` and `_place_names` hold its
#: 1-based position in this list (`iso3_key`, 2 bytes): a bulk insert's sort carries those
#: keys, ordered as the codes are, instead of the codes (16 bytes each), and looks the codes up
#: after the sort (`canonical_sql.LATE_SQL`): a narrower sort spills less (measured at 5
#: million rows: a row 14 bytes narrower per column saves about 0.3 s a column).
COUNTRY_LIST = "_accord_iso3"
#: The codebook's PLOVER columns as session variables `register_lookups` sets: lists indexed by
#: `code_index`, so that an expression looks a code up in constant time where a join would
#: need a hash join (`LATE_SQL` in `canonical_sql`).
PLOVER_LISTS = {
    "plover_type": "_accord_plover_type",
    "plover_mode": "_accord_plover_mode",
    "plover_context": "_accord_plover_context",
}


def code_index(code: str) -> str:
    """SQL: the 1-based position of the CAMEO code `code` (2 to 4 digits, as every code of
    the codebook, numbered below 2,100) in the lists of `PLOVER_LISTS`: its number, plus
    2,100 per digit short of four, so '04', '040' and '0400' differ. The lists stay short
    (4,221 entries): DuckDB copies a constant list per vector it indexes."""
    return f"(CAST({code} AS INTEGER) + 2100 * (4 - strlen({code})) + 1)"


def code_key(code: str) -> int:
    """What `code_index` gives for the CAMEO code `code` (2 to 4 digits), in Python."""
    return int(code) + 2100 * (4 - len(code)) + 1


#: SQL: the CAMEO code whose `code_index` is the column `s.code_key` (the code's number,
#: padded with zeros to the length the key's hundreds of 2,100 tell).
CODE_FROM_KEY = "lpad(CAST((s.code_key - 1) % 2100 AS VARCHAR), 4 - (s.code_key - 1) // 2100, '0')"


def country_list(context: ReadContext, *tables: pa.Table) -> list[str]:
    """Every state code the lookups can give (`COUNTRY_LIST`): the world's states, CAMEO's
    mapped codes and the `iso3` columns of `tables`, sorted."""
    codes = {*context.state_codes}
    codes.update(c.iso3 for c in ontology.cameo_countries().values() if c.iso3)
    for table in tables:
        codes.update(v for v in table.column("iso3").to_pylist() if v is not None)
    return sorted(codes)


def _keyed(table: pa.Table, index: Mapping[str, int]) -> pa.Table:
    """`table` with `iso3_key`: each `iso3`'s position in `COUNTRY_LIST` (`index`)."""
    keys = [None if v is None else index[v] for v in table.column("iso3").to_pylist()]
    return table.append_column("iso3_key", pa.array(keys, pa.uint16()))


def _coded(table: pa.Table) -> pa.Table:
    """The code table with `code_key` (`code_index` of each code)."""
    keys = [code_key(str(code)) for code in table.column("code").to_pylist()]
    return table.append_column("code_key", pa.array(keys, pa.uint16()))


def _set_plover_lists(con: duckdb.DuckDBPyConnection) -> None:
    """Set the variables of `PLOVER_LISTS` from the registered `_codes` (NULL between codes)."""
    for column, variable in PLOVER_LISTS.items():
        con.execute(
            f"SET VARIABLE {variable} = (SELECT list(c.{column} ORDER BY r.i) FROM "
            f"range(1, (SELECT max({code_index('code')}) FROM _codes) + 1) AS r(i) "
            f"LEFT JOIN (SELECT {code_index('code')} AS i, {column} FROM _codes) AS c "
            "ON c.i = r.i)"
        )


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


def _key_function(
    context: ReadContext,
    index: Mapping[str, int],
    on_rows: Callable[[int], None] | None = None,
) -> Callable[[pa.ChunkedArray | pa.Array], pa.Array]:
    """A vectorised DuckDB function giving the position in `COUNTRY_LIST` (`index`) of the
    state a place name resolves to (`resolve_place`, cached per value); `on_rows` hears how
    many values each call maps. A state missing from the list raises (nothing is stored: the
    file is read by batches)."""

    def lookup(values: pa.ChunkedArray | pa.Array) -> pa.Array:
        if on_rows is not None:
            on_rows(len(values))
        distinct = pc.unique(values)
        keys = []
        for value in distinct.to_pylist():
            iso3 = None if value is None else resolve_place(context, value)
            if iso3 is not None and iso3 not in index:
                raise LookupError(f"{iso3} is not in the list of state codes")
            keys.append(None if iso3 is None else index[iso3])
        return pc.take(pa.array(keys, pa.uint16()), pc.index_in(values, value_set=distinct))

    return lookup


def _udf_options() -> tuple[Any, Any]:
    """DuckDB's 'vectorised Arrow function' and 'function sees NULLs' options (their module
    is `duckdb.func` in DuckDB 2, `duckdb.functional` in 1.x)."""
    name = "duckdb.func" if find_spec("duckdb.func") is not None else "duckdb.functional"
    module = import_module(name)
    return module.PythonUDFType.ARROW, module.FunctionNullHandling.SPECIAL


def _temp_table(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> None:
    """Copy the Arrow `table` into the temporary table `name` of `con`. A query joining a
    registered Arrow table reports almost no progress (DuckDB cannot weigh the Arrow scan:
    an ingest's bar stayed at 0% to the end); a table's progress is counted."""
    con.register("_accord_arrow", table)
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM _accord_arrow")
    finally:
        con.unregister("_accord_arrow")


@contextmanager
def register_lookups(
    con: duckdb.DuckDBPyConnection,
    context: ReadContext,
    on_rows: Callable[[int], None] | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Add to `con`, for the duration of the block, what `normalise_sql` uses with
    `functions=True`: the `_codes`, `_known_countries` and `_place_names` tables, the
    variables of `PLOVER_LISTS` (for `LATE_SQL`) and the place function for the rare names
    SQL does not resolve (places resolve exactly as in `resolve_place`, with the context's
    cache). `on_rows` hears how many rows reach the place function."""
    known, places = known_countries(context), place_names(context)
    countries = country_list(context, known, places)
    index = {code: position for position, code in enumerate(countries, 1)}
    tables = {
        "_codes": _coded(codes_table()),
        "_known_countries": _keyed(known, index),
        "_place_names": _keyed(places, index),
    }
    for name, table in tables.items():
        _temp_table(con, name, table)
    _set_plover_lists(con)
    con.execute(f"SET VARIABLE {COUNTRY_LIST} = ?", [countries])
    arrow, special = _udf_options()
    con.create_function(
        PLACE_FUNCTION,
        _lookup_function(context, resolve_place, on_rows),
        ["VARCHAR"],
        "VARCHAR",
        type=arrow,
        null_handling=special,
    )
    con.create_function(
        PLACE_KEY_FUNCTION,
        _key_function(context, index, on_rows),
        ["VARCHAR"],
        "USMALLINT",
        type=arrow,
        null_handling=special,
    )
    try:
        yield con
    finally:
        con.remove_function(PLACE_KEY_FUNCTION)
        con.remove_function(PLACE_FUNCTION)
        for variable in (*PLOVER_LISTS.values(), COUNTRY_LIST):
            con.execute(f"RESET VARIABLE {variable}")
        for name in reversed(tables):
            con.execute(f"DROP TABLE IF EXISTS temp.{name}")
