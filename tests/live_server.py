"""A real uvicorn server on loopback, run in a thread for a test: for the tests that need a
socket (server-sent events, a browser) rather than FastAPI's TestClient."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(app: Any, port: int, *, start_within: float = 30.0) -> Iterator[None]:
    """Serve `app` on `port` for the block; fail if it has not started within `start_within`
    seconds, and stop it (waiting for its thread) after the block."""
    server = uvicorn.Server(uvicorn.Config(app, port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + start_within
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, f"the server did not start within {start_within:g} s"
    try:
        yield
    finally:
        server.should_exit = True
        thread.join(20)
