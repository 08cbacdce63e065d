"""The second half of every reader: from a staged table (raw fields, parsed types) to the
canonical `events` columns, in one vectorised DuckDB query.

A reader stages these columns (`STAGED_COLUMNS`): dataset, event_id, event_date (DATE or NULL),
actors and sectors, `source_country_raw` / `target_country_raw` (codes or names as written),
cameo_code, quad_class and goldstein when the file carries them (else NULL), PLOVER fields when
the file has them, counts, tone, `location_raw` (a place name ending with its country), lat,
lon, file, line, url, and reject_reason / reject_field for problems only the reader can see.

`normalise` then maps countries to ISO3 (CAMEO exceptions first, then any code, name or alias
of a state in the world), fills Goldstein, quad class and PLOVER from the shipped ontology where
the file gave none, and rejects rows without id, date or a known event code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib import import_module
from importlib.util import find_spec
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from accord.events import ontology
from accord.events.readers.base import ReadContext, fetch_arrow
from accord.events.schema import EVENT_COLUMN_NAMES

STAGED_COLUMNS = (
    "dataset",
    "event_id",
    "event_date",
    "source_actor",
    "source_country_raw",
    "source_sector",
    "target_actor",
    "target_country_raw",
    "target_sector",
    "cameo_code",
    "quad_class",
    "goldstein",
    "plover_type",
    "plover_mode",
    "plover_context",
    "mentions",
    "sources",
    "articles",
    "tone",
    "location_raw",
    "lat",
    "lon",
    "file",
    "line",
    "url",
    "reject_reason",
    "reject_field",
)

#: The columns of every batch a reader yields: the events columns, then the verdict.
BATCH_COLUMNS = (*EVENT_COLUMN_NAMES, "reject_reason", "reject_field")

Resolver = Callable[[ReadContext, str], "str | None"]

_CODES_SCHEMA = pa.schema(
    [
        ("code", pa.string()),
        ("root", pa.string()),
        ("quad_class", pa.int8()),
        ("goldstein", pa.float64()),
        ("plover_type", pa.string()),
        ("plover_mode", pa.string()),
        ("plover_context", pa.string()),
    ]
)


def resolve_country(context: ReadContext, raw: str) -> str | None:
    """ISO3 of the state a raw country code or name denotes, or None (kept raw, counted)."""
    if raw in context.country_cache:
        return context.country_cache[raw]
    text = raw.strip()
    iso3: str | None
    special = ontology.cameo_countries().get(text.upper())
    if special is not None:
        iso3 = special.iso3
    else:
        code = context.world.resolve(text) if text else None
        iso3 = code if code is not None and code in context.state_codes else None
    context.country_cache[raw] = iso3
    return iso3


def resolve_place(context: ReadContext, raw: str) -> str | None:
    """ISO3 of the state a place name ends with: 'Seoul, South Korea', 'Bahamas, The',
    'Korea, Republic Of' (the last comma-separated part, else the last two, either order)."""
    key = "\0place:" + raw
    if key in context.country_cache:
        return context.country_cache[key]
    parts = [p.strip() for p in raw.split(",") if p.strip()]
    candidates = parts[-1:]
    if len(parts) >= 2:
        candidates += [f"{parts[-2]}, {parts[-1]}", f"{parts[-1]} {parts[-2]}"]
    iso3 = None
    for candidate in candidates:
        iso3 = resolve_country(context, candidate)
        if iso3 is not None:
            break
    context.country_cache[key] = iso3
    return iso3


def _register(context: ReadContext, name: str, sql: str, resolve: Resolver) -> None:
    values = [str(r[0]) for r in context.con.execute(sql).fetchall()]
    mapped = [resolve(context, v) for v in values]
    context.con.register(
        name,
        pa.table({"raw": pa.array(values, pa.string()), "iso3": pa.array(mapped, pa.string())}),
    )


def _register_countries(context: ReadContext) -> None:
    _register(
        context,
        "_countries",
        "SELECT DISTINCT v FROM (SELECT source_country_raw AS v FROM _staged "
        "UNION ALL SELECT target_country_raw FROM _staged) WHERE v IS NOT NULL",
        resolve_country,
    )
    _register(
        context,
        "_places",
        "SELECT DISTINCT location_raw FROM _staged WHERE location_raw IS NOT NULL",
        resolve_place,
    )


@lru_cache(maxsize=1)
def codes_table() -> pa.Table:
    """Every event code a file may carry (2 to 4 digits) that the codebook knows, directly or
    through its base code or root, with its root, quad class, Goldstein weight and PLOVER
    mapping: joined with staged rows, a code missing from it is an unknown code."""
    rows: dict[str, list[object]] = {name: [] for name in _CODES_SCHEMA.names}
    for digits in (2, 3, 4):
        for number in range(10**digits):
            code = str(number).zfill(digits)
            entry = ontology.lookup(code)
            if entry is None:
                continue
            mapping = ontology.plover(code)
            rows["code"].append(code)
            rows["root"].append(code[:2])
            rows["quad_class"].append(entry.quad_class)
            rows["goldstein"].append(entry.goldstein)
            rows["plover_type"].append(mapping.plover_type if mapping else None)
            rows["plover_mode"].append((mapping.plover_mode or None) if mapping else None)
            rows["plover_context"].append((mapping.plover_context or None) if mapping else None)
    return pa.table(rows, schema=_CODES_SCHEMA)


_SELECT = """
SELECT
    s.dataset,
    s.event_id,
    s.event_date,
    s.source_actor,
    {source_country} AS source_country,
    s.source_sector,
    s.target_actor,
    {target_country} AS target_country,
    s.target_sector,
    s.cameo_code,
    COALESCE(o.root, CASE WHEN s.cameo_code IS NULL THEN NULL ELSE left(s.cameo_code, 2) END)
        AS cameo_root,
    CAST(COALESCE(s.quad_class, o.quad_class) AS TINYINT) AS quad_class,
    CAST(COALESCE(s.goldstein, o.goldstein) AS DOUBLE) AS goldstein,
    COALESCE(s.plover_type, o.plover_type) AS plover_type,
    COALESCE(s.plover_mode, CASE WHEN s.plover_type IS NULL THEN o.plover_mode END)
        AS plover_mode,
    COALESCE(s.plover_context, CASE WHEN s.plover_type IS NULL THEN o.plover_context END)
        AS plover_context,
    CAST(s.mentions AS INTEGER) AS mentions,
    CAST(s.sources AS INTEGER) AS sources,
    CAST(s.articles AS INTEGER) AS articles,
    CAST(s.tone AS DOUBLE) AS tone,
    {location_country} AS location_country,
    CAST(s.lat AS DOUBLE) AS lat,
    CAST(s.lon AS DOUBLE) AS lon,
    s.file,
    CAST(s.line AS BIGINT) AS line,
    s.url,
    false AS simulated,
    CAST(NULL AS VARCHAR) AS run_id,
    CAST(NULL AS INTEGER) AS step,
    s.source_country_raw,
    s.target_country_raw,
    CASE
        WHEN s.reject_reason IS NOT NULL THEN s.reject_reason
        WHEN s.event_id IS NULL THEN 'missing event id'
        WHEN s.event_date IS NULL THEN 'missing or invalid event date'
        WHEN s.cameo_code IS NOT NULL AND o.code IS NULL
            THEN 'unknown CAMEO event code ' || s.cameo_code
        WHEN s.cameo_code IS NULL AND s.plover_type IS NULL
            THEN 'no event code (neither CAMEO nor PLOVER)'
        WHEN COALESCE(s.quad_class, o.quad_class) NOT BETWEEN 1 AND 4
            THEN 'quad class must be 1, 2, 3 or 4'
    END AS reject_reason,
    CASE
        WHEN s.reject_reason IS NOT NULL THEN s.reject_field
        WHEN s.event_id IS NULL THEN {id_field}
        WHEN s.event_date IS NULL THEN {date_field}
        WHEN s.cameo_code IS NOT NULL AND o.code IS NULL THEN {code_field}
        WHEN s.cameo_code IS NULL AND s.plover_type IS NULL THEN {code_field}
        WHEN COALESCE(s.quad_class, o.quad_class) NOT BETWEEN 1 AND 4 THEN {quad_field}
    END AS reject_field
FROM {staged} AS s
LEFT JOIN _codes AS o ON o.code = s.cameo_code
{joins}"""

_COUNTRY_JOINS = """LEFT JOIN _countries AS sc ON sc.raw = s.source_country_raw
LEFT JOIN _countries AS tc ON tc.raw = s.target_country_raw
LEFT JOIN _places AS lc ON lc.raw = s.location_raw
"""

_KNOWN_JOINS = """LEFT JOIN _known_countries AS sc ON sc.raw = s.source_country_raw
LEFT JOIN _known_countries AS tc ON tc.raw = s.target_country_raw
"""

#: Name of the scalar function `register_lookups` adds to a connection.
PLACE_FUNCTION = "_accord_place"


def known_countries(context: ReadContext) -> pa.Table:
    """Raw country values resolved ahead of reading (`raw`, `iso3`): the codes of the world's
    states and CAMEO's own country and region codes, mapped by `resolve_country`. A value not
    in it is resolved after the rows are stored (see `accord.events.bulk`)."""
    keys = sorted({*context.state_codes, *ontology.cameo_countries()})
    mapped = [resolve_country(context, key) for key in keys]
    return pa.table({"raw": pa.array(keys, pa.string()), "iso3": pa.array(mapped, pa.string())})


def sql_text(value: str | None) -> str:
    """`value` as a SQL string literal (or NULL)."""
    if value is None:
        return "NULL"
    return "'" + value.replace("'", "''") + "'"


def normalise_sql(
    staged: str,
    *,
    functions: bool = False,
    id_field: str = "event_id",
    date_field: str = "event_date",
    code_field: str = "cameo_code",
    quad_field: str = "quad_class",
) -> str:
    """SQL turning the staged relation `staged` (a table name or a parenthesised query) into
    canonical batch rows (`BATCH_COLUMNS`), joined with `_codes` (`codes_table`). Countries
    come from the `_countries` / `_places` tables, or with `functions` from what
    `register_lookups` adds: places through a function, actor countries through
    `known_countries` (NULL for a value not in it: the caller resolves those afterwards);
    `*_field` name the file's own columns, so rejections point at the field the user sees."""
    if functions:
        countries = {
            "source_country": "sc.iso3",
            "target_country": "tc.iso3",
            "location_country": f"{PLACE_FUNCTION}(s.location_raw)",
        }
        joins = _KNOWN_JOINS
    else:
        countries = {
            "source_country": "sc.iso3",
            "target_country": "tc.iso3",
            "location_country": "lc.iso3",
        }
        joins = _COUNTRY_JOINS
    return _SELECT.format(
        staged=staged,
        joins=joins,
        id_field=sql_text(id_field),
        date_field=sql_text(date_field),
        code_field=sql_text(code_field),
        quad_field=sql_text(quad_field),
        **countries,
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


def _udf_options() -> tuple[Any, Any]:
    """DuckDB's 'vectorised Arrow function' and 'function sees NULLs' options (their module
    is `duckdb.func` in DuckDB 2, `duckdb.functional` in 1.x)."""
    name = "duckdb.func" if find_spec("duckdb.func") is not None else "duckdb.functional"
    module = import_module(name)
    return module.PythonUDFType.ARROW, module.FunctionNullHandling.SPECIAL


@contextmanager
def register_lookups(
    con: duckdb.DuckDBPyConnection,
    context: ReadContext,
    on_rows: Callable[[int], None] | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Add to `con`, for the duration of the block, what `normalise_sql` uses with
    `functions=True`: the `_codes` and `_known_countries` tables and the place function
    (places resolve exactly as in `resolve_place`, with the context's cache). `on_rows` hears
    how many rows reach the place function (once per row of a statement: a progress
    measure)."""
    con.register("_codes", codes_table())
    con.register("_known_countries", known_countries(context))
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
        con.unregister("_known_countries")
        con.unregister("_codes")


def normalise(
    context: ReadContext,
    staged: pa.Table,
    *,
    id_field: str = "event_id",
    date_field: str = "event_date",
    code_field: str = "cameo_code",
    quad_field: str = "quad_class",
) -> pa.Table:
    """The canonical batch (`BATCH_COLUMNS`) for a staged Arrow table; `*_field` name the
    file's own columns, so rejections point at the field the user sees."""
    con = context.con
    con.register("_staged", staged)
    try:
        _register_countries(context)
        con.register("_codes", codes_table())
        sql = normalise_sql(
            "_staged",
            id_field=id_field,
            date_field=date_field,
            code_field=code_field,
            quad_field=quad_field,
        )
        return fetch_arrow(con, sql)
    finally:
        for name in ("_staged", "_countries", "_places", "_codes"):
            con.unregister(name)
