"""The Stokman-Van Oosten exchange model, with the equal-gain rule, as the `decide` program runs it.

Stokman & Van Oosten (1994) model collective decisions as vote trading. On every issue the
expected outcome is the Nash bargaining solution (NBS), the capability x salience weighted
mean of positions. Two actors on opposite sides of the NBS on two issues p and q can trade:
the one with the higher relative salience on p (the demander) gets the other (the supplier)
to move on p towards it, and moves in return on q. Every shift of an actor moves the issue's
NBS by (shift x c x s / sum c s); an actor's utility changes by its salience times the change
in the NBS's distance from its position. The equal-gain rule fixes the rate of exchange so
both gain the same (Dijkstra, Van Assen & Stokman 2008).

A round (`_equalgain.run_round`) follows `decide`'s algorithm on positions scaled to 0-100:
the exchange with the highest gain is realised, the remaining ones that share an actor's
supply or demand issue with it are recomputed and dropped when no longer beneficial, and so
on until none is left. Between rounds an actor that exchanged takes part of the way from its
start position to its voting position (salience weight 0.4 x (1 - s), plus a fixed 0.1), as
decide does. Rounds run until the positions settle or return to an earlier state (see
`_settle`); the forecast on each issue is the NBS of the voting positions, settled or averaged
over the cycle. Third parties feel externalities: the utility changes the two NBS shifts
cause them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from accord.bargaining.case import Case, FloatArray
from accord.bargaining.models._equalgain import Board, Deal, initial_deals, run_round
from accord.bargaining.models._settle import Recurrence, summarise
from accord.bargaining.models._stats import weighted_mean, weighted_median
from accord.bargaining.models.base import (
    CONVERGED,
    Exchange,
    Forecast,
    IssueForecast,
    Model,
    Round,
)

#: The note on a forecast of a case with one issue.
ONE_ISSUE = (
    "one issue: no trade is possible (an exchange needs two issues), "
    "so the forecast is the issue's Nash bargaining solution"
)


def candidates(x: FloatArray, s: FloatArray, w: FloatArray) -> list[Deal]:
    """The beneficial exchanges open at the start of a round (positions on 0-100)."""
    present = ~np.isnan(x)
    den = np.where(present, w, 0.0).sum(axis=0)
    board = Board(np.nan_to_num(x), s, w, np.where(den > 0, den, 1.0), present)
    return [d for d in initial_deals(board) if d.valid]


def _exchange(
    b: Board,
    d: Deal,
    y: FloatArray,
    round_no: int,
    names: list[str],
    issues: list[str],
    span: FloatArray,
) -> Exchange:
    """The realised deal d, in issue units, with the externalities of every other actor."""
    i, j = d.i, d.j
    y_new = y.copy()
    y_new[i.actor, i.supply], y_new[j.actor, j.supply] = i.y, j.y
    ext = np.zeros(len(names))
    for t in (i.supply, j.supply):
        mask = b.present[:, t]
        old = np.dot(b.w[mask, t], y[mask, t]) / b.den[t]
        new = np.dot(b.w[mask, t], y_new[mask, t]) / b.den[t]
        ext += np.where(mask, b.s[:, t] * (np.abs(old - b.x[:, t]) - np.abs(new - b.x[:, t])), 0.0)
    y[:] = y_new
    return Exchange(
        round=round_no,
        demander=names[i.actor],
        supplier=names[j.actor],
        demand_issue=issues[i.demand],
        supply_issue=issues[i.supply],
        demander_move=i.move * span[i.supply] / 100.0,
        supplier_move=j.move * span[j.supply] / 100.0,
        gain=d.gain,
        externalities={
            names[k]: float(ext[k]) for k in range(len(names)) if k not in (i.actor, j.actor)
        },
    )


@dataclass
class ExchangeModel(Model):
    """Stokman & Van Oosten's exchange model with equal gains, round by round as in `decide`.

    Rounds run until the start positions settle or return to an earlier state (at most
    `max_rounds`); `rounds` is how many rounds the path and the exchange list show.
    """

    rounds: int = 10
    salience_weight: float = 0.4
    fixed_weight: float = 0.1
    max_rounds: int = 100

    name: ClassVar[str] = "exchange"
    summary: ClassVar[str] = (
        "Rounds of vote trading: actors give ground on issues they care less about for movement"
        " on those they care more about."
    )
    reference: ClassVar[str] = (
        "Stokman & Van Oosten (1994); Dijkstra, Van Assen & Stokman (2008), equal-gain exchange"
    )
    iterative: ClassVar[bool] = True

    def run_round(
        self, b: Board, round_no: int, names: list[str], issues: list[str], span: FloatArray
    ) -> tuple[FloatArray, FloatArray, list[Exchange]]:
        """One round from start positions `b.x` (0-100): voting positions, next start
        positions and the realised exchanges."""
        y = b.x.copy()
        nxt = b.x.copy()
        done = []
        for d in run_round(b):
            done.append(_exchange(b, d, y, round_no, names, issues, span))
            for side in (d.i, d.j):
                keep = 1 - (1 - b.s[side.actor, side.supply]) * self.salience_weight
                keep -= self.fixed_weight
                nxt[side.actor, side.supply] = keep * side.start + (1 - keep) * side.y
        return y, nxt, done

    def forecast(self, case: Case) -> Forecast:
        """Run rounds until the positions settle or cycle."""
        names, issues = case.actor_names, case.issue_names
        low = np.array([case.issue(i).low for i in issues])
        span = np.array([case.issue(i).span for i in issues])
        raw = case.positions()
        present = ~np.isnan(raw)
        s, c = case.saliences(), case.capabilities()
        w = np.where(present, c * s, 0.0)
        den = w.sum(axis=0)
        x = np.nan_to_num((raw - low) / span * 100.0)
        history: list[list[Round]] = [[] for _ in issues]
        values: list[list[float]] = [[] for _ in issues]
        exchanges: list[Exchange] = []
        seen = Recurrence(tol=1e-7)
        seen.push(x)
        period, settled = 0, 0
        for k in range(1, max(self.max_rounds, self.rounds) + 1):
            board = Board(x, s, w, np.where(den > 0, den, 1.0), present)
            y, x, done = self.run_round(board, k, names, issues, span)
            voting = low + y * span / 100.0
            for col in range(len(issues)):
                rows = present[:, col]
                values[col].append(weighted_mean(voting[rows, col], w[rows, col]))
                if k <= self.rounds:
                    history[col].append(self._round(k, voting, w, rows, col, names))
            if k <= self.rounds:
                exchanges.extend(done)
            if not settled:
                period = seen.push(x)
                settled = k if period else 0
            if settled and (k >= self.rounds or not done):
                break
        out = []
        for col, issue in enumerate(issues):
            final, report = summarise(values[col][: settled or None], period)
            out.append(IssueForecast(issue, final, tuple(history[col]), convergence=report))
        converged = all(
            f.convergence is not None and f.convergence.status == CONVERGED for f in out
        )
        notes = (ONE_ISSUE,) if len(issues) < 2 else ()
        return Forecast(
            self.name, tuple(out), True, tuple(exchanges), converged=converged, notes=notes
        )

    @staticmethod
    def _round(
        k: int, voting: FloatArray, w: FloatArray, rows: np.ndarray, col: int, names: list[str]
    ) -> Round:
        """Round k's summary on issue `col` from the voting positions (issue units)."""
        v, wc = voting[rows, col], w[rows, col]
        positions = {n: float(voting[i, col]) for i, n in enumerate(names) if rows[i]}
        return Round(k, weighted_median(v, wc), weighted_mean(v, wc), positions)
