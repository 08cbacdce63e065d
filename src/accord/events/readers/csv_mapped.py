"""Any delimited file of events, described by a column-mapping file (YAML or JSON).

    dataset: csv              # or curated; default csv
    delimiter: ","            # default ","
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
`event_date` are required, and one of `cameo_code` or `plover_type`. CAMEO codes are zero-padded
when a spreadsheet lost the leading zero of a 3-digit code ('42' -> '042'). Quoting follows CSV
rules; `line` assumes no line breaks inside quoted fields.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import yaml

from accord.errors import InputError
from accord.events.readers import fields as F
from accord.events.readers.base import Batch, ReadContext, fetch_arrow
from accord.events.readers.normalise import normalise
from accord.events.readers.sources import Opened, Source
from accord.events.readers.sql_literal import sql_text
from accord.events.schema import DATASETS

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
_SPECIAL = ("event_date", "source_country", "target_country", "cameo_code", "location_country")
MAPPABLE = frozenset((*_TEXT, *_NUMBERS, *_SPECIAL))


@dataclass(frozen=True)
class ColumnMapping:
    """How a delimited file's columns become event columns."""

    columns: dict[str, str]
    dataset: str = "csv"
    delimiter: str = ","
    date_format: str | None = None
    source: str = field(default="<mapping>", compare=False)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> ColumnMapping:
        """Read and check a mapping file."""
        name = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError.at(
                f"cannot read the mapping file: {exc.strerror}", file=name
            ) from None
        try:
            data = json.loads(text) if name.endswith(".json") else yaml.safe_load(text)
        except (json.JSONDecodeError, yaml.YAMLError) as exc:
            raise InputError.at(f"not valid YAML/JSON: {exc}", file=name) from None
        if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
            raise InputError.at("expected a mapping with a `columns` table", file=name)
        columns = {str(k): str(v) for k, v in data["columns"].items()}
        unknown = sorted(set(columns) - MAPPABLE)
        if unknown:
            raise InputError.at(
                f"cannot map {', '.join(unknown)}; mappable: {', '.join(sorted(MAPPABLE))}",
                file=name,
                field="columns",
            )
        missing = [c for c in ("event_id", "event_date") if c not in columns]
        if not ({"cameo_code", "plover_type"} & set(columns)):
            missing.append("cameo_code or plover_type")
        if missing:
            raise InputError.at(f"must map {', '.join(missing)}", file=name, field="columns")
        dataset = str(data.get("dataset", "csv"))
        if dataset not in DATASETS:
            raise InputError.at(
                f"dataset must be one of {', '.join(DATASETS)}", file=name, field="dataset"
            )
        fmt = data.get("date_format")
        return cls(columns, dataset, str(data.get("delimiter", ",")), fmt and str(fmt), name)


def _staged_sql(mapping: ColumnMapping, header: list[str], file: str) -> str:
    problems = [c for c in mapping.columns.values() if c not in header]
    if problems:
        raise InputError.at(
            f"the file has no column(s) {', '.join(problems)} named in {mapping.source}",
            file=file,
            line=1,
            field=problems[0],
        )
    index = {name: f"c{i}" for i, name in enumerate(header)}

    def raw(target: str) -> str:
        source = mapping.columns.get(target)
        return f'"{index[source]}"' if source else "CAST(NULL AS VARCHAR)"

    def label(target: str) -> str:
        return mapping.columns.get(target, target)

    numbers = {t: F.typed(raw(t), sql, label(t)) for t, sql in _NUMBERS.items()}
    date_text = F.text(raw("event_date"))
    date = (
        f"CAST(try_strptime({date_text}, {sql_text(mapping.date_format)}) AS DATE)"
        if mapping.date_format
        else f"TRY_CAST({date_text} AS DATE)"
    )
    code = F.text(raw("cameo_code"))
    padded = f"CASE WHEN length({code}) = 2 AND {code} > '20' THEN '0' || {code} ELSE {code} END"
    checks = [
        (
            f"{date_text} IS NOT NULL AND {date} IS NULL",
            f"'{label('event_date')} is not a date: ' || {date_text}",
            label("event_date"),
        ),
        *F.number_checks(list(numbers.values())),
    ]
    reason, fld = F.verdict(checks)
    selects = [f"{sql_text(mapping.dataset)} AS dataset", f"{date} AS event_date"]
    selects += [f"{F.text(raw(t))} AS {t}" for t in _TEXT]
    selects += [f"{n.value} AS {t}" for t, n in numbers.items()]
    selects += [
        f"{F.text(raw('source_country'))} AS source_country_raw",
        f"{F.text(raw('target_country'))} AS target_country_raw",
        f"{F.text(raw('location_country'))} AS location_raw",
        f"{padded} AS cameo_code",
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
        with source.open() as opened:
            try:
                reader = pacsv.open_csv(
                    opened.stream,
                    read_options=pacsv.ReadOptions(block_size=min(context.block_bytes, 1 << 30)),
                    parse_options=pacsv.ParseOptions(delimiter=self.mapping.delimiter),
                    convert_options=pacsv.ConvertOptions(
                        # Mapped columns stay text: inference would turn CAMEO '0311' into 311.
                        column_types={name: pa.string() for name in self.mapping.columns.values()},
                        strings_can_be_null=False,
                        auto_dict_encode=False,
                    ),
                )
            except pa.ArrowInvalid as exc:
                if str(exc).startswith("Empty CSV file"):
                    return  # no header, no rows
                message = f"cannot read the header: {exc}"
                raise InputError.at(message, file=source.name, line=1) from None
            try:
                yield from self._batches(reader, source, opened, context)
            except pa.ArrowInvalid as exc:
                # Arrow does not say which line (e.g. a row with too many fields).
                raise InputError.at(f"not a delimited file: {exc}", file=source.name) from None

    def _batches(
        self,
        reader: pacsv.CSVStreamingReader,
        source: Source,
        opened: Opened,
        context: ReadContext,
    ) -> Iterator[Batch]:
        """The batches of an opened file whose header `reader` has read."""
        con = context.con
        try:
            header = list(reader.schema.names)
        except UnicodeDecodeError:
            raise InputError.at("the header is not UTF-8 text", file=source.name, line=1) from None
        string_schema = pa.schema([(f"c{i}", pa.string()) for i in range(len(header))])
        sql = _staged_sql(self.mapping, header, source.name)
        next_line = 2
        for record_batch in reader:
            arrays = [col.cast(pa.string()) for col in record_batch.columns]
            rows = pa.Table.from_arrays(arrays, schema=string_schema)
            n = rows.num_rows
            rows = rows.append_column("line", pa.array(range(next_line, next_line + n), pa.int64()))
            next_line += n
            con.register("_rows", rows)
            try:
                staged = fetch_arrow(con, sql)
            finally:
                con.unregister("_rows")
            yield Batch(
                normalise(
                    context,
                    staged,
                    id_field=self.mapping.columns["event_id"],
                    date_field=self.mapping.columns["event_date"],
                    code_field=self.mapping.columns.get("cameo_code", "plover_type"),
                    quad_field=self.mapping.columns.get("quad_class", "quad_class"),
                ),
                opened.position(),
            )


def load_mapping(path: str | os.PathLike[str]) -> ColumnMapping:
    """The column mapping in a YAML or JSON file."""
    return ColumnMapping.load(path)
