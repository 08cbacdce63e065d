"""Bueno de Mesquita's expected utility model, as specified by Scholz, Calbert & Smith (2011).

Every round each actor weighs, against every other actor, the expected utility of challenging
it and of being challenged by it (Scholz et al. 2011, sections 2-6 and appendix):

1. votes: actor k prefers x_i to x_j by c_k s_k (|x_k - x_j|^r_k - |x_k - x_i|^r_k) / range^r_k;
2. probability that i beats j: the positive votes for i over j divided by the absolute votes
   over every pair of positions (the large denominator of Scholz's code);
3. utilities of success, failure and status quo, U = 2 - 4 (0.5 -/+ 0.5 d)^r with d the
   normalised distance, and the expected utility of a challenge
   E = s_j (P U_s + (1 - P) U_f) + (1 - s_j) U_s - Q U_sq - (1 - Q)(T U_b + (1 - T) U_w);
4. risk: with r = 1 for all, an actor's danger is the sum of the others' expected utilities of
   challenging it; R = (2 danger - max - min) / (max - min), r = (1 - R/3) / (1 + R/3);
5. with the new r, each actor looks at the offers it receives: it loses a challenge
   (E_ji > E_ij > 0, moves to x_j), compromises (E_ij < 0 < E_ji, |E_ij| < E_ji, moves
   |E_ij / E_ji| of the way) or capitulates (E_ij < 0 < E_ji, |E_ij| > E_ji, moves to x_j).
   Challenges come first (the nearest), then compromises, then capitulations; among
   compromises it takes the one with the lowest utility-weighted midpoint, as Scholz's code
   does (the paper says "nearest"; the code's rule is what reproduces their Table 2).

The probability numerator is computed in O(n^2 log n) per issue: the voters who prefer x_i to
x_j are exactly those on x_i's side of the midpoint, a prefix of the actors sorted by
position, so sums over them are prefix sums. That keeps 100 actors x 10 issues x 10 rounds
well under a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from numpy.typing import NDArray

from accord.bargaining.case import Case, FloatArray, weight_products
from accord.bargaining.limits import WorkBudget
from accord.bargaining.models._settle import Recurrence, summarise
from accord.bargaining.models._stats import weighted_mean
from accord.bargaining.models.base import (
    CONVERGED,
    Forecast,
    IssueForecast,
    Model,
    Move,
    Round,
)

CHALLENGE, COMPROMISE, CAPITULATION = "challenge", "compromise", "capitulation"

#: The note of a forecast in which Scholz's compromise rule chose among several offers.
DIRECTION_NOTE = (
    "on {issues}, an actor chose among several compromises the one with the lowest "
    "utility-weighted midpoint (Scholz's rule, which reproduces his Table 2): the forecast "
    "depends on which end of the scale is low, and the same case with the scale reversed may "
    "forecast elsewhere (BDM 1994 EU emissions: 8.76, reversed 9.19); shifting or rescaling "
    "the scale changes nothing"
)


#: Decimals a round's expected utilities and compromise positions are rounded to (both of
#: order 1 on the 0-1 scale). NumPy's vector kernels differ by CPU (AVX-512 or AVX2: another
#: last bit in `**`), and near a tie of utilities a last bit sent the path elsewhere: the BDM
#: 1994 case cycled (period 18) at round 320 with AVX2 and never in 500 rounds with AVX-512.
#: Rounded, both take one path (tests/bargaining/test_eum_machines.py).
DECIMALS = 12


def _pair_abs_sum(rows: FloatArray) -> FloatArray:
    """Per row, the sum over ordered pairs (a, b) of |v_a - v_b| (by sorting, O(n log n))."""
    v = np.sort(rows, axis=1)
    n = v.shape[1]
    coef = 2.0 * np.arange(n) - n + 1.0
    out: FloatArray = 2.0 * (v @ coef)
    return out


def win_probabilities(x: FloatArray, w: FloatArray, r: FloatArray, span: float) -> FloatArray:
    """P[i, j]: probability that a challenge by i against j succeeds (Scholz et al. 2011, s. 4)."""
    n = len(x)
    dist = np.abs(x[:, None] - x[None, :]) / span  # [voter k, position a]
    util = dist ** r[:, None]
    wd = w[:, None] * util
    denom = float(np.dot(w, _pair_abs_sum(util)))
    if denom <= 0:
        return np.zeros((n, n))
    order = np.argsort(x, kind="stable")
    xs = x[order]
    prefix = np.vstack([np.zeros((1, n)), np.cumsum(wd[order], axis=0)])  # [count, position]
    total = prefix[-1]
    mid = (x[:, None] + x[None, :]) / 2.0
    left = np.searchsorted(xs, mid, side="left")  # voters strictly left of the midpoint
    right = np.searchsorted(xs, mid, side="right")  # voters at or left of it
    cols = np.arange(n)
    # i left of j: voters left of the midpoint prefer i; they gain wd[k, j] - wd[k, i].
    lo = prefix[left, cols[None, :]] - prefix[left, cols[:, None]]
    # i right of j: voters right of the midpoint prefer i.
    hi = (total[None, :] - prefix[right, cols[None, :]]) - (
        total[:, None] - prefix[right, cols[:, None]]
    )
    num = np.where(x[:, None] < x[None, :], lo, np.where(x[:, None] > x[None, :], hi, 0.0))
    out: FloatArray = np.maximum(num, 0.0) / denom
    return out


def _utilities(d: FloatArray, r: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    rr = r[:, None]
    us = 2.0 - 4.0 * (0.5 - 0.5 * d) ** rr
    uf = 2.0 - 4.0 * (0.5 + 0.5 * d) ** rr
    usq = 2.0 - 4.0 * 0.5**r
    return us, uf, usq


def expected_utilities(
    x: FloatArray,
    w: FloatArray,
    s: FloatArray,
    r: FloatArray,
    span: float,
    q: float,
    t: float,
) -> tuple[FloatArray, FloatArray]:
    """(A, B) from each actor i's point of view (its own risk exponent r_i).

    A[i, j] is i's expected utility of challenging j, B[i, j] what i believes j expects from
    challenging i.
    """
    p = win_probabilities(x, w, r, span)
    d = np.abs(x[:, None] - x[None, :]) / span
    us, uf, usq = _utilities(d, r)
    mu = weighted_mean(x, w)
    rr = r[:, None]
    spread_i = (np.abs(x - mu)[:, None] + d * span) / span  # challenger i
    spread_j = (np.abs(x - mu)[None, :] + d * span) / span  # challenger j
    ub_i, uw_i = 2 - 4 * (0.5 - 0.25 * spread_i) ** rr, 2 - 4 * (0.5 + 0.25 * spread_i) ** rr
    ub_j, uw_j = 2 - 4 * (0.5 - 0.25 * spread_j) ** rr, 2 - 4 * (0.5 + 0.25 * spread_j) ** rr
    sq = q * usq[:, None]
    a = (
        s[None, :] * (p * us + (1 - p) * uf)
        + (1 - s[None, :]) * us
        - sq
        - (1 - q) * (t * ub_i + (1 - t) * uw_i)
    )
    b = (
        s[:, None] * (p.T * us + (1 - p.T) * uf)
        + (1 - s[:, None]) * us
        - sq
        - (1 - q) * (t * ub_j + (1 - t) * uw_j)
    )
    return a, b


def risk_exponents(
    x: FloatArray, w: FloatArray, s: FloatArray, span: float, q: float, t: float
) -> FloatArray:
    """r_i in [0.5, 2] from each actor's danger relative to the others' (Scholz s. 5)."""
    ones = np.ones(len(x))
    a, _ = expected_utilities(x, w, s, ones, span, q, t)
    np.fill_diagonal(a, 0.0)
    danger = a.sum(axis=0)  # sum over challengers k of E_k(challenge i)
    spread = float(danger.max() - danger.min())
    if spread <= 0:
        return ones
    big_r = (2 * danger - danger.max() - danger.min()) / spread
    out: FloatArray = (1 - big_r / 3) / (1 + big_r / 3)
    return out


def _nearest(allowed: NDArray[np.bool_], key: FloatArray, then: FloatArray) -> int:
    """The index among `allowed` with the smallest `key`; of equal keys, the one whose `then`
    (the position it leads to) is smallest, so the stakeholders' order never decides."""
    keys = np.where(allowed, key, np.inf)
    tied = allowed & (keys == keys.min())
    return int(np.argmin(np.where(tied, then, np.inf)))


def eum_round(
    x: FloatArray,
    c: FloatArray,
    s: FloatArray,
    span: float,
    q: float = 1.0,
    t: float = 1.0,
    chose: list[int] | None = None,
) -> tuple[FloatArray, list[tuple[str, int, int, float]]]:
    """One round: the new positions and the moves (kind, actor, other, new position).
    `chose`, when given, receives every actor that picked one of several compromises by the
    lowest utility-weighted midpoint (the rule that depends on the scale's direction)."""
    w = weight_products(c, s)
    r = risk_exponents(x, w, s, span, q, t)
    a, b = expected_utilities(x, w, s, r, span, q, t)
    a, b = np.round(a, DECIMALS), np.round(b, DECIMALS)
    differ = x[:, None] != x[None, :]
    conf = differ & (b > a) & (a > 0)
    comp = differ & (b > 0) & (a < 0) & (b > np.abs(a))
    capit = differ & (b > 0) & (a < 0) & (b < np.abs(a))
    with np.errstate(divide="ignore", invalid="ignore"):
        comp_pos = np.round(x[:, None] + (x[None, :] - x[:, None]) * np.abs(a / b), DECIMALS)
        comp_key = (np.abs(a) * x[:, None] + np.abs(b) * x[None, :]) / (np.abs(a) + np.abs(b))
    dist = np.abs(x[None, :] - x[:, None])
    new = x.copy()
    moves: list[tuple[str, int, int, float]] = []
    for i in range(len(x)):
        if conf[i].any():
            j = _nearest(conf[i], dist[i], x)
            moves.append((CHALLENGE, i, j, float(x[j])))
        elif comp[i].any():
            j = _nearest(comp[i], comp_key[i], comp_pos[i])
            if chose is not None and comp[i].sum() > 1:
                chose.append(i)
            moves.append((COMPROMISE, i, j, float(comp_pos[i, j])))
        elif capit[i].any():
            j = _nearest(capit[i], dist[i], x)
            moves.append((CAPITULATION, i, j, float(x[j])))
        else:
            continue
        new[i] = moves[-1][3]
    return new, moves


def scholz_median(x: FloatArray, w: FloatArray, span: float) -> float:
    """The median as Scholz's code finds it: pairwise votes over distinct positions in turn,
    taken from the lowest (Scholz's code takes them in the actors' order; on a tie of votes
    that made the forecast move with the order of the case's rows, now the lower wins)."""
    seen = sorted(dict.fromkeys(x.tolist()))
    best = seen[0]
    for cand in seen[1:]:
        if float(np.dot(w, np.abs(x - best) - np.abs(x - cand))) / span > 0:
            best = cand
    return float(best)


@dataclass
class ExpectedUtilityModel(Model):
    """BDM's expected utility model after Scholz, Calbert & Smith (2011), per issue.

    `q` is the probability an actor assigns to the status quo holding if it does not
    challenge (Q, default 1.0); `t` the probability that a change without challenge helps it.
    The rounds run until the positions settle or return to an earlier state (at most
    `max_rounds`); the forecast is the settled median, or on a cycle the mean of the median
    over one period (see `_settle`). `rounds` is how many rounds the path shows.
    """

    rounds: int = 8
    q: float = 1.0
    t: float = 1.0
    max_rounds: int = 500

    name: ClassVar[str] = "eum"
    summary: ClassVar[str] = (
        "Rounds of challenges, compromises and capitulations, each actor weighing the expected "
        "utility of confronting the others."
    )
    reference: ClassVar[str] = (
        "Bueno de Mesquita (1994); Scholz, Calbert & Smith (2011), J. Theor. Politics 23(4)"
    )
    iterative: ClassVar[bool] = True

    def forecast(self, case: Case) -> Forecast:
        """Run every issue until it settles or cycles."""
        budget = WorkBudget(self.name)
        found = [self._issue(case, i, budget) for i in case.issue_names]
        issues = tuple(f for f, _ in found)
        converged = all(
            f.convergence is not None and f.convergence.status == CONVERGED for f in issues
        )
        chose = [f.issue for f, c in found if c]
        notes = (DIRECTION_NOTE.format(issues=", ".join(chose)),) if chose else ()
        return Forecast(self.name, issues, iterative=True, converged=converged, notes=notes)

    def _issue(self, case: Case, issue: str, budget: WorkBudget) -> tuple[IssueForecast, bool]:
        """The forecast on `issue`, and whether an actor chose among several compromises."""
        sub = case.single_issue(issue)
        x = sub.positions()[:, 0]
        c, s = sub.capabilities()[:, 0], sub.saliences()[:, 0]
        # one order whatever the rows' order: by position, capability, salience, then name.
        # The rounds sum over actors, and floating-point sums in another order round
        # otherwise; near a tie of expected utilities that sent the path elsewhere (the BDM
        # 1994 case in reverse order forecast 8.45 against 8.76 on one machine)
        ranks = np.argsort(np.argsort(np.array(sub.actor_names), kind="stable"), kind="stable")
        order = np.lexsort((ranks, s, c, x))
        names = [sub.actor_names[i] for i in order]
        x, c, s = x[order], c[order], s[order]
        w = weight_products(c, s)
        # the rounds run on the actors' own range mapped to 0-1, so that a case shifted or
        # rescaled (positive factor) runs the very same floating-point path: on the raw scale
        # the BDM 1994 case shifted by 10 forecast 8.43 (unsettled) against 8.7587
        lo, span = float(x.min()), float(x.max() - x.min()) or 1.0
        z = np.round((x - lo) / span, 12)  # the same bits for x and a x + b
        seen = Recurrence(tol=1e-9)
        seen.push(z)
        rounds: list[Round] = []
        medians: list[float] = []
        period, settled = 0, 0
        chose: list[int] = []
        for k in range(1, max(self.max_rounds, self.rounds) + 1):
            budget.spend(len(x) ** 2, k - 1)  # every pair compared (`limits.model_work`)
            z_new, raw = eum_round(z, c, s, 1.0, self.q, self.t, chose)
            medians.append(lo + span * scholz_median(z_new, w, 1.0))
            if k <= self.rounds:
                rounds.append(self._round(k, medians[-1], (z, z_new), (lo, span), raw, sub, names))
            z = z_new
            if not settled:
                period = seen.push(z)
                settled = k if period else 0
            if settled and k >= self.rounds:
                break
        final, report = summarise(medians[: settled or None], period)
        return IssueForecast(issue, final, tuple(rounds), convergence=report), bool(chose)

    @staticmethod
    def _round(
        k: int,
        median: float,
        states: tuple[FloatArray, FloatArray],
        frame: tuple[float, float],
        raw: list[tuple[str, int, int, float]],
        sub: Case,
        names: list[str],
    ) -> Round:
        """Round `k` in the case's units: `states` are the positions before and after on the
        0-1 scale, `frame` its (low, span) in the case's units."""
        lo, span = frame
        before, after = lo + span * states[0], lo + span * states[1]
        issue = sub.issue_names[0]
        moves = tuple(
            Move(kind, names[i], names[j], issue, float(before[i]), lo + span * new)
            for kind, i, j, new in raw
        )
        w = sub.weights()[:, 0]
        placed = dict(zip(names, after.tolist(), strict=True))
        positions = {name: placed[name] for name in sub.actor_names}  # the case's order
        order = [names.index(n) for n in sub.actor_names]
        return Round(k, median, weighted_mean(after[order], w), positions, moves)
