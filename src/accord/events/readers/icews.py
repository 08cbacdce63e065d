"""ICEWS coded events (Harvard Dataverse `events.YYYY.*.tab`): tab-separated with a header row.

Columns are found by their header names, so column order does not matter. Countries are names
('Russian Federation', 'Occupied Palestinian Territory') mapped to ISO3 through the world's
names and aliases; 'NA' and empty fields are missing values. `Event ID` is unique only together
with `Event Date` (the store's key includes the date). The ICEWS `Intensity` is the Goldstein
score ICEWS assigns; ICEWS carries no quad class, so the GDELT convention is applied from the
CAMEO root.

Two layouts of the Dataverse files are read as well: dates written M/D/YYYY (the 2017 file;
US order, as andybega/icews documents for it) and a file with no 'CAMEO Code' column (also the
2017 file), whose codes come from the event names in its 'Event Text' column
(`ontology.icews_event_texts`: ICEWS's own names for CAMEO's codes).
"""

from __future__ import annotations

from collections.abc import Iterator

from accord.events.ontology import icews_event_texts
from accord.events.readers import fields as F
from accord.events.readers.base import Batch, ReadContext
from accord.events.readers.named_fields import (
    BLANK_LINE,
    SPLIT_FIELDS,
    Column,
    NamedFields,
    named_batches,
)
from accord.events.readers.sources import Source
from accord.events.readers.sql_literal import sql_text

#: The columns an ICEWS file must have: the event's code, or the name ICEWS gives it (the 2017
#: file has 'Event Text' and no 'CAMEO Code').
REQUIRED: tuple[Column, ...] = (
    "Event ID",
    "Event Date",
    ("CAMEO Code", "Event Text"),
    "Source Country",
    "Target Country",
)
OPTIONAL = (
    "Source Name",
    "Source Sectors",
    "Target Name",
    "Target Sectors",
    "Intensity",
    "Country",
    "Latitude",
    "Longitude",
)
_NULLS = ("", "NA")


def _row_checks(
    h: NamedFields, width: int, date: str, numbers: dict[str, F.Typed]
) -> list[tuple[str, str, str]]:
    """(condition, reason, field) of every way a row is bad, in the order reported: the line
    itself (not text, a control character, too long: `lines`), its width, a repeated header,
    its date, its CAMEO code, then each number field that is not a number or is outside its
    range (`fields.BOUNDS`)."""
    return [
        ("problem IS NOT NULL", "problem", "line"),
        (
            f"len(f) <> {width}",
            f"'expected {width} tab-separated fields, found ' || len(f)",
            "(row)",
        ),
        (
            f"lower(replace({h.txt('Event ID')}, '_', ' ')) = 'event id' "
            f"AND lower(replace({h.txt('Event Date')}, '_', ' ')) = 'event date'",
            "'the header line again (files joined end to end?)'",
            "(row)",
        ),
        (
            f"{date} IS NULL",
            "'Event Date is not a YYYY-MM-DD (or M/D/YYYY) date: ' || "
            f"coalesce({h.col('Event Date')}, '')",
            "Event Date",
        ),
        _code_check(h),
        *F.number_checks(numbers),
    ]


def _code_check(h: NamedFields) -> tuple[str, str, str]:
    """(condition, reason, field) of a row whose event code is unusable: its CAMEO Code is no
    code, or (a file without that column) its Event Text names no event ICEWS codes."""
    if h.has("CAMEO Code"):
        return (
            f"NOT regexp_full_match(coalesce({h.txt('CAMEO Code')}, ''), '[0-9]{{2,4}}')",
            f"'CAMEO Code is not a CAMEO code: ' || coalesce({h.col('CAMEO Code')}, '')",
            "CAMEO Code",
        )
    return (
        "t.code IS NULL",
        f"'Event Text names no event ICEWS codes: ' || coalesce({h.col('Event Text')}, '')",
        "Event Text",
    )


def _texts_sql() -> str:
    """SQL: the table `t(name, code)` of ICEWS's event names (case-folded) and their codes."""
    rows = ", ".join(
        f"({sql_text(name)}, {sql_text(code)})" for name, code in icews_event_texts().items()
    )
    return f"(VALUES {rows}) AS t(name, code)"


def _code_sql(h: NamedFields) -> tuple[str, str]:
    """SQL for a row's CAMEO code, and the join it needs: the file's CAMEO Code, or the code
    its Event Text names (`ontology.icews_event_texts`) when the file has no such column."""
    if h.has("CAMEO Code"):
        return h.txt("CAMEO Code"), ""
    join = f"LEFT JOIN {_texts_sql()} ON t.name = lower({h.txt('Event Text')})"
    return "t.code", join


def _staged_sql(header: list[str], file: str) -> str:
    """SQL staging the lines of `_lines` (after the header) for `normalise`."""
    h = NamedFields.of(header, _NULLS)
    txt = h.txt
    intensity = F.typed(h.col("Intensity"), "DOUBLE", "Intensity", _NULLS)
    lat = F.typed(h.col("Latitude"), "DOUBLE", "Latitude", _NULLS)
    lon = F.typed(h.col("Longitude"), "DOUBLE", "Longitude", _NULLS)
    date = F.iso_or_us_date(txt("Event Date"))
    code, code_join = _code_sql(h)
    checks = _row_checks(h, len(header), date, {"goldstein": intensity, "lat": lat, "lon": lon})
    reason, field = F.verdict(checks)
    return f"""
WITH raw AS (
    SELECT line, problem, {SPLIT_FIELDS} AS f
    FROM _lines WHERE problem IS NOT NULL OR NOT {BLANK_LINE}
)
SELECT
    'icews' AS dataset,
    {txt("Event ID")} AS event_id,
    {date} AS event_date,
    {txt("Source Name")} AS source_actor,
    {txt("Source Country")} AS source_country_raw,
    {txt("Source Sectors")} AS source_sector,
    {txt("Target Name")} AS target_actor,
    {txt("Target Country")} AS target_country_raw,
    {txt("Target Sectors")} AS target_sector,
    {code} AS cameo_code,
    CAST(NULL AS TINYINT) AS quad_class,
    {intensity.value} AS goldstein,
    CAST(NULL AS VARCHAR) AS plover_type,
    CAST(NULL AS VARCHAR) AS plover_mode,
    CAST(NULL AS VARCHAR) AS plover_context,
    CAST(NULL AS INTEGER) AS mentions,
    CAST(NULL AS INTEGER) AS sources,
    CAST(NULL AS INTEGER) AS articles,
    CAST(NULL AS DOUBLE) AS tone,
    {txt("Country")} AS location_raw,
    {lat.value} AS lat,
    {lon.value} AS lon,
    {sql_text(file)} AS file,
    line,
    CAST(NULL AS VARCHAR) AS url,
    {reason} AS reject_reason,
    {field} AS reject_field
FROM raw
{code_join}
"""


class IcewsReader:
    """Reader of ICEWS tab-separated event files (`--format icews`)."""

    format = "icews"

    def read(self, source: Source, context: ReadContext) -> Iterator[Batch]:
        return named_batches(
            source,
            context,
            required=REQUIRED,
            kind="ICEWS",
            staged_sql=lambda header, _lines: _staged_sql(header, source.name),
            fields={"id_field": "Event ID", "date_field": "Event Date", "code_field": "CAMEO Code"},
        )
