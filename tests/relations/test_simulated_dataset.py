"""A dataset whose events are all simulated counts only for one run: asked without a run it is
an error naming the runs to choose from (CLI and API), never an empty answer that says to
ingest files (probe U, item 4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from accord.api import Settings, create_app
from accord.cli.main import app
from accord.errors import InputError
from accord.relations import duckdb_events
from accord.relations.measures import check_filters
from accord.store import Store
from tests.relations.eventdata import insert_events, new_store, synthetic

#: The runs of the `simulation` dataset: more than the error names (10).
SIMULATION_RUNS = [f"baseline-s1-r{i:04d}" for i in range(12)]


def _rows() -> list[dict[str, Any]]:
    """Real `csv` events USA-RUS, an `exercise` session's and twelve simulation runs' events."""
    day = dt.date(2024, 1, 1)
    real = [synthetic(day, "USA", "RUS", 1, 3.0, event_id=f"real-{i}") for i in range(3)]
    exercise = [
        synthetic(
            day,
            "USA",
            "RUS",
            3,
            -4.0,
            event_id=f"ex-{i}",
            dataset="exercise",
            simulated=True,
            run_id="cop-play-s1",
        )
        for i in range(3)
    ]
    simulation = [
        synthetic(
            day,
            "USA",
            "RUS",
            4,
            -9.0,
            event_id=f"sim-{run}",
            dataset="simulation",
            simulated=True,
            run_id=run,
        )
        for run in SIMULATION_RUNS
    ]
    return real + exercise + simulation


@pytest.fixture
def store_file(db_path: Path) -> Path:
    with new_store(db_path) as store:
        insert_events(store.con, _rows())
    return db_path


def test_a_simulated_dataset_without_a_run_names_its_runs(store_file: Path) -> None:
    with Store(store_file, read_only=True) as store:
        events = duckdb_events(store.con)
        with pytest.raises(InputError) as caught:
            check_filters(events, dataset="exercise")
        assert caught.value.first.field == "dataset"
        assert "only simulated events" in str(caught.value)
        assert "cop-play-s1" in str(caught.value) and "--run" in str(caught.value)
        with pytest.raises(InputError) as many:
            check_filters(events, dataset="simulation")
        message = str(many.value)
        assert all(run in message for run in SIMULATION_RUNS[:10])
        assert SIMULATION_RUNS[10] not in message and "and 2 more" in message
        # with a run, or a dataset of real events, nothing to say
        check_filters(events, dataset="exercise", run_id="cop-play-s1")
        check_filters(events, dataset="csv")


def test_the_cli_says_to_choose_a_run_not_to_ingest(store_file: Path) -> None:
    args = ["relations", "dyad", "USA", "RUS", "--by", "year", "--db", str(store_file)]
    refused = CliRunner().invoke(app, [*args, "--dataset", "exercise"])
    assert refused.exit_code == 1
    assert "only simulated events" in refused.output and "cop-play-s1" in refused.output
    assert "ingest" not in refused.output
    ran = CliRunner().invoke(app, [*args, "--dataset", "exercise", "--run", "cop-play-s1"])
    assert ran.exit_code == 0, ran.output
    assert "2024" in ran.output


@pytest.fixture
def client(store_file: Path, tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(db=store_file, data_dir=tmp_path / "data", allowed_hosts=("testserver",))
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/relations/dyad", {"a": "USA", "b": "RUS", "by": "year"}),
        ("/api/relations/network", {"min_events": "1"}),
        ("/api/relations/alerts", {"by": "year"}),
    ],
)
def test_the_api_refuses_a_simulated_dataset_without_a_run(
    client: TestClient, path: str, params: dict[str, str]
) -> None:
    refused = client.get(path, params={**params, "dataset": "exercise"})
    assert refused.status_code == 422, refused.text
    problem = refused.json()["problems"][0]
    assert problem["field"] == "query.dataset"
    assert "cop-play-s1" in problem["message"]
    ran = client.get(path, params={**params, "dataset": "exercise", "run": "cop-play-s1"})
    assert ran.status_code == 200, ran.text


def test_the_run_counts_its_events_in_the_dyad(client: TestClient) -> None:
    query = {"a": "USA", "b": "RUS", "by": "year", "dataset": "exercise", "run": "cop-play-s1"}
    points = client.get("/api/relations/dyad", params=query).json()["points"]
    assert [(p["period"], p["events"], p["verbal_conflict"]) for p in points] == [("2024", 3, 3)]
