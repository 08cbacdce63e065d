"""The up-front work check counts the rounds a model can really run, a one-issue case is not
refused for exchange work it never does, and a model stopped by its work limit can be reported
as failed while the other models' forecasts are kept."""

from __future__ import annotations

import numpy as np
import pytest

from accord.bargaining import Case, Issue, Stakeholder, forecast_case
from accord.bargaining.limits import MAX_MODEL_WORK, WorkBudget, model_work
from accord.errors import InputError


def _case(actors: int, issues: int, source: str = "cases/big.csv") -> Case:
    rng = np.random.default_rng(7)
    names = [f"I{k}" for k in range(issues)]
    people = tuple(
        Stakeholder(
            f"A{i}",
            float(rng.uniform(0.1, 1.0)),
            {n: float(rng.uniform(0, 100)) for n in names},
            {n: float(rng.uniform(0.1, 1.0)) for n in names},
        )
        for i in range(actors)
    )
    return Case("big", tuple(Issue(n) for n in names), people, source=source)


def test_exchange_work_is_sized_by_the_rounds_it_can_run() -> None:
    # decide's COP21 shape: 15 actors x 13 issues; 10 rounds shown passed the old check
    # (5.7 million units), then the model ran ~7 s and stopped at its work limit
    assert model_work("exchange", 15, 13, 10) == 5_703_750 < MAX_MODEL_WORK
    with pytest.raises(InputError) as info:
        forecast_case(_case(15, 13), ["median", "exchange"], rounds=10)
    (problem,) = info.value.problems
    assert problem.file == "cases/big.csv"  # the error names the file
    assert "15 stakeholders x 13 issues x 100 rounds is 57,037,500 units" in problem.message


def test_a_one_issue_case_is_not_refused_exchange_work() -> None:
    # 300 x 1: 300**3 x 10 = 270 million units before; exchange trades nothing on one issue
    assert model_work("exchange", 300, 1, 100) == 0
    (result,) = forecast_case(_case(300, 1), ["exchange"]).results
    assert result.error is None
    assert any("one issue" in n for n in result.notes)


def test_a_model_at_its_work_limit_fails_alone_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    import accord.bargaining.models.eum as eum

    monkeypatch.setattr(eum, "WorkBudget", lambda model: WorkBudget(model, left=3 * 40**2))
    case = _case(40, 1)
    with pytest.raises(InputError) as info:
        forecast_case(case, ["median", "eum"])
    assert info.value.first.file == "cases/big.csv"
    median, failed = forecast_case(case, ["median", "eum"], keep_going=True).results
    weights = np.array([s.capability * s.saliences["I0"] for s in case.stakeholders])
    order = np.argsort([s.positions["I0"] for s in case.stakeholders])
    cum = np.cumsum(weights[order])
    expected = case.stakeholders[int(order[np.searchsorted(cum, cum[-1] / 2)])].positions["I0"]
    assert median.value("I0") == pytest.approx(expected)  # kept
    assert failed.issues == ()
    assert failed.error is not None
    assert failed.error.startswith("model 'eum' had not settled after 3 rounds")
