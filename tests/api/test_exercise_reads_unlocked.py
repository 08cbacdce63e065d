"""Exercise reads never wait for a write: with the store held by an ingest (the server's store
lock and the store's write lock, for a minute on a big file), `GET /api/exercises` and a
session's views answer at once, from the reading thread's own connection; and a read of a
store where no session was ever started answers empty without creating a table."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest
from fastapi.testclient import TestClient

from accord.api.exercise_live import SessionHub, sync
from accord.api.routes import exercises as routes
from accord.api.services import Services
from accord.errors import NotFoundError
from accord.exercises import list_sessions
from accord.exercises.session import facilitator_token, open_session
from accord.exercises.store_io import last_seq
from accord.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "exercises" / "fixtures"
#: Seconds a read may take while the store is held (it used to wait for the whole write, which
#: the test holds until the reads are done: any bound fails the old code; 10 s leaves a busy
#: CI room).
PROMPT = 10.0
T = TypeVar("T")


@pytest.fixture(autouse=True)
def tiny_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    """The API's shipped exercises are the test fixtures (the tiny exercise)."""
    monkeypatch.setattr(routes, "EXERCISE_DIR", FIXTURES)


@contextmanager
def ingest_under_way(svc: Services) -> Iterator[None]:
    """Hold the store as an ingest does (store lock and write lock) in another thread."""
    held, release = threading.Event(), threading.Event()

    def ingest() -> None:
        with svc.locked_store() as store, store.writing():
            held.set()
            release.wait(30)

    thread = threading.Thread(target=ingest)
    thread.start()
    try:
        assert held.wait(10), "the writer thread never took the store"
        yield
    finally:
        release.set()
        thread.join()


def promptly(fn: Callable[..., T], *args: Any) -> T:
    """`fn(*args)`, failing when it takes more than `PROMPT` seconds (it is left to finish
    once the store is free again)."""
    pool = ThreadPoolExecutor(1)
    try:
        return pool.submit(fn, *args).result(timeout=PROMPT)
    finally:
        pool.shutdown(wait=False)


def test_exercise_reads_answer_while_an_ingest_holds_the_store(client: TestClient) -> None:
    body = {"exercise": "tiny", "players": {"PHL": "ana"}}
    started = client.post("/api/exercises/sessions", json=body).json()
    sid, phl = started["session_id"], started["invites"]["PHL"]
    base = f"/api/exercises/sessions/{sid}"
    svc: Services = client.app.state.services  # type: ignore[attr-defined]
    with ingest_under_way(svc):
        listing = promptly(client.get, "/api/exercises")
        sessions = promptly(client.get, "/api/exercises/sessions")
        view = promptly(client.get, f"{base}?token={phl}")
        inbox = promptly(client.get, f"{base}/inbox?token={phl}")
        table = promptly(client.get, f"{base}/tables/resupply?token={phl}")
        clock = promptly(client.get, f"{base}/clock?token={phl}")
        wrong = promptly(client.get, f"{base}?token=not-a-token")
    assert listing.status_code == 200
    assert [s["session_id"] for s in listing.json()["sessions"]] == [sid]
    assert [e["name"] for e in listing.json()["exercises"]] == ["tiny"]
    assert [s["session_id"] for s in sessions.json()] == [sid]
    assert view.status_code == 200
    assert (view.json()["session_id"], view.json()["you"], view.json()["turn"]) == (sid, "PHL", 1)
    assert inbox.status_code == 200 and inbox.json()["you"] == "PHL"
    assert table.status_code == 200 and table.json()["table"] == "resupply"
    assert clock.status_code == 200 and clock.json()["status"] == "running"
    assert wrong.status_code == 404


def test_a_stream_announcement_does_not_wait_for_an_ingest(client: TestClient) -> None:
    started = client.post("/api/exercises/sessions", json={"exercise": "tiny"}).json()
    sid = started["session_id"]
    svc: Services = client.app.state.services  # type: ignore[attr-defined]
    hub = SessionHub()
    with ingest_under_way(svc):
        promptly(sync, svc, hub, sid)
    assert hub.announced(sid) == last_seq(svc.reader().con, sid) > 0  # where streams start


def test_reads_of_a_store_without_sessions_create_nothing(tmp_path: Path) -> None:
    db = tmp_path / "fresh.duckdb"
    with Store(db) as store:
        held, release = threading.Event(), threading.Event()

        def writer() -> None:
            with Store(db) as other, other.writing():
                held.set()
                release.wait(30)

        thread = threading.Thread(target=writer)
        thread.start()
        try:
            assert held.wait(10)
            assert promptly(list_sessions, store) == ()
            with pytest.raises(NotFoundError, match="no exercise session 'x'"):
                promptly(open_session, store, "x", "token")
            with pytest.raises(NotFoundError):
                promptly(facilitator_token, store, "x")
        finally:
            release.set()
            thread.join()
        assert store.version("exercises") == 0  # no table was made by a read
        tables = store.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'exercise_%'"
        ).fetchone()
        assert tables == (0,)
