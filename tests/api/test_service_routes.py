"""Events, relations, forecasts, simulations, jobs and the security rules, through HTTP."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from starlette.types import Receive, Scope, Send

from accord.api import Settings, create_app, is_loopback
from accord.api.security import TrustedHosts, _host_name
from accord.errors import InputError
from accord.world import World
from tests.api.conftest import problem_fields

CASE = {
    "case": {
        "name": "two",
        "issues": [{"name": "x", "low": 0, "high": 10}],
        "stakeholders": [
            {"name": "A", "capability": 1, "positions": {"x": 2}, "saliences": {"x": 1}},
            {"name": "B", "capability": 3, "positions": {"x": 8}, "saliences": {"x": 1}},
        ],
    },
    "models": ["median", "compromise", "eum"],
}


def _wait(client: TestClient, job_id: str, timeout: float = 60) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job: dict[str, object] = client.get(f"/api/jobs/{job_id}").json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError("job did not finish")


def test_forecast_of_a_json_case(client: TestClient) -> None:
    body = client.post("/api/forecasts", json=CASE).json()
    by_model = {r["model"]: r["issues"][0]["forecast"] for r in body["results"]}
    # weighted median: B holds 3 of 4 capability units -> 8; compromise: (1*2 + 3*8) / 4
    assert by_model["median"] == 8
    assert by_model["compromise"] == pytest.approx((1 * 2 + 3 * 8) / 4)
    eum = next(r for r in body["results"] if r["model"] == "eum")
    assert eum["iterative"] and eum["issues"][0]["rounds"][0]["round"] == 1


def test_forecast_bad_input(client: TestClient) -> None:
    # one stakeholder is a case, as in a file (`/api/forecasts/upload`); none is not
    one = {"case": {**CASE["case"], "stakeholders": CASE["case"]["stakeholders"][:1]}}  # type: ignore[index]
    assert client.post("/api/forecasts", json=one).status_code == 200
    bad = {"case": {**CASE["case"], "stakeholders": []}}  # type: ignore[dict-item]
    r = client.post("/api/forecasts", json=bad)
    assert r.status_code == 422
    assert problem_fields(r.json()) == ["body.case.stakeholders"]
    r = client.post("/api/forecasts", json={**CASE, "models": ["oracle"]})
    assert r.status_code == 422 and "oracle" in r.json()["problems"][0]["message"]
    # the schema bounds a capability where every reader does (1e9; it said 1e12)
    schema = client.get("/openapi.json").json()["components"]["schemas"]["StakeholderIn"]
    assert schema["properties"]["capability"]["maximum"] == 1e9
    r = client.post(
        "/api/forecasts", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert r.status_code == 422


def test_a_misspelt_key_is_refused_not_dropped(client: TestClient) -> None:
    # a request answered as if `statusquo` or `steps` were not there said nothing of it
    case = {**CASE["case"], "statusquo": {"x": 4}}  # type: ignore[dict-item]
    r = client.post("/api/forecasts", json={**CASE, "case": case})
    assert r.status_code == 422 and problem_fields(r.json()) == ["body.case.statusquo"]
    r = client.post("/api/simulations", json={"scenario": "baseline", "runs": 1, "steps": 999})
    assert r.status_code == 422 and problem_fields(r.json()) == ["body.steps"]
    talks = {
        "issues": [{"name": "venue", "options": ["Geneva", "Vienna"]}],
        "parties": [{"name": "A", "ideal": {"venue": 1}}, {"name": "B", "ideal": {"venue": 0}}],
    }
    r = client.post("/api/negotiations", json=talks)
    assert r.status_code == 422 and problem_fields(r.json()) == ["body.issues.0.options"]
    # NaN (Python's json writes it) is no number: it was "less than or equal to 1e9"
    nan = '{"case": {"name": "n", "issues": [{"name": "x"}], "stakeholders": ['
    nan += '{"name": "A", "capability": NaN, "positions": {"x": 2}, "saliences": {"x": 1}},'
    nan += '{"name": "B", "capability": 3, "positions": {"x": 8}, "saliences": {"x": 1}}]}}'
    r = client.post("/api/forecasts", content=nan, headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["problems"][0]["message"] == (
        "Input should be a finite number"
    )


def test_forecast_upload_names_the_uploaded_line(client: TestClient) -> None:
    good = "Actor,Capability,Position,Salience\nA,1,2,100\nB,3,8,100\n"
    body = client.post(
        "/api/forecasts/upload", files={"file": ("mine.csv", good)}, data={"models": "median"}
    ).json()
    assert body["case"] == "mine" and body["results"][0]["issues"][0]["forecast"] == 8
    bad = "Actor,Capability,Position,Salience\nA,1,2,100\nB,lots,8,100\n"
    r = client.post("/api/forecasts/upload", files={"file": ("mine.csv", bad)})
    assert r.status_code == 422
    assert r.json()["problems"][0] | {"message": ""} == {
        "message": "",
        "file": "mine.csv",
        "line": 3,
        "field": "Capability",
    }
    r = client.post("/api/forecasts/upload", files={"file": ("../../etc/passwd", "x")})
    assert r.status_code == 422 and problem_fields(r.json()) == ["body.file"]


def test_relations_on_an_empty_store(client: TestClient) -> None:
    body = client.get("/api/relations/dyad", params={"a": "USA", "b": "RUS"}).json()
    assert body == {"a": "USA", "b": "RUS", "by": "month", "directed": False, "points": []}
    assert client.get("/api/relations/network").json()["nodes"] == []
    assert client.get("/api/relations/alerts").json() == []
    assert client.get("/api/events/stats").json()["events"] == 0
    r = client.get("/api/relations/dyad", params={"a": "USA", "b": "USA"})
    assert r.status_code == 422
    r = client.get("/api/relations/dyad", params={"a": "USA", "b": "RUS", "by": "fortnight"})
    assert problem_fields(r.json()) == ["query.by"]
    r = client.get("/api/relations/network", params={"from": "2020-01-01", "to": "2019-01-01"})
    assert r.status_code == 422 and problem_fields(r.json()) == ["query.from"]


def test_ingest_job_then_dyad_series(client: TestClient, shared_data: Path) -> None:
    sample = shared_data / "icews" / "events.2018.sample.tab"
    lines = sample.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    src, tgt = header.index("Source Country"), header.index("Target Country")
    expected = sum(
        1
        for ln in lines[1:]
        if {ln.split("\t")[src], ln.split("\t")[tgt]} == {"United States", "Russian Federation"}
    )
    with sample.open("rb") as fh:
        r = client.post("/api/events/ingest", files={"file": ("sample.tab", fh)})
    assert r.status_code == 202
    job = _wait(client, r.json()["id"])
    assert job["state"] == "done", job
    result = client.get(f"/api/jobs/{job['id']}/result").json()["result"]
    assert result["rows_read"] == len(lines) - 1
    series = client.get("/api/relations/dyad", params={"a": "USA", "b": "RUS"}).json()
    assert sum(p["events"] for p in series["points"]) == expected
    events = client.get("/api/events", params={"a": "USA", "b": "RUS", "limit": 5000}).json()
    assert len(events) == expected
    # the rows and the log name the file the client sent, not where the server kept it
    with client.app.state.services.locked_store() as store:  # type: ignore[attr-defined]
        files = store.con.execute("SELECT DISTINCT file FROM events WHERE dataset = 'icews'")
        assert files.fetchall() == [("sample.tab",)]
        logged = store.con.execute("SELECT file FROM ingest_log WHERE format = 'icews'")
        assert logged.fetchall() == [("sample.tab",)]
    with client.stream("GET", f"/api/jobs/{job['id']}/events") as stream:
        text = "".join(stream.iter_text())
    assert "event: done" in text and text.count("event: ") >= 3
    last = max(int(line[4:]) for line in text.splitlines() if line.startswith("id: "))
    for resume in ({"headers": {"Last-Event-ID": str(last)}}, {"params": {"after": last + 5}}):
        # a browser reconnecting after `done` got no event, closed and came back every second
        with client.stream("GET", f"/api/jobs/{job['id']}/events", **resume) as stream:
            again = "".join(stream.iter_text())
        assert again.count("event: ") == 1 and "event: done" in again, again

    r = client.post("/api/events/compact", params={"force": "true"})
    assert r.status_code == 202
    job = _wait(client, r.json()["id"])
    assert job["state"] == "done", job
    done = client.get(f"/api/jobs/{job['id']}/result").json()["result"]
    assert done["events"] == done["rewritten"] == client.get("/api/events/stats").json()["events"]
    again = client.get("/api/relations/dyad", params={"a": "USA", "b": "RUS"}).json()
    assert [p["events"] for p in again["points"]] == [p["events"] for p in series["points"]]
    r = client.post("/api/events/compact", params={"force": "maybe"})
    assert r.status_code == 422 and problem_fields(r.json()) == ["query.force"]


def test_simulation_job(client: TestClient, mini_world: World) -> None:
    scenarios = client.get("/api/scenarios").json()
    assert {s["name"] for s in scenarios} >= {"sanctions-coalition"}
    r = client.post("/api/simulations", json={"scenario": "atlantis"})
    assert r.status_code == 422 and problem_fields(r.json()) == ["body.scenario"]
    r = client.post("/api/simulations", json={"scenario": "sanctions-coalition", "runs": 0})
    assert problem_fields(r.json()) == ["body.runs"]
    # a count is a whole JSON number: true and 1.0 were taken as 1 (the file readers refuse them)
    for bad in ({"runs": True}, {"runs": 1.0}, {"seed": True}, {"seed": "7"}):
        r = client.post("/api/simulations", json={"scenario": "sanctions-coalition", **bad})
        assert r.status_code == 422 and problem_fields(r.json()) == [f"body.{next(iter(bad))}"]
    r = client.get("/api/jobs/" + "0" * 32)
    assert r.status_code == 404
    r = client.get("/api/jobs/not-an-id")
    assert r.status_code == 422


def test_security_rules(settings: Settings, mini_world: World, tmp_path: Path) -> None:
    assert is_loopback("127.0.0.5") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.1")
    assert Settings.build().token is None
    assert Settings.build(host="0.0.0.0").token is not None
    with pytest.raises(InputError):
        Settings.build(token="short")
    guarded = Settings(
        db=tmp_path / "g.duckdb",
        data_dir=tmp_path / "data",
        token="a-token-of-enough-length",
        allowed_hosts=("testserver",),
        max_body=2000,
    )
    with TestClient(create_app(guarded, world=mini_world)) as c:
        r = c.post("/api/simulations", json={"scenario": "sanctions-coalition"})
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        r = c.post(
            "/api/simulations",
            json={"scenario": "atlantis"},
            headers={"Authorization": "Bearer a-token-of-enough-length"},
        )
        assert r.status_code == 422  # authorised, then validated
        r = c.post(
            "/api/forecasts", content=b"x" * 5000, headers={"content-type": "application/json"}
        )
        assert r.status_code == 413
        assert "content-security-policy" in c.get("/api/health").headers
        refused = c.get("/api/health", headers={"host": "evil.example:8000"})
        assert refused.status_code == 400
        assert refused.json() == {
            "error": "invalid host header",
            "problems": [
                {
                    "message": "host 'evil.example' is not served here",
                    "field": "Host",
                    "file": None,
                    "line": None,
                }
            ],
        }


async def _no_app(scope: Scope, receive: Receive, send: Send) -> None:
    raise AssertionError("not called")


def test_trusted_hosts_match_names_ports_ipv6_and_subdomains() -> None:
    assert [_host_name(h) for h in ("[::1]:8000", "LOCALHOST:80", "a.example", "[::1")] == [
        "[::1]",
        "localhost",
        "a.example",
        "[::1",
    ]
    guard = TrustedHosts(_no_app, ("127.0.0.1", "localhost", "::1", "*.example.org"))
    assert [guard.allows(h) for h in ("[::1]", "localhost", "a.example.org", "example.org")] == [
        True,
        True,
        True,
        False,
    ]
    assert not guard.allows("evil.example") and not guard.allows("")


def test_a_full_job_queue_answers_429(client: TestClient) -> None:
    jobs = client.app.state.services.jobs  # type: ignore[attr-defined]
    jobs.max_pending = 0  # every slot taken
    r = client.post("/api/events/compact")
    assert r.status_code == 429
    assert r.headers["retry-after"] == "5"
    assert r.json()["error"] == "too many jobs"
    assert "queued or running" in r.json()["problems"][0]["message"]


def test_the_docs_forecast_example_answers(client: TestClient) -> None:
    # docs/api.md's curl example of POST /api/forecasts, its body as written
    docs = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text(encoding="utf-8")
    body = docs.split("/api/forecasts -H 'Content-Type: application/json' -d '", 1)[1]
    body = body.split("}'\n", 1)[0] + "}"
    answer = client.post("/api/forecasts", json=json.loads(body))
    assert answer.status_code == 200, answer.text
    by_model = {r["model"]: r["issues"][0]["forecast"] for r in answer.json()["results"]}
    # CHN holds 70 x 0.6 = 42 of 66 capability x salience: the weighted median is its 100
    assert by_model["median"] == 100
    assert by_model["compromise"] == pytest.approx(42 * 100 / (42 + 24))
