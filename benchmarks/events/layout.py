"""Benchmark: what the stored date order costs at ingest and what it buys at query time.

Ingests the synthetic GDELT 1.0 file of `benchmarks.events.run` twice into fresh stores: as
Accord does (rows sorted by date, then dyad, in the insert) and with the sort left out (rows in
file order: `bulk.ORDER` emptied for the run). Each ingest runs `--repeat` times in this
process after one warm-up; best wall and CPU are reported. Then the same queries run on both
stores, best of `--queries` calls each: the monthly dyad aggregation of
`benchmarks.events.aggregate` (all events and one year), one month's events (a count, and every
column), one dyad in one year and one dyad over all time. The file sizes are reported too.

    python -m benchmarks.events.layout [--events N] [--workdir DIR] [--repeat R] [--queries Q]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.events.aggregate import SQL as AGGREGATION

_YEAR = "event_date BETWEEN DATE '2015-01-01' AND DATE '2015-12-31'"
_MONTH = "event_date BETWEEN DATE '2015-03-01' AND DATE '2015-03-31'"
_DYAD = "source_country = 'USA' AND target_country = 'CHN'"
_STATS = "SELECT count(*), avg(goldstein) FROM events WHERE"
QUERIES = {
    "monthly dyad aggregation, all events": AGGREGATION,
    "monthly dyad aggregation, one year": AGGREGATION.replace(
        "WHERE NOT simulated", f"WHERE {_YEAR} AND NOT simulated"
    ),
    "one month, count and mean Goldstein": f"{_STATS} {_MONTH}",
    "one month, every column": f"SELECT * FROM events WHERE {_MONTH}",
    "one dyad, one year": f"{_STATS} {_YEAR} AND {_DYAD}",
    "one dyad, all time": f"{_STATS} {_DYAD}",
}


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _best(call: Callable[[], object], times: int) -> tuple[float, float]:
    """Best wall and best CPU seconds of `times` calls."""
    walls, cpus = [], []
    for _ in range(times):
        wall, cpu = time.perf_counter(), _cpu()
        call()
        walls.append(time.perf_counter() - wall)
        cpus.append(_cpu() - cpu)
    return min(walls), min(cpus)


def _ingest(data: Path, db: Path, *, sort: bool) -> None:
    """A fresh store at `db` with `data` ingested, sorted by date or in file order."""
    from accord.events import bulk, ingest
    from accord.store import Store

    for path in (db, db.with_suffix(".duckdb.wal")):
        path.unlink(missing_ok=True)
    order = bulk.ORDER
    bulk.ORDER = order if sort else ()
    try:
        with Store(db) as store:
            ingest(store, data)
    finally:
        bulk.ORDER = order


def main(argv: list[str] | None = None) -> None:
    """Time both ingests and the queries on both stores; print the figures."""
    parser = argparse.ArgumentParser(description="What the stored date order costs and buys.")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "accord-bench"
    )
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--queries", type=int, default=7)
    args = parser.parse_args([] if argv is None else argv)
    import duckdb

    from benchmarks.events.generate import synthetic_file

    workdir: Path = args.workdir
    data = synthetic_file(workdir, args.events, args.seed)
    stores = {
        "date order": workdir / "layout-sorted.duckdb",
        "file order": workdir / "layout-file-order.duckdb",
    }
    for label, db in stores.items():
        sort = label == "date order"
        _ingest(data, db, sort=sort)  # warm-up
        wall, cpu = _best(lambda db=db, sort=sort: _ingest(data, db, sort=sort), args.repeat)
        size = db.stat().st_size / 1e6
        print(f"ingest, {label}: wall {wall:.2f} s, CPU {cpu:.2f} s; store {size:.1f} MB")
    for query, sql in QUERIES.items():
        figures = []
        for label, db in stores.items():
            con = duckdb.connect(str(db), read_only=True)
            con.execute("SET enable_progress_bar = false")
            wall, cpu = _best(lambda con=con, sql=sql: con.execute(sql).fetchall(), args.queries)
            con.close()
            figures.append(f"{label} {wall * 1e3:.1f} ms / {cpu * 1e3:.1f} CPU-ms")
        print(f"{query}: " + "; ".join(figures))


if __name__ == "__main__":
    main(sys.argv[1:])
