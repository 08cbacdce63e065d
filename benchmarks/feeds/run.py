"""Benchmark: fetching from a publisher while ingesting, and the latency of a live alert.

1. A month of GDELT 1.0 daily files (30 archives, each the shared sample repeated `--repeat-rows`
   times with unique ids) is served by a loopback mirror in GDELT's layout (`md5sums`,
   `filesizes`). Sides, each in its own process (`benchmarks/timing.py`), each into a fresh
   store and cache:
   - fetch: `accord.events.feeds.fetch` (downloads in parallel, checked against the MD5 sums,
     each file ingested as it arrives);
   - curl+ingest: the same archives downloaded by `curl` (one process, `--parallel`), then one
     `accord.events.ingest` of the folder (curl's CPU is not counted: a child process);
   - ingest alone: `accord.events.ingest` of archives already on disk (the bound the overlap
     is judged against; goal: fetch within 1.2x of it).
   All sides must store the same number of events.
2. Follow latency: `accord serve --follow gdelt2` (in-process uvicorn, polling every 0.5 s) on a
   store holding six calm months of a dyad; a GDELT 2.0 update with a month of fighting is
   published on the mirror, and the time until its alert arrives on `/api/alerts/stream` is
   measured (goal: under 5 s), `--follows` times, each on a fresh store.

    python -m benchmarks feeds      (or python -m benchmarks.feeds.run [--repeat-rows N])
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from benchmarks.timing import Job, check_same, measure, report

HERE = "benchmarks.feeds.run"
ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / ".." / "shared" / "data" / "gdelt" / "gdelt1-events.sample.tsv"
DAYS = [dt.date(2016, 8, 1) + dt.timedelta(days=k) for k in range(30)]


def _month(mirror: Any, repeat_rows: int) -> None:
    from tests.feeds.mirror import day_file, gdelt1_rows

    rows = gdelt1_rows(SAMPLE) * repeat_rows
    for day in DAYS:
        mirror.gdelt1(f"{day:%Y%m%d}.export.CSV.zip", day_file(rows, day))


def _fresh(workdir: Path) -> None:
    for name in ("store.duckdb", "store.duckdb.wal", "cache", "curl"):
        path = workdir / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def _count(store: Any) -> int:
    return int(store.con.execute("SELECT count(*) FROM events").fetchone()[0])


def setup_fetch(workdir: str, url: str) -> Job:
    """Side: fetch + ingest from the mirror."""
    from accord.events.feeds import FeedSettings, fetch
    from accord.store import Store

    work = Path(workdir)
    settings = FeedSettings(gdelt1_url=f"{url}/events/", cache_dir=work / "cache", backoff=0.0)

    def run() -> int:
        with Store(work / "store.duckdb") as store:
            fetch(store, "gdelt1", DAYS[0], DAYS[-1], settings=settings)
            return _count(store)

    return Job(run, before=lambda: _fresh(work))


def setup_curl(workdir: str, url: str) -> Job:
    """Side: curl downloads every archive, then one ingest of the folder."""
    from accord.events import ingest
    from accord.store import Store

    work = Path(workdir)
    names = [f"{d:%Y%m%d}.export.CSV.zip" for d in DAYS]

    def run() -> int:
        target = work / "curl"
        target.mkdir(parents=True, exist_ok=True)
        args = ["curl", "-sS", "--fail", "--parallel", "--parallel-max", "4"]
        for name in names:
            args += ["-o", str(target / name), f"{url}/events/{name}"]
        subprocess.run(args, check=True)
        with Store(work / "store.duckdb") as store:
            ingest(store, target, format="gdelt1")
            return _count(store)

    return Job(run, before=lambda: _fresh(work))


def setup_ingest(workdir: str, local: str) -> Job:
    """Side: ingest of the archives already on disk."""
    from accord.events import ingest
    from accord.store import Store

    work = Path(workdir)

    def run() -> int:
        with Store(work / "store.duckdb") as store:
            ingest(store, local, format="gdelt1")
            return _count(store)

    return Job(run, before=lambda: _fresh(work))


def _fetch_half(repeat_rows: int, warmup: int, repeat: int) -> None:
    from tests.feeds.mirror import Mirror

    with tempfile.TemporaryDirectory() as tmp, Mirror(Path(tmp) / "mirror") as mirror:
        _month(mirror, repeat_rows)
        local = Path(tmp) / "local"
        local.mkdir()
        for path, data in mirror.files.items():
            if path.endswith(".zip"):
                (local / Path(path).name).write_bytes(data)
        size = sum(f.stat().st_size for f in local.iterdir())
        print(f"a month of GDELT 1.0 daily archives: {len(DAYS)} files, {size / 1e6:.1f} MB")
        sides = []
        for label, target, arg in (
            ("accord fetch (overlapped)", "setup_fetch", mirror.url),
            ("curl, then accord ingest", "setup_curl", mirror.url),
            ("accord ingest alone (local)", "setup_ingest", str(local)),
        ):
            work = Path(tmp) / target
            work.mkdir()
            sides.append(
                measure(label, f"{HERE}:{target}", str(work), arg, warmup=warmup, repeat=repeat)
            )
        check_same("events stored", sides[0], *sides[1:])
        report(*sides)
        print(f"fetch / ingest alone: {sides[0].best / sides[2].best:.2f}x (goal <= 1.2x)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _one_follow(tmp: Path) -> float:
    """Seconds from an update appearing on the mirror to its alert on the SSE stream."""
    import os

    import uvicorn
    from tests.feeds.mirror import Mirror
    from tests.feeds.scenario import crisis, history

    from accord.api import Settings, create_app
    from accord.events import ingest
    from accord.store import Store

    with Mirror(tmp / "mirror") as mirror:
        plain = tmp / "history.export.CSV"
        plain.write_text(history(), encoding="utf-8")
        with Store(tmp / "s.duckdb") as store:
            ingest(store, plain, format="gdelt2")
        os.environ["ACCORD_GDELT2_URL"] = f"{mirror.url}/gdeltv2/"
        os.environ["ACCORD_FEEDS_CACHE"] = str(tmp / "cache")
        port = _free_port()
        settings = replace(
            Settings.build(port=port, db=tmp / "s.duckdb"), follow="gdelt2", follow_every=0.5
        )
        server = uvicorn.Server(uvicorn.Config(create_app(settings), port=port, log_level="error"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.02)
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", "/api/alerts/stream")
            response = connection.getresponse()
            response.readline()
            appeared = time.perf_counter()
            mirror.gdelt2("20240710001500", crisis())
            while True:
                line = response.readline().decode()
                if line.startswith("data: ") and json.loads(line[6:])["kind"] == "alert":
                    return time.perf_counter() - appeared
        finally:
            server.should_exit = True
            thread.join(10)


def _follow_half(follows: int) -> None:
    latencies = []
    for _ in range(follows):
        with tempfile.TemporaryDirectory() as tmp:
            latencies.append(_one_follow(Path(tmp)))
    shown = ", ".join(f"{s:.2f}" for s in latencies)
    print(
        f"follow latency, update on the mirror -> alert on /api/alerts/stream (poll 0.5 s): "
        f"median {statistics.median(latencies):.2f} s, max {max(latencies):.2f} s "
        f"[{shown}] (goal < 5 s)"
    )


def main(argv: list[str] | None = None) -> None:
    """Run both halves and print the figures."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks feeds")
    parser.add_argument("--repeat-rows", type=int, default=20, help="sample copies per day")
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--follows", type=int, default=3)
    args = parser.parse_args(argv if argv is not None else [])
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    _fetch_half(args.repeat_rows, args.warmup, args.repeat)
    _follow_half(args.follows)


if __name__ == "__main__":
    main(sys.argv[1:])
