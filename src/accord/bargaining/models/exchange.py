"""The Stokman-Van Oosten exchange model, with the equal-gain rule (as in `decide`).

Stokman & Van Oosten (1994) model collective decisions as vote trading. On every issue the
expected outcome is the Nash bargaining solution (NBS), the capability x salience weighted
mean of positions. Two actors on opposite sides of the NBS on two issues p and q can trade:
the one with the higher relative salience on p (the demander) gets the other (the supplier)
to move on p towards it, and moves in return on q. Every shift of an actor moves the issue's
NBS by (shift x c x s / sum c s); an actor's utility changes by its salience times the change
in the NBS's distance from its position. The equal-gain rule fixes the rate of exchange so
both gain the same (Dijkstra, Van Assen & Stokman 2008): dq = dp (s_bp + s_ap) / (s_bq + s_aq).
A shift stops when the supplier reaches the demander's position or when the NBS would pass
the demander's position.

Each round, the exchange with the highest gain is carried out, the remaining ones are
recomputed from the new voting positions, and so on until no exchange gains anything.
Actors on neither side of an NBS do not trade. Third parties feel externalities: the
utility changes the two NBS shifts cause them. Between rounds actors take part of the way
to their voting position (salience weight 0.4 x (1 - s), plus a fixed 0.1), as decide does.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from accord.bargaining.case import Case, FloatArray
from accord.bargaining.models._stats import weighted_mean, weighted_median
from accord.bargaining.models.base import Exchange, Forecast, IssueForecast, Model, Round

_EPS = 1e-10


@dataclass(frozen=True)
class Candidate:
    """A computed but not yet realised exchange between demander a and supplier b."""

    gain: float
    a: int
    b: int
    p: int  # a's demand issue: b moves here
    q: int  # a's supply issue: a moves here
    move_a: float  # signed shift of a on q
    move_b: float  # signed shift of b on p


def _candidate(
    y: list[list[float]],
    s: list[list[float]],
    w: list[list[float]],
    den: list[float],
    nbs: list[float],
    a: int,
    b: int,
    p: int,
    q: int,
) -> Candidate | None:
    """Equal-gain exchange: b shifts on p toward a, a shifts on q toward b."""
    gap_p, gap_q = y[a][p] - y[b][p], y[b][q] - y[a][q]
    if abs(gap_p) < _EPS or abs(gap_q) < _EPS:
        return None
    dir_p, dir_q = (1.0 if gap_p > 0 else -1.0), (1.0 if gap_q > 0 else -1.0)
    rate = (s[b][p] + s[a][p]) / (s[b][q] + s[a][q])  # dq per unit of dp
    dp = abs(gap_p) * w[b][p] / den[p]
    dq = dp * rate
    if dq * den[q] / w[a][q] > abs(gap_q):
        dq = abs(gap_q) * w[a][q] / den[q]
        dp = dq / rate
    # The NBS must not pass the position of the actor it moves towards.
    room_p, room_q = (y[a][p] - nbs[p]) * dir_p, (y[b][q] - nbs[q]) * dir_q
    if room_p <= _EPS or room_q <= _EPS:
        return None
    if dp > room_p:
        dp, dq = room_p, room_p * rate
    if dq > room_q:
        dq, dp = room_q, room_q / rate
    gain = dp * s[a][p] - dq * s[a][q]
    if gain <= _EPS:
        return None
    move_b = dir_p * dp * den[p] / w[b][p]
    move_a = dir_q * dq * den[q] / w[a][q]
    return Candidate(gain, a, b, p, q, move_a, move_b)


def candidates(
    y: FloatArray,
    s: FloatArray,
    w: FloatArray,
    left: np.ndarray,
    pairs: list[tuple[int, int]] | None = None,
) -> dict[tuple[int, int, int, int], Candidate]:
    """Exchanges open between actors on opposite sides of the NBS on two issues.

    Keyed by (i, j, p, q) with i < j and p < q; `pairs` limits the issue pairs considered.
    """
    wsum = w.sum(axis=0)
    den = np.where(wsum > 0, wsum, 1.0)
    nbs = ((w * y).sum(axis=0) / den).tolist()
    yl, sl, wl, dl = y.tolist(), s.tolist(), w.tolist(), den.tolist()
    active = s > 0
    out: dict[tuple[int, int, int, int], Candidate] = {}
    m = y.shape[1]
    for p, q in pairs if pairs is not None else itertools.combinations(range(m), 2):
        both = np.flatnonzero(active[:, p] & active[:, q])
        for i, j in itertools.combinations(both.tolist(), 2):
            if left[i, p] == left[j, p] or left[i, q] == left[j, q]:
                continue
            # The actor with the higher relative salience on p demands p.
            if sl[i][p] * sl[j][q] >= sl[j][p] * sl[i][q]:
                cand = _candidate(yl, sl, wl, dl, nbs, i, j, p, q)
            else:
                cand = _candidate(yl, sl, wl, dl, nbs, j, i, p, q)
            if cand is not None:
                out[(i, j, p, q)] = cand
    return out


def _externalities(
    x0: FloatArray, s: FloatArray, w: FloatArray, y_old: FloatArray, y_new: FloatArray, c: Candidate
) -> FloatArray:
    den = w.sum(axis=0)
    ext = np.zeros(x0.shape[0])
    for issue in (c.p, c.q):
        old = np.dot(w[:, issue], y_old[:, issue]) / den[issue]
        new = np.dot(w[:, issue], y_new[:, issue]) / den[issue]
        ext += s[:, issue] * (np.abs(old - x0[:, issue]) - np.abs(new - x0[:, issue]))
    return ext


_Key = tuple[int, int, int, int]


def _best_open(
    open_: dict[_Key, Candidate], realised: set[_Key], direction: dict[tuple[int, int], float]
) -> tuple[_Key, Candidate] | None:
    """The open exchange with the highest gain that moves no actor against a direction it
    already took on an issue, or None when there is none."""
    valid = [
        (key, c)
        for key, c in open_.items()
        if key not in realised
        and direction.get((c.a, c.q), c.move_a) * c.move_a > 0
        and direction.get((c.b, c.p), c.move_b) * c.move_b > 0
    ]
    if not valid:
        return None
    return max(valid, key=lambda kc: kc[1].gain)


def _exchange(
    best: Candidate, ext: FloatArray, round_no: int, names: list[str], issues: list[str]
) -> Exchange:
    """The realised exchange `best`, with the externalities of every other actor."""
    return Exchange(
        round=round_no,
        demander=names[best.a],
        supplier=names[best.b],
        demand_issue=issues[best.p],
        supply_issue=issues[best.q],
        demander_move=best.move_a,
        supplier_move=best.move_b,
        gain=best.gain,
        externalities={
            names[k]: float(ext[k]) for k in range(len(names)) if k not in (best.a, best.b)
        },
    )


def _reopen(
    open_: dict[_Key, Candidate],
    y: FloatArray,
    s: FloatArray,
    w: FloatArray,
    left: np.ndarray,
    best: Candidate,
) -> None:
    """Recompute, from the new voting positions `y`, the exchanges on issue pairs `best`
    touched."""
    m = y.shape[1]
    touched = [(p, q) for p, q in itertools.combinations(range(m), 2) if {p, q} & {best.p, best.q}]
    for k in [k for k in open_ if (k[2], k[3]) in touched]:
        del open_[k]
    open_.update(candidates(y, s, w, left, touched))


@dataclass
class ExchangeModel(Model):
    """Stokman & Van Oosten's exchange model with equal gains, round by round."""

    rounds: int = 10
    salience_weight: float = 0.4
    fixed_weight: float = 0.1
    max_exchanges: int = 10_000

    name: ClassVar[str] = "exchange"
    reference: ClassVar[str] = (
        "Stokman & Van Oosten (1994); Dijkstra, Van Assen & Stokman (2008), equal-gain exchange"
    )
    iterative: ClassVar[bool] = True

    def run_round(
        self,
        x: FloatArray,
        s: FloatArray,
        w: FloatArray,
        round_no: int,
        names: list[str],
        issues: list[str],
    ) -> tuple[FloatArray, list[Exchange]]:
        """Carry out exchanges from start positions x; return voting positions and exchanges."""
        den = w.sum(axis=0)
        nbs = (w * np.nan_to_num(x)).sum(axis=0) / np.where(den > 0, den, 1.0)
        left = x < nbs
        y = np.nan_to_num(x).copy()
        done: list[Exchange] = []
        realised: set[_Key] = set()
        direction: dict[tuple[int, int], float] = {}  # an actor moves one way on an issue
        open_ = candidates(y, s, w, left)
        for _ in range(self.max_exchanges):
            chosen = _best_open(open_, realised, direction)
            if chosen is None:
                break
            key, best = chosen
            realised.add(key)
            direction[(best.a, best.q)] = best.move_a
            direction[(best.b, best.p)] = best.move_b
            y_new = y.copy()
            y_new[best.a, best.q] += best.move_a
            y_new[best.b, best.p] += best.move_b
            ext = _externalities(np.nan_to_num(x), s, w, y, y_new, best)
            done.append(_exchange(best, ext, round_no, names, issues))
            y = y_new
            _reopen(open_, y, s, w, left, best)
        return y, done

    def forecast(self, case: Case) -> Forecast:
        """Run rounds until none has an exchange (or `rounds` is reached)."""
        names, issues = case.actor_names, case.issue_names
        x = case.positions()
        s, c = case.saliences(), case.capabilities()
        w = c * s
        present = ~np.isnan(x)
        history: list[list[Round]] = [[] for _ in issues]
        exchanges: list[Exchange] = []
        y = np.nan_to_num(x)
        for k in range(1, self.rounds + 1):
            y, done = self.run_round(x, s, w, k, names, issues)
            exchanges.extend(done)
            for col in range(len(issues)):
                rows = present[:, col]
                history[col].append(
                    Round(
                        k,
                        weighted_median(y[rows, col], w[rows, col]),
                        weighted_mean(y[rows, col], w[rows, col]),
                        {n: float(y[i, col]) for i, n in enumerate(names) if rows[i]},
                    )
                )
            if not done:
                break
            keep = 1 - (1 - s) * self.salience_weight - self.fixed_weight
            shift = (1 - s) * self.salience_weight + self.fixed_weight
            x = np.where(present, keep * np.nan_to_num(x) + shift * y, np.nan)
        out = tuple(
            IssueForecast(issue, history[col][-1].mean, tuple(history[col]))
            for col, issue in enumerate(issues)
        )
        return Forecast(self.name, out, iterative=True, exchanges=tuple(exchanges))
