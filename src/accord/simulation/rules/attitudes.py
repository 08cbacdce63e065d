"""Attitudes: each state's relation to every other (`SimState.relation`), remembered and updated.

Baseline. What the ties alone predict for dyad (i, j):
`b_ij = offset + ally * A_ij + min(institutions * shared_orgs_ij, institutions_cap)
+ region * same_region_ij - sanction * (S_ij or S_ji) - regime * (U_i or U_j) - war * (at war)
- issue_distance * d_ij + memory_weight * memory_ij`, where `d_ij` is the salience-weighted
mean distance of the two states' issue positions and `memory_ij` the mean Goldstein / 10 of
the real events between them before the start (when the store holds any); `U_i` says that i is
under UN sanctions (one regime of the whole organization, weighed less than a direct sanction).

Burn-in. Relations start at the baseline, but the events of a calm world move them to a
stationary level around it (cooperative dyads rise, each by its own event rate). So that
nothing drifts without cause in the first months of a run, `prepare` runs `burn_in` steps of
contacts, actions and this update (no crises, no tie changes; a fixed seed shared by every
run) before step 0: with `reversion = 0.03` a step, 104 steps remove 96% of the start-up gap.

Update. After every step, with `g_ij` the Goldstein sum of the step's events from i to j:
`r_ij <- clip(r_ij + learning * tanh((g_ij + g_ji) / 10) + reversion * (b_ij - r_ij), -1, 1)`:
events move the relation, ties pull it back toward what they predict.

Lazy decay. In a run, the pull toward the baseline is not applied dyad by dyad: the state
stores each relation as `b + (r - b) / scale` and the step multiplies `scale` by `1 -
reversion` (`SimState.decay`), which is the same update for every dyad at once (equal up to
rounding, ~1e-16); the event impulse is written on the few dyads that had events, and the
relations are written out (`SimState.settle`, one blocked pass) only when a rule reads the
whole matrix (the alliance and membership reviews every fourth step, a new bloc split of the
polarisation, a shock) or the scale falls below one half. Outside a run (the burn-in, the
exercises) the update is the direct pass `(1 - reversion) * r + reversion * b`, block by
block of rows (`state.row_blocks`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from accord.simulation.state import FloatArray, SimState, row_blocks


@dataclass(frozen=True)
class RelationParams:
    """Weights of the baseline and speed of the update (module docstring)."""

    offset: float = 0.05
    ally: float = 0.4
    institutions: float = 0.02
    institutions_cap: float = 0.25
    region: float = 0.05
    sanction: float = 0.35
    regime: float = 0.15
    war: float = 0.8
    issue_distance: float = 0.5
    memory_weight: float = 0.5
    learning: float = 0.03
    reversion: float = 0.03
    burn_in: int = 104


def issue_distance(state: SimState) -> FloatArray:
    """Salience-weighted mean distance of issue positions, from i's point of view (n x n)."""
    sal = state.salience
    weights = sal / np.maximum(sal.sum(axis=1, keepdims=True), 1e-9)
    pos = state.position
    n = pos.shape[0]
    out: FloatArray = np.zeros((n, n))
    for rows in row_blocks(n, n * out.itemsize):  # temporaries of one block, not n x n
        for k in range(pos.shape[1]):  # one issue at a time: no (n, n, issues) temporary
            out[rows] += weights[rows, k : k + 1] * np.abs(pos[rows, k : k + 1] - pos[None, :, k])
    return out


def baseline(
    state: SimState, p: RelationParams, distance: FloatArray, shared: FloatArray | None = None
) -> FloatArray:
    """What the ties predict for every dyad (module docstring); `shared` is
    `state.shared_orgs` when the caller already has it. Built by row blocks, so that the
    terms' temporaries are one block's, not n x n each."""
    shared = state.shared_orgs if shared is None else shared
    n = state.n
    b: FloatArray = np.empty((n, n))
    u = state.regimes if state.regimes.size else np.zeros(n, dtype=bool)
    for rows in row_blocks(n, n * b.itemsize):  # temporaries of one block, not n x n
        b[rows] = _predicted(
            p,
            state.ally[rows],
            shared[rows],
            state.same_region[rows],
            state.sanction[rows] | state.sanction[:, rows].T,
            u[rows, None] | u[None, :],
            state.war[rows] | state.war[:, rows].T,
            distance[rows],
            state.memory[rows],
        )
    np.fill_diagonal(b, 0.0)
    return b


def baseline_at(
    state: SimState,
    p: RelationParams,
    distance: FloatArray,
    shared: FloatArray,
    i: npt.NDArray[np.intp],
    j: npt.NDArray[np.intp],
) -> FloatArray:
    """`baseline` for the dyads (i[k], j[k]) only (after a tie change between a few states)."""
    b = _predicted(
        p,
        state.ally[i, j],
        shared[i, j],
        state.same_region[i, j],
        state.sanction[i, j] | state.sanction[j, i],
        _regime_pairs(state, i, j),
        state.war[i, j] | state.war[j, i],
        distance[i, j],
        state.memory[i, j],
    )
    b[i == j] = 0.0
    return b


def _regime_pairs(
    state: SimState, i: npt.NDArray[np.intp], j: npt.NDArray[np.intp]
) -> npt.NDArray[np.bool_]:
    """Whether either side of each dyad (i[k], j[k]) is under UN sanctions."""
    u = state.regimes if state.regimes.size else np.zeros(state.n, dtype=bool)
    pairs: npt.NDArray[np.bool_] = u[i] | u[j]
    return pairs


def _predicted(
    p: RelationParams,
    ally: npt.NDArray[np.bool_],
    shared: FloatArray,
    same_region: npt.NDArray[np.bool_],
    sanctioned: npt.NDArray[np.bool_],
    regime: npt.NDArray[np.bool_],
    at_war: npt.NDArray[np.bool_],
    distance: FloatArray,
    memory: FloatArray,
) -> FloatArray:
    b = (
        p.offset
        + p.ally * ally
        + np.minimum(p.institutions * shared, p.institutions_cap)
        + p.region * same_region
        - p.sanction * sanctioned
        - p.regime * regime
        - p.war * at_war
        - p.issue_distance * distance
        + p.memory_weight * memory
    )
    out: FloatArray = np.clip(b, -1.0, 1.0)
    return out


def update(
    state: SimState,
    p: RelationParams,
    base: FloatArray,
    a: npt.NDArray[np.intp],
    b: npt.NDArray[np.intp],
    goldstein: FloatArray,
) -> None:
    """Move relations by this step's events and pull them toward the baseline `base` (in
    place). `goldstein[k]` is the Goldstein sum of the step's events in both directions
    between `a[k]` and `b[k]` (each unordered dyad once).

    With the lazy decay (`state.base` set: a run) the pull is a change of `state.scale`, and
    only the event dyads are written: the step costs in proportion to its events.
    """
    keep = 1.0 - p.reversion
    if state.base is not None:
        state.decay(keep)
    else:
        r = state.relation
        for rows in row_blocks(r.shape[0], r.shape[1] * r.itemsize):
            block = r[rows]
            block *= keep
            block += p.reversion * base[rows]  # a convex combination: stays in [-1, 1]
    impulse = p.learning * np.tanh(goldstein / 10.0)
    for x, y in ((a, b), (b, a)):
        new = np.clip(state.rel_at(x, y) + impulse, -1.0, 1.0)
        state.rel_put(x, y, new, distinct=True)  # each unordered dyad once
