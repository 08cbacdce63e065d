"""Dyad-series requests at 50 concurrent clients against `accord serve` on loopback.

Starts the real server (uvicorn, in a subprocess) on a free port with a fresh store, ingests the
ICEWS sample from ../shared/data when present (else the store holds only the default world), then
sends `GET /api/relations/dyad` for a rotating set of pairs from 50 concurrent httpx clients for a
bounded number of requests. Baseline in the same run: the same dyad series computed in-process by
`accord.relations.dyad_series` (no HTTP), one call at a time; the ratio shows what HTTP,
validation and concurrency cost. Prints p50 / p95 latency and throughput.
"""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

CLIENTS = 50
REQUESTS = 2000
PAIRS = [("USA", "RUS"), ("USA", "CHN"), ("RUS", "UKR"), ("CHN", "JPN"), ("IND", "PAK")]
SAMPLE = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "icews"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def _load(url: str) -> tuple[list[float], float]:
    latencies: list[float] = []
    counter = iter(range(REQUESTS))
    limits = httpx.Limits(max_connections=CLIENTS)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as client:

        async def worker() -> None:
            for i in counter:
                a, b = PAIRS[i % len(PAIRS)]
                start = time.perf_counter()
                r = await client.get("/api/relations/dyad", params={"a": a, "b": b})
                latencies.append(time.perf_counter() - start)
                r.raise_for_status()

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(CLIENTS)))
        return latencies, time.perf_counter() - began


def _in_process(db: Path, n: int = 200) -> float:
    from accord.relations import dyad_series, open_events

    with open_events(db) as events:
        began = time.perf_counter()
        for i in range(n):
            a, b = PAIRS[i % len(PAIRS)]
            dyad_series(events, a, b)
        return (time.perf_counter() - began) / n


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="accord-bench-api-"))
    db = tmp / "bench.duckdb"
    env = {**os.environ, "ACCORD_DB": str(db)}
    sample = SAMPLE / "events.2018.sample.tab"
    if sample.exists():
        subprocess.run(
            [sys.executable, "-m", "accord.cli.main", "world", "summary", "--json"],
            env=env,
            check=True,
            capture_output=True,
        )
        from accord.events import ingest
        from accord.store import Store

        with Store(db) as store:
            stored = ingest(store, [sample]).stored
        print(f"store: ICEWS sample, {stored} events")
    else:
        print("store: default world only (../shared/data not found)")
    baseline = _in_process(db)
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "accord.cli.main", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start")
            time.sleep(0.2)
        latencies, elapsed = asyncio.run(_load(url))
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    ms = sorted(x * 1000 for x in latencies)
    p50 = statistics.median(ms)
    p95 = ms[int(0.95 * (len(ms) - 1))]
    rps = len(ms) / elapsed
    print(f"{len(ms)} dyad-series requests, {CLIENTS} concurrent clients, loopback")
    print(f"  latency p50 {p50:.1f} ms, p95 {p95:.1f} ms; throughput {rps:.0f} requests/s")
    print(f"  in-process dyad_series (baseline, serial): {baseline * 1000:.2f} ms per call")
    print(f"  served throughput / serial in-process rate: {rps * baseline:.2f}x")


if __name__ == "__main__":
    main()
