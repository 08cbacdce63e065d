"""One form per result: the CLI's `--json` and the HTTP API answer the same query with the same
JSON (the result dataclass's `as_dict()`), and the OpenAPI schema has the dataclass's fields."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from accord.api import Settings, create_app
from accord.bargaining import CaseForecast, model_names
from accord.cli.main import app as cli
from accord.events import EVENTS_SCHEMA, EventStats
from accord.relations import DyadSeries, NetworkBlocs, Profile, Standing
from accord.store import Store
from accord.world import read_world_dir
from accord.world.reports import ActorProfile, TieReport, WorldSummary

TESTS = Path(__file__).resolve().parents[1]
CASE = TESTS / "bargaining" / "fixtures" / "tiny.csv"
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
}


@pytest.fixture(scope="module")
def store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("one-form") / "accord.duckdb"
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
def client(store_file: Path, cli_answers: dict[str, Any]) -> Iterator[TestClient]:
    settings = Settings(
        db=store_file,
        data_dir=store_file.parent / "data",
        allowed_hosts=("testserver",),
    )
    with TestClient(create_app(settings, world=read_world_dir(MINI))) as c:
        yield c


@pytest.mark.parametrize("name", list(QUERIES))
def test_cli_json_is_the_api_json(
    name: str, client: TestClient, cli_answers: dict[str, Any]
) -> None:
    q = QUERIES[name]
    if q.upload:
        with CASE.open("rb") as fh:
            response = client.post(q.path, files={"file": (CASE.name, fh)})
    else:
        response = client.get(q.path, params=q.params)
    assert response.status_code == 200, response.text
    api = response.json()
    assert q.check(api), api
    assert cli_answers[name] == api


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
    ],
)
def test_openapi_schema_has_the_dataclass_fields(client: TestClient, result: type) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert set(schemas[result.__name__]["properties"]) == {
        f.name for f in dataclasses.fields(result)
    }
