"""The one query from a staged relation to canonical batch rows (`BATCH_COLUMNS`): countries
joined in, Goldstein, quad class and PLOVER filled from the code table where the file gave none,
and rows without id, date or a known event code marked rejected."""

from __future__ import annotations

import datetime as dt

from accord.events.readers.lookups import KEY_TYPES, PLACE_FUNCTION
from accord.events.readers.sql_literal import sql_text

#: The days an event may carry: those pandas' nanosecond timestamps hold (1677-09-22 to
#: 2262-04-11, whole years inside), so every query, export and plot of a stored row works. A
#: reader's date outside (year 99999, '-infinity', a BC date that DuckDB's cast accepts)
#: rejects the row, naming the date field.
FIRST_EVENT_DAY = dt.date(1678, 1, 1)
LAST_EVENT_DAY = dt.date(2261, 12, 31)

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
    COALESCE(o.code, s.cameo_code) AS cameo_code,
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
    NULLIF(s.source_country_raw, {source_country}) AS source_country_raw,
    NULLIF(s.target_country_raw, {target_country}) AS target_country_raw,{keys}
    CASE
        WHEN s.reject_reason IS NOT NULL THEN s.reject_reason
        WHEN s.event_id IS NULL THEN 'missing event id'
        WHEN s.event_date IS NULL THEN 'missing or invalid event date'
        WHEN s.event_date NOT BETWEEN DATE '{first_day}' AND DATE '{last_day}'
            THEN 'event date outside {first_day} to {last_day}: ' || CAST(s.event_date AS VARCHAR)
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
        WHEN s.event_date NOT BETWEEN DATE '{first_day}' AND DATE '{last_day}' THEN {date_field}
        WHEN s.cameo_code IS NOT NULL AND o.code IS NULL THEN {code_field}
        WHEN s.cameo_code IS NULL AND s.plover_type IS NULL THEN {code_field}
        WHEN COALESCE(s.quad_class, o.quad_class) NOT BETWEEN 1 AND 4 THEN {quad_field}
    END AS reject_field
FROM {staged} AS s
LEFT JOIN _codes AS o ON o.written = s.cameo_code
{joins}"""

_COUNTRY_JOINS = """LEFT JOIN _countries AS sc ON sc.raw = s.source_country_raw
LEFT JOIN _countries AS tc ON tc.raw = s.target_country_raw
LEFT JOIN _places AS lc ON lc.raw = s.location_raw
"""

_KNOWN_JOINS = """LEFT JOIN _known_countries AS sc ON sc.raw = s.source_country_raw
LEFT JOIN _known_countries AS tc ON tc.raw = s.target_country_raw
LEFT JOIN _place_names AS p1 ON p1.key = lower(s.place_last)
LEFT JOIN _place_names AS p2 ON p2.key =
    CASE WHEN p1.iso3 IS NULL THEN lower(s.place_prev || ', ' || s.place_last) END
LEFT JOIN _place_names AS p3 ON p3.key = CASE WHEN p1.iso3 IS NULL AND p2.iso3 IS NULL
    THEN lower(s.place_last || ' ' || s.place_prev) END
"""

#: The last two comma-separated parts of the place name, trimmed (`place_prev` NULL when the
#: name has one part), beside the staged columns. The name is split once (`split_part` splits
#: the whole name into a list at each call).
_PLACE_PARTS = """(SELECT *,
    trim(place_parts[-1]) AS place_last,
    CASE WHEN len(place_parts) > 1 THEN trim(place_parts[-2]) END AS place_prev
FROM (SELECT *, string_split(location_raw, ',') AS place_parts FROM {staged}))"""


def _plain(part: str) -> str:
    """SQL: `part` is a name `lower` normalises as `World.resolve` does (not empty, ASCII
    only - as many bytes as characters - and no double space)."""
    return f"({part} <> '' AND strlen({part}) = length({part}) AND NOT contains({part}, '  '))"


def _place_sql(column: str, function: str) -> str:
    """SQL: the place's state (its `column` of `_place_names`), as `countries.resolve_place`
    finds it: the last part, else the last two either way round, each looked up in
    `_place_names` (`countries.place_names`). Names that are not plain (`_plain`: accents,
    other scripts, double spaces, empty parts) go to `function`, which resolves them in
    Python (rare: GDELT's country names are ASCII)."""
    return f"""CASE
        WHEN s.location_raw IS NULL THEN NULL
        WHEN p1.{column} IS NOT NULL AND {_plain("s.place_last")} THEN p1.{column}
        WHEN {_plain("s.place_last")} AND (s.place_prev IS NULL OR {_plain("s.place_prev")})
            THEN COALESCE(p2.{column}, p3.{column})
        ELSE {function}
    END"""


#: The place's state code in SQL (`_place_sql`).
PLACE_SQL = _place_sql("iso3", f"{PLACE_FUNCTION}(s.location_raw)")
#: The same as a key (`lookups.KEY_TYPES`).
PLACE_KEY_SQL = _place_sql(
    "iso3_key", f"CAST({PLACE_FUNCTION}(s.location_raw) AS {KEY_TYPES['iso3']})"
)

#: What `normalise_sql` adds with `functions`, from the lookup tables' keys
#: (`lookups.KEY_TYPES`: 1 or 2 bytes each, ordered as their texts, where a text takes 16):
#: the actor and place countries and the codebook's code, root and PLOVER columns, which a
#: bulk insert's sort carries (`KEYS`) in place of the texts `LATE_SQL` gives back after it.
_KEYED = {
    "source_country": "sc.iso3_key",
    "target_country": "tc.iso3_key",
    "location_country": PLACE_KEY_SQL,
    "cameo_code": "o.code_key",
    "cameo_root": "o.root_key",
    "plover_type": "o.plover_type_key",
    "plover_mode": "o.plover_mode_key",
    "plover_context": "o.plover_context_key",
}
_KEYS_SQL = "".join(f"\n    {sql} AS {column}_key," for column, sql in _KEYED.items())
KEYS = tuple(f"{column}_key" for column in _KEYED)

#: Columns a bulk insert computes after its sort (`EventWriter.insert`'s `after`) from the
#: sorted row `s`: the texts of its `KEYS` (a cast, no join: a join would lose the sorted
#: order). Equal to `normalise_sql`'s for the rows an insert stores (their code is in the
#: codebook: the verdict rejects the others) when the staged rows carry no PLOVER fields of
#: their own (GDELT's).
LATE_SQL = {column: f"CAST(s.{column}_key AS VARCHAR)" for column in _KEYED}


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
            "location_country": PLACE_SQL,
        }
        joins, keys = _KNOWN_JOINS, _KEYS_SQL
        staged = _PLACE_PARTS.format(staged=staged)
    else:
        countries = {
            "source_country": "sc.iso3",
            "target_country": "tc.iso3",
            "location_country": "lc.iso3",
        }
        joins, keys = _COUNTRY_JOINS, ""
    return _SELECT.format(
        staged=staged,
        joins=joins,
        keys=keys,
        id_field=sql_text(id_field),
        date_field=sql_text(date_field),
        code_field=sql_text(code_field),
        quad_field=sql_text(quad_field),
        first_day=FIRST_EVENT_DAY.isoformat(),
        last_day=LAST_EVENT_DAY.isoformat(),
        **countries,
    )
