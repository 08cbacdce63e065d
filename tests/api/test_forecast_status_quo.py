"""POST /api/forecasts takes a status quo per issue, checked as the YAML reader checks it."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from accord.bargaining import forecast_case, read_case
from tests.api.conftest import problem_fields

PEOPLE = [
    {"name": n, "capability": c, "positions": {"x": p}, "saliences": {"x": s}}
    for n, c, p, s in (
        ("A", 0.32, 18.3, 0.96),
        ("B", 0.23, 88.0, 0.93),
        ("C", 0.70, 81.2, 0.77),
        ("D", 0.74, 66.8, 0.87),
    )
]
YAML = """name: narrow
issues: [{name: x, low: 0, high: 100}]
status_quo: {x: 16.7}
stakeholders:
  - {name: A, capability: 0.32, positions: {x: 18.3}, saliences: {x: 0.96}}
  - {name: B, capability: 0.23, positions: {x: 88.0}, saliences: {x: 0.93}}
  - {name: C, capability: 0.70, positions: {x: 81.2}, saliences: {x: 0.77}}
  - {name: D, capability: 0.74, positions: {x: 66.8}, saliences: {x: 0.87}}
"""


def _body(status_quo: object) -> dict[str, object]:
    case = {"name": "narrow", "issues": [{"name": "x"}], "stakeholders": PEOPLE}
    return {"case": {**case, "status_quo": status_quo}, "models": ["nbs", "ks"]}


def test_a_json_case_takes_a_status_quo_like_a_yaml_case(
    client: TestClient, tmp_path: Path
) -> None:
    r = client.post("/api/forecasts", json=_body({"x": 16.7}))  # was 422 (unknown key)
    assert r.status_code == 200
    got = {x["model"]: x["issues"][0]["forecast"] for x in r.json()["results"]}
    path = tmp_path / "narrow.yaml"
    path.write_text(YAML, encoding="utf-8")
    same = forecast_case(read_case(path), ["nbs", "ks"]).results
    assert got == {f.model: pytest.approx(f.issues[0].forecast, abs=1e-9) for f in same}
    assert got["nbs"] == pytest.approx(19.449, abs=2e-3)  # the dense grid's (gaining_region)
    without = client.post("/api/forecasts", json=_body(None)).json()["results"][0]
    assert without["issues"][0]["forecast"] != pytest.approx(got["nbs"], abs=0.5)


def test_a_bad_status_quo_names_its_field(client: TestClient) -> None:
    r = client.post("/api/forecasts", json=_body({"y": 3, "x": 120}))
    assert r.status_code == 422
    assert sorted(problem_fields(r.json())) == [
        "body.case.status_quo.x",
        "body.case.status_quo.y",
    ]
    messages = " | ".join(p["message"] for p in r.json()["problems"])
    assert "unknown issue 'y'" in messages and "120 is outside [0, 100]" in messages
