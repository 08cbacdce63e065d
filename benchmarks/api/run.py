"""Dyad-series requests at 50 concurrent clients against `accord serve` on loopback.

Starts the real server (uvicorn, in a subprocess) on a free port with a fresh store, ingests the
ICEWS sample from ../shared/data when present (else the store holds only the default world),
then sends `GET /api/relations/dyad` for a rotating set of pairs from 50 concurrent httpx
clients. Where the machine has two or more cores, the server is pinned to all but the last
and the load generator (this process) to the last (`os.sched_setaffinity`), so that the
client's own CPU does not compete with the server's. Both get warm-up requests first
(`--warmup`, untimed). Printed: p50 / p95 latency, throughput, the server's and the client's
CPU time per request and the server's peak memory.

Baseline in the same run: the same dyad series computed in-process by
`accord.relations.dyad_series` (no HTTP), one call at a time, in its own process
(`benchmarks/timing.py`); its series for every pair are checked equal to the server's answers.

    python -m benchmarks api [--requests N] [--clients C]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
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


async def _load(url: str, requests: int, clients: int) -> tuple[list[float], float]:
    latencies: list[float] = []
    counter = iter(range(requests))
    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as client:

        async def worker() -> None:
            for i in counter:
                a, b = PAIRS[i % len(PAIRS)]
                start = time.perf_counter()
                r = await client.get("/api/relations/dyad", params={"a": a, "b": b})
                latencies.append(time.perf_counter() - start)
                r.raise_for_status()

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        return latencies, time.perf_counter() - began


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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="API benchmark: dyad series over HTTP.")
    parser.add_argument("--requests", type=int, default=REQUESTS)
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--warmup", type=int, default=200, help="untimed requests first")
    args = parser.parse_args([] if argv is None else argv)
    tmp = Path(tempfile.mkdtemp(prefix="accord-bench-api-"))
    db = tmp / "bench.duckdb"
    env = {**os.environ, "ACCORD_DB": str(db)}
    sample = SAMPLE / "events.2018.sample.tab"
    subprocess.run(
        [sys.executable, "-m", "accord.cli.main", "world", "summary", "--json"],
        env=env,
        check=True,
        capture_output=True,
    )
    if sample.exists():
        from accord.events import ingest
        from accord.store import Store

        with Store(db) as store:
            stored = ingest(store, [sample]).stored
        print(f"store: ICEWS sample, {stored} events")
    else:
        print("store: default world only (../shared/data not found)")

    cores = split_cores()
    server_cores, client_cores = cores if cores else (None, None)
    port = _free_port()
    proc = _serve(env, port, server_cores)
    url = f"http://127.0.0.1:{port}"
    before_affinity = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("server did not start")
            time.sleep(0.2)
        answers = {
            f"{a}-{b}": _series(
                httpx.get(f"{url}/api/relations/dyad", params={"a": a, "b": b}).json()["points"]
            )
            for a, b in PAIRS
        }
        if client_cores is not None:
            os.sched_setaffinity(0, set(client_cores))
        asyncio.run(_load(url, args.warmup, args.clients))
        usage = _Usage(proc.pid)
        server_cpu0, client_cpu0 = usage.cpu(), time.process_time()
        latencies, elapsed = asyncio.run(_load(url, args.requests, args.clients))
        server_cpu = usage.cpu() - server_cpu0
        client_cpu = time.process_time() - client_cpu0
        server_peak = usage.peak_mb()
    finally:
        if before_affinity is not None:
            os.sched_setaffinity(0, before_affinity)
        proc.terminate()
        proc.wait(timeout=10)
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
    ms = sorted(x * 1000 for x in latencies)
    p50 = statistics.median(ms)
    p95 = ms[int(0.95 * (len(ms) - 1))]
    rps = len(ms) / elapsed
    pinned = (
        f"server on cores {server_cores}, load generator on {client_cores}"
        if cores
        else "not pinned (fewer than 2 cores)"
    )
    print(f"{len(ms)} dyad-series requests, {args.clients} concurrent clients, loopback; {pinned}")
    print(f"  latency p50 {p50:.1f} ms, p95 {p95:.1f} ms; throughput {rps:.0f} requests/s")
    print(
        f"  server CPU {1e3 * server_cpu / len(ms):.2f} ms/request, peak {server_peak:.0f} MB; "
        f"load generator CPU {1e3 * client_cpu / len(ms):.2f} ms/request"
    )
    per_call = baseline.best / len(PAIRS)
    per_call_cpu = baseline.cpu_best / len(PAIRS)
    print(
        f"  in-process dyad_series (baseline, serial): {per_call * 1e3:.2f} ms wall, "
        f"{per_call_cpu * 1e3:.2f} ms CPU per call (best of {len(baseline.wall)}, "
        f"peak {baseline.peak_mb:.0f} MB)"
    )
    print(
        f"  server CPU per request / in-process CPU per call: "
        f"{server_cpu / len(ms) / per_call_cpu:.1f}x; served throughput / serial in-process "
        f"rate: {rps * per_call:.2f}x"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
