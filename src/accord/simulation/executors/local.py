"""The local engine: in this process (one worker) or a pool of local processes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from accord.simulation.executors.base import Executor, RunSpec, execute
from accord.simulation.results import RunResult
from accord.simulation.runner import Prepared

_PREPARED: Prepared | None = None


def _install(prepared: Prepared) -> None:
    global _PREPARED
    _PREPARED = prepared


def _execute_installed(spec: RunSpec) -> RunResult:
    if _PREPARED is None:  # pragma: no cover - the pool initializer always runs first
        raise RuntimeError("worker has no prepared scenario")
    return execute(_PREPARED, spec)


class LocalExecutor(Executor):
    """Runs in this process when `workers == 1`, else in a process pool of that size (the
    prepared scenario is sent once to each worker by the pool initializer)."""

    def __init__(self, workers: int = 1) -> None:
        if workers < 1:
            raise ValueError("workers must be >= 1")
        self.workers = workers

    def runs(self, prepared: Prepared, specs: Sequence[RunSpec]) -> Iterator[RunResult]:
        if self.workers == 1 or len(specs) <= 1:
            for spec in specs:
                yield execute(prepared, spec)
            return
        with ProcessPoolExecutor(
            max_workers=self.workers, initializer=_install, initargs=(prepared,)
        ) as pool:
            pending: set[Future[RunResult]] = {pool.submit(_execute_installed, s) for s in specs}
            try:
                while pending:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        yield future.result()
            finally:  # a consumer that stops early (a cancelled job) waits for no run not begun
                pool.shutdown(cancel_futures=True)
