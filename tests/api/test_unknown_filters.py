"""An unknown dataset or simulation run in a relations query is a 404 naming it, not an empty
answer (issue 12, item 2)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    ("path", "params", "name"),
    [
        ("/api/relations/dyad", {"a": "USA", "b": "RUS", "run": "typo-run"}, "typo-run"),
        ("/api/relations/dyad", {"a": "USA", "b": "RUS", "dataset": "gdlet"}, "gdlet"),
        ("/api/relations/network", {"dataset": "gdlet"}, "gdlet"),
        ("/api/relations/alerts", {"dataset": "gdlet"}, "gdlet"),
    ],
)
def test_unknown_filters_are_404(
    client: TestClient, path: str, params: dict[str, str], name: str
) -> None:
    r = client.get(path, params=params)
    assert r.status_code == 404, r.text
    problem = r.json()["problems"][0]
    assert name in problem["message"]
    key = next(k for k, v in params.items() if v == name)
    assert problem["field"] == f"query.{key}"  # it was null
