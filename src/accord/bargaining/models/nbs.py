"""Multi-issue Nash bargaining solution (Nash 1950), weighted by capability.

Continuous cases: maximise sum_i c_i log(u_i(x) - d_i) over the box of issue bounds, a
concave problem (the utilities are concave), solved with L-BFGS-B from the compromise point.
Cases with a discrete issue: enumerate the outcome space, keep its Pareto frontier and take
the outcome with the largest product of gains over the disagreement point.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

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
        """Continuous solution by convex optimisation."""
        d = util.disagreement()
        c = util.weights / util.weights.sum()

        def objective(x: FloatArray) -> tuple[float, FloatArray]:
            gain = util(x)[0] - d
            if (gain <= 1e-12).any():
                return 1e6, np.zeros_like(x)
            val = -float(np.dot(c, np.log(gain)))
            grad = -((c / gain)[:, None] * util.gradient(x)).sum(axis=0)
            return val, grad

        start = compromise_point(util)
        from scipy.optimize import minimize  # lazy: keeps `accord` start-up fast

        res = minimize(
            objective,
            start,
            jac=True,
            method="L-BFGS-B",
            bounds=list(zip(util.low, util.high, strict=True)),
        )
        out: FloatArray = np.asarray(res.x, dtype=float)
        return out

    def solve_grid(self, util: CaseUtilities) -> FloatArray:
        """Discrete solution over the enumerated outcome space."""
        grid = util.grid(self.grid_points)
        u = util(grid)
        best = nash_point(u, util.disagreement(), util.weights)
        out: FloatArray = grid[best] if best is not None else compromise_point(util)
        return out
