"""What GDELT 1.0 and 2.0 event files share: tab-separated, headerless rows whose layout is
known by position; read in blocks of lines and split in DuckDB (no per-row Python).

Field positions below are 1-based, as in the GDELT event codebooks (V1.03 for 1.0, V2.0 for 2.0).
GDELT actor country codes are CAMEO country codes (ISO3 but for a few, mapped by `normalise`);
the event location is ActionGeo_FullName, resolved by its end (the country name) through the
world, because ActionGeo_CountryCode is a FIPS 10-4 code.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv

from accord.events.readers import fields as F
from accord.events.readers.base import Batch, ReadContext, fetch_arrow
from accord.events.readers.file_parts import FilePart
from accord.events.readers.lines import LineBlock, line_blocks
from accord.events.readers.named_fields import SPLIT_FIELDS, unquoted_sql
from accord.events.readers.normalise import normalise
from accord.events.readers.sources import Source, is_gzip
from accord.events.readers.sql_literal import sql_text


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


#: Text fields staged from a GDELT row, by name, with their 1-based position (layout-specific
#: positions are filled in by `_positions`).
_COMMON_TEXTS = {
    "event_id": _ID,
    "date_text": _DATE,
    "source_actor": _A1_CODE,
    "source_country_raw": _A1_COUNTRY,
    "source_sector": _A1_TYPE,
    "target_actor": _A2_CODE,
    "target_country_raw": _A2_COUNTRY,
    "target_sector": _A2_TYPE,
    "cameo_code": _EVENT_CODE,
    "quad_text": _QUAD,
    "goldstein_text": _GOLDSTEIN,
    "mentions_text": _MENTIONS,
    "sources_text": _SOURCES,
    "articles_text": _ARTICLES,
    "tone_text": _TONE,
}
#: Typed fields: (text column, SQL type, GDELT field name).
_NUMBERS = {
    "quad_class": ("quad_text", "TINYINT", "QuadClass"),
    "goldstein": ("goldstein_text", "DOUBLE", "GoldsteinScale"),
    "mentions": ("mentions_text", "INTEGER", "NumMentions"),
    "sources": ("sources_text", "INTEGER", "NumSources"),
    "articles": ("articles_text", "INTEGER", "NumArticles"),
    "tone": ("tone_text", "DOUBLE", "AvgTone"),
    "lat": ("lat_text", "DOUBLE", "ActionGeo_Lat"),
    "lon": ("lon_text", "DOUBLE", "ActionGeo_Long"),
}


def _positions(layout: GdeltLayout) -> dict[str, int]:
    return {
        **_COMMON_TEXTS,
        "place_text": layout.action_geo_fullname,
        "lat_text": layout.action_geo_lat,
        "lon_text": layout.action_geo_long,
        "url": layout.source_url,
    }


#: What a GDELT field holds when it holds nothing: R's `NA` (readr's `write_tsv`, `write.table`
#: of a file read by R) as well as an empty field. No GDELT field this reader keeps can mean
#: the text NA (country and actor codes have three letters: Namibia is NAM).
MISSING = "NA"


def split_sql(layout: GdeltLayout) -> str:
    """SQL picking the text fields out of the registered `_lines` (any row width): a field
    wholly in double quotes without them (R's `write.table`, `named_fields.SPLIT_FIELDS`),
    `MISSING` as NULL."""
    picked = ",\n    ".join(
        f"NULLIF(f[{pos}], {sql_text(MISSING)}) AS {name}"
        for name, pos in _positions(layout).items()
    )
    return f"""
SELECT line, width, problem, {picked}
FROM (
    SELECT line, problem, {SPLIT_FIELDS} AS f, len(f) AS width
    FROM _lines WHERE problem IS NOT NULL OR rtrim(text, chr(13)) <> ''
)
"""


def _trimmed_fields(layout: GdeltLayout) -> str:
    """The picked text fields, each once: text trimmed (blank as NULL), numbers only blanked."""
    numbers = {text for text, _, _ in _NUMBERS.values()}
    texts = [name for name in _positions(layout) if name != "place_text"]

    def cleaned(name: str) -> str:
        return f"NULLIF({name}, '')" if name in numbers else F.text(name)

    return ",\n        ".join(f"{cleaned(name)} AS {name}" for name in texts)


def _number_casts() -> str:
    """The number fields cast to their types (NULL when they do not cast)."""
    return ",\n        ".join(
        f"{F.number_cast(text, sql_type)} AS {name}"
        for name, (text, sql_type, _) in _NUMBERS.items()
    )


def _row_checks(layout: GdeltLayout) -> list[tuple[str, str, str]]:
    """(condition, reason, field) of every way a typed row is bad, in the order reported:
    the line itself (not text, a control character, too long: `lines`), its width, its date,
    its event code, then each number field that is not blank and not a number, then each
    number outside its range (`fields.BOUNDS`: infinity and NaN are outside every range)."""
    widths = ", ".join(str(w) for w in layout.widths)
    expected = " or ".join(str(w) for w in layout.widths)
    checks = [
        ("problem IS NOT NULL", "problem", "line"),
        (
            f"width NOT IN ({widths})",
            f"'expected {expected} tab-separated fields, found ' || width",
            "(row)",
        ),
        (
            "event_date IS NULL",
            "'SQLDATE is not a YYYYMMDD date: ' || coalesce(date_text, '')",
            "SQLDATE",
        ),
        (
            "NOT regexp_full_match(coalesce(cameo_code, ''), '[0-9]{2,4}')",
            "'EventCode is not a CAMEO code: ' || coalesce(cameo_code, '')",
            "EventCode",
        ),
    ]
    return checks + F.number_checks(_typed_numbers())


def _typed_numbers() -> dict[str, F.Typed]:
    """The number fields as `fields.Typed`, keyed by canonical column: cast once in the
    staging (`_number_casts`), their untrimmed text bad when it does not cast and is not
    blank, so the checks every reader shares (`fields.number_checks`) judge them."""
    return {
        name: F.Typed(
            value=name,
            bad=f"({name} IS NULL AND {text} IS NOT NULL AND trim({text}) <> '')",
            field=label,
            raw=f"trim({text})",
            fraction=F.not_whole(text, name) if sql_type in F.WHOLE_TYPES else None,
        )
        for name, (text, sql_type, label) in _NUMBERS.items()
    }


def staged_sql(layout: GdeltLayout, file: str, picked: str = "_picked") -> str:
    """SQL staging the picked text fields (`picked`, a table or parenthesised query: line,
    width and the text columns of `_positions`) for `normalise`; every field is cast exactly
    once. Text fields are trimmed of spaces; number fields are not (`TRY_CAST` ignores the
    spaces around a number, and trimming every field was a third of the staging work): a
    number field is bad when it does not cast and is not blank."""
    trimmed = _trimmed_fields(layout)
    casts = _number_casts()
    reason, field = F.verdict(_row_checks(layout))
    location = F.text("place_text")
    return f"""
WITH picked AS (
    SELECT line, width, problem, {location} AS location_raw,
        {trimmed}
    FROM {picked}
), typed AS (
    SELECT *,
        CASE WHEN regexp_full_match(date_text, '[0-9]{{8}}')
            THEN CAST(try_strptime(date_text, '%Y%m%d') AS DATE) END AS event_date,
        {casts}
    FROM picked
)
SELECT
    '{layout.dataset}' AS dataset, event_id, event_date,
    source_actor, source_country_raw, source_sector,
    target_actor, target_country_raw, target_sector,
    cameo_code, quad_class, goldstein,
    CAST(NULL AS VARCHAR) AS plover_type,
    CAST(NULL AS VARCHAR) AS plover_mode,
    CAST(NULL AS VARCHAR) AS plover_context,
    mentions, sources, articles, tone, location_raw, lat, lon,
    {sql_text(file)} AS file, line, url,
    {reason} AS reject_reason,
    {field} AS reject_field
FROM typed
"""


def _fast_pick(layout: GdeltLayout, block: LineBlock) -> pa.Table | None:
    """The picked fields of a clean block whose rows all have one accepted width and no blank line,
    parsed by Arrow's C++ CSV reader; None when the block needs the general path."""
    raw = block.raw
    if not block.clean or not raw or raw.startswith(b"\n") or b"\n\n" in raw or b'"' in raw:
        return None  # quotes: `split_sql` reads fields wholly in them
    first = raw[: raw.find(b"\n")]
    width = first.count(b"\t") + 1
    if width not in layout.widths:
        return None
    positions = {name: pos for name, pos in _positions(layout).items() if pos <= width}
    odd: list[int] = []

    def invalid(_row: object) -> str:
        odd.append(1)
        return "skip"

    try:
        table = pacsv.read_csv(
            io.BytesIO(raw),
            read_options=pacsv.ReadOptions(
                column_names=[f"c{i}" for i in range(1, width + 1)], use_threads=False
            ),
            parse_options=pacsv.ParseOptions(
                delimiter="\t", quote_char=False, escape_char=False, invalid_row_handler=invalid
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={f"c{p}": pa.string() for p in positions.values()},
                include_columns=[f"c{p}" for p in positions.values()],
                null_values=[MISSING],  # and not the empty field
                strings_can_be_null=True,
            ),
        )
    except pa.ArrowInvalid:
        return None
    if odd or table.num_rows != block.lines.num_rows:
        return None
    columns = {
        "line": block.lines.column("line"),
        "width": pa.repeat(width, table.num_rows),
        "problem": pa.nulls(table.num_rows, pa.string()),
    }
    for name in _positions(layout):
        pos = _positions(layout)[name]
        columns[name] = (
            table.column(f"c{pos}") if pos <= width else pa.nulls(table.num_rows, pa.string())
        )
    return pa.table(columns)


def staged_rows(
    con: duckdb.DuckDBPyConnection, context: ReadContext, sql: str, picked: pa.Table
) -> pa.Table:
    """A block's picked fields (`_picked` in `sql`, from `staged_sql`) checked, typed and
    normalised as GDELT rows: the step every GDELT reader (raw exports, BigQuery) ends with."""
    con.register("_picked", picked)
    try:
        staged = fetch_arrow(con, sql)
    finally:
        con.unregister("_picked")
    return normalise(
        context,
        staged,
        id_field="GLOBALEVENTID",
        date_field="SQLDATE",
        code_field="EventCode",
        quad_field="QuadClass",
    )


def read_gdelt(layout: GdeltLayout, source: Source, context: ReadContext) -> Iterator[Batch]:
    """Stream a GDELT events file in blocks of lines, staged and normalised in DuckDB."""
    sql = staged_sql(layout, source.name)
    con = context.con
    with source.open() as opened:
        blocks = line_blocks(
            opened.stream,
            context.block_bytes,
            keep_raw=True,
            encoding=context.text_encoding,
            name=source.name,
        )
        for block in blocks:
            picked = _fast_pick(layout, block)
            if picked is None:
                con.register("_lines", block.lines)
                try:
                    picked = fetch_arrow(con, split_sql(layout))
                finally:
                    con.unregister("_lines")
            yield Batch(staged_rows(con, context, sql, picked), opened.position())


#: What a native scan reads as NULL: nothing a GDELT field holds, so an empty field is '' and a
#: NULL column means the row had fewer fields.
_NO_NULL = "\x01accord-missing-field\x02"


def _native_field(column: str, *, quoted: bool) -> str:
    """SQL: a picked column of a native scan as `split_sql` reads the field: without double
    quotes wholly around it (only when the file has a quote: `quoted`). `MISSING` is already
    NULL (the scan's `nullstr`) but for a quoted field, whose quotes DuckDB keeps."""
    if not quoted:
        return column
    unquoted = f"CASE WHEN contains({column}, '\"') THEN {unquoted_sql(column)} ELSE {column} END"
    return f"NULLIF({unquoted}, {sql_text(MISSING)})"


def native_picked_sql(
    layout: GdeltLayout,
    path: str,
    compression: str,
    parts: Sequence[FilePart] = (),
    *,
    quoted: bool = True,
) -> str:
    """The picked text fields of a whole file read by DuckDB's own CSV reader (no Python), in
    the layout `staged_sql` expects, each line read once. `line` is the row's position in
    the file (`row_number() OVER ()`, which DuckDB counts in file order, plus the lines before
    the part), true only when no line is skipped (blank lines, or rows DuckDB refuses: those
    raise): the caller checks. Given `parts` (copies of the file cut at line ends,
    `file_parts.line_parts`), each part is numbered by a scan of its own, side by side.
    Rows narrower than every accepted width get width -1 (the exact width would make DuckDB
    materialise every field of every row); the caller re-reads such files by blocks, whose
    reader reports the exact width. With `quoted` each field is looked at for double quotes
    wholly around it (`_native_field`)."""
    low, high = min(layout.widths), max(layout.widths)
    widths = " ".join(f"WHEN c{w + 1} IS NULL THEN {w}" for w in sorted(layout.widths) if w < high)
    width = f"CASE WHEN c{low} IS NULL THEN -1 {widths} ELSE {high} END"
    picked = ",\n    ".join(
        f"{_native_field(f'c{pos}', quoted=quoted)} AS {name}"
        for name, pos in _positions(layout).items()
    )
    columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(1, high + 1))
    options = (
        f"delim = '\t', quote = '', escape = '', header = false, auto_detect = false, "
        f"null_padding = true, nullstr = [{sql_text(_NO_NULL)}, {sql_text(MISSING)}], "
        f"compression = {sql_text(compression)}, columns = {{{columns}}}"
    )
    files = [(str(part.path), part.lines_before) for part in parts] or [(path, 0)]
    scans = [
        f"""SELECT row_number() OVER () + {int(before)} AS line, {width} AS width,
    CAST(NULL AS VARCHAR) AS problem, {picked}
FROM read_csv({sql_text(name)}, {options})"""
        for name, before in files
    ]
    return "(" + "\nUNION ALL\n".join(scans) + ")"


def native_scan(
    layout: GdeltLayout, source: Source, parts: Sequence[FilePart] = (), *, quoted: bool = True
) -> str | None:
    """SQL reading a plain or gzip GDELT file whole in DuckDB, staged for `normalise_sql`
    (see `native_picked_sql` for what the caller must check, `parts` and `quoted`); None for a
    zip member."""
    if source.member is not None:
        return None
    compression = "gzip" if is_gzip(source.path) else "none"
    picked = native_picked_sql(layout, str(source.path), compression, parts, quoted=quoted)
    return staged_sql(layout, source.name, picked)
