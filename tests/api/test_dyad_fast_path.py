"""The dyad route's fast path: its JSON is byte for byte what the response model gave, and the
IGO-official rule read from the sector texts the connection keeps (loaded once per store write)
counts the same events as the rule's regular expressions, also when a write comes in between."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from fastapi.testclient import TestClient
from pydantic import TypeAdapter

from accord.api import services as services_module
from accord.api.services import Services
from accord.relations import DyadSeries, compiled, duckdb_events, dyad_report, event_scope, fastsql
from accord.relations._compat import raw_connection
from accord.relations.fastsql import load_igo_sectors
from accord.relations.periods import Period
from accord.store import Store
from tests.api.icews_app import icews_client, services
from tests.api.writer import another_writer

DYAD = "/api/relations/dyad"
IGO = fastsql.IGO_VARIABLE
#: Requests over the ICEWS sample: windows, periods, directions, scopes; ITA-CHN has 11 events,
#: 10 of them with an official of an international organisation on one side.
REQUESTS: list[dict[str, Any]] = [
    {"a": "USA", "b": "RUS"},
    {"a": "USA", "b": "CHN", "by": "week", "from": "2018-01-10"},
    {"a": "RUS", "b": "UKR", "directed": "true", "to": "2018-06-30"},
    {"a": "ITA", "b": "CHN", "by": "day"},
    {"a": "ITA", "b": "CHN", "by": "year", "igo_as_state": "true"},
    {"a": "CHN", "b": "JPN", "sector": "government", "convention": "gdelt"},
]


@pytest.fixture(scope="module")
def app_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with icews_client(tmp_path_factory.mktemp("fastpath")) as client:
        yield client


_services = services


def _model_json(svc: Services, query: dict[str, Any]) -> bytes:
    """The answer as the route gave it before: the IGO rule's patterns in the statement, the
    result validated against the response model and then encoded by it (FastAPI's path)."""
    q = dict(query)
    scope = event_scope(q.pop("sector", None), q.pop("convention", "dataset"))
    if q.pop("igo_as_state", None) == "true":
        scope = event_scope(scope.sectors, scope.convention, True)
    with Store(svc.settings.db) as store:
        series = dyad_report(
            duckdb_events(store.con),
            q.pop("a"),
            q.pop("b"),
            by=q.pop("by", "month"),
            start=q.pop("from", None),
            end=q.pop("to", None),
            directed=q.pop("directed", None) == "true",
            scope=scope,
        )
    assert not q
    model = TypeAdapter(DyadSeries)
    return model.dump_json(model.validate_python(series))


@pytest.mark.parametrize("query", REQUESTS)
def test_the_json_is_the_response_models(app_client: TestClient, query: dict[str, Any]) -> None:
    answer = app_client.get(DYAD, params=query)
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
    assert answer.content == _model_json(_services(app_client), query)


def test_the_answers_count_what_the_rule_says(app_client: TestClient) -> None:
    def events(**extra: str) -> list[tuple[str, int]]:
        got = app_client.get(DYAD, params={"a": "ITA", "b": "CHN", "by": "year", **extra})
        return [(p["period"], p["events"]) for p in got.json()["points"]]

    assert events() == [("2018", 1)]
    assert events(igo_as_state="true") == [("2018", 11)]
    first = app_client.get(DYAD, params={"a": "USA", "b": "RUS"}).json()["points"][0]
    assert first == {
        "period": "2018-06",
        "start": "2018-06-01",
        "events": 20,
        "verbal_coop": 17,
        "material_coop": 0,
        "verbal_conflict": 2,
        "material_conflict": 1,
        "goldstein_sum": 28.8,
        "goldstein_mean": 1.44,
        "net_cooperation": 0.7,
    }


def test_the_sector_texts_follow_the_writes(app_client: TestClient) -> None:
    svc = _services(app_client)
    loaded = svc.igo_sectors()
    assert svc.igo_sectors() == loaded and svc.unchanged_since(loaded)
    con = raw_connection(compiled.duckdb_source(svc.events()).con)
    names = con.execute("SELECT getvariable('accord_igo_sectors')").fetchone()
    assert names is not None and len(names[0]) == 21
    assert "International Government Organization" in names[0]
    with svc.locked_store() as store, store.transaction() as con:  # any commit makes them stale
        con.execute("CREATE TEMP TABLE touched (x INTEGER)")
    assert not svc.unchanged_since(loaded)
    assert svc.igo_sectors() == loaded + 1


def test_one_thread_finds_the_texts_per_write(
    app_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    svc = _services(app_client)
    with svc.locked_store() as store, store.transaction() as con:
        con.execute("CREATE TEMP TABLE touched_again (x INTEGER)")
    scans: list[int] = []
    real = services_module.igo_official_sectors

    def spy(events: Any) -> list[str] | None:
        scans.append(1)
        return real(events)

    monkeypatch.setattr(services_module, "igo_official_sectors", spy)
    found: list[tuple[int, object]] = []

    def read() -> None:
        generation = svc.igo_sectors()
        con = raw_connection(compiled.duckdb_source(svc.events()).con)
        found.append((generation, con.execute(f"SELECT len(getvariable('{IGO}'))").fetchall()))

    threads = [threading.Thread(target=read) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    generation = svc.store.generation
    assert scans == [1] and found == [(generation, [(21,)])] * 2


def test_a_write_under_way_makes_the_route_use_the_rule(
    app_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    svc = _services(app_client)
    generation = svc.igo_sectors()
    with another_writer(svc.store.path):
        assert not svc.unchanged_since(generation)  # another thread is writing
        calls: list[bool] = []
        real = dyad_report

        def spy(*args: Any, **kwargs: Any) -> DyadSeries:
            calls.append(kwargs["igo_known"])
            return real(*args, **kwargs)

        monkeypatch.setattr("accord.api.routes.relations.dyad_report", spy)
        query = {"a": "ITA", "b": "CHN", "from": "2018-01-02"}
        answer = app_client.get(DYAD, params=query)
        assert calls == [True, False]  # the kept texts, then the rule itself
        assert answer.content == _model_json(svc, query)
    assert svc.unchanged_since(generation)


def test_a_store_without_officials_has_an_empty_list(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.duckdb") as store:
        store.con.execute("CREATE TABLE events (source_sector VARCHAR, target_sector VARCHAR)")
        store.con.execute("INSERT INTO events VALUES ('Government', NULL), (NULL, 'Business')")
        events = duckdb_events(store.con)
        assert load_igo_sectors(events) == 0
        con = raw_connection(compiled.duckdb_source(events).con)
        found = "SELECT list_has_any(getvariable('accord_igo_sectors'), ['Government'])"
        assert con.execute(found).fetchone() == (False,)


def test_a_connection_without_the_list_is_an_error(app_client: TestClient) -> None:
    sql = fastsql.dyad_sql(Period.MONTH, False, event_scope(), frozenset(), True)
    unloaded = pytest.raises(duckdb.InvalidInputException, match="accord_igo_sectors is not")
    with Store(_services(app_client).settings.db) as store, unloaded:  # a new connection
        fastsql.run(store.con, sql, {"a": "USA", "b": "RUS"})
