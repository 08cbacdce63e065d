"""Same scenario and seed: identical results whatever the engine and number of workers."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from accord.simulation import DaskExecutor, Ensemble, LocalExecutor, simulate
from tests.simulation.conftest import prepared

RUNS = 3


def _run(executor: LocalExecutor | DaskExecutor) -> Ensemble:
    ready = prepared("south-china-sea")
    short = type(ready)(
        ready.scenario.__class__(**{**ready.scenario.__dict__, "steps": 16}),
        ready.state,
        ready.params,
        ready.shocks,
    )
    with executor:
        return simulate(
            short.scenario, runs=RUNS, seed=7, executor=executor, events="all", prepared=short
        )


@cache
def _reference() -> Ensemble:
    """The in-process run every engine is compared with (shared by the tests)."""
    return _run(LocalExecutor(1))


def _same(a: Ensemble, b: Ensemble) -> None:
    assert [r.run_id for r in a.results] == [r.run_id for r in b.results]
    for x, y in zip(a.results, b.results, strict=True):
        np.testing.assert_array_equal(x.metrics, y.metrics)
        np.testing.assert_array_equal(x.events.action, y.events.action)
        np.testing.assert_array_equal(x.events.source, y.events.source)
        np.testing.assert_array_equal(x.events.target, y.events.target)
        assert x.ties == y.ties
        assert x.negotiations == y.negotiations


def test_runs_differ_but_repeat_exactly() -> None:
    first = _reference()
    again = _run(LocalExecutor(1))
    _same(first, again)
    a, b = first.results[0].events, first.results[1].events
    assert len(a) != len(b) or not np.array_equal(a.action, b.action)


def test_local_process_pool_equals_in_process() -> None:
    _same(_reference(), _run(LocalExecutor(2)))


@pytest.mark.slow  # starts a Dask cluster (scheduler and two worker processes)
def test_dask_cluster_of_two_workers_equals_local() -> None:
    pytest.importorskip("distributed")
    _same(_reference(), _run(DaskExecutor(2)))
