"""Outcome models on small hand-made cases with known answers, and random-case properties."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.bargaining import make_model, model_names, read_case
from accord.bargaining.case import Case, Issue, Stakeholder, as_case
from accord.bargaining.models import (
    ExchangeModel,
    ExpectedUtilityModel,
    KalaiSmorodinskyModel,
    NashBargainingModel,
)
from accord.bargaining.models._stats import weighted_median
from accord.bargaining.models.eum import win_probabilities
from accord.bargaining.pareto import kalai_smorodinsky_point, nash_point, pareto_frontier

from .conftest import FIXTURES

SYMMETRIC = as_case("sym", [("A", 1.0, 0.0, 1.0), ("B", 1.0, 10.0, 1.0)])


@pytest.mark.parametrize("name", ["compromise", "nbs", "ks"])
def test_symmetric_two_party_case_lands_at_the_midpoint(name: str) -> None:
    assert make_model(name).forecast(SYMMETRIC).issues[0].forecast == pytest.approx(5.0, abs=1e-4)


def test_tiny_case_expected_values() -> None:
    case = read_case(FIXTURES / "tiny.csv")
    # weights c*s: North 0.5, Centre 0.1, South 0.24 -> median North's 0, mean 24/0.84
    assert make_model("median").forecast(case).value("issue") == 0.0
    assert make_model("compromise").forecast(case).value("issue") == pytest.approx(
        (0.1 * 50 + 0.24 * 100) / 0.84
    )


def test_weighted_nbs_leans_to_the_stronger() -> None:
    case = as_case("w", [("A", 3.0, 0.0, 1.0), ("B", 1.0, 10.0, 1.0)])
    x = NashBargainingModel().forecast(case).value("issue")
    assert 0.0 < x < 5.0


def test_discrete_nbs_and_ks_pick_an_option() -> None:
    case = read_case(FIXTURES / "tiny.yaml")
    for model in (NashBargainingModel(), KalaiSmorodinskyModel()):
        venue = model.forecast(case).value("venue")
        assert venue in (0.0, 1.0, 2.0)


def test_all_models_run_on_every_fixture() -> None:
    for name in ("tiny.csv", "tiny_ktab.csv", "tiny_decide.txt", "tiny_deu.csv", "tiny.yaml"):
        case = read_case(FIXTURES / name)
        for model in model_names():
            forecast = make_model(model).forecast(case)
            for issue in case.issues:
                assert issue.low - 1e-9 <= forecast.value(issue.name) <= issue.high + 1e-9


def test_exchange_on_two_opposed_actors() -> None:
    case = read_case(FIXTURES / "tiny_decide.txt")
    result = ExchangeModel(rounds=1).forecast(case)
    first = result.exchanges[0]
    # North cares about tax (0.9), South about aid (0.9): North demands tax.
    assert (first.demander, first.demand_issue) == ("North", "tax")
    assert first.gain > 0


def test_exchange_model_without_partners_keeps_the_nbs() -> None:
    f = ExchangeModel().forecast(SYMMETRIC)
    assert f.exchanges == ()
    assert f.value("issue") == pytest.approx(5.0)


def test_eum_q_below_one_runs() -> None:
    case = read_case(FIXTURES / "tiny.csv")
    f = ExpectedUtilityModel(rounds=3, q=0.5, t=0.5).forecast(case)
    assert len(f.issues[0].rounds) == 3


def _brute_probabilities(x: np.ndarray, w: np.ndarray, r: np.ndarray, span: float) -> np.ndarray:
    n = len(x)
    d = (np.abs(x[:, None] - x[None, :]) / span) ** r[:, None]  # [voter, position]
    votes = w[:, None, None] * (d[:, None, :] - d[:, :, None])  # [k, i, j]: k prefers i over j
    denom = np.abs(votes).sum()
    num = np.maximum(votes, 0).sum(axis=0)
    out = num / denom if denom > 0 else np.zeros((n, n))
    out[x[:, None] == x[None, :]] = 0.0
    return out


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 10), min_size=2, max_size=9),
    st.data(),
)
def test_fast_probabilities_equal_brute_force(xs: list[int], data: st.DataObject) -> None:
    n = len(xs)
    x = np.array(xs, dtype=float)
    w = np.array(data.draw(st.lists(st.floats(0.01, 1), min_size=n, max_size=n)))
    r = np.array(data.draw(st.lists(st.floats(0.5, 2), min_size=n, max_size=n)))
    span = float(x.max() - x.min()) or 1.0
    np.testing.assert_allclose(
        win_probabilities(x, w, r, span), _brute_probabilities(x, w, r, span), atol=1e-12
    )


@given(st.lists(st.floats(0, 100), min_size=1, max_size=20), st.data())
def test_weighted_median_is_a_condorcet_position(xs: list[float], data: st.DataObject) -> None:
    x = np.array(xs)
    w = np.array(data.draw(st.lists(st.floats(0.01, 1), min_size=len(xs), max_size=len(xs))))
    m = weighted_median(x, w)
    for y in x:  # no position wins a weighted majority against the median
        assert np.dot(w, np.abs(x - m) > np.abs(x - y)) <= w.sum() / 2 + 1e-9


utility_rows = st.integers(2, 60).flatmap(
    lambda n: st.integers(2, 3).flatmap(
        lambda k: st.lists(
            st.lists(st.floats(0, 1), min_size=k, max_size=k), min_size=n, max_size=n
        )
    )
)


@given(utility_rows)
def test_pareto_frontier_is_exactly_the_non_dominated_set(rows: list[list[float]]) -> None:
    u = np.array(rows)
    front = set(pareto_frontier(u).tolist())
    for i in range(len(u)):
        dominated = any((u[j] >= u[i]).all() and (u[j] > u[i]).any() for j in range(len(u)))
        if dominated:
            assert i not in front
        elif i not in front:  # only a duplicate of a frontier row may be left out
            assert any((u[j] == u[i]).all() for j in front)


@given(utility_rows)
def test_nash_and_ks_points_are_on_the_pareto_frontier(rows: list[list[float]]) -> None:
    u = np.array(rows)
    front = pareto_frontier(u)
    d = np.zeros(u.shape[1])
    for point in (nash_point(u, d), kalai_smorodinsky_point(u, d)):
        if point is not None:
            assert any((u[f] == u[point]).all() for f in front)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(0.1, 1), st.floats(0, 10), st.floats(0.1, 1)), min_size=2, max_size=6
    )
)
def test_continuous_nbs_beats_disagreement_for_all(rows: list[tuple[float, float, float]]) -> None:
    issue = Issue("i", 0.0, 10.0)
    case = Case(
        "r",
        (issue,),
        tuple(Stakeholder(f"a{k}", c, {"i": x}, {"i": s}) for k, (c, x, s) in enumerate(rows)),
    )
    x = NashBargainingModel().forecast(case).value("i")
    xs = [r[1] for r in rows]
    assert min(xs) - 1e-6 <= x <= max(xs) + 1e-6


def test_forecast_json_shape() -> None:
    case = read_case(FIXTURES / "tiny.csv")
    static = make_model("median").forecast(case).as_dict()
    assert static == {
        "model": "median",
        "issues": [
            {"issue": "issue", "forecast": 0.0, "rounds": [], "label": "", "convergence": None}
        ],
        "iterative": False,
        "exchanges": [],
        "converged": None,
        "notes": [],
        "error": None,  # set when the model failed and other models were kept
    }
    iterative = make_model("eum", rounds=2).forecast(case).as_dict()
    # Centre and South trade places every three rounds; the median stays at North's 0.
    assert iterative["converged"] is False
    report = iterative["issues"][0]["convergence"]
    assert (report["status"], report["period"], report["low"], report["high"]) == (
        "cycle",
        3,
        0.0,
        0.0,
    )
    first = iterative["issues"][0]["rounds"][0]
    assert set(first) == {"round", "median", "mean", "positions", "moves"}
    assert first["round"] == 1
    assert set(first["positions"]) == {"North", "Centre", "South"}
