"""Per-step metrics of a run: global cooperation, crises, wars, bloc polarisation, ties.

- cooperation: (cooperative - conflictual events) / events of the step (quad classes 1-2
  against 3-4), the net cooperation of `accord.relations` applied to the whole system.
- goldstein_mean: mean Goldstein score of the step's events.
- active_crises: dyads at rung >= 1; wars: directed wars under way.
- sanctions: sanctioning (sender, target) pairs, a UN regime counted once (not per member).
- polarisation: the system split in two blocs by the sign of the leading eigenvector of the
  centred, symmetrised relation matrix; polarisation is (mean relation within blocs - mean
  relation across blocs) / 2, in [0, 1]. The eigenvector is tracked by power iteration warm
  started from the previous split, refreshed every `REFRESH` steps (a few matrix-vector
  products); in between, the blocs are held and only their sums are taken, from one product
  `relation @ [bloc, 1]`, which the runner gets from the relation update's own pass over the
  matrix (`rules.attitudes.update`), so a step makes no extra pass for the metric.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from accord.simulation.actions import action_table
from accord.simulation.state import FloatArray, SimState, row_blocks

#: Steps between two refreshes of the bloc split (power iterations over the whole matrix): the
#: split of a calm system moves slowly (on the default world it is the same at every step of
#: the burnt-in baseline), and a refresh costs about six passes over the matrix.
REFRESH = 4
#: The speed (change of the unit eigenvector a step, Euclidean) above which the split is
#: refreshed at every step: on the calm default world it moves 0.0015-0.003 a step; after a
#: summit or a war 0.01-0.15, for a few to a few tens of steps.
MOVING = 0.004


class BlocTracker:
    """Tracks the two-bloc split of a relation matrix across steps.

    Works on a float32 copy `r` of the relation matrix in a reused buffer (half the memory
    traffic of float64; the metric needs no more precision) and never forms the symmetrised
    matrix: `(r + r.T) @ v` is `r @ v + v @ r`, computed in one pass over `r` block by block
    of rows (`state.row_blocks`: each block gives its rows of `r @ v` and adds its share of
    `v @ r` while it is in cache). The copy is made in the same pass as the first product,
    with the sums the power-iteration shift needs. The block means come from one product with
    the bloc indicator and the ones vector.
    """

    def __init__(
        self,
        n: int,
        iterations: int = 4,
        first: int = 60,
        every: int = REFRESH,
        start: FloatArray | None = None,
    ) -> None:
        self.vector = np.linspace(-1.0, 1.0, n) if start is None else start.copy()
        self.iterations = iterations
        # the first split converges from scratch (no start-up drift), unless `start` is a
        # converged split already (of the prepared state: `initial_split`)
        self.first = first if start is None else 0
        self.every = max(every, 1)
        self.calls = self.last = 0  # polarisations computed; the call of the last refresh
        self.speed = np.inf  # how far the unit eigenvector moved a step, at the last refresh
        self.woken = False  # a shock moved the relations: refresh at the next call
        self._r = np.empty((n, n), dtype=np.float32)
        self._blocks = row_blocks(n, n * self._r.itemsize)
        self._total = self._squares = 0.0  # sum and sum of squares of `r`, set by `_sums`

    def _sym2(
        self, m: npt.NDArray[np.float32], source: FloatArray | None = None
    ) -> npt.NDArray[np.float32]:
        """`(r + r.T) @ m` for a vector or an (n, k) block `m`; with `source`, `r` is first
        loaded from it (block by block, in the same pass)."""
        r = self._r
        out = np.empty(m.shape, dtype=np.float32)
        across = np.zeros(m.shape[::-1], dtype=np.float32)  # (m.T @ r) accumulated
        for rows in self._blocks:
            block = r[rows]
            if source is not None:
                np.copyto(block, source[rows], casting="same_kind")
                self._sums(source[rows], block)
            out[rows] = block @ m
            across += m[rows].T @ block
        out += across.T
        return out

    def _sums(self, source: FloatArray, block: npt.NDArray[np.float32]) -> None:
        """Add a block's sum (of the float64 relations: no float32 upcast, which costs more
        than the block's product) and sum of squares (float32) to the running totals."""
        flat = block.reshape(-1)
        self._total += float(source.sum())
        self._squares += float(np.dot(flat, flat))

    def split(self, relation: FloatArray) -> npt.NDArray[np.bool_]:
        """Bloc membership (True / False) for every state: the float32 copy of `relation`
        is loaded in the pass of the first power-iteration product."""
        self._total = self._squares = 0.0
        v = self.vector.astype(np.float32)
        product = self._sym2(v, relation)
        # centred = sym - mean(sym) = (sym2 - mean(sym2)) / 2 with sym2 = r + r.T, shifted by
        # a bound on its spectral radius so that power iteration finds the leading eigenvector:
        # the Frobenius norm, at most sqrt(sum r^2 - n^2 mean(r)^2) (convexity)
        n = self._r.shape[0]
        mean = 2.0 * self._total / max(n * n, 1)  # mean of sym2
        shift = float(np.sqrt(max(self._squares - (n * mean / 2.0) ** 2, 0.0))) + 1e-6
        rounds, self.first = max(self.first, self.iterations), 0
        for k in range(rounds):
            product = product if k == 0 else self._sym2(v)
            v = 0.5 * (product - mean * v.sum()) + shift * v
            norm = np.linalg.norm(v)
            v = v / norm if norm > 0 else np.linspace(-1.0, 1.0, v.size, dtype=np.float32)
        self.vector = v.astype(np.float64)
        return v >= 0

    @property
    def due(self) -> bool:
        """Whether the next `polarisation` refreshes the split: every `every` calls, at the
        next call after `wake`, and at every call while the eigenvector moves faster than
        `MOVING` a step (after a shock, until the split has settled)."""
        return self.woken or self.speed > MOVING or self.calls - self.last >= self.every

    def wake(self) -> None:
        """Refresh the split at the next call (the caller changed relations in bulk)."""
        self.woken = True

    def split_columns(self) -> FloatArray:
        """`[bloc, 1]` (n x 2, float64) of the current split: while it is held, `relation @
        split_columns()` is all the next `polarisation` needs."""
        x = (self.vector >= 0).astype(np.float64)
        return np.column_stack([x, np.ones_like(x)])

    def polarisation(self, relation: FloatArray, sums: FloatArray | None = None) -> float:
        """(Mean relation within the blocs - mean relation across them) / 2 (module docstring).

        On a refresh the split is recomputed; otherwise the held split is used. `sums` is
        `relation @ split_columns()` of the held split when the caller has it (else one product
        here); a refresh that keeps the split uses it too."""
        refresh, call = self.due, self.calls
        self.calls += 1
        if refresh:
            before, since, fresh = self.vector, max(call - self.last, 1), self.first > 0
            bloc = self.split(relation)
            self.last, self.woken = call, False
            # from scratch (the start vector is arbitrary) the move says nothing of the speed
            self.speed = 0.0 if fresh else float(np.linalg.norm(self.vector - before)) / since
            if sums is not None and np.array_equal(bloc, before >= 0):
                return _bloc_value(bloc.astype(np.float64), sums, 1.0)
            # sums of the symmetrised relation (diagonal 0) within and across the blocs,
            # from sym2 @ [x, 1] = (r + r.T) @ [x, 1]
            ones = np.ones(bloc.size, dtype=np.float32)
            both = self._sym2(np.column_stack([bloc.astype(np.float32), ones]))
            return _bloc_value(bloc.astype(np.float64), both.astype(np.float64), 2.0)
        x = (self.vector >= 0).astype(np.float64)
        if sums is None:
            sums = relation @ np.column_stack([x, np.ones_like(x)])
        return _bloc_value(x, sums, 1.0)


def initial_split(relation: FloatArray) -> FloatArray:
    """The converged leading vector of a prepared state's relations: the start of every run's
    tracker (`BlocTracker(start=...)`), so that no run converges from scratch."""
    tracker = BlocTracker(relation.shape[0])
    tracker.split(relation)
    return tracker.vector


def _bloc_value(x: FloatArray, both: FloatArray, sym: float) -> float:
    """The polarisation of the split `x` (1 in bloc A, 0 in B) from `both` = `m @ [x, 1]`,
    where `m` is `r + r.T` (`sym` 2) or `r` itself (`sym` 1: the sums of the symmetrised
    matrix over a bloc pair are those of `r` over both orders)."""
    n = x.size
    na = float(x.sum())
    nb = n - na
    same = na * (na - 1.0) + nb * (nb - 1.0)
    across = 2.0 * na * nb
    if same <= 0 or across <= 0:
        return 0.0
    y = 1.0 - x
    sx, s1 = both[:, 0], both[:, 1]
    if sym == 2.0:
        # within = (x.Sx + y.Sy) / 2, across = y.Sx (S = r + r.T, y = 1 - x)
        sy = s1 - sx
        within = (float(x @ sx) + float(y @ sy)) / 2.0
        between = float(y @ sx)  # each unordered cross pair once, twice symmetrised
    else:
        # with r: x.r.x, x.r.1, 1.r.x, 1.r.1 give within = x.r.x + y.r.y, across = y.r.x + x.r.y
        xrx, rx, xr1, total = float(x @ sx), float(sx.sum()), float(x @ s1), float(s1.sum())
        within = xrx + (total - rx - xr1 + xrx)
        between = (rx - xrx) + (xr1 - xrx)
    return float((within / same - between / across) / 2.0)


def step_metrics(
    state: SimState,
    actions: npt.NDArray[np.integer[Any]],
    blocs: BlocTracker,
    ties: tuple[int, int] | None = None,
    sums: FloatArray | None = None,
) -> FloatArray:
    """The METRICS row for a step whose events had these action indices.

    Crises and wars come from the dyads in crisis (`SimState.crisis_dyads`); `ties` gives
    the numbers of sanctioning dyads and of alliances when the caller keeps them (the
    runner's `TieView`), else they are counted (alliances are symmetric: half the cells)."""
    crises = state.crisis_dyads()[0].size
    wars = state.wars()[0].size
    if ties is None:
        ties = (int(np.count_nonzero(state.sanction)), int(np.count_nonzero(state.ally)) // 2)
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
            float(crises),
            float(wars),
            blocs.polarisation(state.relation, sums),
            float(ties[0] + np.count_nonzero(state.regimes)),
            float(ties[1]),
        ]
    )
