"""Relations: each state's attitude toward every other, remembered and updated from events.

Baseline. What the ties alone predict for dyad (i, j):
`b_ij = offset + ally * A_ij + min(institutions * shared_orgs_ij, institutions_cap)
+ region * same_region_ij - sanction * (S_ij or S_ji) - war * (at war)
- issue_distance * d_ij + memory_weight * memory_ij`, where `d_ij` is the salience-weighted
mean distance of the two states' issue positions and `memory_ij` the mean Goldstein / 10 of
the real events between them before the start (when the store holds any).

Update. After every step, with `g_ij` the Goldstein sum of the step's events from i to j:
`r_ij <- clip(r_ij + learning * tanh((g_ij + g_ji) / 10) + reversion * (b_ij - r_ij), -1, 1)`:
events move the relation, ties pull it back toward what they predict.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord.simulation.state import FloatArray, SimState


@dataclass(frozen=True)
class RelationParams:
    """Weights of the baseline and speed of the update (module docstring)."""

    offset: float = 0.05
    ally: float = 0.4
    institutions: float = 0.02
    institutions_cap: float = 0.25
    region: float = 0.05
    sanction: float = 0.35
    war: float = 0.8
    issue_distance: float = 0.5
    memory_weight: float = 0.5
    learning: float = 0.03
    reversion: float = 0.03


def issue_distance(state: SimState) -> FloatArray:
    """Salience-weighted mean distance of issue positions, from i's point of view (n x n)."""
    sal = state.salience
    weights = sal / np.maximum(sal.sum(axis=1, keepdims=True), 1e-9)
    diff = np.abs(state.position[:, None, :] - state.position[None, :, :])
    out: FloatArray = np.einsum("ik,ijk->ij", weights, diff)
    return out


def baseline(state: SimState, p: RelationParams, distance: FloatArray) -> FloatArray:
    """What the ties predict for every dyad (module docstring)."""
    sanctioned = state.sanction | state.sanction.T
    at_war = state.war | state.war.T
    b = (
        p.offset
        + p.ally * state.ally
        + np.minimum(p.institutions * state.shared_orgs, p.institutions_cap)
        + p.region * state.same_region
        - p.sanction * sanctioned
        - p.war * at_war
        - p.issue_distance * distance
        + p.memory_weight * state.memory
    )
    np.fill_diagonal(b, 0.0)
    out: FloatArray = np.clip(b, -1.0, 1.0)
    return out


def update(state: SimState, p: RelationParams, goldstein: FloatArray, base: FloatArray) -> None:
    """Move relations by this step's events and pull them toward the baseline (in place)."""
    impulse = np.tanh((goldstein + goldstein.T) / 10.0)
    r = state.relation
    r += p.learning * impulse + p.reversion * (base - r)
    np.clip(r, -1.0, 1.0, out=r)
    np.fill_diagonal(r, 0.0)
