"""Every date parameter of the API refuses a bad date with one message, the CLI's, naming the
parameter, the value and the form YYYY-MM-DD, in the usual 422 body."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from accord.cli.main import app as cli
from tests.world.test_dates import BAD_DAYS


def _date_parameters(client: TestClient) -> list[tuple[str, str]]:
    """(path, its path parameters filled, and query name) of every GET route's date parameter,
    read from the app's OpenAPI schema, so a new route is covered without a change here."""
    found = []
    for path, operations in client.get("/openapi.json").json()["paths"].items():
        for param in operations.get("get", {}).get("parameters", []):
            schemas = param["schema"].get("anyOf", [param["schema"]])
            if param["in"] == "query" and {"type": "string", "format": "date"} in schemas:
                found.append((re.sub(r"\{[^}]+\}", "USA", path), param["name"]))
    return found


def test_the_date_parameters_are_found(client: TestClient) -> None:
    """The list the next test walks: every route that takes `on`, `from` or `to`."""
    found = _date_parameters(client)
    assert {name for _, name in found} == {"on", "from", "to"}
    assert ("/api/world/summary", "on") in found
    assert ("/api/world/actors/USA", "on") in found
    assert ("/api/events", "from") in found
    assert ("/api/relations/dyad", "to") in found
    assert len(found) >= 20


def test_every_date_parameter_gives_the_one_message(client: TestClient) -> None:
    for path, name in _date_parameters(client):
        for text, why in BAD_DAYS:
            answer = client.get(path, params={name: text})
            assert answer.status_code == 422, (path, name, text)
            body = answer.json()
            assert body["error"] == "invalid input"
            mine = [p for p in body["problems"] if p["field"] == f"query.{name}"]
            message = f"invalid value for {name!r}: expected a date as YYYY-MM-DD, got {text!r}"
            assert mine == [
                {"message": message + why, "field": f"query.{name}", "file": None, "line": None}
            ], (path, name, text)


@pytest.mark.parametrize(("text", "why"), BAD_DAYS[:2] + BAD_DAYS[-6:])
def test_the_cli_says_the_same_about_the_same_date(client: TestClient, text: str, why: str) -> None:
    core = f"expected a date as YYYY-MM-DD, got {text!r}{why}"
    [problem] = client.get("/api/world/summary", params={"on": text}).json()["problems"]
    assert problem["message"] == f"invalid value for 'on': {core}"
    done = CliRunner().invoke(cli, ["world", "summary", "--on", text], env={"COLUMNS": "200"})
    assert done.exit_code == 2
    assert f"Invalid value for '--on': {core}" in done.output


@pytest.mark.parametrize("path", ["/api/world/actors/USA", "/api/world/scores/USA"])
def test_a_day_in_year_one_is_answered(client: TestClient, path: str) -> None:
    """The year of events before 0001-06-01 starts before the first date there is: a 500
    (OverflowError) for every day of year 1; the window now starts at 0001-01-01."""
    for day in ("0001-01-01", "0001-06-01", "0001-12-31"):
        r = client.get(path, params={"on": day})
        assert r.status_code in (200, 404), (path, day, r.status_code, r.text)
        assert r.status_code == 200 or "USA" in r.text  # a state not yet existing is named
