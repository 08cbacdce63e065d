"""Weighted median model: the median voter outcome (Black 1948; Bueno de Mesquita 1994).

Each stakeholder votes with weight capability x salience; the forecast per issue is the
position that no other position beats in weighted pairwise majority votes.
"""

from __future__ import annotations

from typing import ClassVar

from accord.bargaining.case import Case
from accord.bargaining.models._stats import weighted_median
from accord.bargaining.models.base import Forecast, IssueForecast, Model


class MedianModel(Model):
    """Weighted median (median voter) forecast, issue by issue."""

    name: ClassVar[str] = "median"
    summary: ClassVar[str] = (
        "The position no other beats in majority votes weighted by capability x salience (the "
        "median voter), issue by issue."
    )
    reference: ClassVar[str] = "Black (1948); Bueno de Mesquita (1994), median voter"

    def forecast(self, case: Case) -> Forecast:
        """The weighted median per issue."""
        out = []
        for issue in case.issue_names:
            sub = case.single_issue(issue)
            x, w = sub.positions()[:, 0], sub.weights()[:, 0]
            out.append(IssueForecast(issue, weighted_median(x, w)))
        return Forecast(self.name, tuple(out))
