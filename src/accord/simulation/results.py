"""What a run produces: its events (compact arrays), tie changes, negotiations and metrics."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int32]

#: Metrics recorded at every step, in column order of `RunResult.metrics`.
METRICS: tuple[str, ...] = (
    "cooperation",
    "goldstein_mean",
    "events",
    "active_crises",
    "wars",
    "polarisation",
    "sanctions",
    "alliances",
)


class EventLog:
    """Collects the events of a run as arrays (source, target, action, step): cheap to build,
    to ship between processes, and to turn into canonical event rows later."""

    def __init__(self) -> None:
        self._parts: list[tuple[IntArray, IntArray, IntArray, IntArray]] = []

    def add(self, step: int, source: Any, target: Any, action: Any) -> None:
        """Record events (arrays or scalars broadcast together) at `step`."""
        src, tgt, act = (
            np.asarray(source, dtype=np.int32),
            np.asarray(target, dtype=np.int32),
            np.asarray(action, dtype=np.int32),
        )
        if not (src.ndim == tgt.ndim == act.ndim == 1 and src.size == tgt.size == act.size):
            src, tgt, act = (x.ravel() for x in np.broadcast_arrays(src, tgt, act))
        if src.size == 0:
            return
        keep = src != tgt
        if not keep.all():
            src, tgt, act = src[keep], tgt[keep], act[keep]
        self._parts.append((src, tgt, act, np.full(src.size, step, dtype=np.int32)))

    def extend(self, events: Events) -> None:
        """Record events already collected (for example one step's), without copying."""
        if len(events):
            self._parts.append((events.source, events.target, events.action, events.step))

    def finish(self) -> Events:
        if not self._parts:
            empty = np.zeros(0, dtype=np.int32)
            return Events(empty, empty.copy(), empty.copy(), empty.copy())
        cols = [np.concatenate([p[k] for p in self._parts]) for k in range(4)]
        return Events(cols[0], cols[1], cols[2], cols[3])


@dataclass(frozen=True)
class Events:
    """A run's events: state indices (into `RunResult.codes`), action index, step."""

    source: IntArray
    target: IntArray
    action: IntArray
    step: IntArray

    def __len__(self) -> int:
        return int(self.source.size)


@dataclass(frozen=True)
class TieChange:
    """A dated change in the world's ties: `kind` is alliance, sanction, membership, treaty,
    war or defence (an ally joining a war); `change` is start or end."""

    step: int
    kind: str
    a: str
    b: str
    change: str
    detail: str = ""


@dataclass(frozen=True)
class Negotiation:
    """One multilateral negotiation settled with `accord.bargaining`."""

    step: int
    issue: str
    model: str
    host: str
    outcome: float
    parties: tuple[str, ...]
    signatories: tuple[str, ...]
    capability: tuple[float, ...]
    position: tuple[float, ...]
    salience: tuple[float, ...]


@dataclass
class RunResult:
    """Everything one run produced. `metrics` is (steps, len(METRICS))."""

    run: int
    run_id: str
    seed: int
    codes: tuple[str, ...]
    metrics: npt.NDArray[np.float64]
    events: Events
    ties: list[TieChange] = field(default_factory=list)
    negotiations: list[Negotiation] = field(default_factory=list)
    final_relation: npt.NDArray[np.float32] | None = None

    def metric(self, name: str) -> npt.NDArray[np.float64]:
        """One metric's series over the steps."""
        return self.metrics[:, METRICS.index(name)]
