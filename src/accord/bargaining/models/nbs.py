"""Multi-issue Nash bargaining solution (Nash 1950), weighted by capability.

Continuous cases: maximise sum_i c_i log(u_i(x) - d_i) over the box of issue bounds, a
concave problem (the utilities are concave), solved with L-BFGS-B on scales of 0 to 1 (so the
answer does not move with the units) from the compromise point, or, when some stakeholder
loses there against the status quo, from the best outcome of a coarse grid where all gain.
When no outcome found leaves everyone better off, the forecast is the status quo: no deal.
Cases with a discrete issue: enumerate the outcome space, keep its Pareto frontier and take
the outcome with the largest product of gains over the disagreement point.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from numpy.typing import NDArray

from accord.bargaining.case import Case, FloatArray
from accord.bargaining.models._utility import CaseUtilities
from accord.bargaining.models.base import Forecast, IssueForecast, Model
from accord.bargaining.pareto import nash_point


def compromise_point(util: CaseUtilities) -> FloatArray:
    """Capability x salience weighted mean per issue (the optimiser's starting point)."""
    s = util.case.saliences()
    w = util.case.capabilities() * s
    tot = w.sum(axis=0)
    mean = (w * util.ideal).sum(axis=0) / np.where(tot > 0, tot, 1.0)
    out: FloatArray = np.where(tot > 0, mean, (util.low + util.high) / 2)
    return out


#: Values per continuous issue of the coarse grid searched for a starting point.
_START_POINTS = 9
#: Most outcomes of that grid (sampled past it, the stakeholders' ideal points kept).
_START_LIMIT = 20_000


def gaining_start(util: CaseUtilities, d: FloatArray, c: FloatArray) -> FloatArray | None:
    """Where the solvers start: the compromise when every stakeholder gains over `d` there,
    else the outcome of a coarse grid with the largest `c`-weighted sum of log gains among
    those where all gain (a status quo the compromise does not beat for everyone); None when
    no such outcome is found."""
    start = compromise_point(util)
    if (util(start)[0] - d > 1e-12).all():
        return start
    grid = util.grid(_START_POINTS, _START_LIMIT)
    gains = util(grid) - d
    ok: NDArray[np.bool_] = np.all(gains > 1e-12, axis=1)
    if not ok.any():
        return None
    score = np.where(ok, (c * np.log(np.where(ok[:, None], gains, 1.0))).sum(axis=1), -np.inf)
    out: FloatArray = grid[int(np.argmax(score))]
    return out


def no_deal_point(util: CaseUtilities) -> FloatArray:
    """The forecast when no outcome leaves every stakeholder better off than disagreement:
    the status quo when the case gives one (disagreement is staying there), else the
    compromise."""
    sq = util.status_quo()
    return sq if sq is not None else compromise_point(util)


def _forecast(name: str, case: Case, x: FloatArray) -> Forecast:
    return Forecast(
        name, tuple(IssueForecast(i, float(v)) for i, v in zip(case.issue_names, x, strict=True))
    )


@dataclass
class NashBargainingModel(Model):
    """Weighted Nash bargaining solution; `discrete=None` picks the method from the issues."""

    discrete: bool | None = None
    grid_points: int = 21

    name: ClassVar[str] = "nbs"
    summary: ClassVar[str] = (
        "The outcome that maximises the capability-weighted product of every stakeholder's gain"
        " over disagreement."
    )
    reference: ClassVar[str] = "Nash (1950); Kalai (1977) asymmetric (weighted) form"

    def forecast(self, case: Case) -> Forecast:
        """The Nash bargaining outcome of the case."""
        util = CaseUtilities(case)
        use_grid = (
            self.discrete if self.discrete is not None else any(i.discrete for i in case.issues)
        )
        return _forecast(self.name, case, self.solve_grid(util) if use_grid else self.solve(util))

    def solve(self, util: CaseUtilities) -> FloatArray:
        """Continuous solution by convex optimisation, on unit scales (`CaseUtilities.to_unit`:
        the same answer in any units), from a point where every stakeholder gains."""
        d = util.disagreement()
        c = util.weights / util.weights.sum()
        start = gaining_start(util, d, c)
        if start is None:  # no outcome leaves every stakeholder better off: no deal
            return no_deal_point(util)

        def objective(z: FloatArray) -> tuple[float, FloatArray]:
            gain = util(util.from_unit(z))[0] - d
            if (gain <= 1e-12).any():
                return 1e6, np.zeros_like(z)
            val = -float(np.dot(c, np.log(gain)))
            grad = -((c / gain)[:, None] * util.unit_gradient(z)).sum(axis=0)
            return val, grad

        from scipy.optimize import minimize  # lazy: keeps `accord` start-up fast

        z0 = util.to_unit(start)
        res = minimize(objective, z0, jac=True, method="L-BFGS-B", bounds=[(0.0, 1.0)] * len(z0))
        better = objective(res.x)[0] <= objective(z0)[0]
        return util.from_unit(res.x if better else z0)

    def solve_grid(self, util: CaseUtilities) -> FloatArray:
        """Discrete solution over the enumerated outcome space."""
        grid = util.grid(self.grid_points)
        u = util(grid)
        best = nash_point(u, util.disagreement(), util.weights)
        out: FloatArray = grid[best] if best is not None else no_deal_point(util)
        return out
