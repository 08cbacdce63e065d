"""Kalai-Smorodinsky solution (Kalai & Smorodinsky 1975) of a multi-issue case.

The outcome that gives every stakeholder the same share of its largest possible gain over the
disagreement point, and is Pareto-optimal. Continuous cases: maximise t subject to
(u_i(x) - d_i) / (1 - d_i) >= t (a stakeholder's best utility is 1, at its own position),
solved with SLSQP on scales of 0 to 1 (the answer does not move with the units); of the
outcomes reaching that t, the one with the largest capability-weighted sum of relative gains.
Cases with a discrete issue: on the Pareto frontier of the enumerated outcome space, maximise
the smallest relative gain.
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
        """Continuous solution on unit scales (`CaseUtilities.to_unit`: the same answer in any
        units): the largest t such that every relative gain >= t, then, of the outcomes
        reaching it, the one with the largest weighted sum of relative gains (with three or
        more stakeholders many outcomes share the same smallest gain; the first stage alone
        stopped wherever the solver did)."""
        d = util.disagreement()
        scale = np.where(1.0 - d > 0, 1.0 - d, 1.0)
        m = len(util.low)
        c = util.weights / util.weights.sum()

        def gains(z: FloatArray) -> FloatArray:
            out: FloatArray = (util(util.from_unit(z[:m]))[0] - d) / scale
            return out

        def gains_jac(z: FloatArray) -> FloatArray:
            out: FloatArray = util.unit_gradient(z[:m]) / scale[:, None]
            return out

        z0 = util.to_unit(compromise_point(util))
        t0 = float(gains(z0).min())
        from scipy.optimize import minimize  # lazy: keeps `accord` start-up fast

        first = minimize(
            lambda z: -z[m],
            np.append(z0, t0),
            jac=lambda z: np.append(np.zeros(m), -1.0),
            method="SLSQP",
            bounds=[*([(0.0, 1.0)] * m), (None, None)],
            constraints=[
                {
                    "type": "ineq",
                    "fun": lambda z: gains(z) - z[m],
                    "jac": lambda z: np.hstack([gains_jac(z), -np.ones((len(d), 1))]),
                }
            ],
        )
        z1 = np.clip(first.x[:m], 0.0, 1.0)
        floor = float(gains(z1).min())
        second = minimize(
            lambda z: -float(np.dot(c, gains(z))),
            z1,
            jac=lambda z: -(c[:, None] * gains_jac(z)).sum(axis=0),
            method="SLSQP",
            bounds=[(0.0, 1.0)] * m,
            constraints=[{"type": "ineq", "fun": lambda z: gains(z) - floor, "jac": gains_jac}],
        )
        z2 = np.clip(second.x, 0.0, 1.0)
        best = z2 if gains(z2).min() >= floor - 1e-9 else z1
        return util.from_unit(best)

    def solve_grid(self, util: CaseUtilities) -> FloatArray:
        """Discrete solution on the Pareto frontier of the outcome space."""
        grid = util.grid(self.grid_points)
        best = kalai_smorodinsky_point(util(grid), util.disagreement())
        out: FloatArray = grid[best] if best is not None else compromise_point(util)
        return out
