"""The dyad route's in-memory index: its JSON is byte for byte the SQL path's, it is built once
per store write (by one thread; the others ask SQL meanwhile), and a request during or after a
write never answers from an index older than the write."""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from accord.api import Settings, create_app
from accord.api import services as services_module
from accord.api.services import Services
from accord.events import ingest
from accord.relations import DyadSeries
from accord.store import Store
from tests.api.icews_app import icews_client, services
from tests.api.writer import another_writer
from tests.conftest import SHARED_DATA
from tests.relations.eventdata import insert_events
from tests.relations.test_gdelt_sample import GDELT
from tests.relations.test_gdelt_sample import _rows as gdelt_rows

DYAD = "/api/relations/dyad"
#: Busy pairs of the ICEWS sample and of the GDELT sample, and pairs with few or no events.
PAIRS = [
    ("USA", "RUS"),
    ("USA", "CHN"),
    ("RUS", "UKR"),
    ("ITA", "CHN"),
    ("CHN", "JPN"),
    ("USA", "PRK"),
    ("ISR", "PSE"),
    ("ISR", "USA"),
    ("EGY", "ISR"),
    ("GBR", "RUS"),
    ("IND", "PAK"),
    ("ISL", "NZL"),
]
WINDOWS = [
    {},
    {"from": "2018-03-01"},
    {"to": "2018-06-30"},
    {"from": "2018-02-10", "to": "2018-02-20"},
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    def fill(store: Store) -> None:
        gdelt = gdelt_rows(SHARED_DATA / GDELT)
        run = [
            {**row, "event_id": f"sim-{row['event_id']}", "simulated": True, "run_id": "run-1"}
            for row in gdelt[::2]
        ]
        insert_events(store.con, gdelt + run)  # the run's events: never in the index

    with icews_client(tmp_path_factory.mktemp("dyadindex"), fill) as test_client:
        yield test_client


_services = services


def _sql_answer(
    client: TestClient, query: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> bytes:
    """The route's answer with the index out of the way (the SQL path)."""
    with monkeypatch.context() as patch:
        patch.setattr(services_module.Services, "dyad_index", lambda self: None)
        answer = client.get(DYAD, params=query)
    assert answer.status_code == 200
    return answer.content


def _queries(count: int) -> list[dict[str, Any]]:
    rng = random.Random(11)
    queries = []
    for i in range(count):
        a, b = PAIRS[i % len(PAIRS)]
        query: dict[str, Any] = {"a": a, "b": b, **rng.choice(WINDOWS)}
        query["by"] = ("day", "week", "month", "quarter", "year")[i % 5]
        if rng.random() < 0.3:
            query["directed"] = "true"
        if rng.random() < 0.4:
            query["dataset"] = rng.choice(["icews", "gdelt1"])
        if rng.random() < 0.4:
            query["convention"] = "gdelt"
        if rng.random() < 0.4:
            query["igo_as_state"] = "true"
        queries.append(query)
    return queries


def test_the_index_answers_as_sql(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = services_module.Services.dyad_index

    def spy(self: Services) -> Any:
        found = real(self)
        calls.append(found is not None)
        return found

    nonempty = 0
    queries = _queries(160)
    for query in queries:
        with monkeypatch.context() as patch:
            patch.setattr(services_module.Services, "dyad_index", spy)
            patch.setattr("accord.api.routes.relations.dyad_report", _no_sql)
            answer = client.get(DYAD, params=query)
        assert answer.status_code == 200
        assert answer.content == _sql_answer(client, query, monkeypatch), query
        nonempty += bool(answer.json()["points"])
    # a repeated query is answered from the response cache
    distinct = len({tuple(sorted(q.items())) for q in queries})
    assert calls == [True] * distinct and distinct > 150 and nonempty > 80


def _no_sql(*args: Any, **kwargs: Any) -> DyadSeries:
    raise AssertionError("the SQL path was taken")


def test_sectors_and_runs_are_asked_of_sql(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    for query in (
        {"a": "CHN", "b": "JPN", "sector": "government"},
        {"a": "ISR", "b": "USA", "run": "run-1"},
    ):
        with monkeypatch.context() as patch:
            patch.setattr("accord.api.routes.relations.dyad_report", _no_sql)
            with pytest.raises(AssertionError, match="SQL path"):
                client.get(DYAD, params=query)
        answer = client.get(DYAD, params=query)
        assert answer.status_code == 200 and answer.content == _sql_answer(
            client, query, monkeypatch
        )


def _insert_copy(svc: Services, event_id: str) -> None:
    """One more USA-RUS event (a copy of an ICEWS one dated 2018-06-01), committed."""
    with svc.locked_store() as store, store.transaction() as con:
        con.execute(
            "INSERT INTO events SELECT * REPLACE ($id AS event_id, DATE '2018-06-01' AS event_date)"
            " FROM events WHERE dataset = 'icews' AND source_country = 'USA'"
            " AND target_country = 'RUS' AND quad_class = 1 LIMIT 1",
            {"id": event_id},
        )


def _june(client: TestClient) -> int:
    points = client.get(
        DYAD,
        params={"a": "USA", "b": "RUS", "by": "year", "from": "2018-06-01", "to": "2018-06-01"},
    ).json()["points"]
    return int(points[0]["events"]) if points else 0


def test_a_write_makes_a_new_index(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    svc = _services(client)
    before = _june(client)
    built: list[int] = []
    real = services_module.build_dyad_index
    monkeypatch.setattr(services_module, "build_dyad_index", lambda *a: built.append(1) or real(*a))
    _insert_copy(svc, "index-test-1")
    assert _june(client) == before + 1  # the first request after the write builds again
    assert _june(client) == before + 1 and built == [1]  # once per write
    indexed = svc.dyad_index()
    assert indexed is not None and indexed[0] == svc.store.generation


def test_a_write_under_way_is_not_answered_from_the_index(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    svc = _services(client)
    assert svc.dyad_index() is not None
    with another_writer(svc.store.path):
        calls: list[str] = []
        real = services_module.Services.unchanged_since
        monkeypatch.setattr(
            services_module.Services,
            "unchanged_since",
            lambda self, g: calls.append("checked") or real(self, g),
        )
        query = {"a": "USA", "b": "RUS"}
        with monkeypatch.context() as patch:
            patch.setattr("accord.api.routes.relations.dyad_report", _no_sql)
            with pytest.raises(AssertionError, match="SQL path"):
                client.get(DYAD, params=query)
        assert calls and calls[0] == "checked"


def test_a_stale_index_is_never_used(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    svc = _services(client)
    indexed = svc.dyad_index()
    assert indexed is not None
    before = _june(client)
    # a write commits while another thread builds: this request may not wait for the index
    # nor use the one it has (older than the write); it asks SQL and sees the new event
    _insert_copy(svc, "index-test-2")
    with svc._dyad_lock:
        assert svc.dyad_index() is None
        assert _june(client) == before + 1
    assert svc.dyad_index() is not None and _june(client) == before + 1


def test_one_thread_builds_per_write(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    svc = _services(client)
    _insert_copy(svc, "index-test-3")
    started, release = threading.Event(), threading.Event()
    real = services_module.build_dyad_index
    built: list[int] = []

    def slow(*args: Any) -> Any:
        built.append(1)
        started.set()
        release.wait(10)
        return real(*args)

    monkeypatch.setattr(services_module, "build_dyad_index", slow)
    found: list[object] = []
    builder = threading.Thread(target=lambda: found.append(svc.dyad_index()))
    builder.start()
    started.wait(10)
    assert svc.dyad_index() is None  # another thread builds: ask SQL, do not wait
    release.set()
    builder.join()
    again = svc.dyad_index()
    assert built == [1] and isinstance(found[0], tuple) and again is not None
    assert again[1] is found[0][1] and again[0] == svc.store.generation


def test_above_the_cap_every_request_asks_sql(tmp_path_factory: pytest.TempPathFactory) -> None:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared reference data not found at {SHARED_DATA}")
    root = tmp_path_factory.mktemp("capped")
    with Store(root / "api.duckdb") as store:
        ingest(store, [SHARED_DATA / "icews" / "events.2018.sample.tab"])
    settings = Settings(
        db=root / "api.duckdb",
        data_dir=root / "data",
        allowed_hosts=("testserver",),
        dyad_index_events=100,
    )
    with TestClient(create_app(settings)) as capped:
        svc = _services(capped)
        assert svc.dyad_index() is None
        assert capped.get(DYAD, params={"a": "USA", "b": "RUS"}).json()["points"][0]["events"] == 20
