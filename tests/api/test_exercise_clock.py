"""The exercise clock of a running app survives a store error in one tick: the next tick runs
(under DuckDB 2, one connection used by two threads at once raises instead of waiting, and
that error once ended the clock and surfaced at the app's shutdown)."""

from __future__ import annotations

import asyncio
from typing import Any

import duckdb
import pytest

from accord.api import exercise_live


def test_a_store_error_in_one_tick_does_not_stop_the_clock(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ticks: list[int] = []

    def tick_once(_svc: Any, _hub: Any) -> None:
        ticks.append(len(ticks))
        if len(ticks) == 1:
            raise duckdb.ConnectionException("connection is busy with another call")

    monkeypatch.setattr(exercise_live, "_tick_once", tick_once)
    monkeypatch.setattr(exercise_live, "TICK", 0.01)

    async def run() -> None:
        stop = asyncio.Event()
        clock = asyncio.create_task(exercise_live.run_clock(None, None, stop))  # type: ignore[arg-type]
        while len(ticks) < 3:
            await asyncio.sleep(0.01)
        stop.set()
        await clock  # ends cleanly: the error of the first tick was logged, not raised

    asyncio.run(asyncio.wait_for(run(), 10))
    assert len(ticks) >= 3


def test_a_tick_does_not_wait_for_a_write_holding_the_store(tmp_path: Any) -> None:
    """The tick held one of the two request threads for the length of an ingest: then one
    `GET /api/exercises` took the other, and `/api/health` waited 15 s. It now skips."""
    import threading
    import time

    from fastapi.testclient import TestClient

    from accord.api import Settings, create_app

    settings = Settings(db=tmp_path / "c.duckdb", data_dir=tmp_path / "d")
    with TestClient(create_app(settings)) as client:
        svc = client.app.state.services  # type: ignore[attr-defined]
        held, release = threading.Event(), threading.Event()

        def writer() -> None:
            with svc.locked_store():
                held.set()
                release.wait(10)

        thread = threading.Thread(target=writer)
        thread.start()
        held.wait(5)
        started = time.perf_counter()
        exercise_live._tick_once(svc, exercise_live.SessionHub())
        waited = time.perf_counter() - started
        release.set()
        thread.join()
        exercise_live._tick_once(svc, exercise_live.SessionHub())  # free again: it ticks
    assert waited < 0.5
