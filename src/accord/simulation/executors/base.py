"""The executor interface: run the runs of a prepared scenario, yielding results as they end."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from types import TracebackType

from accord.simulation.results import RunResult
from accord.simulation.runner import Prepared, run_one


@dataclass(frozen=True)
class RunSpec:
    """One run to do: its index, the master seed, and whether to keep its events."""

    run: int
    seed: int
    keep_events: bool = True


def execute(prepared: Prepared, spec: RunSpec) -> RunResult:
    """What every engine runs for one spec (a module-level function, so it pickles)."""
    return run_one(prepared, spec.run, spec.seed, spec.keep_events)


class Executor(ABC):
    """Runs specs of one prepared scenario; `runs` yields results in completion order."""

    workers: int

    @abstractmethod
    def runs(self, prepared: Prepared, specs: Sequence[RunSpec]) -> Iterator[RunResult]:
        """Run every spec and yield each result as soon as it is done."""

    def close(self) -> None:  # noqa: B027 - optional hook, engines without workers keep it
        """Release workers (no-op unless the engine holds any)."""

    def __enter__(self) -> Executor:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
