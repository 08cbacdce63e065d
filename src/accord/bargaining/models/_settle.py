"""When an iterative model's rounds have settled, and the forecast that does not depend on
where they stop.

An iterative model is a map from one round's state (every actor's position) to the next. Run
long enough, a deterministic map on a finite case either reaches a fixed point or returns to
an earlier state and repeats it from then on (a limit cycle). `Recurrence` stops the run at the
first state that equals (within a tolerance) one of the last `max_period` states; the gap is the
period. A fixed point is a cycle of period 1 (the model converged); on a longer cycle the
forecast is the mean of the round-by-round forecast over one period, the time average on the
cycle, and the band is its minimum and maximum over the period. Every round after the cycle
starts gives the same mean, so it does not depend on the round count. A run that neither
settles nor repeats within the round limit is reported as `unsettled`, with the mean and band
of its last rounds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from accord.bargaining.case import FloatArray
from accord.bargaining.models.base import CONVERGED, CYCLE, UNSETTLED, Convergence

#: How many last rounds the mean and band of an unsettled run cover.
UNSETTLED_WINDOW = 20

RULES = {
    CONVERGED: "the value the rounds settled on",
    CYCLE: "mean over one period of the cycle (the time average on the cycle)",
    UNSETTLED: f"mean over the last {UNSETTLED_WINDOW} rounds (depends on the round limit)",
}


@dataclass
class Recurrence:
    """Finds the first state that repeats one of the last `max_period` states."""

    tol: float
    max_period: int = 200
    history: list[FloatArray] = field(default_factory=list)

    def push(self, state: FloatArray) -> int:
        """Record `state`; return the period if it repeats an earlier state, else 0."""
        flat = np.nan_to_num(np.asarray(state, dtype=float).ravel())
        recent = self.history[-self.max_period :]
        if recent:
            gaps = np.abs(np.vstack(recent) - flat[None, :]).max(axis=1)
            hits = np.flatnonzero(gaps <= self.tol)
            if hits.size:
                self.history.append(flat)
                return len(recent) - int(hits[-1])
        self.history.append(flat)
        return 0


def summarise(values: list[float], period: int) -> tuple[float, Convergence]:
    """The forecast and the convergence report from each round's forecast `values`.

    `period` is what `Recurrence.push` returned for the last round (0: the run stopped at the
    round limit without settling).
    """
    n = len(values)
    if period == 1:
        last = values[-1]
        return last, Convergence(CONVERGED, n, 1, max(n - 1, 0), last, last, RULES[CONVERGED])
    if period > 1:
        status, window, start = CYCLE, values[-period:], n - period + 1
    else:
        status, window, start = UNSETTLED, values[-UNSETTLED_WINDOW:], 0
    mean = float(np.mean(window))
    band = float(min(window)), float(max(window))
    return mean, Convergence(status, n, period, start, *band, RULES[status])
