"""POST /api/forecasts checks positions as a YAML case does: within the issue's bounds, an
option's name or whole index on a discrete issue, and a discrete issue's bounds are its options."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient


def _body(issue: dict[str, Any], a: object, b: object = 5) -> dict[str, Any]:
    people = [
        {
            "name": n,
            "capability": 1,
            "positions": {issue["name"]: p},
            "saliences": {issue["name"]: 1},
        }
        for n, p in (("A", a), ("B", b))
    ]
    return {"case": {"issues": [issue], "stakeholders": people}, "models": ["compromise"]}


def _problems(r: Any) -> list[tuple[object, str]]:
    assert r.status_code == 422, r.text
    return [(p["field"], p["message"]) for p in r.json()["problems"]]


def test_a_position_outside_its_issue_is_refused(client: TestClient) -> None:
    # was 200 with a compromise of 27.5 on the issue [0, 10]
    r = client.post("/api/forecasts", json=_body({"name": "a", "low": 0, "high": 10}, 50))
    assert _problems(r) == [("body.case.stakeholders.0.positions.a", "50 is outside [0, 10]")]
    r = client.post("/api/forecasts", json=_body({"name": "a", "low": 0, "high": 10}, 0, 10.5))
    assert _problems(r) == [("body.case.stakeholders.1.positions.a", "10.5 is outside [0, 10]")]


def test_positions_on_a_discrete_issue_are_options(client: TestClient) -> None:
    venue = {"name": "v", "options": ["x", "y", "z"]}
    # was 200 with a median of 0.5: no option has that index
    r = client.post("/api/forecasts", json=_body(venue, 0.5, 2))
    assert _problems(r) == [
        ("body.case.stakeholders.0.positions.v", "option index must be a whole number, got 0.5")
    ]
    # an option's name, as in YAML (was "Input should be a valid number"), or its index
    r = client.post("/api/forecasts", json=_body(venue, "y", 2))
    assert r.status_code == 200, r.text
    (result,) = r.json()["results"]
    assert result["issues"][0]["forecast"] == 1.5
    r = client.post("/api/forecasts", json=_body(venue, "w", 2))
    assert _problems(r) == [
        (
            "body.case.stakeholders.0.positions.v",
            "not a number nor an option: 'w'; options: ['x', 'y', 'z']",
        )
    ]


def test_a_discrete_issue_takes_no_other_bounds(client: TestClient) -> None:
    venue = {"name": "v", "low": 5, "high": 50, "options": ["x", "y", "z"]}
    r = client.post("/api/forecasts", json=_body(venue, 0, 2))  # was 200, the bounds ignored
    assert [f for f, _ in _problems(r)] == ["body.case.issues.0.low", "body.case.issues.0.high"]
    assert "a discrete issue's low is its option index 0, got 5" in _problems(r)[0][1]
    same = {"name": "v", "low": 0, "high": 2, "options": ["x", "y", "z"]}
    assert client.post("/api/forecasts", json=_body(same, 0, 2)).status_code == 200


def test_a_label_halfway_between_options_is_the_lower_option(client: TestClient) -> None:
    venue = {"name": "v", "options": ["x", "y", "z"]}
    for a, b, label in (("x", "y", "x"), ("y", "z", "y")):  # 1.5 was labelled 'z'
        r = client.post("/api/forecasts", json=_body(venue, a, b))
        assert r.json()["results"][0]["issues"][0]["label"] == label
