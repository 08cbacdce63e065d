"""Every chosen model's forecast of one case, as one result: the case's issues and stakeholders
with each model's forecast (labelled on the issue's scale) and, for iterative models, its rounds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from accord.bargaining.case import Case, Issue, Stakeholder
from accord.bargaining.limits import MAX_ROUNDS, check_count, check_model_work, raise_if
from accord.bargaining.models import Forecast, Model, make_model
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
    case: Case,
    models: Sequence[str],
    *,
    rounds: int | None = None,
    q: float | None = None,
    keep_going: bool = False,
) -> CaseForecast:
    """Forecast `case` with every model in `models` (names from `model_names()`); `rounds`
    at most `limits.MAX_ROUNDS`, and each iterative model's work within
    `limits.MAX_MODEL_WORK`. Problems name the case's file (`Case.source`). With
    `keep_going` (`accord forecast --model all`), a model refused for its work, before or
    while it runs, is reported as failed (`Forecast.error`) and the others are kept; without
    it every model's work is checked before any runs and the first refusal is an error."""
    if rounds is not None:
        raise_if(check_count(rounds, MAX_ROUNDS, "rounds", what="rounds"))
    built = [(name, make_model(name, rounds=rounds, q=q)) for name in models]
    shape = len(case.stakeholders), len(case.issues)
    refused = {
        name: replace(p, file=p.file or case.source)
        for name, model in built
        if (
            p := check_model_work(
                name,
                *shape,
                _work_rounds(model),
                asked=_shown(model),
                outcomes=_work_outcomes(model, case),
            )
        )
        is not None
    }
    if refused and not keep_going:  # every model's work is checked before any runs
        raise InputError(refused.values())
    results = []
    for name, model in built:
        if name in refused:
            results.append(Forecast(name, (), model.iterative, error=refused[name].message))
            continue
        try:
            found = model.forecast(case)
        except InputError as err:
            located = [replace(p, file=p.file or case.source) for p in err.problems]
            if not keep_going or any(p.field != "models" for p in located):
                raise InputError(located) from err
            results.append(Forecast(name, (), model.iterative, error=located[0].message))
            continue
        labelled = tuple(
            replace(f, label=case.issue(f.issue).label(f.forecast)) for f in found.issues
        )
        results.append(replace(found, issues=labelled))
    return CaseForecast(case.name, case.issues, case.stakeholders, tuple(results))


def _shown(model: Model) -> int | None:
    """The rounds an iterative model shows (those asked, or its default), None for others."""
    rounds = getattr(model, "rounds", None)
    return rounds if isinstance(rounds, int) else None


def _work_rounds(model: Model) -> int:
    """The rounds the up-front work check counts: those the model may really run when it
    says (`work_rounds`), else the rounds shown (the expected utility model usually settles
    long before its 500 rounds; its run-time budget stops it when it does not)."""
    return int(getattr(model, "work_rounds", getattr(model, "rounds", 0)))


def _work_outcomes(model: Model, case: Case) -> int:
    """The grid outcomes a bargaining solution scores on `case` (`work_outcomes`), else 0."""
    count = getattr(model, "work_outcomes", None)
    return int(count(case)) if callable(count) else 0
