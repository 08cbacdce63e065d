"""`/api/negotiations`: scenarios as JSON or YAML uploads, played out in a worker process, the
answer the CLI's `negotiate --json`; the catalogue explains every model, protocol and strategy."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from accord.bargaining import model_names, strategy_names
from accord.bargaining.limits import MAX_NEGOTIATION_STEPS, MAX_PARTIES
from accord.cli.main import app as cli
from tests.api.conftest import problem_fields

FIXTURES = Path(__file__).resolve().parents[1] / "bargaining" / "fixtures"

#: tests/bargaining/fixtures/pie.yaml as a request body.
PIE: dict[str, Any] = {
    "name": "pie",
    "protocol": "alternating",
    "steps": 100,
    "seed": 3,
    "issues": [{"name": "share", "low": 0, "high": 1}],
    "parties": [
        {"name": "A", "ideal": {"share": 1}, "strategy": "rubinstein", "discount": 0.9},
        {"name": "B", "ideal": {"share": 0}, "strategy": "rubinstein", "discount": 0.9},
    ],
}
#: tests/bargaining/fixtures/mediated.yaml as a request body.
MEDIATED: dict[str, Any] = {
    "name": "mediated",
    "protocol": "mediated",
    "seed": 7,
    "issues": [{"name": "price", "low": 0, "high": 100}, {"name": "volume", "low": 0, "high": 100}],
    "parties": [
        {
            "name": "Seller",
            "ideal": {"price": 100, "volume": 100},
            "weights": {"price": 3, "volume": 1},
            "reservation": 0.2,
        },
        {
            "name": "Buyer",
            "ideal": {"price": 0, "volume": 100},
            "weights": {"price": 1, "volume": 3},
            "reservation": 0.2,
        },
    ],
    "mediator": {"iterations": 400, "step": 0.05, "bias": 0.0, "favour": "Seller"},
}


def cli_json(path: Path) -> dict[str, Any]:
    """`accord negotiate <path> --json`, parsed."""
    done = CliRunner().invoke(cli, ["negotiate", str(path), "--json"])
    assert done.exit_code == 0, done.output
    answer: dict[str, Any] = json.loads(done.output)
    return answer


def test_json_scenario_is_the_cli_answer_with_the_rubinstein_split(client: TestClient) -> None:
    response = client.post("/api/negotiations", json=PIE)
    assert response.status_code == 200, response.text
    api = response.json()
    assert api == cli_json(FIXTURES / "pie.yaml")
    # Rubinstein (1982) with a deadline of 100 offers (Stahl 1972): with discount 0.9 each,
    # the first proposer takes (1 - 0.9**100) / (1 + 0.9) at once (1 / 1.9 without one)
    first = (1 - 0.9**100) / 1.9
    assert api["agreement"] == {"share": pytest.approx(first, abs=1e-12)}
    assert api["utilities"] == {"A": pytest.approx(first), "B": pytest.approx(1 - first)}
    assert (api["step"], api["scenario"], api["protocol"]) == (0, "pie", "alternating")
    assert api["nash"] == {"outcome": {"share": 0.5}, "utilities": {"A": 0.5, "B": 0.5}}
    assert api["distance_to_nash"] == pytest.approx((2 * (first - 0.5) ** 2) ** 0.5)


def test_mediated_json_is_the_cli_answer_and_names_its_set_up(client: TestClient) -> None:
    api = client.post("/api/negotiations", json=MEDIATED).json()
    assert api == cli_json(FIXTURES / "mediated.yaml")
    assert api["mediator"] == {"iterations": 400, "step": 0.05, "bias": 0.0, "favour": "Seller"}
    assert api["setup"][0]["weights"] == {"price": 0.75, "volume": 0.25}  # normalised 3 : 1
    assert [t["agent"] for t in api["trace"]] == ["mediator"] * len(api["trace"])
    assert api["trace"][0]["outcome"] == {"price": 50.0, "volume": 100.0}  # mean of the ideals
    assert api["agreement"] == {"price": 50.0, "volume": 100.0}
    assert api["utilities"] == {"Seller": 0.625, "Buyer": 0.875}
    assert api["distance_to_frontier"] == 0.0


def test_no_agreement_leaves_the_reservation_values(client: TestClient) -> None:
    greedy = {
        **PIE,
        "name": "greedy",
        "steps": 20,
        "parties": [
            {**p, "strategy": "boulware", "reservation": 0.8, "discount": 1.0}
            for p in PIE["parties"]
        ],
    }
    api = client.post("/api/negotiations", json=greedy).json()
    assert (api["agreement"], api["step"], api["distance_to_frontier"]) == (None, None, None)
    assert api["utilities"] == {"A": 0.8, "B": 0.8}
    assert len(api["trace"]) == 20 and api["nash"]["outcome"] is None


def test_upload_names_the_file_and_its_problems(client: TestClient) -> None:
    text = (FIXTURES / "pie.yaml").read_text().replace("rubinstein", "telepathy", 1)
    bad = client.post("/api/negotiations/upload", files={"file": ("deal.yaml", text.encode())})
    assert bad.status_code == 422
    problem = bad.json()["problems"][0]
    assert (problem["file"], problem["line"], problem["field"]) == ("deal.yaml", 7, "A.strategy")
    assert "unknown strategy 'telepathy'" in problem["message"]
    wrong = client.post("/api/negotiations/upload", files={"file": ("deal.txt", b"protocol: x")})
    assert wrong.status_code == 422 and problem_fields(wrong.json()) == ["body.file"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"steps": MAX_NEGOTIATION_STEPS + 1}, "body.steps"),
        ({"parties": PIE["parties"] * (MAX_PARTIES // 2 + 1)}, "body.parties"),
        ({"parties": PIE["parties"][:1]}, "body.parties"),
        ({"protocol": "auction"}, "body.protocol"),
        ({"seed": -1}, "body.seed"),
    ],
)
def test_bounds_are_422_naming_the_field(
    client: TestClient, change: dict[str, Any], field: str
) -> None:
    response = client.post("/api/negotiations", json={**PIE, **change})
    assert response.status_code == 422
    assert problem_fields(response.json()) == [field]


def test_core_checks_name_the_body_field(client: TestClient) -> None:
    party = {**PIE["parties"][0], "strategy": "telepathy", "ideal": {"share": 2}}
    response = client.post("/api/negotiations", json={**PIE, "parties": [party, PIE["parties"][1]]})
    assert response.status_code == 422
    assert problem_fields(response.json()) == ["body.A.ideal.share", "body.A.strategy"]


def test_catalogue_explains_every_model_protocol_and_strategy(client: TestClient) -> None:
    found = client.get("/api/negotiations/catalogue").json()
    assert [m["name"] for m in found["models"]] == model_names()
    assert [s["name"] for s in found["strategies"]] == strategy_names()
    assert [p["name"] for p in found["protocols"]] == ["alternating", "mediated"]
    entries = [e for kind in ("models", "protocols", "strategies") for e in found[kind]]
    assert all(20 <= len(e["summary"]) <= 200 and "\n" not in e["summary"] for e in entries)
    rubinstein = next(s for s in found["strategies"] if s["name"] == "rubinstein")
    assert rubinstein["reference"] == "Rubinstein (1982), Econometrica 50(1); Stahl (1972)"
