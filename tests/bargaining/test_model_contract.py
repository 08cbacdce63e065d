"""The contract every outcome model passes, parametrised over the registry behind `make_model`
(a new model is tested by being registered), and each model's answers on tiny hand-worked cases
written as a data table.
"""

from __future__ import annotations

import copy

import pytest

from accord.bargaining import make_model, model_names, read_case
from accord.bargaining.case import Case, Issue, Stakeholder, as_case
from accord.bargaining.models import Model

from .conftest import FIXTURES

MODELS = model_names()
CASE_FILES = ("tiny.csv", "tiny_ktab.csv", "tiny_decide.txt", "tiny_deu.csv", "tiny.yaml")

SPAN = Issue("issue", 0.0, 10.0)
#: Tiny one-issue cases on [0, 10]: (actor, capability, position, salience) rows.
TINY: dict[str, Case] = {
    "alone": as_case("alone", [("A", 1.0, 3.0, 1.0)], issue=SPAN),
    "even": as_case("even", [("A", 1.0, 0.0, 1.0), ("B", 1.0, 10.0, 1.0)], issue=SPAN),
    "strong": as_case("strong", [("A", 3.0, 0.0, 1.0), ("B", 1.0, 10.0, 1.0)], issue=SPAN),
    "keen": as_case("keen", [("A", 1.0, 0.0, 0.2), ("B", 1.0, 10.0, 0.8)], issue=SPAN),
    "three": as_case(
        "three", [("A", 1.0, 0.0, 1.0), ("B", 1.0, 4.0, 1.0), ("C", 1.0, 10.0, 1.0)], issue=SPAN
    ),
}

#: model: {case: forecast}, worked by hand (None: no closed form worth writing down).
#: - median: the capability x salience weighted median (ties go to the lower position);
#: - compromise: the capability x salience weighted mean: strong 10/4, keen 0.8 x 10, three 14/3;
#: - nbs: max sum c_i log(u_i - d_i), u_i = 1 - ((x - p_i)/10)^2, d_i the worst in the box;
#:   strong: t = x/10 solves 3 t^2 (2 - t) = (1 - t)^2 (1 + t), t = 0.341831; keen: saliences
#:   are normalised per actor, so it equals even;
#: - ks: equal shares of the ideal gains, capability plays no part: 5 for two actors;
#: - eum: nobody can move a side holding the weighted median, so it stays there;
#: - exchange: one issue offers nothing to trade: the weighted mean (the issue's NBS).
EXPECTED: dict[str, dict[str, float | None]] = {
    "median": {"alone": 3.0, "even": 0.0, "strong": 0.0, "keen": 10.0, "three": 4.0},
    "compromise": {"alone": 3.0, "even": 5.0, "strong": 2.5, "keen": 8.0, "three": 14 / 3},
    "nbs": {"alone": 3.0, "even": 5.0, "strong": 3.41831, "keen": 5.0, "three": None},
    "ks": {"alone": 3.0, "even": 5.0, "strong": 5.0, "keen": 5.0, "three": None},
    "eum": {"alone": 3.0, "even": 0.0, "strong": 0.0, "keen": 10.0, "three": 4.0},
    "exchange": {"alone": 3.0, "even": 5.0, "strong": 2.5, "keen": 8.0, "three": 14 / 3},
}


def two_issue_case(*rows: tuple[str, float, float, float]) -> Case:
    """Actors as (name, capability, position on a, position on b), salience 0.5 on both."""
    issues = (Issue("a", 0.0, 100.0), Issue("b", 0.0, 100.0))
    return Case(
        "two issues",
        issues,
        tuple(Stakeholder(n, c, {"a": x, "b": y}, {"a": 0.5, "b": 0.5}) for n, c, x, y in rows),
    )


def test_every_model_has_hand_worked_values() -> None:
    assert set(EXPECTED) == set(MODELS)


@pytest.mark.parametrize("name", MODELS)
class TestModelContract:
    def test_names_itself_and_cites_its_source(self, name: str) -> None:
        model = make_model(name)
        assert isinstance(model, Model)
        assert model.name == name and type(model).name == name
        assert model.reference.strip()
        forecast = model.forecast(TINY["even"])
        assert forecast.model == name
        assert forecast.iterative == type(model).iterative

    @pytest.mark.parametrize("file", CASE_FILES)
    def test_one_forecast_per_issue_within_its_range(self, name: str, file: str) -> None:
        case = read_case(FIXTURES / file)
        forecast = make_model(name).forecast(case)
        assert [f.issue for f in forecast.issues] == case.issue_names
        for issue in case.issues:
            assert issue.low - 1e-9 <= forecast.value(issue.name) <= issue.high + 1e-9

    @pytest.mark.parametrize("file", CASE_FILES)
    def test_is_deterministic_and_leaves_the_case_alone(self, name: str, file: str) -> None:
        case = read_case(FIXTURES / file)
        before = copy.deepcopy(case)
        first = make_model(name).forecast(case)
        again = make_model(name).forecast(case)
        assert first == again
        assert case == before

    def test_a_lone_stakeholder_gets_its_way_on_every_issue(self, name: str) -> None:
        case = two_issue_case(("A", 1.0, 30.0, 80.0))
        forecast = make_model(name).forecast(case)
        assert forecast.value("a") == pytest.approx(30.0, abs=1e-4)
        assert forecast.value("b") == pytest.approx(80.0, abs=1e-4)

    def test_two_stakeholders_land_between_them(self, name: str) -> None:
        case = two_issue_case(("A", 2.0, 20.0, 90.0), ("B", 1.0, 60.0, 10.0))
        forecast = make_model(name).forecast(case)
        assert 20.0 - 1e-6 <= forecast.value("a") <= 60.0 + 1e-6
        assert 10.0 - 1e-6 <= forecast.value("b") <= 90.0 + 1e-6


@pytest.mark.parametrize(
    ("name", "case", "expected"),
    [
        (name, case, value)
        for name, row in EXPECTED.items()
        for case, value in row.items()
        if value is not None
    ],
)
def test_hand_worked_value(name: str, case: str, expected: float) -> None:
    got = make_model(name).forecast(TINY[case]).value("issue")
    assert got == pytest.approx(expected, abs=1e-4)
