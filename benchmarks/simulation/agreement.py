"""Whether the Mesa port runs the same model as Accord: mean metrics over seeds, side by side.

The simulation is random and path-dependent, so one run of each side cannot be compared value
by value, and a rare outcome (a war held for ten weeks, or none) moves one run's mean tenfold.
Over `seeds` runs a side, each metric's mean over the run is averaged, with its standard error;
`z` is the difference over the combined standard error. Same rules should give |z| below about
3 for every metric (a z of 3 happens by chance about once in 370 comparisons).

    python -m benchmarks.simulation.run --agreement 10   (seeds per side; --steps, --copies)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

#: The metrics compared, as both sides' collectors name them.
COMPARED = ("events", "cooperation", "active_crises", "wars", "sanctions", "alliances")


@dataclass(frozen=True, slots=True)
class Agreement:
    """One metric's run means over the seeds: each side's average and standard error, and z."""

    metric: str
    accord: float
    accord_se: float
    mesa: float
    mesa_se: float

    @property
    def z(self) -> float:
        """(accord - mesa) / combined standard error; 0 when both sides never varied and agree."""
        spread = math.hypot(self.accord_se, self.mesa_se)
        if spread == 0:
            return 0.0 if self.accord == self.mesa else math.inf
        return (self.accord - self.mesa) / spread


def _summary(values: list[float]) -> tuple[float, float]:
    """The mean of `values` and its standard error (0 for a single value)."""
    array = np.asarray(values, dtype=float)
    se = float(array.std(ddof=1) / math.sqrt(len(array))) if len(array) > 1 else 0.0
    return float(array.mean()), se


def agreement(ready: Any, steps: int, seeds: int) -> list[Agreement]:
    """Run Accord's `run_one` and the Mesa port (`mesa_model.SystemModel`) from the prepared
    state `ready` for `steps` steps under seeds 0..`seeds`-1 each, and compare each metric's
    mean over the run (`COMPARED`)."""
    from accord.simulation import run_one
    from benchmarks.simulation.mesa_model import StateAgent, SystemModel

    if seeds < 2:
        raise ValueError("an agreement needs at least 2 seeds a side (for a standard error)")
    accord: dict[str, list[float]] = {name: [] for name in COMPARED}
    mesa: dict[str, list[float]] = {name: [] for name in COMPARED}
    for seed in range(seeds):
        result = run_one(ready, seed, 1)
        model = SystemModel(ready, seed=seed, agent_class=StateAgent)
        for _ in range(steps):
            model.step()
        frame = model.datacollector.get_model_vars_dataframe()
        for name in COMPARED:
            accord[name].append(float(result.metric(name).mean()))
            mesa[name].append(float(frame[name].mean()))
    return [Agreement(name, *_summary(accord[name]), *_summary(mesa[name])) for name in COMPARED]


def print_agreement(rows: list[Agreement], seeds: int, steps: int, states: int) -> None:
    """Print the comparison as a table, flagging |z| >= 3."""
    print(
        f"same rules over {seeds} seeds a side ({states:,} states, {steps} steps): mean over "
        "the run, averaged over seeds (± standard error)",
        flush=True,
    )
    for row in rows:
        flag = "  <- differs" if abs(row.z) >= 3 else ""
        print(
            f"  {row.metric:14s} accord {row.accord:10.4f} ± {row.accord_se:.4f}   "
            f"mesa {row.mesa:10.4f} ± {row.mesa_se:.4f}   z {row.z:+.2f}{flag}",
            flush=True,
        )
