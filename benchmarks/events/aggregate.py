"""Benchmark: monthly dyad aggregation, Accord against competent pandas, Polars and DuckDB SQL.

Every side computes, for every unordered pair of countries and every month, the event count,
the four quad-class counts, the Goldstein sum and mean, over the non-simulated events with two
different known countries, sorted by pair and month.

- accord: `accord.relations`' Ibis expression (`pair_series_table`) on the DuckDB store as
  loaded (dates in no order, as ingest leaves them).
- duckdb SQL: the same aggregation written by hand in SQL on the same store table (the cost of
  the Ibis layer is the difference).
- pandas: the events as Parquet (written from the store, outside the timing), read with the
  country columns as categoricals; pairs on integer category codes, months as integers from
  datetime64, `groupby` on integer keys.
- polars: a lazy `scan_parquet` with the filter, pair and month expressions and `group_by`.

Opening the store (read-only) is setup; the Arrow or DataFrame result is turned into rows for
the check outside the timing. The rows of all sides are compared exactly (Goldstein sum rounded
to 6 decimals). Each side runs in its own process (`benchmarks/timing.py`).

    python -m benchmarks.events.aggregate [--events N] [--workdir DIR] [--warmup W] [--repeat R]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.timing import Job, check_same, measure, report

EVENTS = 5_000_000
HERE = "benchmarks.events.aggregate"
_COUNTRY_LIST = (
    "USA GBR RUS CHN FRA DEU ISR IRN IND PAK JPN AUS CAN TUR SYR IRQ AFG EGY UKR KOR PRK ITA "
    "ESP SAU NGA MEX BRA ZAF PSE LBN LBY IDN PHL MYS THA VNM KEN SOM SDN YEM QAT ARE JOR GRC "
    "POL NLD BEL CHE SWE NOR DNK FIN IRL PRT AUT HUN CZE ROU BGR SRB HRV BIH ALB GEO ARM AZE "
    "KAZ UZB KGZ TJK TKM MNG NPL BGD LKA MMR KHM LAO SGP NZL FJI ARG CHL COL PER VEN ECU BOL"
)
COUNTRIES = tuple(_COUNTRY_LIST.split(" "))
QUADS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")
Row = tuple[Any, ...]


def generate(workdir: Path, n_events: int, seed: int = 7) -> Path:
    """Write `n_events` synthetic events, in no date order, to a store (`events` table).

    Countries are heavy-tailed (a power law over 90 codes, USA first), 15% of actors have no
    country, some events are domestic (same country); dates span the two years 2018-2019, i.e.
    about 7,000 events a day, the volume of GDELT 1.0; quad classes lean towards cooperation as
    in GDELT. Rows are generated inside DuckDB with a fixed seed.
    """
    from accord.events.schema import EVENT_COLUMNS, EVENTS_SCHEMA
    from accord.store import Store

    db = workdir / "bench.duckdb"
    for path in (db, db.with_suffix(".duckdb.wal")):
        path.unlink(missing_ok=True)
    codes = "[" + ", ".join(f"'{c}'" for c in COUNTRIES) + "]"
    pick = f"list_element({codes}, 1 + CAST(floor(pow(random(), 2.5) * {len(COUNTRIES)}) AS INT))"
    generated = {
        "dataset": "'gdelt1'",
        "event_id": "CAST(i AS VARCHAR)",
        "event_date": "DATE '2018-01-01' + CAST(floor(random() * 730) AS INT)",
        "source_country": f"CASE WHEN random() < 0.15 THEN NULL ELSE {pick} END",
        "target_country": f"CASE WHEN random() < 0.15 THEN NULL ELSE {pick} END",
        "quad_class": "CAST(1 + floor(pow(random(), 1.6) * 4) AS TINYINT)",
        "goldstein": "round(random() * 20 - 10, 1)",
        "simulated": "false",
    }
    select = ", ".join(
        f"({generated.get(name, 'NULL')})::{sql_type} AS {name}" for name, sql_type in EVENT_COLUMNS
    )
    with Store(db) as store:
        store.ensure(EVENTS_SCHEMA)
        con = store.con
        con.execute("SET enable_progress_bar = false")
        con.execute(f"SELECT setseed({(seed % 1000) / 1000})")
        con.execute(f"CREATE TEMP TABLE gen AS SELECT {select} FROM range({n_events}) t(i)")
        con.execute("INSERT INTO events SELECT * FROM gen")
        con.execute("DROP TABLE gen")
        con.execute("CHECKPOINT")
    return db


def export_parquet(db: Path, parquet: Path) -> None:
    """The store's events, in stored order, as Parquet (for the DataFrame baselines)."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    con.execute("SET enable_progress_bar = false")
    con.execute(f"COPY (SELECT * FROM events ORDER BY rowid) TO '{parquet}' (FORMAT parquet)")
    con.close()


def _arrow_rows(table: Any) -> list[Row]:
    cols = table.to_pydict()
    return sorted(
        (a, b, str(p)[:7], int(n), int(vc), int(mc), round(float(g), 6))
        for a, b, p, n, vc, mc, g in zip(
            cols["a"], cols["b"], cols["period_start"], cols["events"], cols["verbal_coop"],
            cols["material_conflict"], cols["goldstein_sum"], strict=True,
        )
    )  # fmt: skip


def accord_side(db: str) -> Job:
    from accord.relations.alerts import pair_series_table
    from accord.relations.engine import duckdb_events
    from accord.relations.periods import Period
    from accord.store import Store

    store = Store(Path(db), read_only=True)
    events = duckdb_events(store.con)
    return Job(lambda: pair_series_table(events, Period.MONTH), output=_arrow_rows)


SQL = f"""
SELECT least(source_country, target_country) AS a,
       greatest(source_country, target_country) AS b,
       date_trunc('month', event_date)::DATE AS period_start,
       count(*) AS events,
       {", ".join(f"count(*) FILTER (WHERE quad_class = {q}) AS {n}" for q, n in enumerate(QUADS, 1))},
       sum(goldstein) AS goldstein_sum,
       avg(goldstein) AS goldstein_mean
FROM events
WHERE NOT simulated AND source_country IS NOT NULL AND target_country IS NOT NULL
  AND source_country <> target_country
GROUP BY ALL
ORDER BY a, b, period_start
"""  # noqa: E501


def duckdb_side(db: str) -> Job:
    import duckdb

    con = duckdb.connect(db, read_only=True)
    con.execute("SET enable_progress_bar = false")
    return Job(lambda: con.execute(SQL).to_arrow_table(), output=_arrow_rows)


def pandas_side(parquet: str) -> Job:
    import numpy as np
    import pandas as pd

    def run() -> Any:
        df = pd.read_parquet(
            parquet,
            columns=["event_date", "source_country", "target_country", "quad_class",
                     "goldstein", "simulated"],
            read_dictionary=["source_country", "target_country"],
        )  # fmt: skip
        df = df[~df["simulated"] & df["source_country"].notna() & df["target_country"].notna()]
        # one category set for both sides: codes compare as the country codes do
        cats = df["source_country"].cat.categories.union(df["target_country"].cat.categories)
        src = df["source_country"].cat.set_categories(cats).cat.codes.to_numpy()
        tgt = df["target_country"].cat.set_categories(cats).cat.codes.to_numpy()
        keep = src != tgt
        src, tgt = src[keep], tgt[keep]
        months = df["event_date"].to_numpy()[keep].astype("datetime64[M]").astype(np.int32)
        quad = df["quad_class"].to_numpy()[keep]
        frame = pd.DataFrame(
            {
                "a": np.minimum(src, tgt),
                "b": np.maximum(src, tgt),
                "month": months,
                "goldstein": df["goldstein"].to_numpy()[keep],
                **{name: (quad == q).astype(np.int32) for q, name in enumerate(QUADS, 1)},
            }
        )
        out = frame.groupby(["a", "b", "month"], sort=True).agg(
            events=("goldstein", "size"),
            **{name: (name, "sum") for name in QUADS},
            goldstein_sum=("goldstein", "sum"),
            goldstein_mean=("goldstein", "mean"),
        )
        return out, cats

    def output(result: Any) -> list[Row]:
        out, cats = result
        out = out.reset_index()
        names = np.asarray(cats)
        months = out["month"].to_numpy().astype("datetime64[M]").astype(str)
        return sorted(
            (names[a], names[b], m, int(n), int(vc), int(mc), round(float(g), 6))
            for a, b, m, n, vc, mc, g in zip(
                out["a"], out["b"], months, out["events"], out["verbal_coop"],
                out["material_conflict"], out["goldstein_sum"], strict=True,
            )
        )  # fmt: skip

    return Job(run, output=output)


def polars_side(parquet: str) -> Job:
    import polars as pl

    def run() -> Any:
        src, tgt = pl.col("source_country"), pl.col("target_country")
        return (
            pl.scan_parquet(parquet)
            .filter(~pl.col("simulated") & src.is_not_null() & tgt.is_not_null() & (src != tgt))
            .group_by(
                pl.when(src < tgt).then(src).otherwise(tgt).alias("a"),
                pl.when(src < tgt).then(tgt).otherwise(src).alias("b"),
                pl.col("event_date").dt.truncate("1mo").alias("period_start"),
            )
            .agg(
                pl.len().alias("events"),
                *((pl.col("quad_class") == q).sum().alias(n) for q, n in enumerate(QUADS, 1)),
                pl.col("goldstein").sum().alias("goldstein_sum"),
                pl.col("goldstein").mean().alias("goldstein_mean"),
            )
            .sort("a", "b", "period_start")
            .collect()
        )

    return Job(run, output=lambda frame: _arrow_rows(frame.to_arrow()))


def main(argv: list[str] | None = None) -> None:
    """Generate the data, time every side, check they agree, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--events", type=int, default=EVENTS)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    times = {"warmup": args.warmup, "repeat": args.repeat}
    with tempfile.TemporaryDirectory(prefix="accord-bench-") as tmp:
        where = args.workdir or Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        db, parquet = generate(where, args.events), where / "events.parquet"
        export_parquet(db, parquet)
        print(
            f"generated {args.events:,} events in {time.perf_counter() - start:.1f} s", flush=True
        )
        os.sync()  # the fresh files' write-back stays out of the first side's timing
        accord = measure("accord (Ibis)", f"{HERE}:accord_side", str(db), **times)
        duck = measure("duckdb SQL", f"{HERE}:duckdb_side", str(db), **times)
        pandas = measure("pandas", f"{HERE}:pandas_side", str(parquet), **times)
        polars = measure("polars", f"{HERE}:polars_side", str(parquet), **times)
    print(
        f"monthly dyad aggregation over {args.events:,} events "
        f"({len(accord.output):,} dyad-months), store as loaded"
    )
    check_same("every dyad-month row", accord, duck, pandas, polars)
    report(accord, duck, pandas, polars)


if __name__ == "__main__":
    main()
