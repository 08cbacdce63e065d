"""Any delimited file of events, described by a column-mapping file (YAML or JSON).

    dataset: csv              # or curated; default csv
    delimiter: ","            # default ","
    encoding: utf-8           # the file's text encoding; default utf-8 (e.g. latin-1, cp1252);
                              # `--encoding` overrides it
    date_format: "%Y-%m-%d"   # strptime format of the date column; default ISO
    columns:                  # events column: the file's header name
      event_id: id
      event_date: date
      source_country: actor1  # ISO3 code, CAMEO code or country name
      target_country: actor2
      cameo_code: code
      goldstein: weight       # optional; from the CAMEO codebook when absent
      url: link

Mappable columns are those of `events` except the derived ones (`cameo_root`, the mapped
countries, provenance), plus `location_country` (a place or country name). `event_id` and
`event_date` are required, and one of `cameo_code` or `plover_type`. A CAMEO code that a
spreadsheet wrote without its leading zero is read as the code it was ('10' is 010, '211' is
0211: `event_codes`), as in every format. Quoting follows CSV
rules within a line: a line break inside a quoted field splits the row, and both halves are
rejected with their lines. Lines that are not valid text in the declared encoding, hold control
characters or have another number of fields than the header are rejected with their line.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import yaml

from accord.errors import InputError
from accord.events.ontology import PLOVER_LEGACY, PLOVER_QUAD
from accord.events.readers import fields as F
from accord.events.readers.base import Batch, ReadContext, fetch_arrow
from accord.events.readers.delimited import read_header, row_blocks
from accord.events.readers.lines import check_encoding
from accord.events.readers.normalise import normalise
from accord.events.readers.sources import Source
from accord.events.readers.sql_literal import sql_text
from accord.events.schema import DATASETS
from accord.safe_yaml import compose_yaml, construct_yaml, read_yaml_text

_TEXT = (
    "event_id",
    "source_actor",
    "source_sector",
    "target_actor",
    "target_sector",
    "plover_type",
    "plover_mode",
    "plover_context",
    "url",
)
_NUMBERS = {
    "quad_class": "TINYINT",
    "goldstein": "DOUBLE",
    "mentions": "INTEGER",
    "sources": "INTEGER",
    "articles": "INTEGER",
    "tone": "DOUBLE",
    "lat": "DOUBLE",
    "lon": "DOUBLE",
}
#: The PLOVER event types a mapped file may name (draft 0.8), as a SQL list.
_PLOVER_TYPES = ", ".join(sql_text(name) for name in PLOVER_QUAD)
#: SQL: the quad class of the PLOVER type `{}` (NULL for none).
_PLOVER_QUAD_SQL = (
    "CASE {} "
    + " ".join(f"WHEN {sql_text(name)} THEN {quad}" for name, quad in PLOVER_QUAD.items())
    + " END"
)
#: SQL: the PLOVER type `{}` (upper case), an earlier draft's type as its draft-0.8 successor.
_PLOVER_SUCCESSOR_SQL = (
    "CASE {0} "
    + " ".join(
        f"WHEN {sql_text(old)} THEN {sql_text(new)}" for old, (new, _) in PLOVER_LEGACY.items()
    )
    + " ELSE {0} END"
)
_SPECIAL = ("event_date", "source_country", "target_country", "cameo_code", "location_country")
MAPPABLE = frozenset((*_TEXT, *_NUMBERS, *_SPECIAL))


@dataclass(frozen=True)
class ColumnMapping:
    """How a delimited file's columns become event columns."""

    columns: dict[str, str]
    dataset: str = "csv"
    delimiter: str = ","
    date_format: str | None = None
    encoding: str = "utf-8"
    source: str = field(default="<mapping>", compare=False)
    #: words the file writes for a missing value besides an empty field (R's `NA`)
    missing: tuple[str, ...] = ()

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> ColumnMapping:
        """Read and check a mapping file."""
        name = str(path)
        text = read_yaml_text(path, name)  # JSON is YAML: the same size and encoding checks
        lines: dict[str, int] = {}
        if not name.endswith(".json"):
            root = compose_yaml(text, name)
            data = construct_yaml(root, name)
            lines = _key_lines(root)
        else:
            try:
                data = json.loads(text)
            except (json.JSONDecodeError, RecursionError) as exc:
                raise InputError.at(f"not valid JSON: {exc}", file=name) from None

        def error(message: str, key: str) -> InputError:
            return InputError.at(message, file=name, line=lines.get(key), field=key)

        if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
            lines.setdefault("columns", lines.get("", 1))
            raise error("expected a mapping with a `columns` table", "columns")
        columns = _columns(data["columns"], error)
        dataset = str(data.get("dataset", "csv"))
        if dataset not in _FILE_DATASETS:
            raise error(f"dataset must be one of {', '.join(_FILE_DATASETS)}", "dataset")
        fmt = data.get("date_format")
        if fmt is not None and not isinstance(fmt, str):
            raise error("date_format must be text, such as '%d/%m/%Y'", "date_format")
        if fmt is not None and not _parses_dates(fmt):
            raise error(
                f"date_format {fmt!r} is not a strptime format DuckDB knows (e.g. %d/%m/%Y)",
                "date_format",
            )
        delimiter = str(data.get("delimiter", ","))
        if len(delimiter) != 1 or delimiter in '"\r\n' or ord(delimiter) < 9:
            raise error(
                "delimiter must be one character other than a quote, a line break or a "
                "control character",
                "delimiter",
            )
        try:
            encoding = check_encoding(str(data.get("encoding", "utf-8")), file=name)
        except InputError as exc:
            raise error(exc.problems[0].message, "encoding") from None
        words = _missing_words(data.get("missing", []), error)
        return cls(columns, dataset, delimiter, fmt and str(fmt), encoding, name, words)


def _columns(
    given: dict[object, object], error: Callable[[str, str], InputError]
) -> dict[str, str]:
    """The mapping's `columns` table checked: each event column it maps names one column of
    the file (text), every name is mappable, and the required ones are there."""
    empty = sorted(str(k) for k, v in given.items() if v is None or not str(v))
    if empty:
        raise error(f"no column of the file named for {', '.join(empty)}", "columns")
    # a column is named by text (a number is read as its text: a header '2020'); a list
    # or a table names no one column
    not_text = sorted(str(k) for k, v in given.items() if isinstance(v, list | dict))
    if not_text:
        raise error(f"{not_text[0]} must name one column of the file (text)", "columns")
    columns = {str(k): str(v) for k, v in given.items()}
    unknown = sorted(set(columns) - MAPPABLE)
    if unknown:
        raise error(
            f"cannot map {', '.join(unknown)}; mappable: {', '.join(sorted(MAPPABLE))}",
            "columns",
        )
    missing = [c for c in ("event_id", "event_date") if c not in columns]
    if not ({"cameo_code", "plover_type"} & set(columns)):
        missing.append("cameo_code or plover_type")
    if missing:
        raise error(f"must map {', '.join(missing)}", "columns")
    return columns


#: Most words a mapping may list under `missing`, and their longest length.
MAX_MISSING_WORDS = 20
_MAX_MISSING_LENGTH = 40


def _missing_words(given: object, error: Callable[[str, str], InputError]) -> tuple[str, ...]:
    """The mapping's `missing` words: a list of short texts (R writes `NA`, others `null`,
    `-`); a country code such as NA (Namibia) is only missing when the mapping says so."""
    if isinstance(given, str):
        given = [given]
    if not isinstance(given, list) or not all(isinstance(w, str) for w in given):
        raise error("missing must be a list of words, such as [NA, null]", "missing")
    if len(given) > MAX_MISSING_WORDS or any(len(w) > _MAX_MISSING_LENGTH for w in given):
        raise error(
            f"missing lists at most {MAX_MISSING_WORDS} words of at most "
            f"{_MAX_MISSING_LENGTH} characters",
            "missing",
        )
    return tuple(w.strip() for w in given if w.strip())


#: Datasets a mapped file may name: not those Accord's own producers write (simulation runs
#: and exercises), whose rows the relations layer treats apart.
_FILE_DATASETS = tuple(d for d in DATASETS if d not in ("simulation", "exercise"))


def _parses_dates(date_format: str) -> bool:
    """Whether DuckDB's strptime accepts `date_format` (bound as a value, never SQL)."""
    import duckdb

    with duckdb.connect() as con:
        try:
            con.execute("SELECT try_strptime('2000-01-01', ?)", [date_format])
        except duckdb.Error:
            return False
    return True


def _key_lines(root: yaml.Node | None) -> dict[str, int]:
    """The line of each top-level key of a mapping file (`""`: the document's first line)."""
    if root is None:
        return {}
    lines = {"": root.start_mark.line + 1}
    if isinstance(root, yaml.MappingNode):
        lines.update({str(k.value): k.start_mark.line + 1 for k, _ in root.value})
    return lines


def _check_columns(mapping: ColumnMapping, header: list[str], file: str) -> None:
    """An input error at the header when it lacks a column the mapping names."""
    problems = [c for c in mapping.columns.values() if c not in header]
    if problems:
        raise InputError.at(
            f"the file has no column(s) {', '.join(problems)} named in {mapping.source}",
            file=file,
            line=1,
            field=problems[0],
        )


def _plover(text: str, field: str) -> tuple[tuple[str, str, str], str]:
    """The check of a mapped PLOVER type (`text`: its SQL text; `field`: the file's column)
    and the type as stored: upper case, an earlier draft's type as its draft-0.8 successor."""
    ptype = _PLOVER_SUCCESSOR_SQL.format(f"upper({text})")
    check = (
        f"{ptype} IS NOT NULL AND {ptype} NOT IN ({_PLOVER_TYPES})",
        f"'unknown PLOVER event type ' || {text}",
        field,
    )
    return check, ptype


def _staged_sql(mapping: ColumnMapping, header: list[str], file: str) -> str:
    _check_columns(mapping, header, file)
    index = {name: f"c{i}" for i, name in enumerate(header)}

    def raw(target: str) -> str:
        source = mapping.columns.get(target)
        return f'"{index[source]}"' if source else "CAST(NULL AS VARCHAR)"

    def label(target: str) -> str:
        return mapping.columns.get(target, target)

    nulls = ("", *mapping.missing)
    numbers = {t: F.typed(raw(t), sql, label(t), nulls) for t, sql in _NUMBERS.items()}
    read_problem = ("pre_reason IS NOT NULL", "pre_reason", "line")
    date_text = F.text(raw("event_date"), nulls)
    date = (
        f"CAST(try_strptime({date_text}, {sql_text(mapping.date_format)}) AS DATE)"
        if mapping.date_format
        else F.iso_date(date_text)
    )
    code = F.text(raw("cameo_code"), nulls)
    plover_check, ptype = _plover(F.text(raw("plover_type"), nulls), label("plover_type"))
    checks = [
        read_problem,
        plover_check,
        (
            f"{date_text} IS NOT NULL AND {date} IS NULL",
            f"{F.literal(label('event_date') + _date_problem(mapping.date_format))} || {date_text}",
            label("event_date"),
        ),
        *F.number_checks(numbers),
    ]
    reason, fld = F.verdict(checks)
    selects = [f"{sql_text(mapping.dataset)} AS dataset", f"{date} AS event_date"]
    selects += [f"{F.text(raw(t), nulls)} AS {t}" for t in _TEXT if t != "plover_type"]
    selects += [f"{n.value} AS {t}" for t, n in numbers.items() if t != "quad_class"]
    # a PLOVER type gives its quad class where the file gives none (as the PLOVER reader does)
    quad = f"COALESCE({numbers['quad_class'].value}, {_PLOVER_QUAD_SQL.format(ptype)})"
    selects += [
        f"{ptype} AS plover_type",
        f"{quad} AS quad_class",
        f"{F.text(raw('source_country'), nulls)} AS source_country_raw",
        f"{F.text(raw('target_country'), nulls)} AS target_country_raw",
        f"{F.text(raw('location_country'), nulls)} AS location_raw",
        f"{code} AS cameo_code",
        f"{sql_text(file)} AS file",
        "line",
        f"{reason} AS reject_reason",
        f"{fld} AS reject_field",
    ]
    return "SELECT " + ",\n    ".join(selects) + " FROM _rows"


class CsvReader:
    """Reader of delimited files described by a `ColumnMapping` (`--format csv`)."""

    format = "csv"

    def __init__(self, mapping: ColumnMapping) -> None:
        self.mapping = mapping

    def read(self, source: Source, context: ReadContext) -> Iterator[Batch]:
        con = context.con
        mapping = self.mapping
        with source.open() as opened:
            encoding = context.encoding or mapping.encoding
            header = read_header(opened.stream, mapping.delimiter, encoding, source.name)
            if header is None:
                return  # an empty file: no header, no rows
            sql = _staged_sql(mapping, list(header.names), source.name)
            for rows in row_blocks(opened.stream, header, context.block_bytes):
                con.register("_rows", rows)
                try:
                    staged = fetch_arrow(con, sql)
                finally:
                    con.unregister("_rows")
                yield Batch(
                    normalise(
                        context,
                        staged,
                        id_field=mapping.columns["event_id"],
                        date_field=mapping.columns["event_date"],
                        code_field=mapping.columns.get("cameo_code", "plover_type"),
                        quad_field=mapping.columns.get("quad_class", "quad_class"),
                    ),
                    opened.position(),
                )


def load_mapping(path: str | os.PathLike[str]) -> ColumnMapping:
    """The column mapping in a YAML or JSON file."""
    return ColumnMapping.load(path)


def _date_problem(date_format: str | None) -> str:
    """What a rejected date was expected to look like, so the fix is in the message."""
    if date_format:
        return f" does not match date_format {date_format}: "
    return " is not a YYYY-MM-DD date (set date_format in the mapping for another form): "
