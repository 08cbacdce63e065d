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

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Context, Decimal, localcontext
from typing import ClassVar

import numpy as np

from accord.bargaining.case import Case, FloatArray, scaled_to_one
from accord.bargaining.limits import WorkBudget, model_work
from accord.bargaining.models._equalgain import Board, Deal, Num, initial_deals, run_round
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
from accord.errors import InputError

#: The note on a forecast of a case with one issue.
ONE_ISSUE = (
    "one issue: no trade is possible (an exchange needs two issues), so the forecast is the "
    "capability x salience weighted mean of the positions (what Stokman and Van Oosten call "
    "the issue's Nash bargaining solution; the nbs model's differs)"
)


#: The note on a forecast whose rounds never settled nor repeated.
UNSETTLED_PATH = (
    "the exchanges never settled nor repeated within the round limit: on such a path small "
    "differences grow (decide's own runs swing), so besides the round limit the forecast "
    "moves with the arithmetic and with the order of the stakeholders (of exchanges with "
    "equal gains the first listed is made; decide picks one at random): read the band "
    "(low-high) of the last rounds beside it"
)


#: The arithmetics of the exchange model: binary floating point (fast), or 28-digit decimals
#: with decide's order of operations (decide computes in Python's `Decimal`).
ARITHMETICS = ("float", "decimal")


def candidates(x: FloatArray, s: FloatArray, w: FloatArray) -> list[Deal]:
    """The beneficial exchanges open at the start of a round (positions on 0-100)."""
    present = ~np.isnan(x)
    c = np.divide(w, s, out=np.zeros_like(w), where=s > 0)
    board = Board.build(np.nan_to_num(x).tolist(), s.tolist(), c.tolist(), present.tolist())
    return [d for d in initial_deals(board) if d.valid]


def _decimal(value: float) -> Decimal:
    """The decimal a case's number was written as (its shortest repr)."""
    return Decimal(repr(float(value)))


def _start(case: Case, arithmetic: str) -> tuple[list[list[Num]], list[list[Num]], list[list[Num]]]:
    """Start positions on 0-100, saliences and capabilities, in the chosen arithmetic.

    Decimal positions are scaled as decide scales them: (x - low) x (100 / (high - low)).
    """
    raw, s, c = case.positions(), case.saliences(), case.capabilities()
    if arithmetic == "float":
        low = np.array([case.issue(i).low for i in case.issue_names])
        span = np.array([case.issue(i).span for i in case.issue_names])
        x = np.nan_to_num((raw - low) / span * 100.0)
        # capabilities only count relative to each other: scaled (exactly) so that a tiny
        # one times a tiny salience does not underflow to 0 (decimals do not underflow)
        return x.tolist(), s.tolist(), scaled_to_one(c).tolist()
    steps = []
    for name in case.issue_names:
        issue = case.issue(name)
        delta = _decimal(issue.high) - _decimal(issue.low)
        steps.append((_decimal(issue.low), Decimal(100) / delta if delta else Decimal(0)))
    xs = [
        [
            Decimal(0) if math.isnan(v) else (_decimal(v) - lo) * step
            for v, (lo, step) in zip(row, steps, strict=True)
        ]
        for row in raw.tolist()
    ]
    exact = [[[_decimal(v) for v in r] for r in a.tolist()] for a in (s, c)]
    return xs, exact[0], exact[1]


def _nbs_of(b: Board, t: int, column: list[Num]) -> Num:
    """The NBS of issue t with every actor at its position in `column`."""
    return b.nbs(t, dict(enumerate(column)))


def _exchange(
    b: Board,
    d: Deal,
    y: list[list[Num]],
    round_no: int,
    names: list[str],
    issues: list[str],
    span: FloatArray,
) -> Exchange:
    """The realised deal d, in issue units, with the externalities of every other actor."""
    i, j = d.i, d.j
    ext = [0.0] * len(names)
    for side in (i, j):
        t = side.supply
        column = [row[t] for row in y]
        old = _nbs_of(b, t, column)
        column[side.actor] = side.y
        new = _nbs_of(b, t, column)
        for k in range(len(names)):
            if b.present[k][t]:
                xk = b.x[k][t]
                ext[k] += float(b.s[k][t] * (abs(old - xk) - abs(new - xk)))
    y[i.actor][i.supply], y[j.actor][j.supply] = i.y, j.y
    return Exchange(
        round=round_no,
        demander=names[i.actor],
        supplier=names[j.actor],
        demand_issue=issues[i.demand],
        supply_issue=issues[i.supply],
        demander_move=float(i.move) * span[i.supply] / 100.0,
        supplier_move=float(j.move) * span[j.supply] / 100.0,
        gain=float(d.gain),
        externalities={names[k]: ext[k] for k in range(len(names)) if k not in (i.actor, j.actor)},
    )


@dataclass
class ExchangeModel(Model):
    """Stokman & Van Oosten's exchange model with equal gains, round by round as in `decide`.

    Rounds run until the start positions settle or return to an earlier state (at most
    `max_rounds`); `rounds` is how many rounds the path and the exchange list show.
    `arithmetic="decimal"` computes in 28-digit decimals in decide's order of operations,
    which reproduces decide's run exchange for exchange (slower; see
    docs/validation-bargaining.md); the default binary floats agree with it to about 1e-9.
    """

    rounds: int = 10
    salience_weight: float = 0.4
    fixed_weight: float = 0.1
    max_rounds: int = 100
    arithmetic: str = "float"

    name: ClassVar[str] = "exchange"
    summary: ClassVar[str] = (
        "Rounds of vote trading: actors give ground on issues they care less about for movement"
        " on those they care more about."
    )
    reference: ClassVar[str] = (
        "Stokman & Van Oosten (1994); Dijkstra, Van Assen & Stokman (2008), equal-gain exchange"
    )
    iterative: ClassVar[bool] = True

    @property
    def work_rounds(self) -> int:
        """The rounds the model may run (until its positions settle, up to `max_rounds`), which
        the up-front work check counts: counting the rounds shown let decide's COP21 case pass
        the check and stop at the work limit 7 s later."""
        return max(self.max_rounds, self.rounds)

    def __post_init__(self) -> None:
        if self.arithmetic not in ARITHMETICS:
            message = f"arithmetic must be one of {', '.join(ARITHMETICS)}"
            raise InputError.at(message, field="arithmetic")

    def run_round(
        self, b: Board, round_no: int, names: list[str], issues: list[str], span: FloatArray
    ) -> tuple[list[list[Num]], list[list[Num]], list[Exchange]]:
        """One round from start positions `b.x` (0-100): voting positions, next start
        positions and the realised exchanges."""
        y = [list(row) for row in b.x]
        nxt = [list(row) for row in b.x]
        done = []
        sw, fw = self._weights()
        for d in run_round(b):
            done.append(_exchange(b, d, y, round_no, names, issues, span))
            for side in (d.i, d.j):
                # decide's new start position: ((1 - s) sw + fw) of the way to the vote.
                sal = b.s[side.actor][side.supply]
                towards = (1 - sal) * sw * side.y + fw * side.y
                nxt[side.actor][side.supply] = towards + (1 - (1 - sal) * sw - fw) * side.start
        return y, nxt, done

    def _weights(self) -> tuple[Num, Num]:
        """The salience and fixed weights in the model's arithmetic (decide: Decimal(0.4))."""
        if self.arithmetic == "decimal":
            return Decimal(self.salience_weight), Decimal(self.fixed_weight)
        return self.salience_weight, self.fixed_weight

    def forecast(self, case: Case) -> Forecast:
        """Run rounds until the positions settle or cycle."""
        if self.arithmetic == "decimal":
            with localcontext(Context(prec=28, rounding=ROUND_HALF_EVEN)):
                return self._forecast(case)
        return self._forecast(case)

    def _forecast(self, case: Case) -> Forecast:
        """`forecast` in the model's arithmetic."""
        names, issues = case.actor_names, case.issue_names
        low = np.array([case.issue(i).low for i in issues])
        span = np.array([case.issue(i).span for i in issues])
        present = ~np.isnan(case.positions())
        x, s, c = _start(case, self.arithmetic)
        w = case.weights()  # 0 where a stakeholder takes no part
        history: list[list[Round]] = [[] for _ in issues]
        values: list[list[float]] = [[] for _ in issues]
        exchanges: list[Exchange] = []
        seen = Recurrence(tol=1e-7)
        seen.push(np.array(x, dtype=float))
        period, settled = 0, 0
        budget = WorkBudget(self.name)
        for k in range(1, max(self.max_rounds, self.rounds) + 1):
            budget.spend(model_work(self.name, len(names), len(issues), 1), k - 1)
            board = Board.build(x, s, c, present.tolist())
            y, x, done = self.run_round(board, k, names, issues, span)
            voting = low + np.array(y, dtype=float) * span / 100.0
            for col in range(len(issues)):
                rows = present[:, col]
                values[col].append(weighted_mean(voting[rows, col], w[rows, col]))
                if k <= self.rounds:
                    history[col].append(self._round(k, voting, w, rows, col, names))
            if k <= self.rounds:
                exchanges.extend(done)
            if not settled:
                period = seen.push(np.array(x, dtype=float))
                settled = k if period else 0
            if settled and (k >= self.rounds or not done):
                break
        return self._result(issues, values, history, settled, period, exchanges)

    def _result(
        self,
        issues: list[str],
        values: list[list[float]],
        history: list[list[Round]],
        settled: int,
        period: int,
        exchanges: list[Exchange],
    ) -> Forecast:
        """The forecast from the rounds' values, settled or averaged over the cycle."""
        out = []
        for col, issue in enumerate(issues):
            final, report = summarise(values[col][: settled or None], period)
            out.append(IssueForecast(issue, final, tuple(history[col]), convergence=report))
        converged = all(
            f.convergence is not None and f.convergence.status == CONVERGED for f in out
        )
        notes: tuple[str, ...] = (ONE_ISSUE,) if len(issues) < 2 else ()
        if not settled:
            notes += (UNSETTLED_PATH,)
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
