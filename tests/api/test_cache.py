"""The response cache (answers kept until the store's next write, ETags, 304s) and the request
threads."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from accord.api import Settings
from accord.api.cache import etag_of
from accord.store import Store, write_generation
from tests.api.test_service_routes import _wait

DYAD = "/api/relations/dyad"


def test_a_commit_advances_the_write_generation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "gen.duckdb"
    with Store(db) as store:
        before = write_generation(db)
        with store.transaction() as con:
            con.execute("CREATE TABLE t (x INTEGER)")
        assert write_generation(db) == store.generation == before + 1
        with pytest.raises(RuntimeError), store.transaction() as con:
            con.execute("INSERT INTO t VALUES (1)")
            raise RuntimeError("rolled back")
        assert write_generation(db) == before + 1
    # the same file named relatively shares the count
    monkeypatch.chdir(tmp_path)
    assert write_generation(Path("gen.duckdb")) == before + 1


def test_an_answer_is_kept_until_a_write(client: TestClient, shared_data: Path) -> None:
    params = {"a": "USA", "b": "RUS"}
    first = client.get(DYAD, params=params)
    again = client.get(DYAD, params=params)
    assert first.headers["x-accord-cache"] == "miss" and again.headers["x-accord-cache"] == "hit"
    assert first.json()["points"] == [] and again.content == first.content
    assert again.headers["etag"] == first.headers["etag"] == etag_of(first.content).decode()
    assert again.headers["content-security-policy"].startswith("default-src 'self'")

    sample = shared_data / "icews" / "events.2018.sample.tab"
    with sample.open("rb") as fh:
        job = client.post("/api/events/ingest", files={"file": ("sample.tab", fh)}).json()
    assert _wait(client, job["id"])["state"] == "done"
    after = client.get(DYAD, params=params, headers={"If-None-Match": first.headers["etag"]})
    assert after.status_code == 200 and after.headers["x-accord-cache"] == "miss"
    assert sum(p["events"] for p in after.json()["points"]) == 20


def test_if_none_match_gets_304(client: TestClient) -> None:
    tag = client.get(DYAD, params={"a": "USA", "b": "FIN"}).headers["etag"]
    for _ in range(2):  # from the cache, and again
        r = client.get(DYAD, params={"a": "USA", "b": "FIN"}, headers={"If-None-Match": tag})
        assert r.status_code == 304 and r.content == b"" and r.headers["etag"] == tag
    other = client.get(DYAD, params={"a": "USA", "b": "FIN"}, headers={"If-None-Match": '"x"'})
    assert other.status_code == 200 and other.json()["b"] == "FIN"


def test_the_key_is_the_parameters_in_their_order_per_name(client: TestClient) -> None:
    assert client.get(f"{DYAD}?a=USA&b=RUS").headers["x-accord-cache"] == "miss"
    assert client.get(f"{DYAD}?b=RUS&a=USA").headers["x-accord-cache"] == "hit"
    # a repeated parameter: the route takes the last value, so its order is part of the key
    assert client.get(f"{DYAD}?a=USA&b=RUS&b=FIN").json()["b"] == "FIN"
    assert client.get(f"{DYAD}?a=USA&b=FIN&b=RUS").json()["b"] == "RUS"


def test_errors_and_other_routes_are_not_cached(client: TestClient) -> None:
    for _ in range(2):
        r = client.get(DYAD, params={"a": "USA", "b": "USA"})
        assert r.status_code == 422 and "x-accord-cache" not in r.headers
        assert "x-accord-cache" not in client.get("/api/health").headers
    assert "etag" not in client.get("/api/events/stats").headers


def test_the_schema_documents_etags(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"][DYAD]["get"]
    assert "If-None-Match" in [p["name"] for p in operation["parameters"]]
    assert "ETag" in operation["responses"]["200"]["headers"]
    assert "304" in operation["responses"]


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="needs CPU affinity")
def test_request_threads_follow_the_usable_cores() -> None:
    assert Settings(request_threads=5).threads_for_requests == 5
    mine = os.sched_getaffinity(0)
    try:
        os.sched_setaffinity(0, {min(mine)})
        assert Settings().threads_for_requests == 2  # one core: still two threads
    finally:
        os.sched_setaffinity(0, mine)
    assert Settings().threads_for_requests == min(8, max(2, len(mine)))
