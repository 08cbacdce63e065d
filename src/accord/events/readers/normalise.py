"""The second half of every reader: from a staged table (raw fields, parsed types) to the
canonical `events` columns, in one vectorised DuckDB query.

A reader stages `STAGED_COLUMNS` (`staged_columns`); `normalise` then maps countries to ISO3
(`countries`), fills Goldstein, quad class and PLOVER from the shipped ontology where the file
gave none (`event_codes`) and rejects rows without id, date or a known event code, with the query
of `canonical_sql`. Bulk ingest runs the same query over a whole file with the lookups of
`lookups` instead. The names of those modules are re-exported here for existing callers.
"""

from __future__ import annotations

import pyarrow as pa

from accord.events.readers.base import ReadContext, fetch_arrow
from accord.events.readers.canonical_sql import normalise_sql
from accord.events.readers.countries import (
    Resolver,
    known_countries,
    resolve_country,
    resolve_place,
)
from accord.events.readers.event_codes import codes_table
from accord.events.readers.lookups import PLACE_FUNCTION, register_lookups
from accord.events.readers.sql_literal import sql_text
from accord.events.readers.staged_columns import BATCH_COLUMNS, STAGED_COLUMNS

__all__ = [
    "BATCH_COLUMNS",
    "PLACE_FUNCTION",
    "STAGED_COLUMNS",
    "Resolver",
    "codes_table",
    "known_countries",
    "normalise",
    "normalise_sql",
    "register_lookups",
    "resolve_country",
    "resolve_place",
    "sql_text",
]


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
