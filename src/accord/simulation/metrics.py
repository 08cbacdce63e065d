"""Per-step metrics of a run: global cooperation, crises, wars, bloc polarisation, ties.

- cooperation: (cooperative - conflictual events) / events of the step (quad classes 1-2
  against 3-4), the net cooperation of `accord.relations` applied to the whole system.
- goldstein_mean: mean Goldstein score of the step's events.
- active_crises: dyads at rung >= 1; wars: directed wars under way.
- polarisation: the system split in two blocs by the sign of the leading eigenvector of the
  centred, symmetrised relation matrix; polarisation is (mean relation within blocs - mean
  relation across blocs) / 2, in [0, 1]. The eigenvector is tracked by power iteration warm
  started from the previous step, so the metric costs a few matrix-vector products a step.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from accord.simulation.actions import action_table
from accord.simulation.results import METRICS
from accord.simulation.state import FloatArray, SimState, upper_pairs


class BlocTracker:
    """Tracks the two-bloc split of a relation matrix across steps."""

    def __init__(self, n: int, iterations: int = 4) -> None:
        self.vector = np.linspace(-1.0, 1.0, n)
        self.iterations = iterations

    def split(self, relation: FloatArray) -> npt.NDArray[np.bool_]:
        """Bloc membership (True / False) for every state."""
        sym = (relation + relation.T) / 2.0
        centred = sym - sym.mean()
        shift = np.abs(centred).sum(axis=1).max()
        v = self.vector
        for _ in range(self.iterations):
            v = centred @ v + shift * v
            norm = np.linalg.norm(v)
            v = v / norm if norm > 0 else np.linspace(-1.0, 1.0, v.size)
        self.vector = v
        return v >= 0

    def polarisation(self, relation: FloatArray) -> float:
        bloc = self.split(relation)
        same = bloc[:, None] == bloc[None, :]
        np.fill_diagonal(same, False)
        across = bloc[:, None] != bloc[None, :]
        if not same.any() or not across.any():
            return 0.0
        sym = (relation + relation.T) / 2.0
        return float((sym[same].mean() - sym[across].mean()) / 2.0)


def step_metrics(state: SimState, actions: npt.NDArray[np.intp], blocs: BlocTracker) -> FloatArray:
    """The METRICS row for a step whose events had these action indices."""
    table = action_table()
    quad = table.quad[actions]
    events = actions.size
    coop = float(np.count_nonzero(quad <= 2))
    cooperation = (2.0 * coop - events) / events if events else 0.0
    gold = float(table.goldstein[actions].mean()) if events else 0.0
    iu = upper_pairs(state.n)
    row = {
        "cooperation": cooperation,
        "goldstein_mean": gold,
        "events": float(events),
        "active_crises": float(np.count_nonzero(state.crisis[iu])),
        "wars": float(np.count_nonzero(state.war)),
        "polarisation": blocs.polarisation(state.relation),
        "sanctions": float(np.count_nonzero(state.sanction)),
        "alliances": float(np.count_nonzero(state.ally[iu])),
    }
    return np.array([row[m] for m in METRICS])
