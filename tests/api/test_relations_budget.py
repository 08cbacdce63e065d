"""Alerts and the network size their work before doing it: `alert_work` and `network_work`
count it from one query, and the API refuses a request over `MAX_ALERT_WORK` or
`MAX_NETWORK_WORK` with a 422 naming the parameters that narrow it (a request by day over a
million events ran 76 s and held request threads). `tension_alerts` looks up the events of the
alerts it returns only (`limit`)."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from accord.api.routes import relations as routes
from accord.api.services import Services
from accord.relations import AlertSettings, Period, duckdb_events, tension_alerts
from accord.relations import alerts as alerts_module
from accord.relations.alerts import MAX_ALERT_WORK, AlertWork, alert_work
from accord.relations.network import MAX_NETWORK_WORK, PARTITIONS, NetworkWork, network_work

#: USA-RUS: three events on each of ten days (one cooperative and two hostile; all three
#: hostile on the sixth and the last); USA-FIN: one event on each of five days; one event
#: FIN-FIN (no dyad).
FILL = """
INSERT INTO events (dataset, event_id, event_date, source_country, target_country, cameo_code,
                    cameo_root, quad_class, goldstein, simulated)
SELECT 'icews', 'r' || d || '-' || k, DATE '2024-01-01' + CAST(d AS INTEGER), 'USA', 'RUS',
       CASE WHEN hostile THEN '190' ELSE '042' END, CASE WHEN hostile THEN '19' ELSE '04' END,
       CASE WHEN hostile THEN 4 ELSE 1 END, CASE WHEN hostile THEN -5.0 ELSE 2.0 END, false
FROM (SELECT d, k, k > 0 OR d IN (5, 9) AS hostile FROM range(10) a(d), range(3) b(k))
UNION ALL
SELECT 'icews', 'c' || d, DATE '2024-01-01' + CAST(d AS INTEGER), 'FIN', 'USA', '042', '04',
       1, 1.0, false
FROM range(5) a(d)
UNION ALL
SELECT 'icews', 'x', DATE '2024-01-03', 'FIN', 'FIN', '042', '04', 1, 1.0, false
"""


@pytest.fixture
def filled(client: TestClient) -> TestClient:
    svc: Services = client.app.state.services  # type: ignore[attr-defined]
    with svc.locked_store() as store, store.transaction() as con:
        con.execute(FILL)
    return client


def events_of(client: TestClient) -> object:
    svc: Services = client.app.state.services  # type: ignore[attr-defined]
    return svc.events()


def test_alert_work_counts_what_the_query_reads_and_judges(filled: TestClient) -> None:
    events = events_of(filled)
    by_day = AlertSettings(by=Period.DAY, min_events=2, window=4, min_history=2)
    work = alert_work(events, by_day, limit=3)  # type: ignore[arg-type]
    # 35 events between two countries, 15 dyad-days; only USA-RUS's 10 have 2 events or more;
    # the events behind at most 3 alerts looked up (one scan for all, a rank in each)
    assert work == AlertWork(events=35, read=15, judged=10, window=4, lookups=3)
    assert work.units == 10 * 15 + 10 * (16 + 4) + 35 // 40 + 100 * 3
    later = alert_work(events, by_day, start=dt.date(2024, 1, 7))  # type: ignore[arg-type]
    assert (later.read, later.judged, later.lookups) == (15, 4, 4)  # no limit: each judged
    pair = alert_work(events, by_day, pairs=[("USA", "FIN")])  # type: ignore[arg-type]
    assert (pair.events, pair.read, pair.judged) == (5, 5, 0)
    by_month = AlertSettings(by=Period.MONTH, min_events=2, window=4, min_history=2)
    month = alert_work(events, by_month, end=dt.date(2024, 1, 5))  # type: ignore[arg-type]
    assert (month.events, month.read, month.judged) == (20, 2, 2)


def test_alerts_over_the_limit_are_refused_naming_what_narrows_them(
    filled: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert MAX_ALERT_WORK == 20_000_000  # the documented limit (docs/relations.md)
    params = {"by": "day", "min_events": 2, "window": 4, "min_history": 2, "limit": 3}
    settings = AlertSettings(by=Period.DAY, min_events=2, window=4, min_history=2)
    work = alert_work(events_of(filled), settings, limit=3)  # type: ignore[arg-type]
    monkeypatch.setattr(routes, "MAX_ALERT_WORK", work.units - 1)
    r = filled.get("/api/relations/alerts", params=params)
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["error"] == "too much work"
    [problem] = body["problems"]
    message = problem["message"]
    assert f"read {work.read} dyad-periods ({work.events} events)" in message
    assert f"about {work.units:,} units of work" in message
    for name in ("'to'", "'from'", "'dataset'", "'a'", "'b'", "'by'", "'min_events'", "'window'"):
        assert name in message
    assert "accord relations alerts" in message  # the CLI has no limit
    monkeypatch.setattr(routes, "MAX_ALERT_WORK", work.units)
    r = filled.get("/api/relations/alerts", params={**params, "threshold": 1.5})
    assert r.status_code == 200, r.text


def test_a_narrower_alerts_request_passes_the_limit(
    filled: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(routes, "MAX_ALERT_WORK", 300)
    wide = {"by": "day", "min_events": 2, "window": 4, "min_history": 2, "limit": 50}
    assert filled.get("/api/relations/alerts", params=wide).status_code == 422
    narrow = {**wide, "a": "USA", "b": "FIN", "limit": 1}
    r = filled.get("/api/relations/alerts", params=narrow)
    assert r.status_code == 200 and r.json() == []


def test_tension_alerts_look_up_the_events_of_the_returned_alerts_only(
    filled: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = duckdb_events(filled.app.state.services.reader().con)  # type: ignore[attr-defined]
    settings = AlertSettings(
        by=Period.DAY, min_events=1, window=4, min_history=2, threshold=1.0, model="spread"
    )
    every = tension_alerts(events, settings)
    assert len(every) >= 2
    looked: list[int] = []
    real = alerts_module._with_events

    def counting(events: object, alerts: list[object], *args: object) -> object:
        looked.append(len(alerts))
        return real(events, alerts, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(alerts_module, "_with_events", counting)
    assert tension_alerts(events, settings, limit=1) == every[:1]
    assert looked == [1]  # one alert's events looked up, in one query
    later = dt.date(2024, 1, 8)
    recent = [a for a in every if a.start >= later]
    assert recent and len(recent) < len(every)
    assert tension_alerts(events, settings, start=later) == recent  # earlier days: history only


def test_network_work_counts_nodes_edges_and_partitions(filled: TestClient) -> None:
    events = events_of(filled)
    work = network_work(events, min_events=1, bootstrap=20)  # type: ignore[arg-type]
    assert work == NetworkWork(nodes=3, edges=2, partitions=PARTITIONS + 20)
    assert work.units == (PARTITIONS + 20) * (3**3 // 100 + 2)
    kept = network_work(events, min_events=6, bootstrap=0)  # type: ignore[arg-type]
    assert kept == NetworkWork(nodes=2, edges=1, partitions=PARTITIONS)
    assert work.most_replicates(work.per_partition * 50) == 50 - PARTITIONS


def test_a_network_over_the_limit_is_refused_naming_the_bootstrap(
    filled: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert MAX_NETWORK_WORK == 20_000_000  # the documented limit (docs/relations.md)
    events = events_of(filled)
    work = network_work(events, min_events=1, bootstrap=200)  # type: ignore[arg-type]
    monkeypatch.setattr(routes, "MAX_NETWORK_WORK", work.per_partition * 30)
    r = filled.get("/api/relations/network", params={"min_events": 1, "bootstrap": 200})
    assert r.status_code == 422, r.text
    [problem] = r.json()["problems"]
    assert problem["field"] == "query.bootstrap"
    assert "at most 22 bootstrap replicates" in problem["message"]
    assert "3 countries and 2 dyads" in problem["message"]
    r = filled.get("/api/relations/network", params={"min_events": 1, "bootstrap": 22})
    assert r.status_code == 200, r.text
    assert [n["code"] for n in r.json()["nodes"]] == ["FIN", "RUS", "USA"]
