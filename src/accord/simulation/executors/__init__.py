"""Executors: one interface, several engines, for running the runs of an ensemble.

Every engine gets the same prepared scenario and the same (run, seed) specs and returns the
same results: each run draws from its own child of the master seed, so neither the engine
nor the number of workers changes anything but the wall time.
"""

from accord.errors import InputError, UnknownNameError
from accord.simulation.executors.base import Executor, RunSpec
from accord.simulation.executors.dask import DaskExecutor
from accord.simulation.executors.local import LocalExecutor
from accord.simulation.limits import MAX_WORKERS, check_range

ENGINES = ("local", "dask")


def make_executor(engine: str = "local", workers: int = 1, address: str | None = None) -> Executor:
    """An executor by engine name (`local` or `dask`) with `workers` workers (at most
    `limits.MAX_WORKERS`)."""
    if engine not in ENGINES:
        raise UnknownNameError("executor", engine, ENGINES)
    problem = check_range(workers, 1, MAX_WORKERS, "workers")
    if problem is not None:
        raise InputError(problem)
    if engine == "local":
        return LocalExecutor(workers)
    if engine == "dask":
        return DaskExecutor(workers, address=address)
    raise UnknownNameError("executor", engine, ENGINES)


__all__ = ["ENGINES", "DaskExecutor", "Executor", "LocalExecutor", "RunSpec", "make_executor"]
