"""Per-step metrics of a run: global cooperation, crises, wars, bloc polarisation, ties.

- cooperation: (cooperative - conflictual events) / events of the step (quad classes 1-2
  against 3-4), the net cooperation of `accord.relations` applied to the whole system.
- goldstein_mean: mean Goldstein score of the step's events.
- active_crises: dyads at rung >= 1; wars: directed wars under way.
- sanctions: sanctioning (sender, target) pairs, a UN regime counted once (not per member).
- polarisation: the system split in two blocs by the sign of the leading eigenvector of the
  centred, symmetrised relation matrix; polarisation is (mean relation within blocs - mean
  relation across blocs) / 2, in [0, 1]. The eigenvector is tracked by power iteration warm
  started from the previous step, so the metric costs a few matrix-vector products a step.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from accord.simulation.actions import action_table
from accord.simulation.state import FloatArray, SimState


class BlocTracker:
    """Tracks the two-bloc split of a relation matrix across steps.

    Works on `relation + relation.T` (twice the symmetrised matrix) in a reused float32
    buffer (half the memory traffic of float64; the metric needs no more precision); the
    block means come from two matrix-vector products instead of n x n masks.
    """

    def __init__(self, n: int, iterations: int = 4, first: int = 60) -> None:
        self.vector = np.linspace(-1.0, 1.0, n)
        self.iterations = iterations
        self.first = first  # the first split converges from scratch: no start-up drift
        self._sym2 = np.empty((n, n), dtype=np.float32)
        self._work = np.empty((n, n), dtype=np.float32)

    def _symmetrised(self, relation: FloatArray) -> npt.NDArray[np.float32]:
        np.add(relation, relation.T, out=self._sym2, casting="same_kind")
        return self._sym2

    def split(self, relation: FloatArray) -> npt.NDArray[np.bool_]:
        """Bloc membership (True / False) for every state."""
        sym2 = self._symmetrised(relation)
        return self._split(sym2)

    def _split(self, sym2: npt.NDArray[np.float32]) -> npt.NDArray[np.bool_]:
        # centred = sym - mean(sym) = (sym2 - mean(sym2)) / 2, shifted by a bound on its
        # spectral radius (Gershgorin) so that power iteration finds the leading eigenvector
        mean = float(sym2.mean())
        work = np.subtract(sym2, mean, out=self._work)
        shift = 0.5 * float(np.abs(work, out=work).sum(axis=1).max())
        v = self.vector.astype(np.float32)
        rounds, self.first = max(self.first, self.iterations), 0
        for _ in range(rounds):
            v = 0.5 * (sym2 @ v - mean * v.sum()) + shift * v
            norm = np.linalg.norm(v)
            v = v / norm if norm > 0 else np.linspace(-1.0, 1.0, v.size, dtype=np.float32)
        self.vector = v.astype(np.float64)
        return v >= 0

    def polarisation(self, relation: FloatArray) -> float:
        sym2 = self._symmetrised(relation)
        bloc = self._split(sym2)
        n = bloc.size
        x = bloc.astype(np.float32)
        y = 1.0 - x
        na = float(x.sum())
        nb = n - na
        same = na * (na - 1.0) + nb * (nb - 1.0)
        across = 2.0 * na * nb
        if same <= 0 or across <= 0:
            return 0.0
        # sums of the symmetrised relation (diagonal 0) within and across the blocs
        sx = sym2 @ x
        within = (float(x @ sx) + float(y @ (sym2 @ y))) / 2.0
        between = float(y @ sx)  # each unordered cross pair once, twice symmetrised: ordered pairs
        return float((within / same - between / across) / 2.0)


def step_metrics(
    state: SimState, actions: npt.NDArray[np.integer[Any]], blocs: BlocTracker
) -> FloatArray:
    """The METRICS row for a step whose events had these action indices.

    Crises and alliances are symmetric with an empty diagonal, so the unordered dyads are
    half the non-zero cells."""
    table = action_table()
    quad = table.quad[actions]
    events = actions.size
    coop = float(np.count_nonzero(quad <= 2))
    cooperation = (2.0 * coop - events) / events if events else 0.0
    gold = float(table.goldstein[actions].mean()) if events else 0.0
    return np.array(
        [
            cooperation,
            gold,
            float(events),
            float(np.count_nonzero(state.crisis) // 2),
            float(np.count_nonzero(state.war)),
            blocs.polarisation(state.relation),
            float(np.count_nonzero(state.sanction) + np.count_nonzero(state.regimes)),
            float(np.count_nonzero(state.ally) // 2),
        ]
    )
