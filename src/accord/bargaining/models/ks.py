"""Kalai-Smorodinsky solution (Kalai & Smorodinsky 1975) of a multi-issue case.

The outcome that gives every stakeholder the same share of its largest possible gain over the
disagreement point, and is Pareto-optimal. Continuous cases: maximise t subject to
(u_i(x) - d_i) / (1 - d_i) >= t (a stakeholder's best utility is 1, at its own position),
solved with SLSQP. Cases with a discrete issue: on the Pareto frontier of the enumerated
outcome space, maximise the smallest relative gain.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from accord.bargaining.case import Case, FloatArray
from accord.bargaining.models._utility import CaseUtilities
from accord.bargaining.models.base import Forecast, IssueForecast, Model
from accord.bargaining.models.nbs import compromise_point
from accord.bargaining.pareto import kalai_smorodinsky_point


@dataclass
class KalaiSmorodinskyModel(Model):
    """Kalai-Smorodinsky solution; `discrete=None` picks the method from the issues."""

    discrete: bool | None = None
    grid_points: int = 21

    name: ClassVar[str] = "ks"
    summary: ClassVar[str] = (
        "The Pareto-optimal outcome giving every stakeholder the same share of its largest "
        "possible gain."
    )
    reference: ClassVar[str] = "Kalai & Smorodinsky (1975), Econometrica 43(3)"

    def forecast(self, case: Case) -> Forecast:
        """The Kalai-Smorodinsky outcome of the case."""
        util = CaseUtilities(case)
        use_grid = (
            self.discrete if self.discrete is not None else any(i.discrete for i in case.issues)
        )
        x = self.solve_grid(util) if use_grid else self.solve(util)
        return Forecast(
            self.name,
            tuple(IssueForecast(i, float(v)) for i, v in zip(case.issue_names, x, strict=True)),
        )

    def solve(self, util: CaseUtilities) -> FloatArray:
        """Continuous solution: max t s.t. every relative gain >= t."""
        d = util.disagreement()
        scale = np.where(1.0 - d > 0, 1.0 - d, 1.0)
        m = len(util.low)

        def rel(z: FloatArray) -> FloatArray:
            out: FloatArray = (util(z[:m])[0] - d) / scale - z[m]
            return out

        def rel_jac(z: FloatArray) -> FloatArray:
            g = util.gradient(z[:m]) / scale[:, None]
            return np.hstack([g, -np.ones((len(d), 1))])

        x0 = compromise_point(util)
        t0 = float(((util(x0)[0] - d) / scale).min())
        from scipy.optimize import minimize  # lazy: keeps `accord` start-up fast

        res = minimize(
            lambda z: -z[m],
            np.append(x0, t0),
            jac=lambda z: np.append(np.zeros(m), -1.0),
            method="SLSQP",
            bounds=[*zip(util.low, util.high, strict=True), (None, None)],
            constraints=[{"type": "ineq", "fun": rel, "jac": rel_jac}],
        )
        out: FloatArray = np.asarray(res.x[:m], dtype=float)
        return out

    def solve_grid(self, util: CaseUtilities) -> FloatArray:
        """Discrete solution on the Pareto frontier of the outcome space."""
        grid = util.grid(self.grid_points)
        best = kalai_smorodinsky_point(util(grid), util.disagreement())
        out: FloatArray = grid[best] if best is not None else compromise_point(util)
        return out
