"""Interaction and choice of action: who acts toward whom each step, and what they do.

Contacts. The number of events from state i to state j in a step is Poisson with rate
`lambda_ij = scale * a_i * a_j * (1 + region_boost * same_region + ally_boost * ally)
* (1 + crisis_boost * crisis_ij)`, where `a_i = hard_i ** activity_exponent` (big powers are
busier) and `scale` makes the rates of a calm world sum to `events_per_step`.

Sampling. Independent Poisson counts per dyad are drawn as a Poisson process split over the
dyads (the same distribution, without 40,000 Poisson draws a step): the calm part of the
rates, constant during a run, gives a Poisson total `N ~ Poisson(sum lambda)` placed on dyads
with probability proportional to their rate (inverse CDF on the cached cumulative rates); the
crisis part adds a Poisson draw on each dyad in crisis. Contacts come out sorted by dyad.

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
_WT = np.ascontiguousarray(_W.T)


def base_rates(state: SimState, p: ActionParams) -> FloatArray:
    """Calm-world contact rates (n x n) normalised to `events_per_step` in total."""
    act = np.maximum(state.hard0, 1e-9) ** p.activity_exponent
    rate = np.outer(act, act)
    rate *= 1.0 + p.region_boost * state.same_region + p.ally_boost * state.ally
    np.fill_diagonal(rate, 0.0)
    total = rate.sum()
    return rate * (p.events_per_step / total) if total > 0 else rate


class ContactSampler:
    """Draws each step's contacts from the calm rates of a run (cached cumulative rates)."""

    def __init__(self, base: FloatArray, p: ActionParams) -> None:
        self.n = base.shape[0]
        self.base = base.ravel()
        self.cumulative = np.cumsum(self.base)
        self.total = float(self.cumulative[-1]) if self.base.size else 0.0
        self.crisis_boost = p.crisis_boost

    def draw(
        self, state: SimState, rng: np.random.Generator
    ) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
        """This step's directed contacts: (source, target) index arrays, one per event."""
        calm = rng.poisson(self.total)
        u = rng.random(calm)
        u.sort()  # sorted keys make the search cache-friendly and the output sorted
        u *= self.total
        flat = np.minimum(np.searchsorted(self.cumulative, u, side="right"), self.base.size - 1)
        a, b = state.crisis_dyads()
        if a.size:
            hot = np.sort(np.concatenate([a * self.n + b, b * self.n + a]))
            extra = self.base[hot] * (self.crisis_boost * state.crisis.ravel()[hot])
            flat = np.concatenate([flat, np.repeat(hot, rng.poisson(extra))])
        flat.sort()
        src, tgt = np.divmod(flat, self.n)
        return src, tgt


def features(
    state: SimState,
    src: npt.NDArray[np.intp],
    tgt: npt.NDArray[np.intp],
    shared: FloatArray | None = None,
) -> FloatArray:
    """The (features, events) matrix for the given directed dyads (one row per feature, so
    the logit sums run over contiguous rows). `shared` is `state.shared_orgs` if known."""
    shared = state.shared_orgs if shared is None else shared
    n = state.n
    cell = src * n + tgt  # flat dyad index: one `take` per dyad array
    hard = state.hard
    x = np.empty((len(FEATURES), src.size))
    x[0] = 1.0
    np.multiply(state.rel_flat(cell), 0.5 + state.constructivism.take(src), out=x[1])
    np.divide(state.crisis.take(cell), 5.0, out=x[2])
    x[3] = state.ally.take(cell)
    np.minimum(shared.take(cell), 10.0, out=x[4])
    x[4] *= state.liberalism.take(src) / 10.0
    hs, ht = hard.take(src), hard.take(tgt)
    x[5] = state.realism.take(src) * (2.0 * hs / (hs + ht) - 1.0)
    x[6] = state.sanction.take(cell)
    np.multiply(state.risk.take(src), x[2], out=x[7])
    x[8] = state.salience[:, state.issue("health")].take(src)
    x[9] = state.war.take(cell) | state.war.take(tgt * n + src)
    x[10] = state.soft.take(src)
    return x


def choose(
    state: SimState,
    src: npt.NDArray[np.intp],
    tgt: npt.NDArray[np.intp],
    p: ActionParams,
    rng: np.random.Generator,
    shared: FloatArray | None = None,
) -> npt.NDArray[np.intp]:
    """Draw one action per contact from the multinomial logit (inverse-CDF sampling)."""
    if src.size == 0:
        return np.zeros(0, dtype=np.intp)
    logits = _WT @ features(state, src, tgt, shared)  # (actions, events)
    if p.temperature != 1.0:
        logits /= p.temperature
    logits -= logits.max(axis=0)
    np.exp(logits, out=logits)
    for k in range(1, logits.shape[0]):  # cumulative sums down the (few) action rows
        logits[k] += logits[k - 1]
    u = rng.random(src.size)
    u *= logits[-1]
    chosen = np.count_nonzero(logits < u, axis=0)
    out: npt.NDArray[np.intp] = np.minimum(chosen, len(ACTIONS) - 1).astype(np.intp)
    return out


MEDIATE = INDEX["mediate"]
