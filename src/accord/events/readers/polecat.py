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
`Longitude`. 'None', 'NA', 'null', 'nan' (any case) and empty fields are missing values; dates
may carry a time.

Two layouts of the published files are read as they are: a header that names a `Headline`
column which the rows do not hold, and rows ending in extra empty fields (extra tabs). The
`Headline` name is dropped when most rows of the first block are narrower by exactly that name
and their fields line up without it (`_lines_up_without`): the field under `Headline` reads as
the `Contexts` that follow it in the header, not as free text. Rows that hold a headline but
lost a field at their end (an empty last field trimmed with its tab) are narrower by one too;
dropping the name would shift every later column by one, so they are rejected instead. Any row
of another width than the header is rejected with its line and field count, as is a repeated
header line (files joined end to end).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from itertools import islice

import pyarrow as pa

from accord.events.ontology import PLOVER_LEGACY, PLOVER_QUAD
from accord.events.readers import fields as F
from accord.events.readers.base import Batch, ReadContext
from accord.events.readers.named_fields import (
    BLANK_LINE,
    SPLIT_FIELDS,
    NamedFields,
    has_columns,
    is_blank,
    key,
    named_batches,
    unquote,
)
from accord.events.readers.plover import ISO_DAY
from accord.events.readers.sources import Source
from accord.events.readers.sql_literal import sql_text

REQUIRED = ("Event ID", "Event Date", "Event Type")
#: Header names of the POLECAT layout (with REQUIRED, enough to tell a POLECAT header).
SIDES = ("Actor Name", "Recipient Name")
#: Words POLECAT files write for a missing value (matched in any case), besides ''.
NULL_WORDS = ("none", "na", "n/a", "null", "nan")
#: Names some published headers carry without the rows holding the column.
_PHANTOM = ("Headline",)
#: The column after `Headline` in the published headers, whose values tell the two layouts.
_AFTER_PHANTOM = "Contexts"
#: A `Contexts` value: PLOVER's context words (no space inside one), separated by ';', ',' or
#: '|'. A headline is free text (words separated by spaces), so it never reads as one.
_CONTEXTS = re.compile(r"[\w-]+(?: *[;,|] *[\w-]+)*")
#: Rows of the first block looked at to tell the layouts apart.
_SAMPLE_ROWS = 1000
#: POLECAT's quad categories (PLOVER manual, draft 0.8) and the quad class each is.
QUADS = {
    "VERBAL COOPERATION": 1,
    "MATERIAL COOPERATION": 2,
    "VERBAL CONFLICT": 3,
    "MATERIAL CONFLICT": 4,
}
#: The text fields picked once per row: staged column name -> POLECAT column.
_TEXTS = {
    "event_id": "Event ID",
    "day": "Event Date",
    "kind_text": "Event Type",
    "mode": "Event Mode",
    "contexts": "Contexts",
    "quad_text": "Quad Code",
    "source_actor": "Actor Name",
    "source_countries": "Actor Country",
    "source_primary": "Primary Actor Sector",
    "source_sectors": "Actor Sectors",
    "target_actor": "Recipient Name",
    "target_countries": "Recipient Country",
    "target_primary": "Primary Recipient Sector",
    "target_sectors": "Recipient Sectors",
    "location_raw": "Country",
}


def is_polecat_header(names: list[str]) -> bool:
    """Whether a first line's tab-separated `names` are a POLECAT header."""
    return has_columns(names, REQUIRED) and any(has_columns(names, [n]) for n in SIDES)


def _fitted(header: list[str], lines: pa.Table) -> list[str]:
    """The header for the rows of `lines` (the first block): trailing empty names (extra
    tabs) dropped, and a `_PHANTOM` name too when the most common width of the rows lacks
    exactly that name and their fields line up without it (`_lines_up_without`). Else rows
    narrower than the header are rejected with their width, never read shifted."""
    names = list(header)
    while names and not names[-1]:
        names.pop()
    width = _usual_width(lines)
    phantom = [at for at, name in enumerate(names) if key(name) in {key(p) for p in _PHANTOM}]
    if width != len(names) - 1 or len(phantom) != 1:
        return names
    if not _lines_up_without(names, phantom[0], lines):
        return names
    return names[: phantom[0]] + names[phantom[0] + 1 :]


def _lines_up_without(names: list[str], at: int, lines: pa.Table) -> bool:
    """Whether rows one field narrower than `names` lack the column at `at` (the published
    files' Headline), rather than a field at their end (a row holding the Headline whose empty
    last field was trimmed): the same reading when it is the last name; else told by the
    fields under it and after it, when `_AFTER_PHANTOM` follows it (`_votes`)."""
    if at == len(names) - 1:
        return True
    if key(names[at + 1]) != key(_AFTER_PHANTOM):
        return False  # nothing tells the two apart: narrower rows are rejected
    missing, held = _votes(lines, at, len(names) - 1)
    return missing > held


def _votes(lines: pa.Table, at: int, width: int) -> tuple[int, int]:
    """Among the first `_SAMPLE_ROWS` rows of `width` fields in `lines`: how many read as
    lacking the column at `at` (the field there is a contexts value, the one after it is not)
    and how many as holding it (the field there is free text, the one after it contexts)."""
    missing = held = 0
    texts = (t for t in lines.column("text").to_pylist() if t is not None and not is_blank(t))
    for text in islice(texts, _SAMPLE_ROWS):
        fields = text.rstrip("\r").split("\t")
        if len(fields) != width:
            continue
        here, after = _is_contexts(fields[at]), _is_contexts(fields[at + 1])
        missing += here and not after
        held += after and not here
    return missing, held


def _is_contexts(field: str) -> bool:
    """Whether a field can be a `Contexts` value: missing (blank or a null word) or context
    words (`_CONTEXTS`)."""
    value = unquote(field.strip()).strip()
    return not value or value.casefold() in NULL_WORDS or bool(_CONTEXTS.fullmatch(value))


def _usual_width(lines: pa.Table) -> int | None:
    """The most common number of tab-separated fields among the lines of `lines` that are
    not blank (None: none is), so that one damaged first row does not decide the layout."""
    widths = Counter(
        text.rstrip("\r").count("\t") + 1
        for text in lines.column("text").to_pylist()
        if text is not None and not is_blank(text)
    )
    return widths.most_common(1)[0][0] if widths else None


def _text(expr: str) -> str:
    """SQL: a POLECAT text field, trimmed, NULL when empty or a null word (any case)."""
    value = F.text(expr)
    words = ", ".join(sql_text(w) for w in NULL_WORDS)
    return f"CASE WHEN lower({value}) IN ({words}) THEN NULL ELSE {value} END"


def _case(value: str, table: dict[str, str], default: str) -> str:
    """SQL: `value` mapped through `table` (keys and values are our own words, not input)."""
    whens = " ".join(f"WHEN {sql_text(k)} THEN {v}" for k, v in table.items())
    return f"CASE {value} {whens} ELSE {default} END"


def _first(expr: str) -> str:
    """SQL: the first non-empty of several values separated by ';' (NULL when none)."""
    return f"NULLIF(trim(split_part(ltrim({expr}, '; '), ';', 1)), '')"


def _contexts(expr: str) -> str:
    """SQL: contexts separated by ';', ',' or '|', trimmed, joined with ';' (NULL if none)."""
    trimmed = f"list_transform(regexp_split_to_array({expr}, '[;,|]'), lambda x: trim(x))"
    parts = f"list_filter({trimmed}, lambda x: x <> '')"
    return f"NULLIF(array_to_string({parts}, ';'), '')"


def _width_ok(width: int) -> str:
    """SQL: the split line `f` has the header's `width`, or more fields that are all blank."""
    extra = f"list_filter(f[{width + 1}:], lambda x: trim(x) <> '')"
    return f"(len(f) = {width} OR (len(f) > {width} AND len({extra}) = 0))"


def _numbers(h: NamedFields) -> dict[str, F.Typed]:
    """The number fields, keyed by canonical column: the PLOVER score and the place's degrees
    (over the split line `f`, cast once in the staging)."""
    intensity = "Event Intensity" if h.has("Event Intensity") else "Intensity"
    return {
        "goldstein": _typed(h, intensity),
        "lat": _typed(h, "Latitude"),
        "lon": _typed(h, "Longitude"),
    }


def _typed(h: NamedFields, name: str) -> F.Typed:
    """A number field read from the picked text `<column>_text` (see `_picked_sql`)."""
    column = f"n_{key(name).replace(' ', '_')}"
    raw = f"{column}_text"
    return F.Typed(
        value=column,
        bad=f"({column} IS NULL AND {raw} IS NOT NULL)",
        field=name,
        raw=raw,
    )


def _picked_sql(h: NamedFields) -> str:
    """SQL of the `picked` step: each text field and number text once per row."""
    texts = [f"{_text(h.col(col))} AS {name}" for name, col in _TEXTS.items()]
    numbers = [f"{_text(h.col(t.field))} AS {t.raw}" for t in _numbers(h).values()]
    return ",\n        ".join([*texts, *numbers])


def _typed_sql(h: NamedFields) -> str:
    """SQL of the `typed` step: the date, the PLOVER type (an earlier draft's type as its
    successor, with the mode it implies), the quad class the Quad Code states (`quad_of_code`:
    any case, '_' or '-' for the space; NULL when blank or unknown) and the number casts."""
    legacy = {old: sql_text(new) for old, (new, _) in PLOVER_LEGACY.items()}
    legacy_mode = {old: sql_text(mode) for old, (_, mode) in PLOVER_LEGACY.items() if mode}
    quads = {**{k: str(v) for k, v in QUADS.items()}, **{str(v): str(v) for v in QUADS.values()}}
    quad = "upper(regexp_replace(quad_text, '[ _-]+', ' ', 'g'))"
    casts = [f"{F.number_cast(t.raw, 'DOUBLE')} AS {t.value}" for t in _numbers(h).values()]
    return ",\n        ".join(
        [
            f"CASE WHEN regexp_full_match(day, {sql_text(ISO_DAY.pattern)}) "
            "THEN TRY_CAST(left(day, 10) AS DATE) END AS event_date",
            "upper(kind_text) AS kind",
            f"{_case('upper(kind_text)', legacy, 'upper(kind_text)')} AS plover_type",
            f"{_case('upper(kind_text)', legacy_mode, 'NULL')} AS implied_mode",
            f"{_case(quad, quads, 'NULL')} AS quad_of_code",
            *casts,
        ]
    )


def _row_checks(h: NamedFields, width: int) -> list[tuple[str, str, str]]:
    """(condition, reason, field) of every way a row is bad, in the order reported: the line
    itself (`lines`), its width, a repeated header, its date, its event type, its quad
    category, then each number that is not a number or is outside its range."""
    known = ", ".join(sql_text(t) for t in sorted(PLOVER_QUAD))
    return [
        ("problem IS NOT NULL", "problem", "line"),
        (
            f"NOT {_width_ok(width)}",
            f"'expected {width} tab-separated fields as in the header, found ' || len(f)"
            + _narrow_hint(h, width),
            "(row)",
        ),
        (
            "lower(replace(event_id, '_', ' ')) = 'event id' "
            "AND lower(replace(day, '_', ' ')) = 'event date'",
            "'the header line again (files joined end to end?)'",
            "(row)",
        ),
        (
            "event_date IS NULL",
            f"'Event Date is not a YYYY-MM-DD date: ' || coalesce({h.col('Event Date')}, '')",
            "Event Date",
        ),
        ("kind IS NULL", "'no Event Type'", "Event Type"),
        (f"plover_type NOT IN ({known})", "'unknown PLOVER event type ' || kind", "Event Type"),
        (
            "quad_text IS NOT NULL AND quad_of_code IS NULL",
            "'Quad Code is not a PLOVER quad category: ' || quad_text",
            "Quad Code",
        ),
        *F.number_checks(_numbers(h)),
    ]


def _narrow_hint(h: NamedFields, width: int) -> str:
    """SQL appended to the width message: for a row one field short under a header that
    names a Headline the rows hold (`_fitted` kept it), what likely happened."""
    if not any(h.has(name) for name in _PHANTOM):
        return ""
    hint = sql_text(
        " (the rows hold the Headline but lack a field: an empty last field trimmed with its "
        "tab? Add the tab back)"
    )
    return f" || CASE WHEN len(f) = {width - 1} THEN {hint} ELSE '' END"


def _staged_sql(header: list[str], file: str) -> str:
    """SQL staging the lines of `_lines` (after the header) for `normalise`: each field picked
    and typed once (`picked`, `typed`), then judged."""
    h = NamedFields.of(header)
    numbers = _numbers(h)
    own_quad = _case("plover_type", {t: str(q) for t, q in PLOVER_QUAD.items()}, "NULL")
    reason, field = F.verdict(_row_checks(h, len(header)))
    return f"""
WITH raw AS (
    SELECT line, problem, {SPLIT_FIELDS} AS f
    FROM _lines WHERE problem IS NOT NULL OR NOT {BLANK_LINE}
), picked AS (
    SELECT line, problem, f,
        {_picked_sql(h)}
    FROM raw
), typed AS (
    SELECT *,
        {_typed_sql(h)}
    FROM picked
)
SELECT
    'plover' AS dataset,
    event_id,
    event_date,
    source_actor,
    {_first("source_countries")} AS source_country_raw,
    coalesce(source_primary, {_first("source_sectors")}) AS source_sector,
    target_actor,
    {_first("target_countries")} AS target_country_raw,
    coalesce(target_primary, {_first("target_sectors")}) AS target_sector,
    CAST(NULL AS VARCHAR) AS cameo_code,
    CAST(coalesce(quad_of_code, {own_quad}) AS TINYINT) AS quad_class,
    {numbers["goldstein"].value} AS goldstein,
    plover_type,
    coalesce(mode, implied_mode) AS plover_mode,
    {_contexts("contexts")} AS plover_context,
    CAST(NULL AS INTEGER) AS mentions,
    CAST(NULL AS INTEGER) AS sources,
    CAST(NULL AS INTEGER) AS articles,
    CAST(NULL AS DOUBLE) AS tone,
    location_raw,
    {numbers["lat"].value} AS lat,
    {numbers["lon"].value} AS lon,
    {sql_text(file)} AS file,
    line,
    CAST(NULL AS VARCHAR) AS url,
    {reason} AS reject_reason,
    {field} AS reject_field
FROM typed
"""


class PolecatReader:
    """Reader of POLECAT tab-separated event files (`--format polecat`)."""

    format = "polecat"

    def read(self, source: Source, context: ReadContext) -> Iterator[Batch]:
        return named_batches(
            source,
            context,
            required=REQUIRED,
            kind="POLECAT",
            staged_sql=lambda header, lines: _staged_sql(_fitted(header, lines), source.name),
            fields={
                "id_field": "Event ID",
                "date_field": "Event Date",
                "code_field": "Event Type",
                "quad_field": "Quad Code",
            },
        )
