"""Multi-issue Nash bargaining solution (Nash 1950), weighted by capability.

Maximise sum_i c_i log(u_i(x) - d_i) over the box of issue bounds, a concave problem (the
utilities are concave), solved with L-BFGS-B on scales of 0 to 1 (so the answer does not move
with the units) from the compromise point, or, when some stakeholder loses there against the
status quo, from the outcome maximising the smallest gain (`_solve.maximin`, SLSQP). When even
that outcome leaves someone no better off, the forecast is the status quo: no deal. Cases with
a discrete issue: each option combination of the discrete issues is solved that way over the
continuous issues, and the combination with the largest product wins. A stakeholder with
salience 0 on every issue gains nothing anywhere and is left out (the forecast's notes say so).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from accord.bargaining.case import Case, FloatArray, weight_products
from accord.bargaining.models._solve import (
    GAIN_TOL,
    Subspace,
    combos_note,
    default_starts,
    maximin,
    option_combos,
    scored_outcomes,
    whole_box,
)
from accord.bargaining.models._utility import CaseUtilities
from accord.bargaining.models.base import Forecast, IssueForecast, Model


def compromise_point(util: CaseUtilities) -> FloatArray:
    """Capability x salience weighted mean per issue (the optimiser's starting point)."""
    w = weight_products(util.power, util.salience)
    tot = w.sum(axis=0)
    mean = (w * util.ideal).sum(axis=0) / np.where(tot > 0, tot, 1.0)
    out: FloatArray = np.where(tot > 0, mean, (util.low + util.high) / 2)
    return out


def no_deal_point(util: CaseUtilities) -> FloatArray:
    """The forecast when no outcome leaves every stakeholder better off than disagreement:
    the status quo when the case gives one (disagreement is staying there), else the
    compromise."""
    sq = util.status_quo()
    return sq if sq is not None else compromise_point(util)


def _forecast(name: str, case: Case, x: FloatArray, notes: tuple[str, ...] = ()) -> Forecast:
    return Forecast(
        name,
        tuple(IssueForecast(i, float(v)) for i, v in zip(case.issue_names, x, strict=True)),
        notes=notes,
    )


def nash_in(sub: Subspace, d: FloatArray, c: FloatArray, z0: FloatArray) -> FloatArray:
    """The free coordinates maximising sum_i c_i log(gain_i) in `sub`, by L-BFGS-B from `z0`,
    a point where every stakeholder gains (the objective is a wall of 1e6 elsewhere)."""

    def objective(z: FloatArray) -> tuple[float, FloatArray]:
        gain = sub.gains(z, d)
        if (gain <= GAIN_TOL).any():
            return 1e6, np.zeros_like(z)
        grad = -((c / gain)[:, None] * sub.jac(z)).sum(axis=0)
        return -float(np.dot(c, np.log(gain))), grad

    if len(z0) == 0:
        return z0
    from scipy.optimize import minimize  # lazy: keeps `accord` start-up fast

    res = minimize(objective, z0, jac=True, method="L-BFGS-B", bounds=[(0.0, 1.0)] * len(z0))
    out: FloatArray = res.x if objective(res.x)[0] <= objective(z0)[0] else z0
    return out


def log_product(sub: Subspace, d: FloatArray, c: FloatArray, z: FloatArray) -> float:
    """sum_i c_i log(gain_i) at `z`, -inf when someone does not gain."""
    gain = sub.gains(z, d)
    return float(np.dot(c, np.log(gain))) if (gain > GAIN_TOL).all() else -np.inf


def solve_in(sub: Subspace, d: FloatArray, c: FloatArray) -> tuple[FloatArray, float] | None:
    """The Nash outcome of `sub` (free unit coordinates) and its weighted log product, or None
    when no outcome of `sub` leaves every stakeholder better off than `d`. The start is the
    compromise when all gain there, else the outcome maximising the smallest gain."""
    z0 = sub.start(compromise_point(sub.util))
    if not (sub.gains(z0, d) > GAIN_TOL).all():
        extra = [compromise_point(sub.util), *np.clip(sub.util.ideal, sub.util.low, sub.util.high)]
        z0, smallest = maximin(sub, d, default_starts(sub, extra[:9]))
        if smallest <= GAIN_TOL:
            return None
    z = nash_in(sub, d, c, z0)
    return z, log_product(sub, d, c, z)


@dataclass
class NashBargainingModel(Model):
    """Weighted Nash bargaining solution; `discrete=None` treats the case's discrete issues as
    discrete (each option combination solved apart), `discrete=False` relaxes them to ranges."""

    discrete: bool | None = None

    name: ClassVar[str] = "nbs"
    summary: ClassVar[str] = (
        "The outcome that maximises the capability-weighted product of every stakeholder's gain"
        " over disagreement."
    )
    reference: ClassVar[str] = "Nash (1950); Kalai (1977) asymmetric (weighted) form"

    def forecast(self, case: Case) -> Forecast:
        """The Nash bargaining outcome of the case."""
        util, note = CaseUtilities(case).bargainers()
        use_grid = self.discrete is not False and any(i.discrete for i in case.issues)
        x, notes = self.solve_grid(util) if use_grid else (self.solve(util), [])
        return _forecast(self.name, case, x, tuple(n for n in (note, *notes) if n))

    def work_outcomes(self, case: Case) -> int:
        """The grid outcomes scored on `case` (`limits.model_work`)."""
        return 0 if self.discrete is False else scored_outcomes(case)

    def solve(self, util: CaseUtilities) -> FloatArray:
        """Continuous solution by convex optimisation, on unit scales (`CaseUtilities.to_unit`:
        the same answer in any units); the status quo (no deal) when no outcome leaves every
        stakeholder better off."""
        d = util.disagreement()
        sub = whole_box(util)
        found = solve_in(sub, d, util.weights / util.weights.sum())
        return no_deal_point(util) if found is None else util.from_unit(sub.full(found[0]))

    def solve_grid(self, util: CaseUtilities) -> tuple[FloatArray, list[str]]:
        """Every option combination of the discrete issues, the continuous issues solved for
        each; the combination with the largest product of gains wins (no deal when none
        leaves everyone better off)."""
        d = util.disagreement()
        c = util.weights / util.weights.sum()

        def score(grid: FloatArray) -> FloatArray:
            out: FloatArray = (util(grid) - d).min(axis=1)
            return out

        subs = option_combos(util, score)
        best: tuple[float, FloatArray] | None = None
        for sub in subs:
            found = solve_in(sub, d, c)
            if found is not None and (best is None or found[1] > best[0]):
                best = (found[1], sub.outcome(found[0]))
        x = no_deal_point(util) if best is None else best[1]
        return x, [combos_note(util, len(subs))]
