"""Compromise model: the capability x salience weighted mean of positions.

Van den Bos (1991), Achen (2006) and Stokman & Van Oosten (1994) use it as the outcome of
bargaining: it maximises the weighted sum of quadratic-loss utilities, and the exchange
model calls it the Nash bargaining solution of an issue.
"""

from __future__ import annotations

from typing import ClassVar

from accord.bargaining.case import Case
from accord.bargaining.models._stats import weighted_mean
from accord.bargaining.models.base import Forecast, IssueForecast, Model


class CompromiseModel(Model):
    """Weighted mean (compromise) forecast, issue by issue."""

    name: ClassVar[str] = "compromise"
    summary: ClassVar[str] = (
        "The mean of positions weighted by capability x salience, issue by issue: the outcome "
        "of give and take."
    )
    reference: ClassVar[str] = "Achen (2006); Stokman & Van Oosten (1994), compromise model"

    def forecast(self, case: Case) -> Forecast:
        """The capability x salience weighted mean per issue."""
        out = []
        for issue in case.issue_names:
            sub = case.single_issue(issue)
            x, w = sub.positions()[:, 0], sub.weights()[:, 0]
            out.append(IssueForecast(issue, weighted_mean(x, w)))
        return Forecast(self.name, tuple(out))
