"""Kalai-Smorodinsky solution (Kalai & Smorodinsky 1975) of a multi-issue case.

The Pareto-optimal outcome that gives every stakeholder the same share of its largest possible
gain over the disagreement point d. "Largest possible" is over the individually rational set
(the outcomes nobody likes less than d): with a status quo, a stakeholder's own position may
leave others worse off than the status quo, and its utopia is then its best outcome among those
that do not (`_solve.rational_utopia`); without one, d is each stakeholder's worst corner and
its utopia is its own position (utility 1). Solved on scales of 0 to 1 (the answer does not
move with the units): maximise t subject to (u_i(x) - d_i) / (U_i - d_i) >= t with SLSQP from
the outcome maximising the smallest gain, then, of the outcomes reaching that t, the one with
the largest capability-weighted sum of shares. When no outcome leaves everyone better off, the
forecast is the status quo (no deal). Cases with a discrete issue: each option combination of
the discrete issues is solved over the continuous issues, the utopia taken over all of them.
A stakeholder with salience 0 on every issue is left out (the forecast's notes say so).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from accord.bargaining.case import Case, FloatArray
from accord.bargaining.models._solve import (
    GAIN_TOL,
    Subspace,
    combos_note,
    default_starts,
    maximin,
    option_combos,
    rational_utopia,
    scored_outcomes,
    whole_box,
)
from accord.bargaining.models._utility import CaseUtilities
from accord.bargaining.models.base import Forecast, IssueForecast, Model
from accord.bargaining.models.nbs import compromise_point, no_deal_point


def _starts(sub: Subspace) -> list[FloatArray]:
    util = sub.util
    ideals = np.clip(util.ideal, util.low, util.high)
    return default_starts(sub, [compromise_point(util), *ideals[:8]])


def shares_in(
    sub: Subspace, d: FloatArray, scale: FloatArray, c: FloatArray, z0: FloatArray
) -> FloatArray:
    """The free coordinates with the largest smallest share gain/scale (from `z0`), then, of
    those reaching it, the largest `c`-weighted sum of shares (with three or more stakeholders
    many outcomes share the smallest share)."""
    from scipy.optimize import minimize  # lazy: keeps `accord` start-up fast

    if len(z0) == 0:
        return z0
    z1, floor = maximin(sub, d, [z0], scale)

    def shares(z: FloatArray) -> FloatArray:
        out: FloatArray = sub.gains(z, d) / scale
        return out

    def shares_jac(z: FloatArray) -> FloatArray:
        out: FloatArray = sub.jac(z) / scale[:, None]
        return out

    second = minimize(
        lambda z: -float(np.dot(c, shares(z))),
        z1,
        jac=lambda z: -(c[:, None] * shares_jac(z)).sum(axis=0),
        method="SLSQP",
        bounds=[(0.0, 1.0)] * len(z0),
        constraints=[{"type": "ineq", "fun": lambda z: shares(z) - floor, "jac": shares_jac}],
    )
    z2: FloatArray = np.clip(second.x, 0.0, 1.0)
    return z2 if shares(z2).min() >= floor - 1e-9 else z1


@dataclass
class KalaiSmorodinskyModel(Model):
    """Kalai-Smorodinsky solution; `discrete=None` treats the case's discrete issues as
    discrete (each option combination solved apart), `discrete=False` relaxes them to ranges."""

    discrete: bool | None = None

    name: ClassVar[str] = "ks"
    summary: ClassVar[str] = (
        "The Pareto-optimal outcome giving every stakeholder the same share of its largest "
        "possible gain."
    )
    reference: ClassVar[str] = "Kalai & Smorodinsky (1975), Econometrica 43(3)"

    def forecast(self, case: Case) -> Forecast:
        """The Kalai-Smorodinsky outcome of the case."""
        util, note = CaseUtilities(case).bargainers()
        use_grid = self.discrete is not False and any(i.discrete for i in case.issues)
        subs = (
            option_combos(util, lambda g: (util(g) - util.disagreement()).min(axis=1))
            if use_grid
            else [whole_box(util)]
        )
        x = self.solve_over(util, subs)
        notes = (note, combos_note(util, len(subs)) if use_grid else None)
        return Forecast(
            self.name,
            tuple(IssueForecast(i, float(v)) for i, v in zip(case.issue_names, x, strict=True)),
            notes=tuple(n for n in notes if n),
        )

    def work_outcomes(self, case: Case) -> int:
        """The grid outcomes scored on `case` (`limits.model_work`)."""
        return 0 if self.discrete is False else scored_outcomes(case)

    def solve(self, util: CaseUtilities) -> FloatArray:
        """Continuous solution (discrete issues relaxed to ranges)."""
        return self.solve_over(util, [whole_box(util)])

    def solve_over(self, util: CaseUtilities, subs: list[Subspace]) -> FloatArray:
        """The KS outcome over the union of `subs`: in each, the outcome maximising the
        smallest gain; the utopia over every individually rational outcome of all of them;
        then the best smallest share in each and the best of those. The status quo when no
        outcome leaves everyone better off."""
        d = util.disagreement()
        rational = [(s, z) for s in subs for z, t in [maximin(s, d, _starts(s))] if t > GAIN_TOL]
        if not rational:
            return no_deal_point(util)
        utopia = np.max([rational_utopia(s, d, z) for s, z in rational], axis=0)
        scale = np.where(utopia - d > GAIN_TOL, utopia - d, 1.0)
        c = util.weights / util.weights.sum()
        best: tuple[tuple[float, float], FloatArray] | None = None
        for s, z in rational:
            zs = shares_in(s, d, scale, c, z)
            share = s.gains(zs, d) / scale
            key = (round(float(share.min()), 9), float(np.dot(c, share)))
            if best is None or key > best[0]:
                best = (key, s.outcome(zs))
        assert best is not None
        return best[1]
