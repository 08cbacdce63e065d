"""How surprising a dyad-period is given the dyad's own history: count models for alerts.

Net cooperation is a share of counts, `(cooperation - conflict) / events`, so a period's conflict
count `k` among its `n` quad-classed events is modelled directly (beta-binomial): the dyad's
conflict rate has a Beta prior centred on the conflict share of all dyads in the query
(empirical Bayes) with `prior_strength` pseudo-events, updated by the dyad's history (counted as
at most `history_cap` events, so that a long, dense history cannot make ordinary month-to-month
variation look impossible). The p-value is the predictive probability of a count at least as
extreme. A period of six events can then never be more surprising than six conflict events in
a row under that predictive (Efron & Morris 1975 on shrinkage; Gelman et al., *Bayesian Data
Analysis*, 3rd ed. 2013, ch. 5, on the beta-binomial).

The Goldstein mean is a mean of per-event scores: its spread is the between-period variance of
the dyad's history plus the sampling variance of a mean of `n` events (`s2 / n`, with `s2` the
per-event variance of the history), so few events give a wide spread rather than a floor.

Each score carries a p-value and `z`, the standard normal quantile of that p-value (signed: low
values negative), so z-scores of both models read on the same scale and stay finite.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

#: The smallest p-value reported (keeps `z` finite).
P_FLOOR = 1e-12

_NORMAL = NormalDist()


@dataclass(frozen=True)
class CountHistory:
    """A period's counts: conflict events `k` among `n` quad-classed events."""

    k: int
    n: int


@dataclass(frozen=True)
class Surprise:
    """The expected value, its spread, the observed value, the p-value and its z quantile."""

    value: float
    baseline: float
    spread: float
    p_value: float
    z: float


def _log_beta(a: float, b: float) -> float:
    return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)


def betabinom_pmf(k: int, n: int, a: float, b: float) -> float:
    """P(K = k) for K ~ BetaBinomial(n, a, b)."""
    log_choose = math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
    return math.exp(log_choose + _log_beta(k + a, n - k + b) - _log_beta(a, b))


def betabinom_sf(k: int, n: int, a: float, b: float) -> float:
    """P(K >= k) for K ~ BetaBinomial(n, a, b)."""
    return min(1.0, sum(betabinom_pmf(j, n, a, b) for j in range(max(k, 0), n + 1)))


def betabinom_cdf(k: int, n: int, a: float, b: float) -> float:
    """P(K <= k) for K ~ BetaBinomial(n, a, b)."""
    return min(1.0, sum(betabinom_pmf(j, n, a, b) for j in range(0, min(k, n) + 1)))


def _z(p_low: float, p_high: float, direction: str) -> tuple[float, float]:
    """(p-value, signed z) from the tail probabilities of the measure, P(X <= x) and P(X >= x);
    z is negative when the value sits in the low tail."""
    low, high = max(min(p_low, 1.0), P_FLOOR), max(min(p_high, 1.0), P_FLOOR)
    z = _NORMAL.inv_cdf(min(low, 0.5)) if low <= high else -_NORMAL.inv_cdf(min(high, 0.5))
    if direction == "down":
        return low, z
    if direction == "up":
        return high, z
    return min(1.0, 2.0 * min(low, high)), z


def count_surprise(
    current: CountHistory,
    history: Sequence[CountHistory],
    *,
    pooled_share: float,
    prior_strength: float,
    history_cap: float,
    direction: str,
) -> Surprise:
    """The beta-binomial surprise of `current`'s conflict count (see the module docstring)."""
    share = min(max(pooled_share, 1e-6), 1.0 - 1e-6)
    k_hist = sum(h.k for h in history)
    n_hist = sum(h.n for h in history)
    weight = min(1.0, history_cap / n_hist) if n_hist > 0 else 0.0
    a = prior_strength * share + weight * k_hist
    b = prior_strength * (1.0 - share) + weight * (n_hist - k_hist)
    n, k = current.n, current.k
    rate = a / (a + b)
    variance = n * rate * (1 - rate) * (a + b + n) / (a + b + 1)
    # more conflict means lower net cooperation: the "low" tail is many conflicts
    p_low = betabinom_sf(k, n, a, b)
    p_high = betabinom_cdf(k, n, a, b)
    p, z = _z(p_low, p_high, direction)
    return Surprise(
        value=(n - 2 * k) / n if n else 0.0,
        baseline=1.0 - 2.0 * rate,
        spread=2.0 * math.sqrt(variance) / n if n else 0.0,
        p_value=p,
        z=z,
    )


@dataclass(frozen=True)
class MeanHistory:
    """A period's Goldstein mean, the number of scored events and their per-event variance."""

    mean: float
    n: int
    variance: float


def mean_surprise(
    current: MeanHistory,
    history: Sequence[MeanHistory],
    *,
    baseline: float,
    pooled_variance: float,
    direction: str,
) -> Surprise:
    """The normal surprise of a period's Goldstein mean: spread from the history's
    between-period variance plus the sampling variance of `current.n` events."""
    weights = [h.n for h in history]
    total = sum(weights)
    per_event = (sum(h.variance * max(h.n - 1, 0) for h in history) + pooled_variance * 10.0) / (
        sum(max(h.n - 1, 0) for h in history) + 10.0
    )
    means = [h.mean for h in history]
    centre = sum(w * m for w, m in zip(weights, means, strict=True)) / total if total else 0.0
    spread_of_means = sum((m - centre) ** 2 for m in means) / max(len(means) - 1, 1)
    sampling = sum(per_event / h.n for h in history if h.n) / max(len(history), 1)
    between = max(spread_of_means - sampling, 0.0)
    spread = math.sqrt(between + per_event / max(current.n, 1))
    x = (current.mean - baseline) / spread if spread > 0 else 0.0
    p, z = _z(_NORMAL.cdf(x), 1.0 - _NORMAL.cdf(x), direction)
    return Surprise(current.mean, baseline, spread, p, z)
