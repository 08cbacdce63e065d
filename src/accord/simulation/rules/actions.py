"""Interaction and choice of action: who acts toward whom each step, and what they do.

Contacts. The number of events from state i to state j in a step is Poisson with rate
`lambda_ij = scale * a_i * a_j * (1 + region_boost * same_region + ally_boost * ally)
* (1 + crisis_boost * crisis_ij)`, where `a_i = hard_i ** activity_exponent` (big powers are
busier) and `scale` makes the rates of a calm world sum to `events_per_step`.

Choice. Each event's action is drawn from a multinomial logit over `ACTIONS`: the logit of
action a for dyad (i, j) is `sum_f x_f(i, j) * WEIGHTS[a][f]` over the features

| feature | x_f(i, j) |
|---|---|
| bias | 1 |
| relation | relation_ij * (0.5 + constructivism_i) (memory weighs more for constructivists) |
| crisis | crisis_ij / 5 (rung of the dyad's crisis) |
| ally | 1 if i and j share a defence obligation |
| institutions | liberalism_i * min(shared organizations, 10) / 10 |
| power | realism_i * (2 * hard_i / (hard_i + hard_j) - 1) (positive when i is stronger) |
| sanctions | 1 if i sanctions j |
| risk | risk_i * crisis_ij / 5 |
| health | salience of health for i (a pandemic raises it) |
| war | 1 if i and j are at war |
| soft | soft power of i (0..1) |

The weights were calibrated so that a world without shocks produces roughly the quad-class
mix of ICEWS (about two thirds verbal cooperation, a few per cent material cooperation, the
rest split between verbal and material conflict); `tests/simulation` checks this.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from accord.simulation.actions import ACTIONS, INDEX
from accord.simulation.state import FloatArray, SimState

FEATURES: tuple[str, ...] = (
    "bias",
    "relation",
    "crisis",
    "ally",
    "institutions",
    "power",
    "sanctions",
    "risk",
    "health",
    "war",
    "soft",
)

#: Logit weights per action, in FEATURES order.
WEIGHTS: dict[str, tuple[float, ...]] = {
    #              bias  rel  cris  ally  inst  pow  sanc  risk  hlth  war  soft
    "consult": (2.0, 0.6, -1.0, 0.3, 0.5, 0.0, -0.5, 0.0, 0.0, -2.0, 0.0),
    "visit": (0.8, 1.2, -1.5, 0.5, 0.5, 0.0, -1.0, 0.0, 0.0, -3.0, 0.4),
    "appeal": (0.8, 0.2, 0.8, 0.0, 0.0, -0.5, 0.0, 0.0, 0.5, 0.0, 0.0),
    "cooperate": (0.8, 1.5, -1.5, 0.6, 0.5, 0.0, -1.0, 0.0, 0.0, -3.0, 0.0),
    "sign": (-1.9, 2.0, -2.0, 0.4, 1.0, 0.0, -1.5, 0.0, 0.0, -4.0, 0.0),
    "exchange": (-2.2, 1.5, -2.0, 0.3, 0.5, 0.0, -1.5, 0.0, 0.0, -4.0, 1.0),
    "aid": (-2.0, 1.5, -1.0, 0.5, 0.5, 0.5, -2.0, 0.0, 3.0, -4.0, 0.0),
    "concede": (-2.5, 0.5, 1.0, 0.0, 0.3, -1.5, 0.0, -1.0, 0.0, 0.0, 0.0),
    "mediate": (-6.0, 0.5, 0.5, 0.0, 0.5, 0.0, 0.0, 0.0, 0.0, -2.0, 0.5),
    "demand": (-0.2, -1.5, 1.5, -0.5, 0.0, 0.5, 0.5, 0.5, 0.0, 0.5, 0.0),
    "accuse": (0.7, -2.0, 1.5, -0.8, 0.0, 0.0, 1.0, 0.5, 0.0, 1.0, 0.0),
    "reject": (-0.2, -1.5, 1.5, -0.5, 0.0, 0.0, 0.5, 0.5, 0.0, 0.5, 0.0),
    "threaten": (-0.9, -2.0, 2.5, -1.0, 0.0, 0.5, 0.5, 1.5, 0.0, 1.0, 0.0),
    "sanction": (-1.7, -1.5, 1.5, -1.5, 0.0, 0.5, 3.5, 0.5, 0.0, 1.0, 0.0),
    "mobilise": (-0.6, -2.0, 3.5, -1.5, 0.0, 0.5, 0.0, 2.0, 0.0, 2.5, 0.0),
    "coerce": (1.0, -2.5, 3.0, -1.5, 0.0, 1.0, 0.5, 1.5, 0.0, 2.5, 0.0),
    "assault": (-8.0, -2.0, 5.0, -3.0, 0.0, 1.0, 0.0, 2.0, 0.0, 7.0, 0.0),
}


@dataclass(frozen=True)
class ActionParams:
    """Parameters of contacts and choice (see the module docstring for the formulas)."""

    events_per_step: float = 1200.0
    activity_exponent: float = 0.5
    region_boost: float = 3.0
    ally_boost: float = 1.5
    crisis_boost: float = 1.5
    temperature: float = 1.0


def weight_matrix() -> FloatArray:
    """WEIGHTS as a (features, actions) matrix in ACTIONS order."""
    for name, row in WEIGHTS.items():
        if len(row) != len(FEATURES):  # pragma: no cover - guarded by a test
            raise ValueError(f"{name}: {len(row)} weights for {len(FEATURES)} features")
    return np.array([WEIGHTS[a.name] for a in ACTIONS], dtype=np.float64).T


_W = weight_matrix()


def base_rates(state: SimState, p: ActionParams) -> FloatArray:
    """Calm-world contact rates (n x n) normalised to `events_per_step` in total."""
    act = np.maximum(state.hard0, 1e-9) ** p.activity_exponent
    rate = np.outer(act, act)
    rate *= 1.0 + p.region_boost * state.same_region + p.ally_boost * state.ally
    np.fill_diagonal(rate, 0.0)
    total = rate.sum()
    return rate * (p.events_per_step / total) if total > 0 else rate


def contacts(
    state: SimState, base: FloatArray, p: ActionParams, rng: np.random.Generator
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """Draw this step's directed contacts: (source, target) index arrays, one per event."""
    lam = base * (1.0 + p.crisis_boost * state.crisis)
    counts = rng.poisson(lam)
    src, tgt = np.nonzero(counts)
    reps = counts[src, tgt]
    return np.repeat(src, reps), np.repeat(tgt, reps)


def features(state: SimState, src: npt.NDArray[np.intp], tgt: npt.NDArray[np.intp]) -> FloatArray:
    """The (events, features) matrix for the given directed dyads."""
    hard = state.hard
    shared = state.member[src].astype(np.float64) * state.member[tgt]
    inst = np.minimum(shared.sum(axis=1), 10.0) / 10.0
    crisis = state.crisis[src, tgt] / 5.0
    at_war = state.war[src, tgt] | state.war[tgt, src]
    health = state.salience[src, state.issue("health")]
    return np.column_stack(
        [
            np.ones(src.size),
            state.relation[src, tgt] * (0.5 + state.constructivism[src]),
            crisis,
            state.ally[src, tgt],
            state.liberalism[src] * inst,
            state.realism[src] * (2.0 * hard[src] / (hard[src] + hard[tgt]) - 1.0),
            state.sanction[src, tgt],
            state.risk[src] * crisis,
            health,
            at_war,
            state.soft[src],
        ]
    )


def choose(
    state: SimState,
    src: npt.NDArray[np.intp],
    tgt: npt.NDArray[np.intp],
    p: ActionParams,
    rng: np.random.Generator,
) -> npt.NDArray[np.intp]:
    """Draw one action per contact from the multinomial logit (inverse-CDF sampling)."""
    if src.size == 0:
        return np.zeros(0, dtype=np.intp)
    logits = features(state, src, tgt) @ _W / p.temperature
    logits -= logits.max(axis=1, keepdims=True)
    prob = np.exp(logits)
    cum = np.cumsum(prob, axis=1)
    u = rng.random(src.size) * cum[:, -1]
    chosen = (cum < u[:, None]).sum(axis=1)
    out: npt.NDArray[np.intp] = np.minimum(chosen, len(ACTIONS) - 1).astype(np.intp)
    return out


MEDIATE = INDEX["mediate"]
