"""Sanctions: their costs to target and senders, and coalitions that form and lift them.

Costs. Each step the target's economy loses `cost_target` times the share of world GDP that
sanctions it, and each sender loses `cost_sender` times the GDP share of the states it
sanctions (lost trade); economies recover toward 1 at rate `recovery`. Hard power is the base
power times the economy, so sanctions weaken the target in crises.

Coalitions. A state i starts sanctioning j with probability
`impose_rate * (0.5 + liberalism_i)` per step when j wages a war of aggression (or the two are
at rung >= `impose_level`) and i's relation to j is below `impose_threshold`. Sanctions are
lifted with probability `lift_rate` per step once the relation is above `lift_threshold`
and the dyad is out of crisis.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord.simulation.results import TieChange
from accord.simulation.state import SimState


@dataclass(frozen=True)
class SanctionParams:
    """Parameters of costs, imposition and lifting (module docstring)."""

    cost_target: float = 0.02
    cost_sender: float = 0.01
    recovery: float = 0.02
    impose_rate: float = 0.01
    impose_level: int = 4
    impose_threshold: float = -0.2
    lift_rate: float = 0.01
    lift_threshold: float = 0.1


def costs(state: SimState, p: SanctionParams) -> None:
    """Apply one step of sanction costs and recovery to every economy (in place)."""
    gdp = state.hard0 * state.econ
    share = gdp / gdp.sum()
    s = state.sanction.astype(np.float64)
    target_loss = p.cost_target * (s.T @ share)
    sender_loss = p.cost_sender * (s @ share)
    econ = state.econ * (1.0 - target_loss - sender_loss) + p.recovery * (1.0 - state.econ)
    state.econ = np.clip(econ, 0.2, 1.0)


def evolve(
    state: SimState, p: SanctionParams, rng: np.random.Generator, at: int
) -> list[TieChange]:
    """Impose and lift sanctions (in place); return the tie changes."""
    aggressor = np.asarray(state.war.any(axis=1), dtype=bool)
    pressing = aggressor[None, :] | (state.crisis >= p.impose_level)
    u = rng.random((state.n, state.n))
    impose = (
        ~state.sanction
        & pressing
        & (state.relation < p.impose_threshold)
        & (u < p.impose_rate * (0.5 + state.liberalism[:, None]))
    )
    lift = (
        state.sanction
        & (state.relation > p.lift_threshold)
        & (state.crisis == 0)
        & (u < p.lift_rate)
    )
    np.fill_diagonal(impose, False)
    changes: list[TieChange] = []
    for mask, value, change in ((impose, True, "start"), (lift, False, "end")):
        a, b = np.nonzero(mask)
        state.sanction[a, b] = value
        changes.extend(
            TieChange(at, "sanction", state.codes[x], state.codes[y], change)
            for x, y in zip(a.tolist(), b.tolist(), strict=True)
        )
    return changes
