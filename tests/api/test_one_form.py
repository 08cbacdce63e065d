"""One form per result: the CLI's `--json`, the Python API's `as_dict()` and the HTTP API answer
the same query with the same JSON, and the OpenAPI schema has the result dataclass's fields."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from accord import __version__
from accord.api import Settings, create_app
from accord.api.jobs import JobResult, JobSummary
from accord.api.routes.health import Health
from accord.api.routes.simulation import SCENARIO_DIR
from accord.bargaining import CaseForecast, Catalogue, NegotiationReport, model_names
from accord.cli.main import app as cli
from accord.events import (
    EVENTS_SCHEMA,
    EventRecord,
    EventStats,
    IngestLogEntry,
    event_records,
    ingest_log,
    query,
)
from accord.events.timeline import TIMELINE_CSV, TimelineEntry, timeline_entries
from accord.relations import DyadSeries, NetworkBlocs, Profile, Standing
from accord.simulation import METRICS, ScenarioInfo, describe_scenario, load_scenario
from accord.store import Store
from accord.world import default_world
from accord.world.reports import ActorProfile, TieReport, WorldSummary

TESTS = Path(__file__).resolve().parents[1]
CASE = TESTS / "bargaining" / "fixtures" / "tiny.csv"
PIE = TESTS / "bargaining" / "fixtures" / "pie.yaml"
MINI = TESTS / "world" / "fixtures" / "mini"
#: (id, date, source, target, CAMEO, quad class, Goldstein): cooperation of the USA with
#: Finland, conflict with Russia, in May 2024.
EVENTS = [
    ("e1", "2024-05-01", "USA", "FIN", "042", 1, 1.9),
    ("e2", "2024-05-02", "FIN", "USA", "057", 2, 8.0),
    ("e3", "2024-05-03", "USA", "FIN", "036", 1, 4.0),
    ("e4", "2024-05-04", "RUS", "USA", "111", 3, -2.0),
    ("e5", "2024-05-05", "USA", "RUS", "172", 4, -5.0),
    ("e6", "2024-05-06", "RUS", "USA", "112", 3, -2.0),
]
Check = Callable[[Any], object]


@dataclasses.dataclass(frozen=True)
class Query:
    """One query asked of both faces, and what its answer must hold."""

    cli: tuple[str, ...]
    path: str
    params: dict[str, str]
    check: Check
    upload: bool = False
    file: Path = CASE


QUERIES = {
    "summary": Query(
        ("world", "summary", "--on", "2024-06-01"),
        "/api/world/summary",
        {"on": "2024-06-01"},
        lambda d: (
            [o["code"] for o in d["organizations"]] == ["EU", "NATO"] and d["on"] == "2024-06-01"
        ),
    ),
    "profile": Query(
        ("world", "show", "Finland", "--on", "2024-06-01"),
        "/api/world/actors/FIN",
        {"on": "2024-06-01"},
        lambda d: (
            [m["code"] for m in d["memberships"]] == ["EU", "NATO"]
            and d["top_partners"]
            == [{"code": "USA", "name": "United States", "score": 1.0, "basis": "events"}]
        ),
    ),
    "organization": Query(
        ("world", "show", "EU", "--on", "2024-06-01"),
        "/api/world/actors/EU",
        {"on": "2024-06-01"},
        lambda d: (
            d["kind"] == "organization"
            and [m["code"] for m in d["members"]] == ["DEU", "FIN", "SWE"]
        ),
    ),
    "members": Query(
        ("world", "members", "NATO", "--on", "2023-06-01"),
        "/api/world/organizations/NATO/members",
        {"on": "2023-06-01"},
        lambda d: [m["code"] for m in d] == ["DEU", "FIN", "USA"],
    ),
    "treaty": Query(
        ("world", "treaty", "PARIS", "--on", "2020-12-01"),
        "/api/world/treaties/PARIS",
        {"on": "2020-12-01"},
        # the mini Paris file: Germany and Russia parties, the United States withdrawn 2020-11-04
        lambda d: (
            [(r["code"], r["status"]) for r in d]
            == [("DEU", "party"), ("RUS", "party"), ("USA", "withdrawn")]
        ),
    ),
    "allies": Query(
        ("world", "allies", "USA", "--on", "2023-06-01"),
        "/api/world/allies/USA",
        {"on": "2023-06-01"},
        lambda d: sorted({a["code"] for a in d}) == ["DEU", "FIN"],
    ),
    "ties": Query(
        ("world", "ties", "USA", "RUS", "--on", "2015-01-01"),
        "/api/world/ties",
        {"a": "USA", "b": "RUS", "on": "2015-01-01"},
        lambda d: [s["regime"] for s in d["sanctions"]] == ["EU-RUS-2014"],
    ),
    "sanctions": Query(
        ("world", "sanctions", "--target", "RUS", "--on", "2015-01-01"),
        "/api/world/sanctions",
        {"target": "RUS", "on": "2015-01-01"},
        lambda d: [r["sender"] for r in d] == ["EU", "USA"],
    ),
    "dyad": Query(
        ("relations", "dyad", "USA", "FIN"),
        "/api/relations/dyad",
        {"a": "USA", "b": "FIN"},
        lambda d: (
            [(p["period"], p["start"], p["events"]) for p in d["points"]]
            == [("2024-05", "2024-05-01", 3)]
        ),
    ),
    "partners": Query(
        ("relations", "partners", "USA"),
        "/api/relations/partners/USA",
        {},
        lambda d: (
            [p["partner"] for p in d["by_cooperation"]] == ["FIN"]
            and [(p["partner"], p["conflict"]) for p in d["by_conflict"]] == [("RUS", 3)]
        ),
    ),
    "network": Query(
        ("relations", "blocs"),
        "/api/relations/network",
        {},
        lambda d: (
            [n["code"] for n in d["nodes"]] == ["FIN", "RUS", "USA"]
            and d["blocs"] == [["FIN", "USA"], ["RUS"]]
            and sorted((e["weight"], e["events"]) for e in d["edges"]) == [(-1.0, 3), (1.0, 3)]
        ),
    ),
    "stats": Query(
        ("events", "stats"),
        "/api/events/stats",
        {},
        lambda d: (
            d["events"] == len(EVENTS)
            and d["datasets"][0]["first"] == "2024-05-01"
            and d["datasets"][0]["last"] == "2024-05-06"
        ),
    ),
    "forecast": Query(
        ("forecast", str(CASE)),
        "/api/forecasts/upload",
        {},
        lambda d: d["case"] == "tiny" and [r["model"] for r in d["results"]] == model_names(),
        upload=True,
    ),
    "negotiate": Query(
        ("negotiate", str(PIE)),
        "/api/negotiations/upload",
        {},
        # Rubinstein (1982) with a deadline of 100 offers: the first proposer's share
        # (1 - 0.9**100) / (1 + 0.9), taken at once
        lambda d: (
            d["scenario"] == "pie"
            and d["agreement"] == {"share": pytest.approx((1 - 0.9**100) / 1.9, abs=1e-12)}
            and (d["step"], len(d["trace"]), d["trace"][0]["agent"]) == (0, 1, "A")
            and [p["strategy"] for p in d["setup"]] == ["rubinstein", "rubinstein"]
        ),
        upload=True,
        file=PIE,
    ),
}


@pytest.fixture(scope="module")
def store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("one-form") / "accord.duckdb"
    Store(db).close()  # an existing store: the CLI does not fill it with the curated timeline
    done = CliRunner().invoke(cli, ["world", "import", str(MINI), "--db", str(db)])
    assert done.exit_code == 0, done.output
    with Store(db) as store:
        store.ensure(EVENTS_SCHEMA)
        with store.transaction() as con:
            con.executemany(
                "INSERT INTO events (dataset, event_id, event_date, source_country,"
                " target_country, cameo_code, cameo_root, quad_class, goldstein, simulated)"
                " VALUES ('csv', ?, ?, ?, ?, ?, left(?, 2), ?, ?, false)",
                [(i, d, s, t, c, c, q, g) for i, d, s, t, c, q, g in EVENTS],
            )
    return db


@pytest.fixture(scope="module")
def cli_answers(store_file: Path) -> dict[str, Any]:
    """Every query's CLI `--json` output (asked before the server holds the store)."""
    answers = {}
    for name, q in QUERIES.items():
        db = () if q.upload else ("--db", str(store_file))
        result = CliRunner().invoke(cli, [*q.cli, *db, "--json"])
        assert result.exit_code == 0, result.output
        answers[name] = json.loads(result.output)
    return answers


@pytest.fixture(scope="module")
def usa_events(store_file: Path) -> list[dict[str, Any]]:
    """The Python API's answer for the events involving the USA (asked before the server)."""
    with Store(store_file, read_only=True) as store:
        return [e.as_dict() for e in event_records(query(store, country="USA"))]


@pytest.fixture(scope="module")
def client(
    store_file: Path, cli_answers: dict[str, Any], usa_events: list[dict[str, Any]]
) -> Iterator[TestClient]:
    settings = Settings(
        db=store_file,
        data_dir=store_file.parent / "data",
        allowed_hosts=("testserver",),
    )
    # the world the store holds, as the CLI reads it (its origin included: `world summary`)
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.mark.parametrize("name", list(QUERIES))
def test_cli_json_is_the_api_json(
    name: str, client: TestClient, cli_answers: dict[str, Any]
) -> None:
    q = QUERIES[name]
    if q.upload:
        with q.file.open("rb") as fh:
            response = client.post(q.path, files={"file": (q.file.name, fh)})
    else:
        response = client.get(q.path, params=q.params)
    assert response.status_code == 200, response.text
    api = response.json()
    assert q.check(api), api
    assert cli_answers[name] == api


def test_events_list_is_the_python_records(
    client: TestClient, usa_events: list[dict[str, Any]]
) -> None:
    api = client.get("/api/events", params={"a": "USA"}).json()
    assert [(e["event_id"], e["quad_class"], e["goldstein"]) for e in api] == [
        (i, q, g) for i, _, _, _, _, q, g in EVENTS
    ]
    assert api[0]["event_date"] == "2024-05-01" and api[0]["simulated"] is False
    assert api[0]["source_actor"] is None and api[0]["cameo_root"] == "04"
    assert api == usa_events


def test_health_and_scenarios_are_their_dataclasses(client: TestClient) -> None:
    health = client.get("/api/health").json()
    assert health == {
        "status": "ok",
        "version": __version__,
        "token_required": False,
        "capabilities": health["capabilities"],
    }
    assert "simulation" in health["capabilities"]
    assert health["capabilities"] == sorted(health["capabilities"])
    scenarios = client.get("/api/scenarios").json()
    shipped = [load_scenario(p) for p in sorted(SCENARIO_DIR.glob("*.yaml"))]
    assert scenarios == [describe_scenario(s).as_dict() for s in shipped]
    sanctions = next(s for s in scenarios if s["name"] == "sanctions-coalition")
    assert (sanctions["steps"], sanctions["step_days"], sanctions["start"]) == (52, 7, "2024-01-01")
    assert sanctions["shocks"] == 4


def _finished(client: TestClient, job_id: str) -> dict[str, Any]:
    """The job's summary once it is done or failed (within a minute)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(f"/api/jobs/{job_id}").json()
        if job["state"] in {"done", "failed"}:
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish")


def test_simulate_json_is_the_simulation_job_result(tmp_path: Path) -> None:
    db = tmp_path / "sim.duckdb"
    Store(db).close()  # an existing store: the CLI does not fill it with the curated timeline
    scenario = str(SCENARIO_DIR / "sanctions-coalition.yaml")
    args = ["simulate", scenario, "--runs", "2", "--seed", "7", "--db", str(db), "--json"]
    done = CliRunner().invoke(cli, args)
    assert done.exit_code == 0, done.output
    printed = json.loads(done.stdout)
    settings = Settings(db=db, data_dir=tmp_path / "data", allowed_hosts=("testserver",))
    with TestClient(create_app(settings, world=default_world())) as client:
        started = client.post(
            "/api/simulations", json={"scenario": "sanctions-coalition", "runs": 2, "seed": 7}
        )
        assert started.status_code == 202, started.text
        job = _finished(client, started.json()["id"])
        assert (job["kind"], job["state"], job["progress"], job["problems"]) == (
            "simulation",
            "done",
            1.0,
            [],
        )
        answer = client.get(f"/api/jobs/{job['id']}/result").json()
    assert answer["id"] == job["id"] and answer["kind"] == "simulation"
    api = answer["result"]
    assert api["run_ids"] == ["sanctions-coalition-s7-r0000", "sanctions-coalition-s7-r0001"]
    assert (api["runs"], api["seed"], api["steps"], api["step_days"]) == (2, 7, 52, 7)
    assert list(api["final"]) == list(api["bands"]) == api["metrics"] == list(METRICS)
    cooperation = api["bands"]["cooperation"]
    assert len(cooperation) == 52 and cooperation[-1]["date"] == "2024-12-23"
    assert api["events"] > 0 and api["files"] == []
    assert printed == api


def test_timeline_and_ingest_log_json_are_the_python_records(tmp_path: Path) -> None:
    db = tmp_path / "timeline.duckdb"
    Store(db).close()  # an existing store: the CLI does not fill it with the curated timeline
    args = ["events", "timeline", "--actor", "ukr", "--from", "2022-02-01", "--to", "2022-03-31"]
    done = CliRunner().invoke(cli, [*args, "--load", "--db", str(db), "--json"])
    assert done.exit_code == 0, done.output
    printed = json.loads(done.stdout)
    entries = timeline_entries("UKR", dt.date(2022, 2, 1), dt.date(2022, 3, 31))
    assert printed == [e.as_dict() for e in entries]
    assert list(printed[0]) == [f.name for f in dataclasses.fields(TimelineEntry)]
    assert printed and all("UKR" in (e["source_country"], e["target_country"]) for e in printed)
    assert [e["event_date"] for e in printed] == sorted(e["event_date"] for e in printed)
    assert printed[0]["event_date"] >= "2022-02-01" and printed[-1]["event_date"] <= "2022-03-31"
    log = CliRunner().invoke(cli, ["events", "log", "--db", str(db), "--json"])
    assert log.exit_code == 0, log.output
    logged = json.loads(log.output)
    with Store(db, read_only=True) as store:
        assert logged == [e.as_dict() for e in ingest_log(store)]
    assert list(logged[0]) == [f.name for f in dataclasses.fields(IngestLogEntry)]
    rows = len(TIMELINE_CSV.read_text(encoding="utf-8").splitlines()) - 1
    assert [(e["file"], e["status"], e["rows_read"]) for e in logged] == [
        (str(TIMELINE_CSV), "ok", rows)
    ]
    assert logged[0]["stored"] + logged[0]["duplicate"] + logged[0]["rejected"] == rows


@pytest.mark.parametrize(
    "result",
    [
        ActorProfile,
        WorldSummary,
        TieReport,
        Standing,
        DyadSeries,
        Profile,
        NetworkBlocs,
        EventStats,
        CaseForecast,
        NegotiationReport,
        Catalogue,
        EventRecord,
        ScenarioInfo,
        JobSummary,
        JobResult,
        Health,
    ],
)
def test_openapi_schema_has_the_dataclass_fields(client: TestClient, result: type) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert set(schemas[result.__name__]["properties"]) == {
        f.name for f in dataclasses.fields(result)
    }


API = Path(__file__).resolve().parents[2] / "src" / "accord" / "api"


def pydantic_results(root: Path) -> list[str]:
    """'module:Class' for every pydantic model under `root` that is not a request body (named
    `*In` or `*Request`) or the error body of `problems.py`: results are core dataclasses."""
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            bases = {getattr(b, "id", None) or getattr(b, "attr", "") for b in node.bases}
            request = node.name.endswith(("In", "Request"))
            if "BaseModel" in bases and not request and path.name != "problems.py":
                found.append(f"{path.relative_to(root.parent).with_suffix('')}:{node.name}")
    return found


def test_no_pydantic_twin_of_a_result(tmp_path: Path) -> None:
    assert pydantic_results(API) == [], "return the core result dataclass instead"
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "route.py").write_text(
        "class HealthOut(BaseModel): ...\nclass CaseIn(pydantic.BaseModel): ...\n",
        encoding="utf-8",
    )
    assert pydantic_results(tmp_path / "api") == ["api/route:HealthOut"]
