"""What GDELT 1.0 and 2.0 event files share: tab-separated, headerless rows whose layout is
known by position; read in blocks of lines and split in DuckDB (no per-row Python).

Field positions below are 1-based, as in the GDELT event codebooks (V1.03 for 1.0, V2.0 for 2.0).
GDELT actor country codes are CAMEO country codes (ISO3 but for a few, mapped by `normalise`);
the event location is the end of ActionGeo_FullName (its country name), resolved through the
world, because ActionGeo_CountryCode is a FIPS 10-4 code.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from accord.events.readers import fields as F
from accord.events.readers.base import Batch, ReadContext, fetch_arrow
from accord.events.readers.normalise import normalise, sql_text
from accord.events.readers.sources import Source, line_blocks


@dataclass(frozen=True, slots=True)
class GdeltLayout:
    """Where a GDELT version keeps the fields Accord reads."""

    dataset: str
    #: accepted row widths (number of tab-separated fields) and their names
    widths: dict[int, str]
    action_geo_fullname: int
    action_geo_lat: int
    action_geo_long: int
    source_url: int


GDELT1 = GdeltLayout(
    dataset="gdelt1",
    widths={57: "backfile", 58: "daily"},
    action_geo_fullname=51,
    action_geo_lat=54,
    action_geo_long=55,
    source_url=58,
)
GDELT2 = GdeltLayout(
    dataset="gdelt2",
    widths={61: "2.0"},
    action_geo_fullname=53,
    action_geo_lat=57,
    action_geo_long=58,
    source_url=61,
)

# Positions common to both versions.
_ID, _DATE = 1, 2
_A1_CODE, _A1_COUNTRY, _A1_TYPE = 6, 8, 13
_A2_CODE, _A2_COUNTRY, _A2_TYPE = 16, 18, 23
_EVENT_CODE, _QUAD, _GOLDSTEIN = 27, 30, 31
_MENTIONS, _SOURCES, _ARTICLES, _TONE = 32, 33, 34, 35


def staged_sql(layout: GdeltLayout, file: str) -> str:
    """SQL staging the rows of the registered `_lines` table for `normalise`."""

    def f(pos: int) -> str:
        return f"f[{pos}]"

    quad = F.typed(f(_QUAD), "TINYINT", "QuadClass")
    goldstein = F.typed(f(_GOLDSTEIN), "DOUBLE", "GoldsteinScale")
    mentions = F.typed(f(_MENTIONS), "INTEGER", "NumMentions")
    sources = F.typed(f(_SOURCES), "INTEGER", "NumSources")
    articles = F.typed(f(_ARTICLES), "INTEGER", "NumArticles")
    tone = F.typed(f(_TONE), "DOUBLE", "AvgTone")
    lat = F.typed(f(layout.action_geo_lat), "DOUBLE", "ActionGeo_Lat")
    lon = F.typed(f(layout.action_geo_long), "DOUBLE", "ActionGeo_Long")
    date = f"CAST(try_strptime({F.text(f(_DATE))}, '%Y%m%d') AS DATE)"
    widths = ", ".join(str(w) for w in layout.widths)
    expected = " or ".join(str(w) for w in layout.widths)
    checks = [
        (
            f"len(f) NOT IN ({widths})",
            f"'expected {expected} tab-separated fields, found ' || len(f)",
            "(row)",
        ),
        (
            f"{date} IS NULL",
            f"'SQLDATE is not a YYYYMMDD date: ' || coalesce({f(_DATE)}, '')",
            "SQLDATE",
        ),
        (
            f"NOT regexp_full_match(coalesce({F.text(f(_EVENT_CODE))}, ''), '[0-9]{{2,4}}')",
            f"'EventCode is not a CAMEO code: ' || coalesce({f(_EVENT_CODE)}, '')",
            "EventCode",
        ),
        *F.number_checks([quad, goldstein, mentions, sources, articles, tone, lat, lon]),
    ]
    reason, field = F.verdict(checks)
    location = f"regexp_extract({f(layout.action_geo_fullname)}, '[^,]*(,[^,]*)?$')"
    return f"""
WITH raw AS (
    SELECT line, string_split(rtrim(text, chr(13)), chr(9)) AS f
    FROM _lines WHERE rtrim(text, chr(13)) <> ''
)
SELECT
    '{layout.dataset}' AS dataset,
    {F.text(f(_ID))} AS event_id,
    {date} AS event_date,
    {F.text(f(_A1_CODE))} AS source_actor,
    {F.text(f(_A1_COUNTRY))} AS source_country_raw,
    {F.text(f(_A1_TYPE))} AS source_sector,
    {F.text(f(_A2_CODE))} AS target_actor,
    {F.text(f(_A2_COUNTRY))} AS target_country_raw,
    {F.text(f(_A2_TYPE))} AS target_sector,
    {F.text(f(_EVENT_CODE))} AS cameo_code,
    {quad.value} AS quad_class,
    {goldstein.value} AS goldstein,
    CAST(NULL AS VARCHAR) AS plover_type,
    CAST(NULL AS VARCHAR) AS plover_mode,
    CAST(NULL AS VARCHAR) AS plover_context,
    {mentions.value} AS mentions,
    {sources.value} AS sources,
    {articles.value} AS articles,
    {tone.value} AS tone,
    {F.text(location)} AS location_raw,
    {lat.value} AS lat,
    {lon.value} AS lon,
    {sql_text(file)} AS file,
    line,
    {F.text(f(layout.source_url))} AS url,
    {reason} AS reject_reason,
    {field} AS reject_field
FROM raw
"""


def read_gdelt(layout: GdeltLayout, source: Source, context: ReadContext) -> Iterator[Batch]:
    """Stream a GDELT events file in blocks of lines, staged and normalised in DuckDB."""
    sql = staged_sql(layout, source.name)
    con = context.con
    with source.open() as opened:
        for block in line_blocks(opened.stream, context.block_bytes):
            con.register("_lines", block.lines)
            try:
                staged = fetch_arrow(con, sql)
            finally:
                con.unregister("_lines")
            table = normalise(
                context,
                staged,
                id_field="GLOBALEVENTID",
                date_field="SQLDATE",
                code_field="EventCode",
                quad_field="QuadClass",
            )
            yield Batch(table, opened.position())
