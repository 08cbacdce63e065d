"""Benchmark: ingest of synthetic GDELT 1.0 events, Accord versus a pandas pipeline.

Accord: `accord.events.ingest` into a fresh DuckDB store (bulk path: DuckDB's CSV reader and
one INSERT per file; idempotent, logged, every row judged). Baseline: the straightforward pandas
pipeline doing the same work - `read_csv` in chunks (all 58 columns as text: `usecols` fails on
the 57-column backfile rows), normalise actor country codes to ISO3 (`Series.map`), parse dates
and numbers, write Parquet. Each side runs in its own process on the same file, so the peak
resident memory reported is that side's own. Then, if `benchmarks/events/aggregate.py` exists,
its `main()` runs the aggregation half.

    python -m benchmarks.events.run [--events N] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

EVENTS = 5_000_000

# GDELT 1.0 field positions (0-based) the baseline keeps: the same fields Accord stores.
_KEEP = {
    0: "event_id",
    1: "sqldate",
    5: "source_actor",
    7: "source_country",
    12: "source_sector",
    15: "target_actor",
    17: "target_country",
    22: "target_sector",
    26: "cameo_code",
    28: "cameo_root",
    29: "quad_class",
    30: "goldstein",
    31: "mentions",
    32: "sources",
    33: "articles",
    34: "tone",
    50: "location",
    53: "lat",
    54: "lon",
    57: "url",
}


def _accord(data: Path, workdir: Path) -> dict[str, Any]:
    from accord.events import ingest
    from accord.store import Store

    db = workdir / "bench.duckdb"
    for leftover in (db, db.with_suffix(".duckdb.wal")):
        leftover.unlink(missing_ok=True)
    start = time.perf_counter()
    with Store(db) as store:
        report = ingest(store, data)
    return {"seconds": time.perf_counter() - start, "rows": report.stored}


def _compact(data: Path, workdir: Path) -> dict[str, Any]:
    """`accord events compact` on the store the Accord side just filled (not part of ingest:
    reported apart, with its own peak memory)."""
    from accord.events import compact
    from accord.store import Store

    with Store(workdir / "bench.duckdb") as store:
        report = compact(store)
    return {"seconds": report.seconds, "rows": report.rows}


def _pandas(data: Path, workdir: Path) -> dict[str, Any]:
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    from accord.events.ontology import cameo_countries
    from accord.world import default_world

    start = time.perf_counter()
    states = {s.code for s in default_world().states}
    lookup = {code: code for code in states}
    lookup.update({c: s.iso3 for c, s in cameo_countries().items()})
    out = workdir / "baseline.parquet"
    writer = None
    rows = 0
    chunks = pd.read_csv(
        data,
        sep="\t",
        header=None,
        names=range(58),
        dtype=str,
        quoting=3,
        chunksize=250_000,
    )
    for chunk in chunks:
        frame = chunk[list(_KEEP)].rename(columns=_KEEP)
        for side in ("source_country", "target_country"):
            frame[side] = frame[side].map(lookup)
        frame["event_date"] = pd.to_datetime(frame.pop("sqldate"), format="%Y%m%d").dt.date
        for name in ("quad_class", "mentions", "sources", "articles"):
            frame[name] = pd.to_numeric(frame[name]).astype("Int32")
        for name in ("goldstein", "tone", "lat", "lon"):
            frame[name] = pd.to_numeric(frame[name])
        frame["location"] = frame["location"].str.rsplit(",", n=1).str[-1].str.strip()
        frame = frame.drop_duplicates(subset=["event_id", "event_date"])
        table = pa.Table.from_pandas(frame, preserve_index=False)
        if writer is None:
            writer = pq.ParquetWriter(out, table.schema)
        writer.write_table(table)
        rows += len(frame)
    if writer is not None:
        writer.close()
    return {"seconds": time.perf_counter() - start, "rows": rows}


def _child(side: str, data: Path, workdir: Path) -> None:
    result = {"accord": _accord, "compact": _compact, "pandas": _pandas}[side](data, workdir)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def _run_side(side: str, data: Path, workdir: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.events.run", "--child", side, str(data), str(workdir)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Ingest benchmark: Accord vs pandas.")
    parser.add_argument("--events", type=int, default=EVENTS)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "accord-bench"
    )
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--no-aggregate", action="store_true", help="Skip the aggregation half.")
    args = parser.parse_args(argv if argv is not None else [])
    if args.child:
        side, data, workdir = args.child
        _child(side, Path(data), Path(workdir))
        return
    from benchmarks.events.generate import generate_gdelt1

    workdir: Path = args.workdir
    workdir.mkdir(parents=True, exist_ok=True)
    data = workdir / f"gdelt1-{args.events}-seed{args.seed}.tsv"
    if not data.exists():
        print(f"generating {args.events:,} synthetic GDELT 1.0 events -> {data}", flush=True)
        partial = data.with_suffix(".partial")
        generate_gdelt1(partial, args.events, args.seed)
        partial.rename(data)
    size_mb = data.stat().st_size / 1e6
    print(f"ingest of {args.events:,} GDELT 1.0 events ({size_mb:,.0f} MB)", flush=True)
    accord = _run_side("accord", data, workdir)
    compacted = _run_side("compact", data, workdir)
    baseline = _run_side("pandas", data, workdir)
    for label, side in (
        ("accord  ingest -> DuckDB", accord),
        ("pandas  -> Parquet      ", baseline),
    ):
        rate = args.events / side["seconds"]
        print(
            f"  {label} : {side['seconds']:7.1f} s  {rate:9,.0f} events/s  "
            f"peak {side['peak_mb']:6.0f} MB  rows {side['rows']:,}"
        )
    ratio = baseline["seconds"] / accord["seconds"]
    verdict = "ok" if ratio >= 3 and accord["peak_mb"] < 2048 else "BELOW TARGET"
    print(f"  speed-up {ratio:.1f}x (target >= 3x, peak < 2 GB): {verdict}", flush=True)
    both = accord["seconds"] + compacted["seconds"]
    print(
        f"  then accord events compact: {compacted['seconds']:.1f} s, peak "
        f"{compacted['peak_mb']:.0f} MB (ingest + compact {both:.1f} s: "
        f"{baseline['seconds'] / both:.1f}x)",
        flush=True,
    )
    aggregate = Path(__file__).with_name("aggregate.py")
    if aggregate.exists() and not args.no_aggregate:
        import importlib

        importlib.import_module("benchmarks.events.aggregate").main(["--events", str(args.events)])


if __name__ == "__main__":
    main(sys.argv[1:])
