"""The distributed engine: Dask distributed.

With no address, a `distributed.LocalCluster` of `workers` single-threaded worker processes
is started (and closed with the executor); with `address` (`tcp://host:8786`), the runs go to
that existing scheduler. The prepared scenario is scattered once to every worker; each run is
one task, and results stream back as tasks finish.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any
from uuid import uuid4

from accord.simulation.executors.base import Executor, RunSpec, execute
from accord.simulation.results import RunResult
from accord.simulation.runner import Prepared


class DaskExecutor(Executor):
    """Runs on a Dask cluster (a local one of `workers` processes unless `address`)."""

    def __init__(self, workers: int = 2, address: str | None = None) -> None:
        if workers < 1:
            raise ValueError("workers must be >= 1")
        self.workers = workers
        self.address = address
        self._cluster: Any = None
        self._client: Any = None

    def _connect(self) -> Any:
        if self._client is None:
            from distributed import Client, LocalCluster

            if self.address is None:
                self._cluster = LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                )
                self._client = Client(self._cluster)  # type: ignore[no-untyped-call]
            else:
                self._client = Client(self.address)  # type: ignore[no-untyped-call]
        return self._client

    def runs(self, prepared: Prepared, specs: Sequence[RunSpec]) -> Iterator[RunResult]:
        from distributed import as_completed

        client = self._connect()
        # a key of its own per call: the runs an earlier call cancelled (a consumer that
        # stopped early) must not take this call's copy with them
        shared = client.scatter(prepared, broadcast=True, hash=False)
        batch = uuid4().hex
        futures = [
            client.submit(execute, shared, spec, pure=False, key=f"accord-run-{batch}-{spec.run}")
            for spec in specs
        ]
        left = set(futures)
        try:
            for future in as_completed(futures):  # type: ignore[no-untyped-call]
                result: RunResult = future.result()
                left.discard(future)
                future.release()
                yield result
        finally:  # a consumer that stops early (a cancelled job) leaves no run on the cluster
            if left:
                client.cancel(list(left))

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
