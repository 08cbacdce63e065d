"""GDELT events as analysts export them from BigQuery: comma-separated, quoted where needed,
with a header row of GDELT's own column names (`GLOBALEVENTID,SQLDATE,MonthYear,...`).

Columns are found by name, so an export of only some columns reads too (GLOBALEVENTID, SQLDATE
and EventCode are required). A header naming the ADM2 geography columns of GDELT 2.0 reads as
GDELT 2.0, any other as GDELT 1.0; rows are then staged and normalised exactly like the raw
tab-separated exports (`gdelt_layout`), so a BigQuery export and the raw file of the same events
store the same rows (same dataset, id and date: re-ingesting one after the other adds nothing).
Column names follow the GDELT event codebooks (V1.03, 2013; V2.0, 2015).
"""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa

from accord.errors import InputError
from accord.events.readers.base import Batch, ReadContext
from accord.events.readers.delimited import read_header, row_blocks
from accord.events.readers.gdelt_layout import (
    GDELT1,
    GDELT2,
    GdeltLayout,
    staged_rows,
    staged_sql,
)
from accord.events.readers.gdelt_layout import _positions as picked_positions
from accord.events.readers.sources import Source

#: GDELT 1.0 event columns in file order (codebook V1.03); GDELT 2.0 adds an ADM2 code after
#: each ADM1 code (`_ADM2`).
GDELT1_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode",
    "Actor1EthnicCode", "Actor1Religion1Code", "Actor1Religion2Code",
    "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode",
    "Actor2EthnicCode", "Actor2Religion1Code", "Actor2Religion2Code",
    "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
_ADM2 = ("Actor1Geo_ADM2Code", "Actor2Geo_ADM2Code", "ActionGeo_ADM2Code")


def _gdelt2_columns() -> tuple[str, ...]:
    out: list[str] = []
    for name in GDELT1_COLUMNS:
        out.append(name)
        if name.endswith("Geo_ADM1Code"):
            out.append(name.replace("ADM1", "ADM2"))
    return tuple(out)


GDELT2_COLUMNS = _gdelt2_columns()
REQUIRED = ("GLOBALEVENTID", "SQLDATE", "EventCode")


def is_bigquery_header(line: str) -> bool:
    """True when a file's first line is a comma-separated header of GDELT column names."""
    names = {n.strip().strip('"').lstrip("\ufeff") for n in line.split(",")}
    return set(REQUIRED) <= names


def _layout(names: tuple[str, ...]) -> tuple[GdeltLayout, tuple[str, ...]]:
    if any(n in _ADM2 for n in names):
        return GDELT2, GDELT2_COLUMNS
    return GDELT1, GDELT1_COLUMNS


def _picked(
    layout: GdeltLayout, columns: tuple[str, ...], index: dict[str, int], rows: pa.Table
) -> pa.Table:
    """The block in the layout `staged_sql` reads: line, width and the picked text fields,
    taken by name (a column the export left out is NULL)."""
    n = rows.num_rows
    out: dict[str, pa.Array] = {
        "line": rows.column("line"),
        # every parsed row is as wide as the layout; a row that broke is rejected by its reason
        "width": pa.repeat(pa.scalar(max(layout.widths), pa.int64()), n),
        # why a line could not be split (bad quoting, another number of fields): its verdict
        "problem": rows.column("pre_reason"),
    }
    for name, position in picked_positions(layout).items():
        column = columns[position - 1]
        k = index.get(column)
        out[name] = rows.column(f"c{k}") if k is not None else pa.nulls(n, pa.string())
    return pa.table(out)


class GdeltBigQueryReader:
    """Reader of GDELT events exported from BigQuery (`--format gdelt-bq`)."""

    format = "gdelt-bq"

    def read(self, source: Source, context: ReadContext) -> Iterator[Batch]:
        con = context.con
        with source.open() as opened:
            header = read_header(opened.stream, ",", "utf-8", source.name)
            if header is None:
                return
            names = tuple(n.lstrip("\ufeff") for n in header.names)
            missing = [n for n in REQUIRED if n not in names]
            if missing:
                raise InputError.at(
                    f"a BigQuery GDELT export needs the column(s) {', '.join(missing)}",
                    file=source.name,
                    line=1,
                    field=missing[0],
                )
            layout, columns = _layout(names)
            index = {name: k for k, name in enumerate(names)}
            sql = staged_sql(layout, source.name)
            for rows in row_blocks(opened.stream, header, context.block_bytes):
                table = staged_rows(con, context, sql, _picked(layout, columns, index, rows))
                yield Batch(table, opened.position())
