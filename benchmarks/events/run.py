"""Benchmark: ingest of synthetic GDELT 1.0 events, Accord against competent pandas and Polars.

Every side reads the same tab-separated file (10% backfile rows of 57 fields, then daily rows of
58) and writes the same normalised table: event id, date (date32), actors, ISO3 actor countries,
sectors, CAMEO code and root, quad class, Goldstein, PLOVER type / mode / context, counts,
tone, ISO3 country of the action's place, latitude, longitude and URL.

- accord: `accord.events.ingest` into a fresh DuckDB store (idempotent, logged, every row
  judged).
- pandas: `read_csv` of only the 20 needed fields with per-field dtypes (categoricals for codes
  and dates, numbers typed), in chunks of 1M rows; countries, places, dates and PLOVER mapped
  once per category (not per row); written with pyarrow to Parquet. The C parser, because the
  pyarrow engine rejects a file mixing rows of 57 and 58 fields.
- polars: a lazy `scan_csv` with a typed schema (projection pushdown reads only the needed
  fields, short rows padded): a first scan of the place field for its distinct values (each
  mapped once), then one streaming pass (dates parsed natively, countries, places and PLOVER
  mapped with `replace_strict`) sunk to Parquet.
- polars sorted: the same pipeline with a sort on Accord's stored order (date, then the two
  actor countries) before the sink: the layout Accord stores, which date-range reads want.
- duckdb (reference bound, not a peer doing the same work): DuckDB's typed CSV load of the same
  20 fields into a table, with no mapping at all.
- duckdb sorted (a second reference): the same load stored in Accord's order (date, then the
  actor country fields) under Accord's memory limit for an ingest: what the date order costs
  DuckDB itself.

The country and place resolver (Accord's, applied once per distinct value) and the PLOVER table
are built in setup, outside the timing, for the baselines. Afterwards the stored table and both
Parquet files are compared column by column (non-null count and an order-free hash of each
column): the benchmark stops if they differ, or if Accord's store or the sorted Polars file is
not in date order. Each side runs in its own process
(`benchmarks/timing.py`: equal warm-ups and repeats, wall and CPU time, peak memory). Then the
aggregation half (`benchmarks/events/aggregate.py`) runs.

    python -m benchmarks.events.run [--events N] [--workdir DIR] [--warmup W] [--repeat R]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.timing import Job, Timing, check_same, measure, report

EVENTS = 5_000_000
HERE = "benchmarks.events.run"

# GDELT 1.0 field positions (0-based) of the stored fields, and the baselines' dtypes.
FIELDS = {
    0: ("event_id", "str"),
    1: ("sqldate", "category"),
    5: ("source_actor", "category"),
    7: ("source_country_raw", "category"),
    12: ("source_sector", "category"),
    15: ("target_actor", "category"),
    17: ("target_country_raw", "category"),
    22: ("target_sector", "category"),
    26: ("cameo_code", "str"),  # a categorical read would make "010" the number 10
    28: ("cameo_root", "str"),
    29: ("quad_class", "Int8"),
    30: ("goldstein", "float64"),
    31: ("mentions", "Int32"),
    32: ("sources", "Int32"),
    33: ("articles", "Int32"),
    34: ("tone", "float64"),
    50: ("place", "category"),
    53: ("lat", "float64"),
    54: ("lon", "float64"),
    57: ("url", "str"),
}
COLUMNS = (
    "event_id", "event_date", "source_actor", "source_country", "source_sector", "target_actor",
    "target_country", "target_sector", "cameo_code", "cameo_root", "quad_class", "goldstein",
    "plover_type", "plover_mode", "plover_context", "mentions", "sources", "articles", "tone",
    "location_country", "lat", "lon", "url",
)  # fmt: skip


class _Lookups:
    """What the baselines map with: Accord's own country and place resolvers (called once per
    distinct value) and the PLOVER columns of every CAMEO code."""

    def __init__(self) -> None:
        from accord.events.readers.base import ReadContext
        from accord.events.readers.event_codes import codes_table
        from accord.world import default_world

        self.context = ReadContext(world=default_world())
        codes = codes_table().to_pydict()
        self.plover = {
            name: dict(zip(codes["code"], codes[name], strict=True))
            for name in ("plover_type", "plover_mode", "plover_context")
        }

    def country(self, raw: str) -> str | None:
        from accord.events.readers.countries import resolve_country

        return resolve_country(self.context, raw)

    def place(self, raw: str) -> str | None:
        from accord.events.readers.countries import resolve_place

        return resolve_place(self.context, raw)

    def fresh(self) -> None:
        self.context.country_cache.clear()


def _remove(*paths: Path) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def accord_side(data: str, workdir: str) -> Job:
    from accord.events import ingest
    from accord.store import Store

    db = Path(workdir) / "accord.duckdb"

    def run() -> dict[str, Any]:
        with Store(db) as store:
            return {"rows": ingest(store, Path(data)).stored}

    return Job(run, lambda: _remove(db, db.with_suffix(".duckdb.wal")))


def pandas_side(data: str, workdir: str) -> Job:
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    lookups = _Lookups()
    out = Path(workdir) / "pandas.parquet"

    def mapped(column: pd.Series, fn: Any) -> pd.Series:
        """A categorical column mapped once per category (unknown -> missing)."""
        cats = column.cat.categories
        table = {c: fn(c) for c in cats}
        return column.map(table).astype("string")

    def run() -> dict[str, Any]:
        lookups.fresh()
        rows = 0
        writer: pq.ParquetWriter | None = None
        chunks = pd.read_csv(
            data,
            sep="\t",
            header=None,
            names=range(58),
            usecols=list(FIELDS),
            dtype={pos: dtype for pos, (_, dtype) in FIELDS.items()},
            quoting=3,
            keep_default_na=False,
            na_values=[""],
            chunksize=1_000_000,
            low_memory=False,  # else a sub-chunk of 57-field rows fails `usecols`
        )
        for chunk in chunks:
            frame = chunk.rename(columns={pos: name for pos, (name, _) in FIELDS.items()})
            frame = frame.drop_duplicates(subset="event_id")
            dates = frame.pop("sqldate")
            when = pd.to_datetime(dates.cat.categories, format="%Y%m%d")
            frame["event_date"] = pd.Categorical.from_codes(
                dates.cat.codes, categories=when
            ).astype("datetime64[s]")
            for side in ("source", "target"):
                frame[f"{side}_country"] = mapped(frame.pop(f"{side}_country_raw"), lookups.country)
            frame["location_country"] = mapped(frame.pop("place"), lookups.place)
            codes = frame["cameo_code"].astype("category")
            for name, table in lookups.plover.items():
                frame[name] = codes.map(table).astype("string")
            for name in ("source_actor", "source_sector", "target_actor", "target_sector",
                         "cameo_code", "cameo_root"):  # fmt: skip
                frame[name] = frame[name].astype("string")
            table = pa.Table.from_pandas(frame[list(COLUMNS)], preserve_index=False)
            table = table.set_column(1, "event_date", table.column("event_date").cast(pa.date32()))
            if writer is None:
                writer = pq.ParquetWriter(out, table.schema)
            writer.write_table(table)
            rows += table.num_rows
        if writer is not None:
            writer.close()
        return {"rows": rows}

    return Job(run, lambda: _remove(out))


def polars_side(data: str, workdir: str) -> Job:
    """Polars' lazy, streaming pipeline, written in file order."""
    return _polars(data, workdir, sort=False)


def polars_sorted_side(data: str, workdir: str) -> Job:
    """The same pipeline written in Accord's stored order (date, then the two actor countries):
    the same layout as Accord's store, which a Parquet file read by date ranges wants."""
    return _polars(data, workdir, sort=True)


def _polars(data: str, workdir: str, *, sort: bool) -> Job:
    import polars as pl
    import pyarrow.parquet as pq

    lookups = _Lookups()
    out = Path(workdir) / ("polars-sorted.parquet" if sort else "polars.parquet")
    kinds = {
        "str": pl.String, "category": pl.String, "Int8": pl.Int8, "Int32": pl.Int32,
        "float64": pl.Float64,
    }  # fmt: skip
    named = {pos: name for pos, (name, _) in FIELDS.items()}
    schema = {
        named.get(pos, f"f{pos}"): kinds[FIELDS[pos][1]] if pos in FIELDS else pl.String
        for pos in range(58)
    }
    countries = {
        raw: lookups.country(raw) for raw in {*lookups.context.state_codes, *_cameo_country_codes()}
    }

    def scan() -> pl.LazyFrame:
        return pl.scan_csv(
            data,
            separator="\t",
            has_header=False,
            schema=schema,
            quote_char=None,
            missing_columns="insert",
        )

    def run() -> dict[str, Any]:
        lookups.fresh()
        # the distinct place names first (a scan of one field), then one streaming pass
        places = scan().select(pl.col("place").unique()).collect().get_column("place")
        place_map = {p: lookups.place(p) for p in places.drop_nulls().to_list()}

        def mapped(column: str, table: dict[str, str | None]) -> pl.Expr:
            return pl.col(column).replace_strict(table, default=None, return_dtype=pl.String)

        frame = (
            scan()
            .select([name for name, _ in FIELDS.values()])
            .unique(subset="event_id", keep="first", maintain_order=True)
            .with_columns(
                pl.col("sqldate").str.strptime(pl.Date, "%Y%m%d").alias("event_date"),
                mapped("source_country_raw", countries).alias("source_country"),
                mapped("target_country_raw", countries).alias("target_country"),
                mapped("place", place_map).alias("location_country"),
                *(
                    mapped("cameo_code", table).alias(name)
                    for name, table in lookups.plover.items()
                ),
            )
            .select(COLUMNS)
        )
        if sort:
            from accord.events.bulk import ORDER

            frame = frame.sort(*ORDER)
        frame.sink_parquet(out)
        return {"rows": pq.read_metadata(out).num_rows}

    return Job(run, lambda: _remove(out))


def _cameo_country_codes() -> list[str]:
    from accord.events.ontology import cameo_countries

    return list(cameo_countries())


def duckdb_side(data: str, workdir: str) -> Job:
    """The reference bound: DuckDB's typed load of the fields into a table, in file order."""
    return _duckdb_load(data, workdir, sort=False)


def duckdb_sorted_side(data: str, workdir: str) -> Job:
    """The same load stored in Accord's order (date, then the two actor country fields, raw:
    nothing is mapped) under Accord's memory limit for a bulk ingest (640 MB, so the sort
    spills as Accord's does): what the date order costs DuckDB itself."""
    return _duckdb_load(data, workdir, sort=True)


def _duckdb_load(data: str, workdir: str, *, sort: bool) -> Job:
    import duckdb

    db = Path(workdir) / ("duckdb-sorted.duckdb" if sort else "duckdb-typed.duckdb")
    sql_types = {
        "str": "VARCHAR", "category": "VARCHAR", "Int8": "TINYINT", "Int32": "INTEGER",
        "float64": "DOUBLE",
    }  # fmt: skip
    columns = ", ".join(
        f"'{FIELDS[p][0] if p in FIELDS else f'f{p}'}': "
        f"'{sql_types[FIELDS[p][1]] if p in FIELDS else 'VARCHAR'}'"
        for p in range(58)
    )
    picked = ", ".join(
        "strptime(sqldate, '%Y%m%d')::DATE AS event_date" if name == "sqldate" else name
        for name, _ in FIELDS.values()
    )

    def run() -> dict[str, Any]:
        con = duckdb.connect(str(db))
        con.execute("SET enable_progress_bar = false")
        if sort:
            from accord.events.bulk import MEMORY_LIMIT

            con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        con.execute(
            f"CREATE TABLE events AS SELECT {picked} FROM read_csv('{data}', delim='\\t', "
            "header=false, quote='', escape='', null_padding=true, auto_detect=false, "
            f"columns={{{columns}}}){_sorted_clause() if sort else ''}"
        )
        rows = con.execute("SELECT count(*) FROM events").fetchone()
        con.close()
        return {"rows": rows[0] if rows else 0}

    return Job(run, lambda: _remove(db, db.with_suffix(".duckdb.wal")))


def _sorted_clause() -> str:
    """Accord's order for a bulk ingest (`accord.events.bulk.ORDER`), on the raw country fields
    (nothing is mapped in this load), as an ORDER BY clause for the sorted load."""
    from accord.events.bulk import ORDER

    raw = {"source_country": "source_country_raw", "target_country": "target_country_raw"}
    return " ORDER BY " + ", ".join(raw.get(name, name) for name in ORDER)


def _fingerprint(relation: str, where: str = "") -> dict[str, Any]:
    """Per column: non-null count and an order-free hash of the values (floats rounded)."""
    import duckdb

    def value(name: str) -> str:
        if name in ("goldstein", "tone", "lat", "lon"):
            return f"round({name}, 4)"
        if name == "event_date":
            return "CAST(event_date AS DATE)"
        return f"CAST({name} AS VARCHAR)"

    parts = ", ".join(f"count({n}) AS {n}_n, bit_xor(hash({value(n)})) AS {n}_h" for n in COLUMNS)
    con = duckdb.connect()
    row = con.execute(f"SELECT count(*) AS rows, {parts} FROM {relation} {where}").fetchone()
    names = [d[0] for d in con.description or []]
    con.close()
    return dict(zip(names, row or (), strict=True))


def _out_of_date_order(parquet: Path) -> int:
    """How many rows of a Parquet file, in the file's own row order, have an earlier date than
    the row before (the window is ordered by row number: an unordered one may read otherwise)."""
    import duckdb

    con = duckdb.connect()
    row = con.execute(
        "SELECT count(*) FILTER (WHERE back) FROM (SELECT event_date < lag(event_date) "
        "OVER (ORDER BY file_row_number) AS back FROM read_parquet(?, file_row_number = true))",
        [str(parquet)],
    ).fetchone()
    con.close()
    return int(row[0]) if row else 0


def _with_fingerprint(t: Timing, relation: str) -> Timing:
    t.output = _fingerprint(relation)
    return t


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Ingest benchmark: Accord vs pandas, Polars.")
    parser.add_argument("--events", type=int, default=EVENTS)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "accord-bench"
    )
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-aggregate", action="store_true", help="Skip the aggregation half.")
    args = parser.parse_args([] if argv is None else argv)
    from benchmarks.events.generate import synthetic_file

    workdir: Path = args.workdir
    data = synthetic_file(workdir, args.events, args.seed)
    size_mb = data.stat().st_size / 1e6
    print(f"ingest of {args.events:,} GDELT 1.0 events ({size_mb:,.0f} MB)", flush=True)
    times = {"warmup": args.warmup, "repeat": args.repeat}
    where = (str(data), str(workdir))
    accord = measure("accord", f"{HERE}:accord_side", *where, **times)
    pandas = measure("pandas", f"{HERE}:pandas_side", *where, **times)
    polars = measure("polars", f"{HERE}:polars_side", *where, **times)
    polars_sorted = measure("polars sorted", f"{HERE}:polars_sorted_side", *where, **times)
    duck = measure("duckdb bound", f"{HERE}:duckdb_side", *where, **times)
    duck_sorted = measure("duckdb sorted", f"{HERE}:duckdb_sorted_side", *where, **times)
    db_export = _export(workdir / "accord.duckdb", workdir)
    _with_fingerprint(accord, f"read_parquet('{db_export}')")
    _with_fingerprint(pandas, f"read_parquet('{workdir / 'pandas.parquet'}')")
    _with_fingerprint(polars, f"read_parquet('{workdir / 'polars.parquet'}')")
    sorted_file = workdir / "polars-sorted.parquet"
    _with_fingerprint(polars_sorted, f"read_parquet('{sorted_file}')")
    check_same("the normalised table, column by column", accord, pandas, polars, polars_sorted)
    for label, parquet in (("accord", db_export), ("polars sorted", sorted_file)):
        if _out_of_date_order(parquet):
            raise SystemExit(f"{label}: rows not stored in date order")
    print(
        f"  rows: {accord.output['rows']:,} (duckdb bound: {duck.output['rows']:,}, "
        f"sorted: {duck_sorted.output['rows']:,})"
    )
    report(accord, pandas, polars, polars_sorted, duck, duck_sorted)
    for t in (accord, pandas, polars, polars_sorted, duck, duck_sorted):
        print(f"  {t.label}: {args.events / t.best:,.0f} events/s (best)")
    if not args.no_aggregate:
        from benchmarks.events import aggregate

        aggregate.main(["--events", str(args.events), *(f"--{k}={v}" for k, v in times.items())])


def _export(db: Path, workdir: Path) -> Path:
    """The store's events as Parquet (outside any timing), so that the fingerprint reads every
    side through the same reader."""
    import duckdb

    out = workdir / "accord-export.parquet"
    con = duckdb.connect(str(db), read_only=True)
    con.execute(f"COPY (SELECT {', '.join(COLUMNS)} FROM events) TO '{out}' (FORMAT parquet)")
    con.close()
    return out


if __name__ == "__main__":
    main(sys.argv[1:])
