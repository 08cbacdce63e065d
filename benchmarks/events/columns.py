"""Benchmark: what writing each column of `events` costs, with DuckDB's own compression and with
zstd, so that the compression a column is given (`accord.events.schema.COMPRESSION`) rests on
a measurement.

Ingests the synthetic GDELT 1.0 file of `benchmarks.events.run` into a fresh store once (not
timed), copies its events into memory, then writes each column alone into a fresh on-disk
database and checkpoints it, on one DuckDB thread, best of `--repeat` CPU times after one
warm-up; a write of a constant column is subtracted. Printed per column: CPU seconds and
megabytes on disk with DuckDB's choice (`auto`) and with zstd.

    python -m benchmarks.events.columns [--events N] [--workdir DIR] [--repeat R]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import duckdb


def _write(con: duckdb.DuckDBPyConnection, db: Path, column: str, how: str) -> tuple[float, float]:
    """CPU seconds and MB of writing `column` of `m` into a fresh `db`, compressed as `how`."""
    for path in (db, db.with_suffix(".duckdb.wal")):
        path.unlink(missing_ok=True)
    con.execute(f"ATTACH '{db}' AS w")
    kind = con.execute(f"SELECT typeof({column}) FROM m LIMIT 1").fetchone()
    declared = f"{column} {kind[0] if kind else 'VARCHAR'}"
    if how != "auto":
        declared += f" USING COMPRESSION {how}"
    try:
        con.execute(f"CREATE TABLE w.e ({declared})")
        start = time.process_time()
        con.execute(f"INSERT INTO w.e SELECT {column} FROM m")
        con.execute("CHECKPOINT w")
        cpu = time.process_time() - start
    finally:
        con.execute("DETACH w")
    return cpu, os.path.getsize(db) / 1e6


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Cost of writing each events column.")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "accord-bench"
    )
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args([] if argv is None else argv)
    from accord.events import ingest
    from accord.store import Store
    from benchmarks.events.generate import synthetic_file

    workdir: Path = args.workdir
    data = synthetic_file(workdir, args.events)
    store_path = workdir / "columns-source.duckdb"
    store_path.unlink(missing_ok=True)
    with Store(store_path) as store:
        ingest(store, data)
    con = duckdb.connect()
    con.execute("SET threads = 1")
    con.execute(f"ATTACH '{store_path}' AS s (READ_ONLY)")
    con.execute("CREATE TABLE m AS SELECT *, 0 AS constant FROM s.events")
    columns = [r[0] for r in con.execute("SELECT column_name FROM (DESCRIBE s.events)").fetchall()]
    db = workdir / "columns-write.duckdb"

    def best(column: str, how: str) -> tuple[float, float]:
        runs = [_write(con, db, column, how) for _ in range(args.repeat + 1)][1:]
        return min(cpu for cpu, _ in runs), runs[-1][1]

    floor, _ = best("constant", "auto")
    print(f"{args.events:,} events; CPU s per column written (one thread, minus a constant column)")
    print(f"{'column':<20} {'auto CPU':>9} {'auto MB':>8} {'zstd CPU':>9} {'zstd MB':>8}")
    for column in columns:
        auto_cpu, auto_mb = best(column, "auto")
        try:
            zstd_cpu, zstd_mb = best(column, "zstd")
            zstd = f"{zstd_cpu - floor:9.3f} {zstd_mb:8.1f}"
        except duckdb.Error:
            zstd = f"{'-':>9} {'-':>8}"  # not offered for this type
        print(f"{column:<20} {auto_cpu - floor:9.3f} {auto_mb:8.1f} {zstd}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
