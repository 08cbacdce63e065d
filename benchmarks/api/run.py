"""Dyad-series requests at 50 concurrent clients against `accord serve` on loopback.

Starts the real server (uvicorn, in a subprocess) on a free port with a fresh store, ingests the
ICEWS sample from ../shared/data when present (else the store holds only the default world),
then sends `GET /api/relations/dyad` from 50 concurrent keep-alive connections. Where the
machine has two or more cores, the server is pinned to all but the last and the load generator
(this process) to the last (`os.sched_setaffinity`), so that the client's own CPU does not
compete with the server's. The load generator writes plain HTTP/1.1 requests on asyncio streams
(about 0.1 ms of CPU per request, where an httpx client needs about 6 ms and would itself cap the
rate below 200 requests/s on one core). Each run gets warm-up requests first (`--warmup`,
untimed). Two runs:

- **repeated**: a rotating set of five pairs, as a dashboard polling a few dyads; after the
  first answer of each, the server's response cache answers (`x-accord-cache: hit`).
- **distinct**: every request a different window (`from` moves by a day per request), so no
  answer is in the cache and every request runs the query.

Printed per run: p50 / p95 latency, throughput, the share of cache hits, the server's and the
client's CPU time per request and the server's peak memory; every answer must be 200.

Baseline in the same run: the same dyad series computed in-process by
`accord.relations.dyad_series` (no HTTP), one call at a time, in its own process
(`benchmarks/timing.py`); its series for every pair are checked equal to the server's answers.

    python -m benchmarks api [--requests N] [--clients C]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from benchmarks.timing import Job, measure, split_cores

CLIENTS = 50
REQUESTS = 2000
PAIRS = [("USA", "RUS"), ("USA", "CHN"), ("RUS", "UKR"), ("CHN", "JPN"), ("IND", "PAK")]
SAMPLE = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "icews"
HERE = "benchmarks.api.run"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _paths(kind: str, requests: int, first: dt.date) -> list[str]:
    """The request targets of a run: the five pairs in turn, or a new window (from `first`
    on, a day later each time) for every request."""
    if kind == "repeated":
        return [f"/api/relations/dyad?a={a}&b={b}" for a, b in PAIRS]
    return [
        f"/api/relations/dyad?a={a}&b={b}&from={first + dt.timedelta(days=i)}"
        for i, (a, b) in enumerate(PAIRS[i % len(PAIRS)] for i in range(requests))
    ]


@dataclass
class _Tally:
    """What a run saw: latencies, statuses and the cache header of every answer."""

    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    cache: Counter[str] = field(default_factory=Counter)


async def _connection(port: int, paths: list[str], counter: Any, tally: _Tally) -> None:
    """One keep-alive connection sending requests one after another until `counter` ends."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        for i in counter:
            request = f"GET {paths[i % len(paths)]} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            start = time.perf_counter()
            writer.write(request.encode())
            head = await reader.readuntil(b"\r\n\r\n")
            headers = dict(
                line.lower().split(b": ", 1) for line in head.split(b"\r\n")[1:] if b": " in line
            )
            await reader.readexactly(int(headers.get(b"content-length", b"0")))
            tally.latencies.append(time.perf_counter() - start)
            tally.statuses[int(head[9:12])] += 1
            tally.cache[headers.get(b"x-accord-cache", b"none").decode()] += 1
    finally:
        writer.close()


async def _load(port: int, paths: list[str], requests: int, clients: int) -> tuple[_Tally, float]:
    tally = _Tally()
    counter = iter(range(requests))
    began = time.perf_counter()
    await asyncio.gather(*(_connection(port, paths, counter, tally) for _ in range(clients)))
    return tally, time.perf_counter() - began


def _series(points: list[dict[str, Any]]) -> list[list[Any]]:
    return [[str(p["start"])[:10], int(p["events"])] for p in points]


def inprocess_side(db: str) -> Job:
    """One `dyad_series` call per pair (the store opened in setup)."""
    from accord.relations import dyad_series, open_events

    opened = open_events(Path(db))  # kept open for the life of this process
    events = opened.__enter__()

    def run() -> dict[str, Any]:
        assert opened is not None
        return {f"{a}-{b}": dyad_series(events, a, b) for a, b in PAIRS}

    def output(result: dict[str, Any]) -> dict[str, Any]:
        return {
            k: _series([{"start": p.start, **p.as_dict()} for p in v]) for k, v in result.items()
        }

    return Job(run, output=output)


class _Usage:
    """CPU seconds and peak resident memory of a process and its children (psutil if present,
    else /proc of the process alone)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid

    def cpu(self) -> float:
        try:
            import psutil

            procs = [psutil.Process(self.pid)]
            procs += procs[0].children(recursive=True)
            return sum(p.cpu_times().user + p.cpu_times().system for p in procs)
        except ImportError:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def peak_mb(self) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")


def _serve(env: dict[str, str], port: int, cores: list[int] | None) -> subprocess.Popen[bytes]:
    def pin() -> None:
        if cores is not None:
            os.sched_setaffinity(0, set(cores))

    return subprocess.Popen(
        [sys.executable, "-m", "accord.cli.main", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=pin,
    )


def _store(db: Path, env: dict[str, str]) -> None:
    """A fresh store with the default world and the ICEWS sample (when present)."""
    subprocess.run(
        [sys.executable, "-m", "accord.cli.main", "world", "summary", "--json"],
        env=env,
        check=True,
        capture_output=True,
    )
    sample = SAMPLE / "events.2018.sample.tab"
    if sample.exists():
        from accord.events import ingest
        from accord.store import Store

        with Store(db) as store:
            stored = ingest(store, [sample]).stored
        print(f"store: ICEWS sample, {stored} events")
    else:
        print("store: default world only (../shared/data not found)")


def _started(url: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{url}/api/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("server did not start")
        time.sleep(0.2)


def _run(kind: str, port: int, usage: _Usage, args: argparse.Namespace) -> dict[str, Any]:
    """One timed run (after its warm-up) and what it measured."""
    paths = _paths(kind, args.requests, dt.date(2000, 1, 1))
    warm = _paths(kind, args.warmup, dt.date(1990, 1, 1))
    asyncio.run(_load(port, warm, args.warmup, args.clients))
    server_cpu0, client_cpu0 = usage.cpu(), time.process_time()
    tally, elapsed = asyncio.run(_load(port, paths, args.requests, args.clients))
    n = len(tally.latencies)
    if n != args.requests or set(tally.statuses) != {200}:
        raise SystemExit(f"{kind}: {n} answers, statuses {dict(tally.statuses)}")
    ms = sorted(x * 1000 for x in tally.latencies)
    return {
        "kind": kind,
        "n": n,
        "p50": statistics.median(ms),
        "p95": ms[int(0.95 * (n - 1))],
        "rps": n / elapsed,
        "hits": tally.cache["hit"] / n,
        "server_ms": 1e3 * (usage.cpu() - server_cpu0) / n,
        "client_ms": 1e3 * (time.process_time() - client_cpu0) / n,
    }


def _report(run: dict[str, Any], clients: int) -> None:
    print(
        f"{run['kind']}: {run['n']} dyad-series requests, {clients} clients, "
        f"{100 * run['hits']:.0f}% answered from the response cache"
    )
    print(
        f"  latency p50 {run['p50']:.1f} ms, p95 {run['p95']:.1f} ms; "
        f"throughput {run['rps']:.0f} requests/s"
    )
    print(
        f"  server CPU {run['server_ms']:.2f} ms/request; "
        f"load generator CPU {run['client_ms']:.2f} ms/request"
    )


def _serve_and_measure(
    env: dict[str, str], args: argparse.Namespace
) -> tuple[dict[str, Any], list[dict[str, Any]], float, str]:
    """Start the server, read the five pairs' answers, run both loads; stop the server."""
    cores = split_cores()
    server_cores, client_cores = cores if cores else (None, None)
    port = _free_port()
    proc = _serve(env, port, server_cores)
    url = f"http://127.0.0.1:{port}"
    before_affinity = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    try:
        _started(url, proc)
        answers = {
            f"{a}-{b}": _series(
                httpx.get(f"{url}/api/relations/dyad", params={"a": a, "b": b}).json()["points"]
            )
            for a, b in PAIRS
        }
        if client_cores is not None:
            os.sched_setaffinity(0, set(client_cores))
        usage = _Usage(proc.pid)
        runs = [_run(kind, port, usage, args) for kind in ("repeated", "distinct")]
        peak = usage.peak_mb()
    finally:
        if before_affinity is not None:
            os.sched_setaffinity(0, before_affinity)
        proc.terminate()
        proc.wait(timeout=10)
    pinned = (
        f"server on cores {server_cores}, load generator on {client_cores}"
        if cores
        else "not pinned (fewer than 2 cores)"
    )
    return answers, runs, peak, pinned


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="API benchmark: dyad series over HTTP.")
    parser.add_argument("--requests", type=int, default=REQUESTS)
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--warmup", type=int, default=200, help="untimed requests first")
    args = parser.parse_args([] if argv is None else argv)
    db = Path(tempfile.mkdtemp(prefix="accord-bench-api-")) / "bench.duckdb"
    env = {**os.environ, "ACCORD_DB": str(db)}
    _store(db, env)
    load = os.getloadavg()
    answers, runs, peak, pinned = _serve_and_measure(env, args)
    # after the server has stopped: it holds the store, and adds the curated timeline on start
    baseline = measure(
        "in-process dyad_series", f"{HERE}:inprocess_side", str(db), warmup=2, repeat=20
    )
    if answers != baseline.output:
        raise SystemExit(
            "OUTPUTS DIFFER: the server's dyad series and dyad_series disagree: "
            f"{str(answers)[:300]} vs {str(baseline.output)[:300]}"
        )
    print("  outputs checked equal: the dyad series of every pair (server, in-process)")
    print(f"loopback; {pinned}; load average before: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    for run in runs:
        _report(run, args.clients)
    print(f"  server peak memory {peak:.0f} MB")
    per_call = baseline.best / len(PAIRS)
    per_call_cpu = baseline.cpu_best / len(PAIRS)
    print(
        f"  in-process dyad_series (baseline, serial): {per_call * 1e3:.2f} ms wall, "
        f"{per_call_cpu * 1e3:.2f} ms CPU per call (best of {len(baseline.wall)}, "
        f"peak {baseline.peak_mb:.0f} MB)"
    )
    uncached = runs[1]
    print(
        f"  uncached: server CPU per request / in-process CPU per call: "
        f"{uncached['server_ms'] / 1e3 / per_call_cpu:.1f}x; served throughput / serial "
        f"in-process rate: {uncached['rps'] * per_call:.2f}x"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
