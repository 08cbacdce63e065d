"""The exercise session routes: start, read, move, the facilitator's controls, the clock, the
live stream, and secrecy endpoint by endpoint (a role's token reaches nothing of another role's
private part; the facilitator's reaches all)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from accord.api import Settings, create_app
from accord.api.routes import exercises as routes
from accord.world import World

FIXTURES = Path(__file__).resolve().parents[1] / "exercises" / "fixtures"
CROSS_SITE = {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}


@pytest.fixture(autouse=True)
def tiny_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    """The API's shipped exercises are the test fixtures (the tiny exercise)."""
    monkeypatch.setattr(routes, "EXERCISE_DIR", FIXTURES)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def start(client: TestClient, **extra: Any) -> dict[str, Any]:
    body = {"exercise": "tiny", "players": {"PHL": "ana", "CHN": "wei"}, **extra}
    r = client.post("/api/exercises/sessions", json=body)
    assert r.status_code == 201, r.text
    started: dict[str, Any] = r.json()
    return started


@pytest.fixture
def started(client: TestClient) -> dict[str, Any]:
    return start(client)


def url(s: dict[str, Any], tail: str = "") -> str:
    return f"/api/exercises/sessions/{s['session_id']}{tail}"


def test_catalog_and_outline_show_no_private_part(client: TestClient) -> None:
    listing = client.get("/api/exercises").json()
    assert [(e["name"], e["file"]) for e in listing["exercises"]] == [
        ("tiny", "exercises/tiny.yaml")
    ]
    outline = client.get("/api/exercises/tiny").json()
    assert [r["id"] for r in outline["roles"]] == ["PHL", "CHN", "asean"]
    assert outline["tables"][0]["parties"] == ["PHL", "CHN"]
    text = json.dumps(outline)
    assert "red line" not in text and "private_brief" not in text and "objectives" not in text
    assert "Coast guard" not in text  # the MSEL stays secret
    assert client.get("/api/exercises/nope").status_code == 404


def test_start_gives_tokens_and_invite_links(client: TestClient, started: dict[str, Any]) -> None:
    sid = started["session_id"]
    assert started["links"]["PHL"] == (
        f"/exercise.html?session={sid}&token={started['invites']['PHL']}"
    )
    assert started["players"] == {"PHL": "ana", "CHN": "wei", "asean": None}
    summaries = client.get("/api/exercises/sessions").json()
    assert summaries == [
        {"session_id": sid, "exercise": "tiny", "title": "A tiny shoal dispute", "turn": 1,
         "status": "running"}
    ]  # fmt: skip
    assert "token" not in json.dumps(summaries)


def test_view_with_bearer_or_query_token(client: TestClient, started: dict[str, Any]) -> None:
    phl = started["invites"]["PHL"]
    by_header = client.get(url(started), headers=bearer(phl)).json()
    by_query = client.get(url(started), params={"token": phl}).json()
    assert by_header.pop("clock")["elapsed"] <= by_query.pop("clock")["elapsed"]
    assert by_header == by_query
    assert by_header["you"] == "PHL"
    assert [b["role"] for b in by_header["briefs"]] == ["PHL"]
    clock = client.get(url(started, "/clock"), headers=bearer(phl)).json()
    assert (clock["turn"], clock["status"], clock["deadline"]) == (1, "running", None)
    assert client.get(url(started)).status_code == 403
    assert client.get(url(started), params={"token": "guess"}).status_code == 404


def test_message_reaches_the_addressed_role_only(
    client: TestClient, started: dict[str, Any]
) -> None:
    phl, chn, fac = (started["invites"]["PHL"], started["invites"]["CHN"],
                     started["facilitator_token"])  # fmt: skip
    asean = started["invites"]["asean"]
    r = client.post(
        url(started, "/messages"), json={"to": ["CHN"], "text": "back channel"}, headers=bearer(phl)
    )
    assert r.status_code == 201, r.text
    seq = r.json()["seq"]

    def texts(token: str) -> list[str]:
        moves = client.get(url(started, "/inbox"), headers=bearer(token)).json()["moves"]
        return [m["body"].get("text") for m in moves if m["seq"] == seq]

    assert texts(chn) == ["back channel"]
    assert texts(fac) == ["back channel"]
    assert texts(asean) == []


def test_cross_site_posts_are_refused(client: TestClient, started: dict[str, Any]) -> None:
    phl = started["invites"]["PHL"]
    r = client.post(
        url(started, "/messages"),
        json={"to": ["CHN"], "text": "forged"},
        headers={**bearer(phl), **CROSS_SITE},
    )
    assert r.status_code == 403
    assert r.json()["error"] == "cross-site request refused"
    r = client.post("/api/exercises/sessions", json={"exercise": "tiny"}, headers=CROSS_SITE)
    assert r.status_code == 403


def test_facilitator_advances_and_players_cannot(
    client: TestClient, started: dict[str, Any]
) -> None:
    phl, fac = started["invites"]["PHL"], started["facilitator_token"]
    assert client.post(url(started, "/advance"), headers=bearer(phl)).status_code == 404
    r = client.post(url(started, "/advance"), headers=bearer(fac))
    assert r.status_code == 200, r.text
    assert r.json()["turn"] == 1 and r.json()["next_turn"] == 2
    assert client.get(url(started), headers=bearer(phl)).json()["turn"] == 2


@pytest.fixture
def server_token_client(tmp_path: Path, mini_world: World) -> Iterator[TestClient]:
    settings = Settings(
        db=tmp_path / "api.duckdb",
        data_dir=tmp_path / "data",
        allowed_hosts=("testserver",),
        token="server-secret",
    )
    with TestClient(create_app(settings, world=mini_world)) as client:
        yield client


def test_session_routes_take_the_session_token_not_the_servers(
    server_token_client: TestClient,
) -> None:
    client = server_token_client
    assert client.post("/api/exercises/sessions", json={"exercise": "tiny"}).status_code == 401
    r = client.post(
        "/api/exercises/sessions", json={"exercise": "tiny"}, headers=bearer("server-secret")
    )
    assert r.status_code == 201
    s = r.json()
    r = client.post(
        url(s, "/messages"),
        json={"to": ["public"], "text": "hello"},
        headers=bearer(s["facilitator_token"]),
    )
    assert r.status_code == 201, r.text
    assert r.json()["role"] == "control"
    r = client.post(
        url(s, "/messages"), json={"to": ["public"], "text": "x"}, headers=bearer("server-secret")
    )
    assert r.status_code == 404  # the server's token is no session token
