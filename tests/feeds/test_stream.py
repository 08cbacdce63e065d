"""`accord serve --follow gdelt2`: a server following the mirror streams each new alert as a
server-sent event and posts it to a webhook (retried after a 500)."""

from __future__ import annotations

import http.client
import http.server
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from accord.api import Settings, create_app
from tests.feeds.mirror import Mirror
from tests.feeds.scenario import ALERT, calm_store, crisis
from tests.live_server import free_port, serving


class Receiver:
    """A webhook receiver on loopback: answers 500 to the first POST, then 200."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []
        self.posts = 0
        received = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                received.posts += 1
                status = 500 if received.posts == 1 else 200
                if status == 200:
                    received.bodies.append(json.loads(body))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hook"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    running = Receiver()
    yield running
    running.server.shutdown()
    running.server.server_close()


@pytest.fixture
def served(
    mirror: Mirror, receiver: Receiver, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[int]:
    """A server following the mirror every 0.1 s; its store holds the calm history."""
    db = calm_store(tmp_path, mirror.url, monkeypatch)
    port = free_port()
    settings = replace(
        Settings.build(port=port, db=db), follow="gdelt2", follow_every=0.1, webhook=receiver.url
    )
    with serving(create_app(settings), port, start_within=20):
        yield port


def _next_event(response: http.client.HTTPResponse, kind: str, timeout: float) -> dict[str, Any]:
    """The data of the next server-sent event of `kind`."""
    deadline = time.monotonic() + timeout
    event = None
    while time.monotonic() < deadline:
        line = response.readline().decode().rstrip("\n")
        if line.startswith("event: "):
            event = line[7:]
        elif line.startswith("data: ") and event == kind:
            found: dict[str, Any] = json.loads(line[6:])
            return found
    raise AssertionError(f"no {kind} event within {timeout} s")


def test_alerts_reach_an_sse_client_and_a_webhook(
    served: int, mirror: Mirror, receiver: Receiver
) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", served, timeout=20)
    connection.request("GET", "/api/health")
    health = json.loads(connection.getresponse().read())
    assert "live-alerts" in health["capabilities"]  # the dashboard listens when it sees this
    connection.request("GET", "/api/alerts/stream", headers={"Accept": "text/event-stream"})
    response = connection.getresponse()
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/event-stream")
    appeared = time.monotonic()
    mirror.gdelt2("20240710001500", crisis())  # a new file appears on the publisher
    files = _next_event(response, "files", 15)
    alert = _next_event(response, "alert", 15)
    latency = time.monotonic() - appeared
    connection.close()
    assert files["files"][0]["name"] == "20240710001500.export.CSV.zip"
    got = alert["alert"]
    assert (got["a"], got["b"], got["period"], got["metric"]) == ALERT
    assert latency < 5.0
    deadline = time.monotonic() + 10
    while len(receiver.bodies) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [b["kind"] for b in receiver.bodies] == ["files", "alert"]
    assert receiver.bodies[1]["key"] == alert["key"]
    assert receiver.posts == 3  # the first POST got a 500 and was retried
