"""`/api/meta`: the dashboard's constants, served from the Python modules that define them."""

from __future__ import annotations

from fastapi.testclient import TestClient

from accord.relations.plot import QUAD_CLASS_STYLE


def test_meta_serves_the_quad_classes_with_one_colour_each(client: TestClient) -> None:
    body = client.get("/api/meta").json()
    assert body["quad_classes"] == [
        {"number": 1, "key": "verbal_coop", "name": "verbal cooperation", "colour": "#6baed6"},
        {"number": 2, "key": "material_coop", "name": "material cooperation", "colour": "#08519c"},
        {"number": 3, "key": "verbal_conflict", "name": "verbal conflict", "colour": "#fb6a4a"},
        {"number": 4, "key": "material_conflict", "name": "material conflict", "colour": "#a50f15"},
    ]


def test_meta_labels_agree_with_the_png_plot() -> None:
    # the plot's labels and the ontology's names are two spellings of one list: keep them equal
    assert [label for _, label, _ in QUAD_CLASS_STYLE] == [
        "verbal cooperation",
        "material cooperation",
        "verbal conflict",
        "material conflict",
    ]


def test_meta_serves_scales_periods_metrics_and_limits(client: TestClient) -> None:
    body = client.get("/api/meta").json()
    assert body["goldstein"] == {"min": -10.0, "max": 10.0}
    assert body["periods"] == ["day", "week", "month", "quarter", "year"]
    assert body["default_period"] == "month"
    assert body["simulation_metrics"][:2] == ["cooperation", "goldstein_mean"]
    assert "polarisation" in body["simulation_metrics"]
    assert len(body["simulation_metrics"]) == 8
    assert body["max_runs"] == 200
    assert (body["min_dyad_events"], body["event_window_days"]) == (3, 365)


def test_meta_is_in_the_openapi_schema(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert "/api/meta" in schema["paths"]
    assert "MetaOut" in schema["components"]["schemas"]
