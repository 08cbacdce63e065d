"""POLECAT weekly event files (Harvard Dataverse, PLOVER ontology): tab-separated text with a
header row, read by column name (`--format polecat`).

A row gives its PLOVER `Event Type`, `Event Mode` and `Contexts` (';', ',' or '|' between
contexts, stored joined with ';'), its `Quad Code` ('VERBAL COOPERATION' ... 'MATERIAL
CONFLICT', or 1-4; PLOVER's own quad of the type when blank) and its `Event Intensity`
(`Intensity` in earlier releases): the PLOVER score, which the PLOVER manual (draft 0.8,
"PLOVER scores") scales from -10 to 10 to splice with CAMEO's Goldstein scores, so it is stored
as `goldstein`, as ICEWS's Intensity is. The actor and recipient sides give a name, a country
(ISO3 codes or names; of several, separated by ';', the first is stored) and sectors (the
primary one, else the first listed). The event's place is its `Country`, with `Latitude` and
`Longitude`. 'None', 'NA' and empty fields are missing values; dates may carry a time.

Two layouts of the published files are read as they are: a header that names a `Headline`
column which the rows do not hold (the name is dropped when the first row is that much
narrower), and rows ending in extra empty fields (extra tabs). Any other row of another width
than the header is rejected with its line.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa

from accord.events.ontology import PLOVER_LEGACY, PLOVER_QUAD
from accord.events.readers import fields as F
from accord.events.readers.base import Batch, ReadContext, fetch_arrow
from accord.events.readers.lines import line_blocks
from accord.events.readers.named_fields import NamedFields, header_names
from accord.events.readers.normalise import normalise
from accord.events.readers.plover import ISO_DAY
from accord.events.readers.sources import Source
from accord.events.readers.sql_literal import sql_text

REQUIRED = ("Event ID", "Event Date", "Event Type")
#: Header names of the POLECAT layout (with REQUIRED, enough to tell a POLECAT header).
SIDES = ("Actor Name", "Recipient Name")
_NULLS = ("", "None", "NA")
#: Names some published headers carry without the rows holding the column.
_PHANTOM = ("Headline",)
#: POLECAT's quad categories (PLOVER manual, draft 0.8) and the quad class each is.
QUADS = {
    "VERBAL COOPERATION": 1,
    "MATERIAL COOPERATION": 2,
    "VERBAL CONFLICT": 3,
    "MATERIAL CONFLICT": 4,
}


def is_polecat_header(names: list[str]) -> bool:
    """Whether a first line's tab-separated `names` are a POLECAT header."""
    stripped = {name.strip() for name in names}
    return all(name in stripped for name in REQUIRED) and any(n in stripped for n in SIDES)


def _fitted(header: list[str], width: int | None) -> list[str]:
    """The header for rows of `width` fields: without a `_PHANTOM` name when the rows are
    narrower by exactly those names; trailing empty names (extra tabs) dropped."""
    names = list(header)
    while names and not names[-1]:
        names.pop()
    phantom = [name for name in names if name in _PHANTOM]
    if width is not None and phantom and width == len(names) - len(phantom):
        names = [name for name in names if name not in _PHANTOM]
    return names


def _case(value: str, table: dict[str, str], default: str) -> str:
    """SQL: `value` mapped through `table` (keys and values are our own words, not input)."""
    whens = " ".join(f"WHEN {sql_text(k)} THEN {v}" for k, v in table.items())
    return f"CASE {value} {whens} ELSE {default} END"


def _first(expr: str) -> str:
    """SQL: the first of several values separated by ';' (NULL when empty)."""
    return f"NULLIF(trim(split_part({expr}, ';', 1)), '')"


def _contexts(expr: str) -> str:
    """SQL: contexts separated by ';', ',' or '|', trimmed, joined with ';' (NULL if none)."""
    trimmed = f"list_transform(regexp_split_to_array({expr}, '[;,|]'), lambda x: trim(x))"
    parts = f"list_filter({trimmed}, lambda x: x <> '')"
    return f"NULLIF(array_to_string({parts}, ';'), '')"


def _width_ok(width: int) -> str:
    """SQL: the split line `f` has the header's `width`, or more fields that are all blank."""
    extra = f"list_filter(f[{width + 1}:], lambda x: trim(x) <> '')"
    return f"(len(f) = {width} OR (len(f) > {width} AND len({extra}) = 0))"


def _typed(h: NamedFields) -> dict[str, F.Typed]:
    """The number fields, keyed by canonical column: the PLOVER score and the place's degrees."""
    intensity = "Event Intensity" if h.has("Event Intensity") else "Intensity"
    return {
        "goldstein": F.typed(h.col(intensity), "DOUBLE", intensity, _NULLS),
        "lat": F.typed(h.col("Latitude"), "DOUBLE", "Latitude", _NULLS),
        "lon": F.typed(h.col("Longitude"), "DOUBLE", "Longitude", _NULLS),
    }


def _event_sql(h: NamedFields) -> dict[str, str]:
    """SQL of the event's date, its type as written (`kind`), its PLOVER type (an earlier
    draft's type as its successor), the mode such a type implies, and the quad class the
    file's Quad Code states (`quad_of_code`, NULL when blank or unknown) or the type's own."""
    day = h.txt("Event Date")
    kind = f"upper({h.txt('Event Type')})"
    legacy = {old: sql_text(new) for old, (new, _) in PLOVER_LEGACY.items()}
    legacy_mode = {old: sql_text(mode) for old, (_, mode) in PLOVER_LEGACY.items() if mode}
    plover_type = _case(kind, legacy, kind)
    quads = {**{k: str(v) for k, v in QUADS.items()}, **{str(v): str(v) for v in QUADS.values()}}
    # 'Verbal_Cooperation' and 'VERBAL-COOPERATION' read as 'VERBAL COOPERATION'
    quad_text = f"upper(regexp_replace({h.txt('Quad Code')}, '[ _-]+', ' ', 'g'))"
    return {
        "date": f"CASE WHEN regexp_full_match({day}, {sql_text(ISO_DAY.pattern)}) "
        f"THEN TRY_CAST(left({day}, 10) AS DATE) END",
        "kind": kind,
        "plover_type": plover_type,
        "implied_mode": _case(kind, legacy_mode, "NULL"),
        "quad_text": quad_text,
        "quad_of_code": _case(quad_text, quads, "NULL"),
        "own_quad": _case(plover_type, {t: str(q) for t, q in PLOVER_QUAD.items()}, "NULL"),
    }


def _row_checks(h: NamedFields, width: int, e: dict[str, str]) -> list[tuple[str, str, str]]:
    """(condition, reason, field) of every way a row is bad, in the order reported: the line
    itself (`lines`), its width, its date, its event type, its quad category, then each
    number that is not a number or is outside its range (`fields.BOUNDS`)."""
    known = ", ".join(sql_text(t) for t in sorted(PLOVER_QUAD))
    return [
        ("problem IS NOT NULL", "problem", "line"),
        (
            f"NOT {_width_ok(width)}",
            f"'expected {width} tab-separated fields as in the header, found ' || len(f)",
            "(row)",
        ),
        (
            f"{e['date']} IS NULL",
            f"'Event Date is not a YYYY-MM-DD date: ' || coalesce({h.col('Event Date')}, '')",
            "Event Date",
        ),
        (f"{e['kind']} IS NULL", "'no Event Type'", "Event Type"),
        (
            f"{e['plover_type']} NOT IN ({known})",
            f"'unknown PLOVER event type ' || {e['kind']}",
            "Event Type",
        ),
        (
            f"{e['quad_text']} IS NOT NULL AND {e['quad_of_code']} IS NULL",
            f"'Quad Code is not a PLOVER quad category: ' || {h.txt('Quad Code')}",
            "Quad Code",
        ),
        *F.number_checks(_typed(h)),
    ]


def _staged_sql(header: list[str], file: str) -> str:
    """SQL staging the lines of `_lines` (after the header) for `normalise`."""
    h = NamedFields.of(header, _NULLS)
    txt = h.txt
    e = _event_sql(h)
    numbers = _typed(h)
    reason, field = F.verdict(_row_checks(h, len(header), e))
    return f"""
WITH raw AS (
    SELECT line, problem, string_split(rtrim(text, chr(13)), chr(9)) AS f
    FROM _lines WHERE problem IS NOT NULL OR rtrim(text, chr(13)) <> ''
)
SELECT
    'plover' AS dataset,
    {txt("Event ID")} AS event_id,
    {e["date"]} AS event_date,
    {txt("Actor Name")} AS source_actor,
    {_first(txt("Actor Country"))} AS source_country_raw,
    coalesce({txt("Primary Actor Sector")}, {_first(txt("Actor Sectors"))}) AS source_sector,
    {txt("Recipient Name")} AS target_actor,
    {_first(txt("Recipient Country"))} AS target_country_raw,
    coalesce({txt("Primary Recipient Sector")}, {_first(txt("Recipient Sectors"))})
        AS target_sector,
    CAST(NULL AS VARCHAR) AS cameo_code,
    CAST(coalesce({e["quad_of_code"]}, {e["own_quad"]}) AS TINYINT) AS quad_class,
    {numbers["goldstein"].value} AS goldstein,
    {e["plover_type"]} AS plover_type,
    coalesce({txt("Event Mode")}, {e["implied_mode"]}) AS plover_mode,
    {_contexts(txt("Contexts"))} AS plover_context,
    CAST(NULL AS INTEGER) AS mentions,
    CAST(NULL AS INTEGER) AS sources,
    CAST(NULL AS INTEGER) AS articles,
    CAST(NULL AS DOUBLE) AS tone,
    {txt("Country")} AS location_raw,
    {numbers["lat"].value} AS lat,
    {numbers["lon"].value} AS lon,
    {sql_text(file)} AS file,
    line,
    CAST(NULL AS VARCHAR) AS url,
    {reason} AS reject_reason,
    {field} AS reject_field
FROM raw
"""


def _first_width(lines: pa.Table) -> int | None:
    """How many tab-separated fields the first non-blank line of `lines` holds (None: none)."""
    for text in lines.column("text").to_pylist():
        if text is not None and text.strip():
            return int(text.rstrip("\r").count("\t") + 1)
    return None


class PolecatReader:
    """Reader of POLECAT tab-separated event files (`--format polecat`)."""

    format = "polecat"

    def read(self, source: Source, context: ReadContext) -> Iterator[Batch]:
        con = context.con
        header: list[str] | None = None
        sql: str | None = None
        with source.open() as opened:
            blocks = line_blocks(
                opened.stream, context.block_bytes, encoding=context.text_encoding, name=source.name
            )
            for block in blocks:
                lines = block.lines
                if header is None:
                    if lines.num_rows == 0:
                        continue
                    header = header_names(lines, source.name, REQUIRED, "POLECAT")
                    lines = lines.slice(1)
                if sql is None:
                    if not lines.num_rows:
                        continue
                    sql = _staged_sql(_fitted(header, _first_width(lines)), source.name)
                con.register("_lines", lines)
                try:
                    staged = fetch_arrow(con, sql)
                finally:
                    con.unregister("_lines")
                table = normalise(
                    context,
                    staged,
                    id_field="Event ID",
                    date_field="Event Date",
                    code_field="Event Type",
                    quad_field="Quad Code",
                )
                yield Batch(table, opened.position())
