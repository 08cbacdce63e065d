"""Every chosen model's forecast of one case, as one result: the case's issues and stakeholders
with each model's forecast (labelled on the issue's scale) and, for iterative models, its rounds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from accord.bargaining.case import Case, Issue, Stakeholder
from accord.bargaining.limits import MAX_ROUNDS, check_count, check_model_work, raise_if
from accord.bargaining.models import Forecast, make_model
from accord.errors import InputError
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
    at most `limits.MAX_ROUNDS`, and each iterative model's work within
    `limits.MAX_MODEL_WORK`."""
    if rounds is not None:
        raise_if(check_count(rounds, MAX_ROUNDS, "rounds", what="rounds"))
    built = [(name, make_model(name, rounds=rounds, q=q)) for name in models]
    shape = len(case.stakeholders), len(case.issues)
    problems = [
        p
        for name, model in built
        if (p := check_model_work(name, *shape, int(getattr(model, "rounds", 0)))) is not None
    ]
    if problems:  # every model's work is checked before any runs
        raise InputError(problems)
    results = []
    for _, model in built:
        found = model.forecast(case)
        labelled = tuple(
            replace(f, label=case.issue(f.issue).label(f.forecast)) for f in found.issues
        )
        results.append(replace(found, issues=labelled))
    return CaseForecast(case.name, case.issues, case.stakeholders, tuple(results))
