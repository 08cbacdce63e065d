"""The live stream of an exercise session on a real server: each viewer gets the moves its
token may read (the inbox's rule), the clock's changes and adjudicated turns; a reconnection
with Last-Event-ID gets what it missed."""

from __future__ import annotations

import http.client
import json
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from accord.api import Settings, create_app
from accord.api.routes import exercises as routes
from accord.world import World
from tests.live_server import free_port, serving

FIXTURES = Path(__file__).resolve().parents[1] / "exercises" / "fixtures"


@pytest.fixture
def port(tmp_path: Path, mini_world: World, monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """A server on loopback whose shipped exercises are the test fixtures."""
    monkeypatch.setattr(routes, "EXERCISE_DIR", FIXTURES)
    port = free_port()
    settings = replace(Settings.build(port=port, db=tmp_path / "live.duckdb"))
    app = create_app(settings, world=mini_world)
    with serving(app, port, start_within=20):
        yield port


def call(port: int, method: str, path: str, body: Any = None, token: str | None = None) -> Any:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    connection.request(method, path, json.dumps(body) if body is not None else None, headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    assert response.status < 300, (path, response.status, data)
    return json.loads(data)


class Stream:
    """An open event stream, read line by line into (id, event, data) items."""

    def __init__(self, port: int, path: str, headers: dict[str, str] | None = None) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        self.connection.request(
            "GET", path, headers={"Accept": "text/event-stream", **(headers or {})}
        )
        self.response = self.connection.getresponse()
        assert self.response.status == 200
        assert self.response.getheader("content-type", "").startswith("text/event-stream")

    def next(self, kind: str, timeout: float = 10.0) -> tuple[str | None, dict[str, Any]]:
        """The id and data of the next event of `kind` (others skipped)."""
        deadline = time.monotonic() + timeout
        ident: str | None = None
        event = None
        while time.monotonic() < deadline:
            line = self.response.readline().decode().rstrip("\n")
            if line.startswith("id: "):
                ident = line[4:]
            elif line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: ") and event == kind:
                found: dict[str, Any] = json.loads(line[6:])
                return ident, found
            elif line == "":
                ident, event = None, None
        raise AssertionError(f"no {kind} event within {timeout} s")

    def close(self) -> None:
        self.connection.close()


def test_a_message_reaches_the_addressed_player_and_not_a_third_role(port: int) -> None:
    s = call(port, "POST", "/api/exercises/sessions",
             {"exercise": "tiny", "players": {"PHL": "ana", "CHN": "wei"}})  # fmt: skip
    base = f"/api/exercises/sessions/{s['session_id']}"
    tokens = {**s["invites"], "control": s["facilitator_token"]}
    streams = {role: Stream(port, f"{base}/stream?token={tokens[role]}") for role in tokens}
    for stream in streams.values():
        assert stream.next("clock")[1]["turn"] == 1
    call(port, "POST", f"{base}/messages", {"to": ["CHN"], "text": "just for you"}, tokens["PHL"])
    call(port, "POST", f"{base}/messages", {"to": ["public"], "text": "to all"}, tokens["PHL"])
    for role in ("CHN", "control", "PHL"):
        ident, move = streams[role].next("move")
        assert (move["body"]["text"], move["role"], move["audience"]) == (
            "just for you", "PHL", ["CHN"]
        )  # fmt: skip
        assert ident == str(move["seq"])
    # the chair's first move event is the public message: the private one never reached it
    _, move = streams["asean"].next("move")
    assert move["body"]["text"] == "to all"
    for stream in streams.values():
        stream.close()


def test_clock_and_turn_notes_and_a_reconnection(port: int) -> None:
    s = call(port, "POST", "/api/exercises/sessions",
             {"exercise": "tiny", "players": {"PHL": "ana"}, "turn_minutes": 60})  # fmt: skip
    base = f"/api/exercises/sessions/{s['session_id']}"
    phl, fac = s["invites"]["PHL"], s["facilitator_token"]
    stream = Stream(port, f"{base}/stream", {"Authorization": f"Bearer {phl}"})
    assert stream.next("clock")[1]["status"] == "running"
    call(port, "POST", f"{base}/pause", None, fac)
    assert stream.next("clock")[1]["status"] == "paused"
    call(port, "POST", f"{base}/resume", None, fac)
    assert stream.next("clock")[1]["status"] == "running"
    watcher = Stream(port, f"{base}/stream?token={fac}")
    watcher.next("clock")
    call(port, "POST", f"{base}/advance", None, fac)
    _, turn = stream.next("turn")
    assert (turn["turn"], turn["next_turn"], turn["injects"]) == (1, 2, [])
    _, whole = watcher.next("turn")
    assert whole["injects"] == ["cable"]  # players get injects as moves, not as a list
    stream.close()
    watcher.close()
    # a reconnection after move 1 gets every move since that PHL may read, in order
    seen = call(port, "GET", f"{base}/inbox?since=1", None, phl)["moves"]
    assert len(seen) >= 2
    again = Stream(port, f"{base}/stream?token={phl}", {"Last-Event-ID": "1"})
    got = [again.next("move")[1]["seq"] for _ in seen]
    assert got == [m["seq"] for m in seen]
    again.close()


def test_a_stream_needs_a_token_of_the_session(port: int) -> None:
    s = call(port, "POST", "/api/exercises/sessions", {"exercise": "tiny"})
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", f"/api/exercises/sessions/{s['session_id']}/stream?token=guess")
    response = connection.getresponse()
    body = json.loads(response.read())
    connection.close()
    assert (response.status, body["error"]) == (404, "not found")
