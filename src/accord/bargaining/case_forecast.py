"""Every chosen model's forecast of one case, as one result: the case's issues and stakeholders
with each model's forecast (labelled on the issue's scale) and, for iterative models, its rounds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from accord.bargaining.case import Case, Issue, Stakeholder
from accord.bargaining.limits import MAX_ROUNDS, check_count, raise_if
from accord.bargaining.models import Forecast, make_model
from accord.jsonable import AsDict

__all__ = ["CaseForecast", "forecast_case"]


@dataclass(frozen=True)
class CaseForecast(AsDict):
    """The forecasts of `case` by each model, in the order asked."""

    case: str
    issues: tuple[Issue, ...]
    stakeholders: tuple[Stakeholder, ...]
    results: tuple[Forecast, ...]


def forecast_case(
    case: Case, models: Sequence[str], *, rounds: int | None = None, q: float | None = None
) -> CaseForecast:
    """Forecast `case` with every model in `models` (names from `model_names()`); `rounds`
    at most `limits.MAX_ROUNDS`."""
    if rounds is not None:
        raise_if(check_count(rounds, MAX_ROUNDS, "rounds", what="rounds"))
    results = []
    for name in models:
        found = make_model(name, rounds=rounds, q=q).forecast(case)
        labelled = tuple(
            replace(f, label=case.issue(f.issue).label(f.forecast)) for f in found.issues
        )
        results.append(replace(found, issues=labelled))
    return CaseForecast(case.name, case.issues, case.stakeholders, tuple(results))
