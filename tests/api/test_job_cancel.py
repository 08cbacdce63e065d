"""Stopping background jobs: a client's cancel (`POST /api/jobs/{id}/cancel`) and a server stop.

A queued job is cancelled at once and never runs; a running one stops at its next progress
report, and a store statement it runs is interrupted and rolled back. A stopping server ends
queued jobs, asks running ones to stop, waits a bounded time and records them `interrupted`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from benchmarks.events.generate import generate_gdelt1
from fastapi.testclient import TestClient

from accord.api import Settings, create_app
from accord.api.history import INTERRUPTED, JobHistory
from accord.api.jobs import Job, JobManager, JobState, Progress
from accord.api.routes import simulation as simulation_route
from accord.events import bulk
from accord.simulation.store_io import SIMULATION_SCHEMA, writing_runs
from accord.store import Store
from accord.world import World, default_world

#: A DuckDB statement that runs far longer than any test waits (unless interrupted).
ENDLESS = "SELECT count(*) FROM range(1000000000000) a WHERE a.range % 7 = 3"


def _until(check: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def _blocker(started: threading.Event, release: threading.Event) -> Callable[[Progress], dict]:
    """A work that says it started, then waits for `release` without reporting progress."""

    def work(progress: Progress) -> dict[str, Any]:
        started.set()
        release.wait(30)
        return {"released": True}

    return work


def _reporting(reports: list[float]) -> Callable[[Progress], dict]:
    """A work that reports progress every 10 ms for up to 30 s."""

    def work(progress: Progress) -> dict[str, Any]:
        for k in range(3000):
            progress(k / 3000, f"step {k}")
            reports.append(k / 3000)
            time.sleep(0.01)
        return {}

    return work


@pytest.fixture
def manager() -> Iterator[JobManager]:
    jobs = JobManager(workers=1)
    jobs.stop_wait = 2.0
    yield jobs
    jobs.shutdown()


def test_a_queued_job_is_cancelled_at_once_and_never_runs(manager: JobManager) -> None:
    started, release = threading.Event(), threading.Event()
    first = manager.submit("block", {}, _blocker(started, release))
    assert started.wait(10)
    ran, discarded = threading.Event(), threading.Event()
    second = manager.submit("never", {}, lambda _: ran.set() or {}, discard=discarded.set)
    assert second.state is JobState.QUEUED
    assert manager.cancel(second.id) is True
    assert second.state is JobState.CANCELLED and second.finished_at is not None
    assert discarded.is_set()  # its upload, say, is removed now, not when a worker comes by
    assert [e.state for e in second.events] == [JobState.QUEUED, JobState.CANCELLED]
    assert "cancelled" in second.problems[0]["message"]
    release.set()
    _until(lambda: first.state is JobState.DONE)
    time.sleep(0.1)  # the worker took the cancelled job off its queue by now
    assert not ran.is_set()
    assert manager.cancel(second.id) is False  # finished: nothing to cancel
    assert manager.cancel(first.id) is False


def test_a_running_job_stops_at_its_next_progress_report(manager: JobManager) -> None:
    reports: list[float] = []
    job = manager.submit("steps", {}, _reporting(reports))
    _until(lambda: len(reports) >= 3)
    assert manager.cancel(job.id) is True
    assert manager.cancel(job.id) is True  # asked again while it stops: harmless
    assert job.wait(10)
    assert job.state is JobState.CANCELLED and job.result is None
    assert len(reports) < 100
    assert job.events[-1].state is JobState.CANCELLED
    assert job.message.startswith("cancelled")


def test_reports_from_other_threads_never_raise(manager: JobManager) -> None:
    errors: list[BaseException] = []
    seen = threading.Event()

    def work(progress: Progress) -> dict[str, Any]:
        def watcher() -> None:  # as the bulk ingest's watcher of DuckDB's progress
            try:
                _until(lambda: job.stop_as is not None)
                progress(0.5, "from a watcher")
                seen.set()
            except BaseException as exc:
                errors.append(exc)

        thread = threading.Thread(target=watcher)
        thread.start()
        thread.join()
        progress(0.6, "own thread")  # raises here
        return {}

    job = manager.submit("watched", {}, work)
    _until(lambda: job.state is JobState.RUNNING)
    manager.cancel(job.id)
    assert job.wait(10)
    assert seen.is_set() and errors == []
    assert job.state is JobState.CANCELLED


def test_a_stop_interrupts_the_store_statement_and_rolls_back(
    manager: JobManager, tmp_path: Path
) -> None:
    store = Store(tmp_path / "s.duckdb")
    store.con.execute("CREATE TABLE t (x INTEGER)")
    running = threading.Event()

    def work(progress: Progress) -> dict[str, Any]:
        with progress.interruptible(store.con.interrupt), store.transaction() as con:
            con.execute("INSERT INTO t VALUES (1), (2)")
            running.set()
            con.execute(ENDLESS).fetchall()
        return {}

    job = manager.submit("write", {}, work)
    assert running.wait(10)
    time.sleep(1.0)  # the statement is under way (DuckDB interrupts only a running one)
    manager.cancel(job.id)
    assert job.wait(10)
    assert job.state is JobState.CANCELLED
    assert store.con.execute("SELECT count(*) FROM t").fetchone() == (0,)
    with store.transaction() as con:  # the connection is usable again
        con.execute("INSERT INTO t VALUES (3)")
    assert store.con.execute("SELECT count(*) FROM t").fetchone() == (1,)
    store.close()


def test_an_interrupt_is_never_called_after_its_block(manager: JobManager) -> None:
    calls: list[str] = []
    left = threading.Event()
    release = threading.Event()

    def work(progress: Progress) -> dict[str, Any]:
        with progress.interruptible(lambda: calls.append("interrupted")):
            pass
        left.set()
        release.wait(30)
        return {}

    job = manager.submit("blocks", {}, work)
    assert left.wait(10)
    manager.cancel(job.id)
    release.set()
    assert job.wait(10)
    assert calls == []  # the connection may already run another job's write
    assert job.state is JobState.DONE and "too late" in job.message


def test_a_stopped_job_raises_on_entering_an_interruptible_block(manager: JobManager) -> None:
    entered = threading.Event()
    release = threading.Event()

    def work(progress: Progress) -> dict[str, Any]:
        release.wait(30)
        with progress.interruptible(lambda: None):
            entered.set()
        return {}

    job = manager.submit("late", {}, work)
    _until(lambda: job.state is JobState.RUNNING)
    manager.cancel(job.id)
    release.set()
    assert job.wait(10)
    assert job.state is JobState.CANCELLED and not entered.is_set()


def test_shutdown_stops_jobs_and_records_them_interrupted(tmp_path: Path) -> None:
    history = JobHistory(tmp_path / "h.duckdb")
    jobs = JobManager(workers=1, history=history)
    jobs.stop_wait = 5.0
    reports: list[float] = []
    running = jobs.submit("steps", {}, _reporting(reports))
    queued = jobs.submit("later", {}, lambda _: {})
    _until(lambda: len(reports) >= 2)
    began = time.monotonic()
    assert jobs.shutdown() == 0
    assert time.monotonic() - began < 5
    assert running.state is JobState.INTERRUPTED and queued.state is JobState.INTERRUPTED
    stored = {row["id"]: row for row in history.load(10)}
    assert stored[running.id]["state"] == stored[queued.id]["state"] == "interrupted"
    assert stored[running.id]["problems"][0]["message"] == INTERRUPTED
    history.close()


def test_shutdown_waits_a_bounded_time_and_a_late_end_logs_no_traceback(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    history = JobHistory(tmp_path / "h.duckdb")
    jobs = JobManager(workers=1, history=history)
    jobs.stop_wait = 0.3
    started, release = threading.Event(), threading.Event()
    job = jobs.submit("stubborn", {}, _blocker(started, release))
    assert started.wait(10)
    began = time.monotonic()
    assert jobs.shutdown() == 1
    assert time.monotonic() - began < 2
    worker = next(t for t in threading.enumerate() if t.name.startswith("accord-job"))
    assert worker.daemon  # it does not hold the process at exit
    history.close()
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="accord.api.jobs"):
        release.set()
        _until(lambda: job.state.finished)
        _until(lambda: bool(caplog.records))
    assert job.state is JobState.DONE and "too late" in job.message  # it finished its work
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert all(r.exc_info is None for r in caplog.records)
    assert "after the store closed" in caplog.records[0].getMessage()


# -- over HTTP ----------------------------------------------------------------------------------


def _services(client: TestClient) -> Any:
    return client.app.state.services  # type: ignore[attr-defined]


def _wait(client: TestClient, job_id: str, timeout: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(f"/api/jobs/{job_id}").json()
        if job["state"] not in ("queued", "running"):
            return job
        time.sleep(0.05)
    raise AssertionError("job did not finish")


def test_cancel_a_queued_simulation_over_http(client: TestClient) -> None:
    started, release = threading.Event(), threading.Event()
    jobs = _services(client).jobs
    blocking = [jobs.submit("block", {}, _blocker(started, release)) for _ in range(2)]
    assert started.wait(10)
    r = client.post("/api/simulations", json={"scenario": "sanctions-coalition", "runs": 2})
    job_id = r.json()["id"]
    assert r.json()["state"] == "queued"
    r = client.post(f"/api/jobs/{job_id}/cancel")
    assert r.status_code == 202 and r.json()["state"] == "cancelled"
    assert client.get(f"/api/jobs/{job_id}").json()["state"] == "cancelled"
    r = client.get(f"/api/jobs/{job_id}/result")
    assert r.status_code == 422 and r.json()["error"] == "job cancelled"
    assert r.json()["problems"][0]["message"].startswith("cancelled")
    with client.stream("GET", f"/api/jobs/{job_id}/events") as stream:
        text = "".join(stream.iter_text())
    assert text.rstrip().splitlines()[-3:-1] == ["id: 2", "event: cancelled"]
    r = client.post(f"/api/jobs/{job_id}/cancel")  # finished: nothing to cancel
    assert r.status_code == 409 and r.json()["error"] == "job cancelled"
    assert "job is cancelled" in r.json()["problems"][0]["message"]
    release.set()
    for job in blocking:
        assert job.wait(10)
    r = client.post(f"/api/jobs/{blocking[0].id}/cancel")
    assert r.status_code == 409 and r.json()["error"] == "job done"
    assert client.post(f"/api/jobs/{'0' * 32}/cancel").status_code == 404
    assert client.post("/api/jobs/not-an-id/cancel").status_code == 422
    assert client.delete(f"/api/jobs/{job_id}").status_code == 405  # the job stays listed


@pytest.fixture
def world_client(settings: Settings) -> Iterator[TestClient]:
    """A client over the default world (the shipped scenarios name its states)."""
    with TestClient(create_app(settings, world=default_world())) as test_client:
        yield test_client


def _stored_runs(client: TestClient) -> tuple[int, int]:
    """Simulation runs and simulated events in the store."""
    with _services(client).locked_store() as store:
        store.ensure(SIMULATION_SCHEMA)
        runs = store.con.execute("SELECT count(*) FROM simulation_runs").fetchone()
        events = store.con.execute("SELECT count(*) FROM events WHERE simulated").fetchone()
    assert runs is not None and events is not None
    return runs[0], events[0]


def test_cancel_a_running_ensemble_stops_between_runs(world_client: TestClient) -> None:
    client = world_client
    body = {"scenario": "sanctions-coalition", "runs": 200, "seed": 3}
    job_id = client.post("/api/simulations", json=body).json()["id"]
    _until(lambda: "run 2 of" in client.get(f"/api/jobs/{job_id}").json()["message"])
    r = client.post(f"/api/jobs/{job_id}/cancel")
    assert r.status_code == 202 and r.json()["state"] == "running"
    job = _wait(client, job_id)
    assert job["state"] == "cancelled", job
    assert job["progress"] < 0.5  # stopped between runs, long before the last
    assert _stored_runs(client) == (0, 0)


def test_cancel_while_an_ensemble_is_stored_stores_no_run(
    world_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ensemble's runs are written in one transaction, which the cancel interrupts."""
    client = world_client
    inside = threading.Event()

    def slow(store: Store, results: list[Any], scenario: Any) -> int:
        with writing_runs(store, scenario) as write:
            written = sum(write(result) for result in results)
            inside.set()  # every run written, not committed: a long statement to interrupt
            store.con.execute(ENDLESS).fetchall()
        return written

    monkeypatch.setattr(simulation_route, "write_runs", slow)
    body = {"scenario": "sanctions-coalition", "runs": 3, "seed": 3}
    job_id = client.post("/api/simulations", json=body).json()["id"]
    assert inside.wait(60)
    time.sleep(1.0)  # the statement is under way (DuckDB interrupts only a running one)
    assert client.post(f"/api/jobs/{job_id}/cancel").status_code == 202
    assert _wait(client, job_id)["state"] == "cancelled"
    assert _stored_runs(client) == (0, 0)


def test_cancel_a_running_ingest_interrupts_and_rolls_back_its_statement(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bulk insert's transaction is interrupted: nothing of the file is stored, its log
    row says `interrupted` and the upload is gone."""
    inside = threading.Event()
    real = bulk._ingest

    def slow(writer: Any, *args: Any) -> None:  # a long statement inside the ingest's write
        inside.set()
        writer.con.execute(ENDLESS).fetchall()
        real(writer, *args)

    monkeypatch.setattr(bulk, "_ingest", slow)
    sample = generate_gdelt1(tmp_path / "gen.tsv", 50, seed=5, backfile_share=0.0)
    with sample.open("rb") as fh:
        r = client.post("/api/events/ingest", files={"file": ("daily.tsv", fh)})
    job_id = r.json()["id"]
    assert inside.wait(30)
    time.sleep(1.0)  # the statement is under way (DuckDB interrupts only a running one)
    assert client.post(f"/api/jobs/{job_id}/cancel").status_code == 202
    job = _wait(client, job_id)
    assert job["state"] == "cancelled", job
    svc = _services(client)
    with svc.locked_store() as store:
        assert store.con.execute("SELECT count(*) FROM events").fetchone() == (0,)
        log = store.con.execute("SELECT file, status FROM ingest_log").fetchall()
        assert log == [("daily.tsv", "interrupted")]
        with store.transaction() as con:  # the server's connection writes again
            con.execute("SELECT 1")
    assert list((svc.settings.data_root / "uploads").iterdir()) == []


def test_cancel_is_guarded_like_every_write(
    settings: Settings, mini_world: World, tmp_path: Path
) -> None:
    guarded = Settings(
        db=tmp_path / "g.duckdb",
        data_dir=tmp_path / "gdata",
        allowed_hosts=("testserver",),
        token="a-token-of-enough-length",
    )
    with TestClient(create_app(guarded, world=mini_world)) as client:
        path = f"/api/jobs/{'0' * 32}/cancel"
        assert client.post(path).status_code == 401
        cross = {"Origin": "https://evil.example", "Authorization": f"Bearer {guarded.token}"}
        assert client.post(path, headers=cross).status_code == 403
        auth = {"Authorization": f"Bearer {guarded.token}"}
        assert client.post(path, headers=auth).status_code == 404
        operation = client.get("/openapi.json").json()["paths"]["/api/jobs/{job_id}/cancel"]["post"]
    assert operation["security"] == [{"HTTPBearer": []}]
    assert {"202", "401", "403", "404", "409"} <= set(operation["responses"])


def test_a_stopping_server_does_not_wait_for_a_job_holding_the_store(
    settings: Settings, mini_world: World, caplog: pytest.LogCaptureFixture
) -> None:
    started, release = threading.Event(), threading.Event()
    client = TestClient(create_app(settings, world=mini_world))
    with client:
        svc = _services(client)
        svc.jobs.stop_wait = 0.3

        def hold(progress: Progress) -> dict[str, Any]:
            with svc.locked_store():
                started.set()
                release.wait(30)
            return {}

        job: Job = svc.jobs.submit("hold", {}, hold)
        assert started.wait(10)
        began = time.monotonic()
    assert time.monotonic() - began < 5
    release.set()
    assert job.wait(10)  # ended after the store closed: not recorded, no traceback
    assert all(r.exc_info is None for r in caplog.records if r.name.startswith("accord"))
    history = JobHistory(settings.db)  # the next server reads it interrupted
    assert JobManager(history=history).get(job.id).state is JobState.INTERRUPTED
    history.close()


def test_endless_statement_is_endless() -> None:
    """The statement the tests interrupt does not end by itself within a second."""
    con = duckdb.connect()
    timer = threading.Timer(1.0, con.interrupt)
    timer.start()
    with pytest.raises(duckdb.InterruptException):
        con.execute(ENDLESS).fetchall()
    timer.cancel()
