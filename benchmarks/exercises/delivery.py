"""Message delivery over the live stream: a real server, many connected viewers.

Starts `accord serve` (uvicorn) on a free loopback port over a fresh store, starts a session of
a shipped exercise, connects `clients` event streams (`/api/exercises/sessions/{sid}/stream`,
the facilitator's and the roles' tokens in turn) and sends `messages` public messages one after
another as a player; a message's delivery time to a viewer is from just before its POST to the
moment its `event: move` line reaches that viewer (the POST's write to the store, the
announcement and the stream's own filtering included). Goal: p95 under 100 ms with 50 viewers.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

EXERCISE = "south-china-sea"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _request(port: int, method: str, path: str, body: Any = None, token: str = "") -> Any:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    data = json.dumps(body).encode() if body is not None else b""
    head = (
        f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n"
        + (f"Authorization: Bearer {token}\r\n" if token else "")
        + "\r\n"
    )
    writer.write(head.encode() + data)
    await writer.drain()
    raw = await reader.read()
    writer.close()
    status = int(raw.split(b" ", 2)[1])
    payload = raw.split(b"\r\n\r\n", 1)[1]
    if status >= 300:
        raise RuntimeError(f"{method} {path}: {status} {payload[:200]!r}")
    return json.loads(payload)


class Viewer:
    """One connected event stream, noting when each message text arrives."""

    def __init__(self) -> None:
        self.arrived: dict[str, float] = {}
        self.ready = asyncio.Event()

    async def listen(self, port: int, path: str) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        head = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n"
        writer.write(head.encode() + b"\r\n")
        await writer.drain()
        try:
            while line := await reader.readline():
                if line.startswith(b"event: clock"):
                    self.ready.set()
                elif line.startswith(b"data: ") and b'"kind": "message"' in line:
                    text = json.loads(line[6:])["body"]["text"]
                    self.arrived[text] = time.perf_counter()
        finally:
            writer.close()


async def _measure(port: int, clients: int, messages: int) -> dict[str, Any]:
    started = await _request(
        port, "POST", "/api/exercises/sessions", {"exercise": EXERCISE, "players": {"PHL": "a"}}
    )
    sid = started["session_id"]
    tokens = [started["facilitator_token"], *started["invites"].values()]
    viewers = [Viewer() for _ in range(clients)]
    tasks = [
        asyncio.create_task(
            v.listen(port, f"/api/exercises/sessions/{sid}/stream?token={tokens[k % len(tokens)]}")
        )
        for k, v in enumerate(viewers)
    ]
    await asyncio.wait_for(asyncio.gather(*(v.ready.wait() for v in viewers)), 60)
    latencies: list[float] = []
    lost = 0
    for k in range(messages):
        text = f"bench message {k}"
        t0 = time.perf_counter()
        await _request(
            port, "POST", f"/api/exercises/sessions/{sid}/messages",
            {"to": ["public"], "text": text}, started["invites"]["PHL"],
        )  # fmt: skip
        deadline = time.perf_counter() + 5
        while time.perf_counter() < deadline and not all(text in v.arrived for v in viewers):
            await asyncio.sleep(0.001)
        got = [v.arrived[text] - t0 for v in viewers if text in v.arrived]
        lost += clients - len(got)
        latencies.extend(got)
    for t in tasks:
        t.cancel()
    latencies.sort()
    q = statistics.quantiles(latencies, n=100)
    return {
        "clients": clients,
        "messages": messages,
        "deliveries": len(latencies),
        "lost": lost,
        "p50_ms": round(q[49] * 1000, 1),
        "p95_ms": round(q[94] * 1000, 1),
        "max_ms": round(latencies[-1] * 1000, 1),
    }


def delivery(clients: int = 50, messages: int = 100) -> dict[str, Any]:
    """Start a server, measure message delivery to `clients` streams, stop the server."""
    folder = Path(tempfile.mkdtemp())
    port = _free_port()
    cmd = [sys.executable, "-m", "accord.cli.main", "serve", "--port", str(port),
           "--db", str(folder / "bench.duckdb"), "--no-fill"]  # fmt: skip
    log = (folder / "server.log").open("wb")
    server = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=os.environ)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise RuntimeError((folder / "server.log").read_text(errors="replace")[-2000:])
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        return asyncio.run(_measure(port, clients, messages))
    finally:
        server.terminate()
        server.wait(30)
        log.close()
