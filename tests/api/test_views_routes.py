"""What the dashboard's views ask of the API: per-partner score bases, event pages with their
total, dataset filters, and the offline API reference."""

from __future__ import annotations

from fastapi.testclient import TestClient

from accord.api.routes.web import VENDOR_DIR


def _insert(client: TestClient, rows: str) -> None:
    svc = client.app.state.services  # type: ignore[attr-defined]
    with svc.locked_store() as store, store.transaction() as con:
        con.execute(
            "INSERT INTO events (dataset, event_id, event_date, source_country, target_country,"
            " cameo_code, cameo_root, quad_class, goldstein, simulated) VALUES " + rows
        )


def _insert_run(client: TestClient, rows: str) -> None:
    """Insert simulated rows (`_insert`'s columns and a run id)."""
    svc = client.app.state.services  # type: ignore[attr-defined]
    with svc.locked_store() as store, store.transaction() as con:
        con.execute(
            "INSERT INTO events (dataset, event_id, event_date, source_country, target_country,"
            " cameo_code, cameo_root, quad_class, goldstein, simulated, run_id) VALUES " + rows
        )


ROWS = (
    "('icews', 'r1', DATE '2024-03-01', 'RUS', 'USA', '190', '19', 4, -10.0, false),"
    "('icews', 'r2', DATE '2024-04-01', 'USA', 'RUS', '111', '11', 3, -2.0, false),"
    "('gdelt', 'r3', DATE '2024-05-01', 'RUS', 'USA', '173', '17', 4, -5.0, false),"
    "('gdelt', 'f1', DATE '2024-05-02', 'USA', 'FIN', '042', '04', 1, 1.9, false),"
    "('gdelt', 'old', DATE '1990-01-01', 'USA', 'RUS', '042', '04', 1, 1.9, false)"
)


def test_each_score_names_its_basis_and_events(client: TestClient) -> None:
    """RUS has 3 events in the year to the date, so events score it (all conflict: -1); FIN
    has one, so ties score it; the map's overall basis is then mixed."""
    _insert(client, ROWS)
    body = client.get("/api/world/scores/USA", params={"on": "2024-06-01"}).json()
    scores = {s["code"]: s for s in body["scores"]}
    assert body["basis"] == "mixed"
    assert (scores["RUS"]["basis"], scores["RUS"]["events"], scores["RUS"]["score"]) == (
        "events",
        3,
        -1.0,
    )
    assert (scores["FIN"]["basis"], scores["FIN"]["events"], scores["FIN"]["score"]) == (
        "ties",
        1,
        0.65,
    )
    assert body["since"] == "2023-06-02" and body["events"] == 4
    ties = client.get("/api/world/scores/USA", params={"on": "2024-06-01", "basis": "ties"})
    assert ties.json()["basis"] == "ties"
    assert {s["code"]: s["score"] for s in ties.json()["scores"]}["RUS"] == -0.7


def test_scores_of_a_run_read_only_its_events(client: TestClient) -> None:
    """With `run`, only the events of that simulation run or exercise session colour the map:
    three cooperative RUS-USA events of run s1 score +1 where the real ones score -1, and the
    real events stay out of the count."""
    _insert(client, ROWS)
    _insert_run(
        client,
        ",".join(
            f"('simulation', 's{k}', DATE '2024-05-0{k}', 'RUS', 'USA', '042', '04', 1, 1.9,"
            " true, 's1')"
            for k in range(1, 4)
        ),
    )
    on = {"on": "2024-06-01"}
    body = client.get("/api/world/scores/USA", params={**on, "run": "s1"}).json()
    scores = {s["code"]: s for s in body["scores"]}
    assert (scores["RUS"]["basis"], scores["RUS"]["events"], scores["RUS"]["score"]) == (
        "events",
        3,
        1.0,
    )
    assert body["events"] == 3 and scores["FIN"]["events"] == 0
    real = client.get("/api/world/scores/USA", params=on).json()
    assert {s["code"]: s["score"] for s in real["scores"]}["RUS"] == -1.0
    empty = client.get("/api/world/scores/USA", params={**on, "run": "none-yet"}).json()
    assert empty["events"] == 0 and empty["basis"] == "ties"


def test_an_event_page_says_how_many_match(client: TestClient) -> None:
    _insert(client, ROWS)
    page = client.get("/api/events/page", params={"a": "USA", "b": "RUS", "limit": 2}).json()
    assert page["total"] == 4 and page["offset"] == 0 and page["newest_first"] is True
    assert [e["event_id"] for e in page["events"]] == ["r3", "r2"]
    rest = client.get(
        "/api/events/page", params={"a": "RUS", "b": "USA", "limit": 2, "offset": 2}
    ).json()
    assert [e["event_id"] for e in rest["events"]] == ["r1", "old"]
    oldest = client.get(
        "/api/events/page", params={"a": "USA", "order": "oldest", "dataset": "gdelt"}
    ).json()
    assert oldest["total"] == 3
    assert [e["event_id"] for e in oldest["events"]] == ["old", "r3", "f1"]
    window = client.get(
        "/api/events/page", params={"a": "USA", "b": "RUS", "from": "2024-01-01"}
    ).json()
    assert window["total"] == 3
    assert client.get("/api/events/page", params={"b": "USA"}).status_code == 422
    assert client.get("/api/events/page", params={"a": "XYZ"}).status_code == 404


def test_event_lists_hold_observed_events_unless_asked(client: TestClient) -> None:
    """A run's simulated sanctions sat among the facts in the dyad explorer's list (335 events
    under a chart counting 158): lists hold what the measures count, observed events, unless
    `simulated` or `run` asks."""
    _insert(client, ROWS)
    _insert_run(
        client,
        "('simulation', 's1', DATE '2024-05-03', 'USA', 'RUS', '163', '16', 4, -8.0,"
        " true, 'run-1')",
    )
    pair = {"a": "USA", "b": "RUS"}
    page = client.get("/api/events/page", params=pair).json()
    assert (page["total"], "s1" in [e["event_id"] for e in page["events"]]) == (4, False)
    listed = client.get("/api/events", params=pair).json()
    assert sorted(e["event_id"] for e in listed) == ["old", "r1", "r2", "r3"]
    run = client.get("/api/events/page", params={**pair, "run": "run-1"}).json()
    assert (run["total"], [e["event_id"] for e in run["events"]]) == (1, ["s1"])
    both = client.get("/api/events/page", params={**pair, "simulated": "true"}).json()
    assert [e["event_id"] for e in both["events"]] == ["s1"]
    every = client.get("/api/events", params={**pair, "simulated": "false"}).json()
    assert len(every) == 4


def test_dyad_and_network_take_a_dataset(client: TestClient) -> None:
    _insert(client, ROWS)
    both = client.get("/api/relations/dyad", params={"a": "USA", "b": "RUS", "by": "year"})
    icews = client.get(
        "/api/relations/dyad", params={"a": "USA", "b": "RUS", "by": "year", "dataset": "icews"}
    )
    assert [p["period"] for p in both.json()["points"]] == ["1990", "2024"]
    assert [(p["period"], p["events"]) for p in icews.json()["points"]] == [("2024", 2)]
    net = client.get("/api/relations/network", params={"dataset": "icews", "min_events": 1}).json()
    assert [(e["a"], e["b"], e["events"]) for e in net["edges"]] == [("RUS", "USA", 2)]
    bad = client.get("/api/relations/dyad", params={"a": "USA", "b": "RUS", "dataset": "A B"})
    assert bad.status_code == 422


def test_api_docs_are_served_from_this_server(client: TestClient) -> None:
    """/docs names only this server's assets and no inline script, so it works offline and
    under the CSP every answer carries."""
    page = client.get("/docs")
    assert page.status_code == 200
    html = page.text
    assert '<script src="/vendor/swagger-ui-bundle.js"' in html
    assert '<link rel="stylesheet" href="/vendor/swagger-ui.css"' in html
    assert "http" not in html.replace("http-equiv", "")
    assert "<script>" not in html
    assert "script-src 'self'" in page.headers["content-security-policy"]
    init = client.get("/static/js/docs.js")
    assert init.status_code == 200 and '"/openapi.json"' in init.text
    assert client.get("/redoc").status_code == 404
    if (VENDOR_DIR / "swagger-ui-bundle.js").is_file():
        bundle = client.get("/vendor/swagger-ui-bundle.js")
        assert bundle.status_code == 200
        assert bundle.headers["content-type"].startswith("text/javascript")


def test_names_list_every_name_and_alias_of_the_states_on_a_date(client: TestClient) -> None:
    body = client.get("/api/world/names", params={"on": "2024-06-01"}).json()
    usa = [n["name"] for n in body if n["code"] == "USA"]
    assert usa == ["America", "US", "United States", "United States of America"]
    assert {"name": "Russian Federation", "code": "RUS"} in body
    old = client.get("/api/world/names", params={"on": "1980-01-01"}).json()
    assert "RUS" not in {n["code"] for n in old}
