"""Third-party mediation of crises.

Each step, every crisis at rung >= `min_level` draws a mediation attempt with probability
`attempt_rate` (a scenario can also force one). The mediator is the state with the highest
standing with both parties, `min(r_ki, r_kj) + standing_soft * soft_k`, among those not in a
crisis with either. The attempt succeeds with probability
`sigmoid(success_bias + success_standing * standing - success_level * rung / 5)`: ties and
standing make mediators effective, high rungs make them fail. A success marks the dyad as
mediated (which raises its odds of settling in rules.crises), lowers the rung by one and
improves the parties' relations by `relation_boost`. The mediator's attempt is recorded as
CAMEO 045 (mediate) toward each party.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from accord.simulation.state import SimState


@dataclass(frozen=True)
class MediationParams:
    """Parameters of mediation attempts and success (module docstring)."""

    attempt_rate: float = 0.1
    min_level: int = 2
    standing_soft: float = 0.5
    success_bias: float = -0.5
    success_standing: float = 2.0
    success_level: float = 1.5
    relation_boost: float = 0.1


@dataclass(frozen=True)
class Mediations:
    """This step's attempts: mediator and parties (index arrays) and which succeeded."""

    mediator: npt.NDArray[np.intp]
    a: npt.NDArray[np.intp]
    b: npt.NDArray[np.intp]
    success: npt.NDArray[np.bool_]


def best_mediators(
    state: SimState, a: npt.NDArray[np.intp], b: npt.NDArray[np.intp], soft_weight: float
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float64]]:
    """The best-placed mediator for each dyad (a, b) and its standing."""
    standing = np.minimum(state.rel_cols(a), state.rel_cols(b)).T + soft_weight * state.soft
    busy = (state.crisis[a] > 0) | (state.crisis[b] > 0)
    busy[np.arange(a.size), a] = True
    busy[np.arange(a.size), b] = True
    standing = np.where(busy, -np.inf, standing)
    best = np.argmax(standing, axis=1)
    return best, standing[np.arange(a.size), best]


def mediate(
    state: SimState,
    p: MediationParams,
    rng: np.random.Generator,
    forced: list[tuple[int, int, int]] | None = None,
) -> Mediations:
    """Attempt mediations (in place on success) and return them.

    `forced` lists (mediator, a, b) attempts a scenario requires this step.
    """
    ea, eb = state.crisis_dyads(p.min_level)
    draw = rng.random(ea.size) < p.attempt_rate
    a, b = ea[draw], eb[draw]
    if a.size == 0 and not forced:
        none = np.zeros(0, dtype=np.intp)
        return Mediations(none, none, none.copy(), np.zeros(0, dtype=bool))
    mediator, standing = best_mediators(state, a, b, p.standing_soft)
    found = np.isfinite(standing)
    mediator, a, b, standing = mediator[found], a[found], b[found], standing[found]
    if forced:
        fm, fa, fb = (np.array(x, dtype=np.intp) for x in zip(*forced, strict=True))
        fs = np.minimum(state.rel_at(fm, fa), state.rel_at(fm, fb)) + (
            p.standing_soft * state.soft[fm]
        )
        mediator, a, b = (
            np.concatenate([mediator, fm]),
            np.concatenate([a, fa]),
            np.concatenate([b, fb]),
        )
        standing = np.concatenate([standing, fs])
    rung = state.crisis[a, b] / 5.0
    logit = p.success_bias + p.success_standing * standing - p.success_level * rung
    success = rng.random(a.size) < 1.0 / (1.0 + np.exp(-logit))
    sa, sb = a[success], b[success]
    lowered = np.maximum(state.crisis[sa, sb] - 1, 0).astype(np.int8)
    state.crisis[sa, sb] = lowered
    state.crisis[sb, sa] = lowered
    for x, y in ((sa, sb), (sb, sa)):
        state.rel_put(x, y, np.minimum(state.rel_at(x, y) + p.relation_boost, 1.0))
    return Mediations(mediator, a, b, success)
