"""Quantities derived from the ties, cached between tie changes.

The relation baseline, the shared-organization counts and the list of sanctioning dyads
depend only on the ties (alliances, memberships, sanctions, wars), the issue distance and the
memory of real events. Ties change rarely, so the runner builds a `TieView` once and, after a
step with tie changes, updates only the dyads those changes touch (a war, a sanction or an
alliance between a and b changes the baseline of (a, b) and (b, a)); a shock or a change of
membership rebuilds the view.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from accord.simulation.results import TieChange
from accord.simulation.rules import attitudes
from accord.simulation.state import FloatArray, SimState

#: Tie changes between two states that change only their own dyad's baseline.
PAIR_KINDS = frozenset({"war", "sanction", "alliance"})
#: Tie changes that leave the baseline unchanged (an ally joining a war, a dispute starting:
#: they change crises only).
NEUTRAL_KINDS = frozenset({"defence", "dispute"})


@dataclass
class TieView:
    """Derived arrays valid until the next tie change.

    `shared[i, j]` counts the organizations i and j both belong to; `base` is the baseline,
    what the ties predict for each relation (rules.attitudes), toward which relations decay;
    `held` holds the sorted keys `sender * n + target` of the sanctioning dyads and `sender`,
    `target` index them; `alliances` counts the allied pairs (a metric, kept without a scan
    of the dyads).
    """

    shared: FloatArray
    base: FloatArray
    held: npt.NDArray[np.int64]
    alliances: int

    @property
    def sender(self) -> npt.NDArray[np.int64]:
        out: npt.NDArray[np.int64] = self.held // self.base.shape[0]
        return out

    @property
    def target(self) -> npt.NDArray[np.int64]:
        out: npt.NDArray[np.int64] = self.held % self.base.shape[0]
        return out

    def copy(self) -> TieView:
        """A view whose patched array (`base`) is its own; `shared` is only replaced, never
        written, so it is shared."""
        return replace(self, base=self.base.copy())

    def rebuilds(self, changes: Sequence[TieChange]) -> bool:
        """Whether `update` rebuilds the view for these changes (rather than patching it)."""
        return any(c.kind not in PAIR_KINDS | NEUTRAL_KINDS for c in changes)

    def update(
        self,
        state: SimState,
        p: attitudes.RelationParams,
        distance: FloatArray,
        changes: Sequence[TieChange],
    ) -> TieView:
        """The view after `changes` (in place when they only touch dyads, else rebuilt)."""
        if self.rebuilds(changes):
            return tie_view(state, p, distance)
        pairs = [c for c in changes if c.kind in PAIR_KINDS]
        if not pairs:
            return self
        a = np.array([state.index[c.a] for c in pairs], dtype=np.intp)
        b = np.array([state.index[c.b] for c in pairs], dtype=np.intp)
        i, j = np.concatenate([a, b]), np.concatenate([b, a])
        cells = attitudes.baseline_at(state, p, distance, self.shared, i, j)
        if state.base is self.base:  # a run with lazy decay: its relations stay as they are
            state.rebase(i, j, cells)
        else:
            self.base[i, j] = cells
        for c in pairs:
            step = 1 if c.change == "start" else -1
            if c.kind == "alliance":
                self.alliances += step
            elif c.kind == "sanction":
                key = np.array([state.index[c.a] * state.n + state.index[c.b]], dtype=np.int64)
                self.held = np.union1d(self.held, key) if step > 0 else np.setdiff1d(self.held, key)
        return self


def tie_view(state: SimState, p: attitudes.RelationParams, distance: FloatArray) -> TieView:
    """Build the view of the current ties (one pass over the dyad arrays)."""
    shared = state.shared_orgs
    base = attitudes.baseline(state, p, distance, shared)
    held = np.flatnonzero(state.sanction).astype(np.int64)
    alliances = int(np.count_nonzero(state.ally)) // 2
    return TieView(shared, base, held, alliances)
