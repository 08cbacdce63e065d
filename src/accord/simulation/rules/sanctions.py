"""Sanctions: their costs to target and senders, and coalitions that form and lift them.

Costs. Each step the target's economy loses `cost_target` times the share of world GDP that
sanctions it (a UN regime counts as the whole world: share 1), and each sender loses
`cost_sender` times the GDP share of the states it sanctions (lost trade); economies recover
toward 1 at rate `recovery`. Hard power is the base power times the economy, so sanctions
weaken the target in crises.

Coalitions. A state i starts sanctioning j with probability
`impose_rate * (0.5 + liberalism_i)` per step when j wages a war of aggression (or the two are
at rung >= `impose_level`) and i's relation to j is below `impose_threshold`. Sanctions are
lifted with probability `lift_rate` per step once the relation is above `lift_threshold`
and the dyad is out of crisis.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from accord.simulation.results import TieChange
from accord.simulation.state import SimState, sorted_unique


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


def costs(
    state: SimState,
    p: SanctionParams,
    sender: npt.NDArray[np.intp] | None = None,
    target: npt.NDArray[np.intp] | None = None,
) -> None:
    """Apply one step of sanction costs and recovery to every economy (in place).

    `sender`, `target` index the sanctioning dyads when the caller has them cached."""
    if sender is None or target is None:
        sender, target = np.nonzero(state.sanction)
    gdp = state.hard0 * state.econ
    share = gdp / gdp.sum()
    n = state.n
    target_loss = p.cost_target * np.bincount(target, weights=share[sender], minlength=n)
    if state.regimes.size:
        target_loss = target_loss + p.cost_target * state.regimes
    sender_loss = p.cost_sender * np.bincount(sender, weights=share[target], minlength=n)
    econ = state.econ * (1.0 - target_loss - sender_loss) + p.recovery * (1.0 - state.econ)
    state.econ = np.clip(econ, 0.2, 1.0)


def evolve(
    state: SimState,
    p: SanctionParams,
    rng: np.random.Generator,
    at: int,
    held: npt.NDArray[np.int64] | None = None,
) -> list[TieChange]:
    """Impose and lift sanctions (in place); return the tie changes.

    Only candidate dyads draw a number: for imposition, the dyads facing an aggressor or in
    a crisis at rung >= `impose_level` without sanctions; for lifting, the sanctioning dyads
    (`held`: their sorted keys `sender * n + target`, when the caller has them cached).
    """
    n = state.n
    crisis, sanction = state.crisis.ravel(), state.sanction.ravel()
    pressing = _pressing(state, p)
    i, j = np.divmod(pressing, n)
    cold = state.rel_flat(pressing) < p.impose_threshold
    cand = pressing[(i != j) & ~sanction[pressing] & cold]
    u = rng.random(cand.size)
    impose = cand[u < p.impose_rate * (0.5 + state.liberalism[cand // n])]
    held = np.flatnonzero(sanction) if held is None else held
    held = held[(state.rel_flat(held) > p.lift_threshold) & (crisis[held] == 0)]
    lift = held[rng.random(held.size) < p.lift_rate]
    changes: list[TieChange] = []
    for cells, value, change in ((impose, True, "start"), (lift, False, "end")):
        a, b = np.divmod(cells, n)
        state.sanction[a, b] = value
        changes.extend(
            TieChange(at, "sanction", state.codes[x], state.codes[y], change)
            for x, y in zip(a.tolist(), b.tolist(), strict=True)
        )
    return changes


def _pressing(state: SimState, p: SanctionParams) -> npt.NDArray[np.int64]:
    """Sorted cells `i * n + j` where i faces j: a crisis at rung >= `impose_level` (both
    ways) or j an aggressor (every i): the candidates of imposition, found from the dyads in
    crisis and the wars instead of a scan of every dyad."""
    n = state.n
    a, b = state.crisis_dyads(p.impose_level)
    aggressors = state.aggressors()
    cells = [a * n + b, b * n + a]
    if aggressors.size:
        cells.append((np.arange(n)[:, None] * n + aggressors[None, :]).ravel())
    out: npt.NDArray[np.int64] = sorted_unique(*(c.astype(np.int64) for c in cells))
    return out
