"""The probe's API edges: dates as dates, glob characters in upload names, no server path in any
answer, job history across restarts, orphan uploads, row and stakeholder caps, 429 documented,
and every 500 in the documented JSON shape."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from accord.api import Settings, create_app
from accord.api.history import INTERRUPTED, JobHistory
from accord.api.problems import scrub
from accord.world import World, read_world_dir

GDELT = Path(__file__).resolve().parents[1] / "store" / "fixtures" / "gdelt1-12.tsv"


@pytest.fixture
def world(mini_world_dir: Path) -> World:
    return read_world_dir(mini_world_dir)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        db=tmp_path / "store" / "api.duckdb",
        data_dir=tmp_path / "data",
        allowed_hosts=("testserver",),
    )


@pytest.fixture
def client(settings: Settings, world: World) -> Iterator[TestClient]:
    with TestClient(create_app(settings, world=world)) as test_client:
        yield test_client


def _wait(client: TestClient, job_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(f"/api/jobs/{job_id}").json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError("job did not finish")


@pytest.mark.parametrize(
    ("path", "param"),
    [
        ("/api/world/summary", "on"),
        ("/api/world/states", "on"),
        ("/api/events", "from"),
        ("/api/events", "to"),
        ("/api/relations/network", "from"),
        ("/api/relations/alerts", "to"),
    ],
)
@pytest.mark.parametrize("value", ["0", "1e9", "20240601", "2024-6-1", ""])
def test_dates_are_only_yyyy_mm_dd(client: TestClient, path: str, param: str, value: str) -> None:
    r = client.get(path, params={param: value})
    assert r.status_code == 422
    body = r.json()
    assert body["error"] == "invalid input"
    assert body["problems"][0]["field"] == f"query.{param}"
    assert "YYYY-MM-DD" in body["problems"][0]["message"]


def test_a_real_date_still_works(client: TestClient) -> None:
    assert client.get("/api/world/summary", params={"on": "2024-06-01"}).status_code == 200
    r = client.get("/api/world/summary", params={"on": "2024-02-30"})
    assert r.status_code == 422
    assert r.json()["problems"][0]["field"] == "query.on"


def test_upload_named_with_glob_characters_is_ingested(
    client: TestClient, settings: Settings
) -> None:
    with GDELT.open("rb") as fh:
        r = client.post(
            "/api/events/ingest", files={"file": ("a.[x].tsv", fh)}, data={"format": "gdelt1"}
        )
    assert r.status_code == 202, r.text
    job = _wait(client, r.json()["id"])
    assert job["state"] == "done", job
    result = client.get(f"/api/jobs/{job['id']}/result")
    text = result.text
    assert result.json()["result"]["file"] == "a.[x].tsv"
    assert result.json()["result"]["files"][0]["file"] == "a.[x].tsv"
    assert result.json()["result"]["rows_read"] == 12
    assert result.json()["result"]["stored"] == 11
    for private in (str(settings.data_root), str(settings.db.parent), "uploads"):
        assert private not in text
    assert not any((settings.data_root / "uploads").iterdir())


def test_a_failed_ingest_names_the_upload_not_the_server_path(
    client: TestClient, settings: Settings
) -> None:
    r = client.post("/api/events/ingest", files={"file": ("broken.tsv", b"garbage\x01 here\n")})
    assert r.status_code == 202
    job = _wait(client, r.json()["id"])
    assert job["state"] == "failed"
    assert job["problems"][0]["file"] == "broken.tsv"
    assert job["message"].startswith("invalid input: cannot tell the format")
    text = json.dumps(job) + client.get(f"/api/jobs/{job['id']}/result").text
    assert str(settings.data_root) not in text
    assert "uploads" not in text


@pytest.mark.parametrize("name", ["a.[x].exe", "noext", "a.tsv.exe"])
def test_upload_names_without_a_known_suffix_are_refused(client: TestClient, name: str) -> None:
    r = client.post("/api/events/ingest", files={"file": (name, b"x")})
    assert r.status_code == 422
    assert r.json()["problems"][0]["field"] == "file"


def test_scrub_cuts_server_directories() -> None:
    paths = ["/srv/accord-data", "/srv"]
    assert scrub("cannot open /srv/accord-data/uploads/x.tsv", paths) == "cannot open uploads/x.tsv"
    assert scrub("cannot open the store at /srv/api.duckdb", paths) == (
        "cannot open the store at api.duckdb"
    )


def test_events_limit_is_capped(client: TestClient) -> None:
    r = client.get("/api/events", params={"limit": 5001})
    assert r.status_code == 422
    assert r.json()["problems"][0]["field"] == "query.limit"
    assert client.get("/api/events", params={"limit": 5000}).status_code == 200


def test_uploaded_case_has_the_json_stakeholder_cap(client: TestClient) -> None:
    rows = ["Actor,Capability,Position,Salience"] + [f"s{i},1,{i % 100},0.5" for i in range(301)]
    r = client.post(
        "/api/forecasts/upload",
        files={"file": ("big.csv", "\n".join(rows))},
        data={"models": "median"},
    )
    assert r.status_code == 422, r.text
    [problem] = r.json()["problems"]
    assert problem == {
        "message": "301 stakeholders; at most 300 are allowed",
        "field": "stakeholders",
        "file": "big.csv",
        "line": None,
    }


def test_429_and_budgets_are_in_the_openapi_schema(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/events/ingest", "/api/events/compact", "/api/simulations"):
        assert "429" in paths[path]["post"]["responses"], path
    for path in ("/api/forecasts", "/api/forecasts/upload"):
        assert {"429", "503", "504"} <= set(paths[path]["post"]["responses"]), path
    assert "500" in paths["/api/health"]["get"]["responses"]


def test_a_500_is_the_documented_json_and_the_traceback_is_logged_only(
    settings: Settings, world: World, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(settings, world=world)

    def boom() -> None:
        raise RuntimeError("secret detail at /srv/accord")

    app.add_api_route("/api/boom", boom)
    with (
        TestClient(app, raise_server_exceptions=False) as client,
        caplog.at_level(logging.ERROR, "accord.api"),
    ):
        r = client.get("/api/boom")
    assert r.status_code == 500
    assert r.headers["content-type"] == "application/json"
    assert r.json() == {
        "error": "internal error",
        "problems": [
            {
                "message": "internal error (see the server log)",
                "field": None,
                "file": None,
                "line": None,
            }
        ],
    }
    assert "secret detail" not in r.text
    assert any("secret detail" in (rec.exc_text or "") for rec in caplog.records)


def test_job_history_survives_a_restart(settings: Settings, world: World) -> None:
    with TestClient(create_app(settings, world=world)) as client:
        r = client.post("/api/events/compact")
        assert r.status_code == 202
        done = _wait(client, r.json()["id"])
        assert done["state"] == "done"
    # A job the previous server left running (it was killed mid-way).
    history = JobHistory(settings.db)
    history.save(
        {
            "id": "f" * 32,
            "kind": "ingest",
            "params": {"file": "big.tsv"},
            "state": "running",
            "progress": 0.4,
            "message": "big.tsv: 1000 rows read",
            "created": time.time(),
            "finished": None,
            "problems": [],
        }
    )
    history.close()
    with TestClient(create_app(settings, world=world)) as client:
        jobs = {j["id"]: j for j in client.get("/api/jobs").json()}
        assert jobs[done["id"]]["state"] == "done"
        assert client.get(f"/api/jobs/{done['id']}/result").json()["kind"] == "compact"
        lost = jobs["f" * 32]
        assert (lost["state"], lost["message"], lost["progress"]) == (
            "interrupted",
            INTERRUPTED,
            0.4,
        )
        r = client.get(f"/api/jobs/{'f' * 32}/result")
        assert r.status_code == 422
        assert r.json()["error"] == "job interrupted"
        assert r.json()["problems"][0]["message"] == INTERRUPTED
        events = client.get(f"/api/jobs/{'f' * 32}/events").text
        assert "event: interrupted" in events


def test_orphan_uploads_are_removed_at_startup(settings: Settings, world: World) -> None:
    uploads = settings.data_root / "uploads"
    uploads.mkdir(parents=True)
    (uploads / "0123.tsv").write_text("left by a crash")
    keep = settings.data_root / "runs.txt"
    keep.write_text("not an upload")
    with TestClient(create_app(settings, world=world)) as client:
        assert client.get("/api/health").status_code == 200
        assert list(uploads.iterdir()) == []
    assert keep.read_text() == "not an upload"


def test_unknown_query_parameters_are_refused(client: TestClient) -> None:
    r = client.get("/api/world/summary", params={"on": "2024-06-01", "form": "2024-01-01"})
    assert r.status_code == 422
    [problem] = r.json()["problems"]
    assert problem["field"] == "query.form"
    assert problem["message"] == "unknown query parameter 'form'; this endpoint takes: on"


def test_an_unparsable_body_is_a_422_in_the_error_shape(client: TestClient) -> None:
    r = client.post(
        "/api/forecasts", content=b"\xff\xfeR", headers={"content-type": "application/json"}
    )
    assert r.status_code == 422
    assert r.json()["problems"][0]["field"] == "body"
    r = client.post(
        "/api/forecasts/upload",
        content=b"\xff\xfeR",
        headers={"content-type": "multipart/form-data; boundary=x"},
    )
    assert r.status_code == 422
    assert r.json()["error"] == "invalid input"


def test_guarded_operations_document_the_token_and_the_guard(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path, method in (("/api/forecasts", "post"), ("/api/relations/network", "get")):
        operation = paths[path][method]
        assert operation["security"] == [{"HTTPBearer": []}]
        assert {"401", "403"} <= set(operation["responses"])
    assert "security" not in paths["/api/health"]["get"]
