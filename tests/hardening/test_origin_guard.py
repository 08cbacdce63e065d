"""Cross-site and anonymous requests cannot write or start expensive work (issue 15, item 2)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from accord.api import Settings, create_app
from accord.api.origin import EXPENSIVE_READS, cross_site_reason, guarded
from accord.world import World, read_world_dir

TOKEN = "a-token-of-enough-length"
CASE = {
    "case": {
        "issues": [{"name": "tariff", "low": 0, "high": 10}],
        "stakeholders": [
            {"name": "A", "capability": 1, "positions": {"tariff": 2}, "saliences": {"tariff": 1}},
            {"name": "B", "capability": 1, "positions": {"tariff": 8}, "saliences": {"tariff": 1}},
        ],
    },
    "models": ["compromise"],
}
FORGED = [
    {"Origin": "http://evil.example"},
    {"Origin": "null"},
    {"Origin": "http://testserver.evil.example"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site", "Origin": "http://testserver"},
    {"Referer": "http://evil.example/page.html"},
]


@pytest.fixture
def world(mini_world_dir: Path) -> World:
    return read_world_dir(mini_world_dir)


@pytest.fixture
def client(tmp_path: Path, world: World) -> Iterator[TestClient]:
    settings = Settings(db=tmp_path / "s.duckdb", data_dir=tmp_path / "d", allowed_hosts=("*",))
    with TestClient(create_app(settings, world=world)) as c:
        yield c


def guarded_routes(client: TestClient) -> list[tuple[str, str]]:
    paths = client.app.openapi()["paths"]  # type: ignore[attr-defined]
    return sorted(
        (method.upper(), path)
        for path, ops in paths.items()
        for method in ops
        if "{" not in path and guarded(method, path)
    )


def test_every_unsafe_route_is_guarded(client: TestClient) -> None:
    routes = guarded_routes(client)
    assert ("POST", "/api/events/ingest") in routes
    assert ("POST", "/api/forecasts") in routes
    assert ("POST", "/api/events/compact") in routes
    assert ("GET", "/api/relations/network") in routes
    assert ("GET", "/api/relations/alerts") in routes
    assert len(routes) >= 6


@pytest.mark.parametrize("headers", FORGED)
def test_forged_cross_site_requests_get_403(client: TestClient, headers: dict[str, str]) -> None:
    before = client.get("/api/events/stats").json()
    for method, path in guarded_routes(client):
        r = client.request(method, path, headers=headers, json=CASE)
        assert r.status_code == 403, (method, path, r.status_code)
        body = r.json()
        assert body["error"] == "cross-site request refused"
        assert body["problems"][0]["field"] == "Origin"
    files = {"files": ("e.tsv", b"x\ty\n", "text/tab-separated-values")}
    r = client.post("/api/events/ingest", files=files, headers=headers)
    assert r.status_code == 403
    assert client.get("/api/events/stats").json() == before
    assert client.get("/api/jobs").json() == []


def test_same_origin_and_programs_pass(client: TestClient) -> None:
    same = {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}
    assert client.post("/api/forecasts", json=CASE, headers=same).status_code == 200
    assert client.post("/api/forecasts", json=CASE).status_code == 200  # curl, no browser
    referer = {"Referer": "http://testserver/#/negotiate"}
    assert client.post("/api/forecasts", json=CASE, headers=referer).status_code == 200
    assert client.get("/api/health", headers={"Origin": "http://evil.example"}).status_code == 200


def test_off_loopback_every_guarded_route_needs_the_token(tmp_path: Path, world: World) -> None:
    settings = Settings(
        host="0.0.0.0",
        db=tmp_path / "t.duckdb",
        data_dir=tmp_path / "d",
        token=TOKEN,
        allowed_hosts=("testserver",),
    )
    with TestClient(create_app(settings, world=world)) as c:
        for method, path in guarded_routes(c):
            r = c.request(method, path, json=CASE)
            assert r.status_code == 401, (method, path)
            assert r.headers["www-authenticate"] == "Bearer"
        r = c.post("/api/forecasts", json=CASE, headers={"Authorization": "Bearer wrong-token"})
        assert r.status_code == 401
        ok = c.post("/api/forecasts", json=CASE, headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 200
        assert c.get("/api/world/summary").status_code == 200  # cheap reads stay open


def test_cross_site_reason_rules() -> None:
    assert cross_site_reason({"host": "h:8000", "origin": "http://h:8000"}, "http", ()) is None
    assert cross_site_reason({"host": "h:8000", "origin": "http://h:9000"}, "http", ()) is not None
    lab = {"host": "h", "origin": "https://lab.example"}
    assert cross_site_reason(lab, "http", ("https://lab.example",)) is None
    assert cross_site_reason({"sec-fetch-site": "none"}, "http", ()) is None
    assert "same-site" in (cross_site_reason({"sec-fetch-site": "same-site"}, "http", ()) or "")
    assert "/api/relations/network" in EXPENSIVE_READS
    # an alerts request by day over a million events ran 76 s, open to any web page
    assert "/api/relations/alerts" in EXPENSIVE_READS
