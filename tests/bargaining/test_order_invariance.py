"""A forecast does not move with the order of the case's rows (the stakeholders' order is no
fact of the negotiation), or, where a model's path is that sensitive, its forecast says so."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.bargaining import Case, Issue, Stakeholder, forecast_case, read_case
from accord.bargaining.models.exchange import UNSETTLED_PATH

#: Every model whose forecast must not depend on the rows' order (the exchange model follows
#: decide's order of candidates, and says so when its path never settles).
MODELS = ["median", "compromise", "nbs", "ks", "eum"]


def _forecasts(case: Case, models: list[str]) -> dict[str, tuple[float, ...]]:
    return {
        r.model: tuple(round(i.forecast, 9) for i in r.issues)
        for r in forecast_case(case, models=models).results
    }


@st.composite
def _shuffled_cases(draw: st.DrawFn) -> tuple[Case, Case]:
    """A one-issue case on a coarse grid of positions (so ties of distances and votes are
    common), and the same case with its stakeholders in another order."""
    n = draw(st.integers(3, 8))
    people = tuple(
        Stakeholder(
            f"s{k}",
            float(draw(st.sampled_from([1, 2, 3]))),
            {"x": float(draw(st.sampled_from([0, 25, 50, 75, 100])))},
            {"x": draw(st.sampled_from([0.5, 1.0]))},
        )
        for k in range(n)
    )
    case = Case(name="grid", issues=(Issue("x", 0, 100),), stakeholders=people)
    order = draw(st.permutations(people))
    return case, replace(case, stakeholders=tuple(order))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_shuffled_cases())
def test_no_model_moves_with_the_stakeholders_order(cases: tuple[Case, Case]) -> None:
    case, shuffled = cases
    assert _forecasts(shuffled, MODELS) == _forecasts(case, MODELS)


def test_eum_ties_go_to_the_lower_position_whatever_the_order() -> None:
    # two equal camps: EUM's median ties; it used to be the position listed first
    a = Stakeholder("a", 1.0, {"x": 0.0}, {"x": 1.0})
    b = Stakeholder("b", 1.0, {"x": 100.0}, {"x": 1.0})
    for people in ((a, b), (b, a)):
        case = Case(name="tie", issues=(Issue("x", 0, 100),), stakeholders=people)
        assert _forecasts(case, ["eum"]) == {"eum": (0.0,)}


def test_bdm_1994_is_the_same_in_any_order(shared: Path) -> None:
    case = read_case(shared / "bdm1994-eu-emissions.csv")
    expected = _forecasts(case, MODELS)
    assert round(expected["eum"][0], 4) == 8.7587
    for people in (case.stakeholders[::-1], case.stakeholders[3:] + case.stakeholders[:3]):
        assert _forecasts(replace(case, stakeholders=people), MODELS) == expected


def test_an_exchange_path_that_never_settles_says_what_moves_it(shared: Path) -> None:
    unsettled = forecast_case(read_case(shared / "decide-sample_data.txt"), models=["exchange"])
    assert UNSETTLED_PATH in unsettled.results[0].notes
    settled = forecast_case(
        Case(
            name="two issues",
            issues=(Issue("p", 0, 100), Issue("q", 0, 100)),
            stakeholders=(
                Stakeholder("a", 1.0, {"p": 0, "q": 0}, {"p": 0.9, "q": 0.1}),
                Stakeholder("b", 1.0, {"p": 100, "q": 100}, {"p": 0.1, "q": 0.9}),
            ),
        ),
        models=["exchange"],
    )
    assert settled.results[0].converged and UNSETTLED_PATH not in settled.results[0].notes
