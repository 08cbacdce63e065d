"""Benchmark: monthly dyad aggregation over 5 million events, Accord versus a pandas pipeline.

Both sides compute, for every unordered pair of countries and every month, the event count,
the four quad-class counts, the Goldstein sum and mean. Accord runs `accord.relations`' Ibis
expression on the DuckDB store; the baseline is the straightforward pandas pipeline (read the
Parquet file, filter, normalise pairs, `groupby`). Each side runs in its own process, so the
peak resident memory reported is that side's own. The results are checked to be equal.

The events are generated with their dates in no order. Accord is timed twice: on the store as
loaded, then after `accord events compact` has stored the events in date order (timed once,
like the baseline's Parquet writing, which is not timed either). The Parquet file the baseline
reads is written from the compacted store, so both sides read the same rows in the same order
(pandas runs no faster on date-ordered rows). The target compares the compacted store.

    python -m benchmarks.events.aggregate [--events N] [--workdir DIR] [--repeat R]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

EVENTS = 5_000_000
_COUNTRY_LIST = (
    "USA GBR RUS CHN FRA DEU ISR IRN IND PAK JPN AUS CAN TUR SYR IRQ AFG EGY UKR KOR PRK ITA "
    "ESP SAU NGA MEX BRA ZAF PSE LBN LBY IDN PHL MYS THA VNM KEN SOM SDN YEM QAT ARE JOR GRC "
    "POL NLD BEL CHE SWE NOR DNK FIN IRL PRT AUT HUN CZE ROU BGR SRB HRV BIH ALB GEO ARM AZE "
    "KAZ UZB KGZ TJK TKM MNG NPL BGD LKA MMR KHM LAO SGP NZL FJI ARG CHL COL PER VEN ECU BOL"
)
COUNTRIES = tuple(_COUNTRY_LIST.split(" "))


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


def compact_store(db: Path, parquet: Path) -> float:
    """Compact the store (`accord.events.compact`), then write its events, in stored order, to
    `parquet`; return the seconds the compaction took."""
    from accord.events import compact
    from accord.store import Store

    with Store(db) as store:
        report = compact(store)
        store.con.execute("SET enable_progress_bar = false")
        store.con.execute(
            f"COPY (SELECT * FROM events ORDER BY rowid) TO '{parquet}' (FORMAT parquet)"
        )
        store.con.execute("CHECKPOINT")
    return report.seconds


def _accord(db: Path) -> tuple[float, list[tuple[Any, ...]]]:
    from accord.relations.alerts import pair_series_table
    from accord.relations.engine import duckdb_events
    from accord.relations.periods import Period
    from accord.store import Store

    with Store(db, read_only=True) as store:
        start = time.perf_counter()
        events = duckdb_events(store.con)
        table = pair_series_table(events, Period.MONTH)
        elapsed = time.perf_counter() - start
    rows = [
        (r["a"], r["b"], r["period_start"].isoformat()[:7], r["events"], r["verbal_coop"],
         r["material_conflict"], round(r["goldstein_sum"], 6))
        for r in table.to_pylist()
    ]  # fmt: skip
    return elapsed, rows


def _pandas(parquet: Path) -> tuple[float, list[tuple[Any, ...]]]:
    import numpy as np
    import pandas as pd

    start = time.perf_counter()
    df = pd.read_parquet(
        parquet,
        columns=[
            "event_date", "source_country", "target_country", "quad_class", "goldstein",
            "simulated",
        ],
    )  # fmt: skip
    df = df[
        ~df["simulated"]
        & df["source_country"].notna()
        & df["target_country"].notna()
        & (df["source_country"] != df["target_country"])
    ]
    src, tgt = df["source_country"].to_numpy(), df["target_country"].to_numpy()
    first = src < tgt
    df = df.assign(
        a=np.where(first, src, tgt),
        b=np.where(first, tgt, src),
        month=pd.to_datetime(df["event_date"]).dt.to_period("M"),
    )
    for q, name in enumerate(
        ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict"), start=1
    ):
        df[name] = (df["quad_class"] == q).astype("int64")
    out = (
        df.groupby(["a", "b", "month"], sort=True)
        .agg(
            events=("quad_class", "size"),
            verbal_coop=("verbal_coop", "sum"),
            material_coop=("material_coop", "sum"),
            verbal_conflict=("verbal_conflict", "sum"),
            material_conflict=("material_conflict", "sum"),
            goldstein_sum=("goldstein", "sum"),
            goldstein_mean=("goldstein", "mean"),
        )
        .reset_index()
    )
    elapsed = time.perf_counter() - start
    rows = [
        (r.a, r.b, str(r.month), int(r.events), int(r.verbal_coop), int(r.material_conflict),
         round(float(r.goldstein_sum), 6))
        for r in out.itertuples()
    ]  # fmt: skip
    return elapsed, rows


def _worker(side: str, path: Path, repeat: int) -> None:
    """Run one side `repeat` times in this process; print its times, peak RSS and its rows.

    The first run is cold (imports, file cache, and for Accord the compilation of the query,
    kept for the later runs); the best run is the figure compared.
    """
    times, rows = [], []
    for _ in range(repeat):
        elapsed, rows = _accord(path) if side == "accord" else _pandas(path)
        times.append(elapsed)
    result = {"seconds": min(times), "times": times, "peak_mb": _peak_mb(), "rows": sorted(rows)}
    print(json.dumps(result))


def _peak_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited on exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run_side(side: str, path: Path, repeat: int) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "benchmarks.events.aggregate", "--worker", side, str(path)]
    cmd += ["--repeat", str(repeat)]
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run(n_events: int = EVENTS, workdir: Path | None = None, repeat: int = 3) -> dict[str, Any]:
    """Generate the data, time both sides, check they agree; return the figures."""
    with tempfile.TemporaryDirectory(prefix="accord-bench-") as tmp:
        where = workdir or Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        db, parquet = generate(where, n_events), where / "events.parquet"
        print(f"generated {n_events:,} events in {time.perf_counter() - start:.1f} s", flush=True)
        # flush the freshly written files first, so the write-back does not land in the timing
        # of whichever side runs first
        os.sync()
        loaded = _run_side("accord", db, repeat)
        compact_seconds = compact_store(db, parquet)
        os.sync()
        accord = _run_side("accord", db, repeat)
        pandas = _run_side("pandas", parquet, repeat)
    if not accord["rows"] == loaded["rows"] == pandas["rows"]:
        raise SystemExit("Accord and pandas disagree on the monthly dyad aggregates")
    return {
        "events": n_events,
        "groups": len(accord["rows"]),
        "compact_seconds": compact_seconds,
        "loaded_seconds": loaded["seconds"],
        "accord_seconds": accord["seconds"],
        "pandas_seconds": pandas["seconds"],
        "loaded_times": loaded["times"],
        "accord_times": accord["times"],
        "pandas_times": pandas["times"],
        "speedup": pandas["seconds"] / accord["seconds"],
        "loaded_speedup": pandas["seconds"] / loaded["seconds"],
        "loaded_peak_mb": loaded["peak_mb"],
        "accord_peak_mb": accord["peak_mb"],
        "pandas_peak_mb": pandas["peak_mb"],
    }


def main(argv: list[str] | None = None) -> None:
    """Print the aggregation benchmark (called by `benchmarks/events/run.py`)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--events", type=int, default=EVENTS)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--worker", nargs=2, metavar=("SIDE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.worker:
        _worker(args.worker[0], Path(args.worker[1]), args.repeat)
        return
    r = run(args.events, args.workdir, args.repeat)
    print(f"monthly dyad aggregation over {r['events']:,} events ({r['groups']:,} dyad-months)")
    for side, name in (
        ("loaded", "accord, store as loaded (dates scattered)"),
        ("accord", "accord, compacted store (date order)"),
        ("pandas", "pandas (Parquet + groupby)"),
    ):
        runs = ", ".join(f"{t:.3f}" for t in r[f"{side}_times"])
        print(
            f"  {name}: best {r[f'{side}_seconds']:.3f} s (runs: {runs}), "
            f"peak RSS {r[f'{side}_peak_mb']:.0f} MB"
        )
        if side == "loaded":
            print(f"  accord events compact: {r['compact_seconds']:.1f} s, once")
    verdict = "ok" if r["speedup"] >= 10 and r["accord_peak_mb"] < 2048 else "BELOW TARGET"
    print(
        f"  speedup: {r['speedup']:.1f}x compacted, {r['loaded_speedup']:.1f}x as loaded "
        f"(target >= 10x, peak < 2 GB: {verdict})",
        flush=True,
    )


if __name__ == "__main__":
    main()
