"""Every unknown name is an error, and every name resolves alike, in every face.

A typo in a country, organization, treaty, dataset or run names the typo and suggests a close
match: exit status 1 in the CLI, 404 in the HTTP API, `UnknownNameError` in Python. A code in
any case, a name or an alias (`usa`, `USA`, `United States`) gives the same answer everywhere.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from accord.api import Settings, create_app
from accord.cli.main import app
from accord.errors import UnknownNameError
from accord.events.timeline import TIMELINE_CSV, timeline_entries
from accord.world import World, default_world

runner = CliRunner()
SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "sanctions-coalition.yaml"


def _curated_rows() -> int:
    """How many events the shipped timeline holds (one per data row of its CSV)."""
    return len(TIMELINE_CSV.read_text(encoding="utf-8").splitlines()) - 1


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store the CLI created: the default world and the curated timeline."""
    path = tmp_path_factory.mktemp("names") / "accord.duckdb"
    done = runner.invoke(app, ["events", "stats", "--db", str(path)])
    assert done.exit_code == 0, done.output
    return path


#: (command line, the unknown name, the close match the message must suggest)
CLI_TYPOS: list[tuple[list[str], str, str]] = [
    (["world", "show", "Rusia"], "Rusia", "Russia"),
    # former names and aliases are suggested too (each resolves to its state)
    (["world", "show", "Sovet Union"], "Sovet Union", "Soviet Union"),
    (["world", "show", "Burmah", "--on", "1980-01-01"], "Burmah", "Burma"),
    (["world", "members", "NAT0"], "NAT0", "NATO"),
    (["world", "allies", "Untied States"], "Untied States", "United States"),
    (["world", "ties", "USA", "Rusia"], "Rusia", "Russia"),
    (["world", "sanctions", "--sender", "Rusia"], "Rusia", "Russia"),
    (["world", "sanctions", "--target", "Rusia"], "Rusia", "Russia"),
    (["world", "treaty", "PARISS"], "PARISS", "PARIS"),
    (["events", "timeline", "--actor", "Rusia"], "Rusia", "Russia"),
    (["relations", "dyad", "USA", "Rusia"], "Rusia", "Russia"),
    (["relations", "dyad", "Untied States", "RUS"], "Untied States", "United States"),
    (["relations", "dyad", "USA", "RUS", "--dataset", "curatd"], "curatd", "curated"),
    (["relations", "partners", "Rusia"], "Rusia", "Russia"),
    (["relations", "partners", "RUS", "--dataset", "curatd"], "curatd", "curated"),
    (["relations", "alerts", "--dataset", "curatd"], "curatd", "curated"),
    (["relations", "blocs", "--dataset", "curatd"], "curatd", "curated"),
    (["relations", "plot", "USA", "Rusia", "-o", "x.png"], "Rusia", "Russia"),
]


@pytest.mark.parametrize(
    ("argv", "name", "near"), CLI_TYPOS, ids=[" ".join(a[:3]) for a, _, _ in CLI_TYPOS]
)
def test_an_unknown_name_is_an_error_in_every_command(
    argv: list[str], name: str, near: str, db: Path
) -> None:
    done = runner.invoke(app, [*argv, "--db", str(db)])
    assert done.exit_code == 1, done.output
    assert f"{name!r}" in done.output and f"did you mean {near!r}" in done.output, done.output
    assert "Traceback" not in done.output


def test_an_unknown_run_is_an_error(db: Path) -> None:
    done = runner.invoke(app, ["relations", "blocs", "--run", "no-such-run", "--db", str(db)])
    assert done.exit_code == 1
    assert "unknown simulation run 'no-such-run'" in done.output


def test_an_unknown_country_without_close_match_is_still_an_error(db: Path) -> None:
    done = runner.invoke(app, ["relations", "dyad", "USA", "XYZ", "--db", str(db)])
    assert done.exit_code == 1
    assert "unknown actor 'XYZ'" in done.output and "no events" not in done.output


def test_an_unknown_actor_in_a_scenario_is_an_error(tmp_path: Path, db: Path) -> None:
    scenario = tmp_path / "typo.yaml"
    text = SCENARIO.read_text(encoding="utf-8")
    assert "attacker: Venezuela" in text
    scenario.write_text(text.replace("attacker: Venezuela", "attacker: Venezuala"), "utf-8")
    done = runner.invoke(app, ["simulate", str(scenario), "--runs", "1", "--db", str(db)])
    assert done.exit_code == 1
    assert "unknown actor 'Venezuala' (did you mean 'Venezuela'" in done.output


@pytest.mark.parametrize("spelling", ["usa", "USA", "United States", " united states "])
def test_names_resolve_alike_in_the_cli(spelling: str, db: Path) -> None:
    done = runner.invoke(
        app, ["relations", "dyad", spelling, "Russia", "--by", "year", "--json", "--db", str(db)]
    )
    assert done.exit_code == 0, done.output
    series = json.loads(done.output)
    assert (series["a"], series["b"]) == ("USA", "RUS")
    assert sum(p["events"] for p in series["points"]) > 10
    shown = runner.invoke(app, ["world", "show", spelling, "--json", "--db", str(db)])
    assert json.loads(shown.output)["code"] == "USA"


def test_the_timeline_resolves_names(db: Path) -> None:
    by_name = runner.invoke(app, ["events", "timeline", "--actor", "Russia", "--json"])
    by_code = runner.invoke(app, ["events", "timeline", "--actor", "rus", "--json"])
    assert by_name.exit_code == by_code.exit_code == 0
    entries = json.loads(by_name.output)
    assert entries == json.loads(by_code.output) and len(entries) > 50
    assert all("RUS" in (e["source_country"], e["target_country"]) for e in entries)


# -- Python --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


@pytest.mark.parametrize(
    "query",
    [
        lambda w: w.members("FOO", "2024-06-01"),
        lambda w: w.memberships("Rusia", "2024-06-01"),
        lambda w: w.allies("Rusia", "2024-06-01"),
        lambda w: w.sanctions(sender="Rusia", on="2024-06-01"),
        lambda w: w.sanctions(target="Rusia", on="2024-06-01"),
        lambda w: w.ties("USA", "Rusia", "2024-06-01"),
        lambda w: w.treaty_parties("PARISS", "2024-06-01"),
        lambda w: w.capabilities_of("Rusia"),
        lambda w: w.code_for("Rusia"),
        lambda w: timeline_entries("Rusia", world=w),
    ],
    ids=[
        "members",
        "memberships",
        "allies",
        "sanctions-sender",
        "sanctions-target",
        "ties",
        "treaty",
        "capabilities",
        "code_for",
        "timeline",
    ],
)
def test_python_queries_raise_on_unknown_names(query: object, world: World) -> None:
    with pytest.raises(UnknownNameError) as caught:
        query(world)  # type: ignore[operator]
    assert caught.value.name in {"FOO", "Rusia", "PARISS"}
    assert "FOO" in str(caught.value) or caught.value.close_matches


def test_world_members_of_an_unknown_organization_is_no_longer_empty(world: World) -> None:
    with pytest.raises(UnknownNameError, match="unknown actor 'FOO'"):
        world.members("FOO")


@pytest.mark.parametrize("spelling", ["usa", "USA", "United States", "united states"])
def test_names_resolve_alike_in_python(spelling: str, world: World) -> None:
    assert world.code_for(spelling) == "USA"
    assert world.code_for("Russia") == world.code_for("rus") == "RUS"
    day = "2024-06-01"
    assert world.allies(spelling, day) == world.allies("USA", day)
    assert len(world.allies(spelling, day)) > 30
    assert world.sanctions(sender=spelling, on=day) == world.sanctions(sender="USA", on=day)
    assert len(world.members("nato", day)) == len(world.members("NATO", day)) == 32


# -- HTTP ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    data = tmp_path_factory.mktemp("names-data")
    settings = Settings(db=db, data_dir=data, allowed_hosts=("testserver",))
    with TestClient(create_app(settings, world=default_world())) as test_client:
        yield test_client


API_TYPOS: list[tuple[str, dict[str, str], str, str]] = [
    ("/api/world/actors/Rusia", {}, "Rusia", "path.code"),
    ("/api/world/organizations/NAT0/members", {}, "NAT0", "path.code"),
    ("/api/world/allies/Rusia", {}, "Rusia", "path.code"),
    ("/api/world/scores/Rusia", {}, "Rusia", "path.code"),
    ("/api/world/ties", {"a": "USA", "b": "Rusia"}, "Rusia", "query.b"),
    ("/api/world/sanctions", {"sender": "Rusia"}, "Rusia", "query.sender"),
    ("/api/world/sanctions", {"target": "Rusia"}, "Rusia", "query.target"),
    ("/api/relations/dyad", {"a": "Rusia", "b": "USA"}, "Rusia", "query.a"),
    ("/api/relations/partners/Rusia", {}, "Rusia", "path.code"),
    ("/api/relations/alerts", {"a": "USA", "b": "Rusia"}, "Rusia", "query.b"),
    ("/api/events", {"a": "Rusia"}, "Rusia", "query.a"),
]


@pytest.mark.parametrize(
    ("path", "params", "name", "field"), API_TYPOS, ids=[f"{p} {q}" for p, q, _, _ in API_TYPOS]
)
def test_an_unknown_name_is_a_404_naming_it(
    path: str, params: dict[str, str], name: str, field: str, client: TestClient
) -> None:
    answer = client.get(path, params=params)
    assert answer.status_code == 404, answer.text
    problem = answer.json()["problems"][0]
    assert problem["field"] == field
    kind = "organization" if "/organizations/" in path else "actor"
    assert f"unknown {kind} {name!r} (did you mean" in problem["message"]


@pytest.mark.parametrize("spelling", ["usa", "USA", "United States"])
def test_names_resolve_alike_in_the_api(spelling: str, client: TestClient, db: Path) -> None:
    answer = client.get("/api/relations/dyad", params={"a": spelling, "b": "Russia", "by": "year"})
    assert answer.status_code == 200, answer.text
    series = answer.json()
    assert (series["a"], series["b"]) == ("USA", "RUS")
    cli = runner.invoke(
        app, ["relations", "dyad", spelling, "rus", "--by", "year", "--json", "--db", str(db)]
    )
    assert json.loads(cli.output) == series


def test_the_store_the_cli_created_holds_the_curated_timeline(db: Path) -> None:
    done = runner.invoke(app, ["events", "stats", "--json", "--db", str(db)])
    counts = {d["dataset"]: d["events"] for d in json.loads(done.output)["datasets"]}
    assert counts == {"curated": _curated_rows()} and counts["curated"] > 800
