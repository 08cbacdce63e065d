"""Bargaining inputs of probe N: nbs and ks on many discrete issues sized before they run and
held to blocks of memory, their answers whole option indices; positions off their issue (out
of bounds, not finite, no option) refused by `Case` on every path; one tie rule for option
labels; extra DEU cells; and errors that followed from another one reported once."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import numpy as np
import pytest

import accord.bargaining.limits as limits
from accord.bargaining import Case, Issue, Stakeholder, forecast_case, read_case
from accord.bargaining.limits import MAX_MODEL_WORK, model_work
from accord.bargaining.models._utility import grid_outcomes
from accord.bargaining.protocols.scenario import read_scenario
from accord.errors import InputError

OPTIONS = tuple(f"o{k}" for k in range(50))


def _discrete_case(actors: int, issues: int, source: str = "cases/d.yaml") -> Case:
    """`actors` stakeholders at random options of `issues` issues of 50 options each."""
    rng = np.random.default_rng(7)
    names = [f"d{k}" for k in range(issues)]
    people = tuple(
        Stakeholder(
            f"A{a}",
            float(rng.choice([1.0, 2.0, 5.0])),
            {n: float(rng.integers(0, 50)) for n in names},
            {n: float(rng.choice([0.2, 0.5, 1.0])) for n in names},
        )
        for a in range(actors)
    )
    return Case("d", tuple(Issue(n, options=OPTIONS) for n in names), people, source=source)


def _problems(caught: pytest.ExceptionInfo[InputError]) -> list[tuple[str | None, str]]:
    return [(p.field, p.message) for p in caught.value.problems]


def test_the_grid_work_of_nbs_and_ks_is_counted_before_they_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 300 x 20 issues of 50 options was killed (17.6 GB at 150); it is now sized up front
    biggest = _discrete_case(300, 20)
    assert grid_outcomes(biggest) == 250_000 + 300  # the sample and one anchor per actor
    assert model_work("nbs", 300, 20, 0, 250_300) == 6_007_200 < MAX_MODEL_WORK
    case = _discrete_case(40, 3)  # 125,000 option combinations: scored on the grid
    assert model_work("ks", 40, 3, 0, grid_outcomes(case)) == 60_000
    monkeypatch.setattr(limits, "MAX_MODEL_WORK", 50_000)
    with pytest.raises(InputError) as caught:
        forecast_case(case, ["median", "nbs"])
    ((field, message),) = _problems(caught)
    assert field == "models" and caught.value.first.file == "cases/d.yaml"
    assert message.startswith("model 'nbs' on 40 stakeholders x 3 issues scores 125,000 outcomes")
    assert "fewer stakeholders, issues, discrete issues or options" in message
    (ks,) = forecast_case(case, ["ks"], keep_going=True).results
    assert ks.error is not None and "60,000 units of work" in ks.error


def test_nbs_scores_a_large_grid_in_bounded_memory() -> None:
    case = _discrete_case(60, 3)  # 125,000 outcomes x 60 x 3: 180 MB a temporary before
    tracemalloc.start()
    try:
        (result,) = forecast_case(case, ["nbs"]).results
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 << 20
    assert all(f.forecast == int(f.forecast) for f in result.issues)


@pytest.mark.parametrize("model", ["nbs", "ks"])
def test_a_discrete_forecast_is_an_option_index(model: str) -> None:
    # low + (27 / 49) x 49 was 26.999999999999996
    people = tuple(Stakeholder(n, 1, {"d": 27.0}, {"d": 1}) for n in "AB")
    case = Case("c", (Issue("d", options=OPTIONS),), people)
    (result,) = forecast_case(case, [model]).results
    assert result.issues[0].forecast == 27.0 and result.issues[0].label == "o27"


def _case(a: float, *, sq: float | None = None, power: float | None = None) -> Case:
    people = (
        Stakeholder("A", 1, {"a": a}, {"a": 1}, power={} if power is None else {"a": power}),
        Stakeholder("B", 1, {"a": 5}, {"a": 1}),
    )
    status_quo = None if sq is None else {"a": sq}
    return Case("t", (Issue("a", 0, 10),), people, status_quo=status_quo, source="t.py")


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"a": 50}, "A.positions.a", "50 is outside [0, 10]"),
        ({"a": -0.5}, "A.positions.a", "-0.5 is outside [0, 10]"),
        ({"a": float("inf")}, "A.positions.a", "expected a finite number, got inf"),
        ({"a": float("nan")}, "A.positions.a", "expected a finite number, got nan"),
        ({"a": 1, "sq": 11}, "status_quo.a", "11 is outside [0, 10]"),
        ({"a": 1, "power": float("nan")}, "A.power.a", "capability must be a number from 0"),
    ],
)
def test_a_case_refuses_a_value_off_its_issue(
    kwargs: dict[str, float], field: str, message: str
) -> None:
    with pytest.raises(InputError) as caught:
        _case(**kwargs)
    ((got_field, got),) = _problems(caught)
    assert got_field == field and got.startswith(message)
    assert caught.value.first.file == "t.py"


def test_a_case_refuses_no_option_and_a_missing_salience() -> None:
    issue = Issue("v", options=("x", "y", "z"))
    with pytest.raises(InputError) as caught:
        Case("t", (issue,), (Stakeholder("A", 1, {"v": 0.5}, {"v": 1}),))
    assert _problems(caught) == [("A.positions.v", "option index must be a whole number, got 0.5")]
    with pytest.raises(InputError) as caught:  # was salience 0 without a word
        Case("t", (issue,), (Stakeholder("A", 1, {"v": 1}, {}), Stakeholder("B", 1, {}, {})))
    assert _problems(caught)[0] == ("A.saliences", "no salience for 'v'")


def test_a_value_halfway_between_options_is_labelled_the_lower_one(tmp_path: Path) -> None:
    issue = Issue("v", options=("a", "b", "c"))
    # round() gave 'a' for 0.5 but 'c' for 1.5 (ties to the even index)
    assert [issue.label(v) for v in (0.5, 1.5, 1.5 + 1e-12, 1.51, 2.5, -3)] == [
        "a",
        "b",
        "b",
        "c",
        "c",
        "a",
    ]
    path = tmp_path / "half.yaml"
    text = "issues: [{name: v, options: [a, b, c]}]\nstakeholders:\n"
    text += "  - {name: A, capability: 1, positions: {v: b}, saliences: {v: 1}}\n"
    text += "  - {name: B, capability: 1, positions: {v: c}, saliences: {v: 1}}\n"
    path.write_text(text, encoding="utf-8")
    (result,) = forecast_case(read_case(path), ["compromise"]).results
    assert (result.issues[0].forecast, result.issues[0].label) == (1.5, "b")


def test_yaml_bounds_given_with_options_must_be_the_options(tmp_path: Path) -> None:
    path = tmp_path / "opt.yaml"
    text = "issues:\n  - name: v\n    options: [x, y, z]\n    low: 5\n    high: 2\n"
    text += "stakeholders:\n  - {name: A, capability: 1, positions: {v: x}, saliences: {v: 1}}\n"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:  # ignored before
        read_case(path)
    ((field, message),) = _problems(caught)
    assert (field, caught.value.first.line) == ("v.low", 4)
    assert message.startswith("a discrete issue's low is its option index 0, got 5")


def test_a_deu_row_with_extra_cells_is_refused_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "e4.csv"
    path.write_text("issue;pDE;sDE;pFR;sFR;out;ref\nfish;0;80;100;40;50;0;7\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:  # the 8th cell was ignored
        read_case(path)
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (2, "expected 7 fields, got 8")  # and not "no issue rows" besides
    ]


def test_a_bdm_file_of_bad_rows_reports_only_the_rows(tmp_path: Path) -> None:
    path = tmp_path / "e1.csv"
    path.write_text("Actor,Capability,Position,Salience\nA,1,abc,0.5\nB,1,5,\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_case(path)
    messages = [p.message for p in caught.value.problems]
    assert len(messages) == 2 and "no actor rows" not in messages


SCENARIO = """protocol: mediated
seed: 1
issues:
  - {name: p, low: 0, high: 100}
  - {name: q, low: -1000, high: 1000}
parties:
  - {name: A, ideal: {p: 0, q: -1000}, weights: {p: WA, q: 0}}
  - {name: B, ideal: {p: 100, q: 1000}, weights: {p: 1, q: 0}}
mediator: {iterations: 100, step: STEP, bias: 1.0, favour: A}
"""


@pytest.mark.parametrize(
    ("weight", "step", "expected"),
    [
        ("0", "0.05", [("A.weights", "issue weights must not all be zero")]),
        ("1", "0", [("mediator.step", "0: must be more than 0 (a draft never moves)")]),
        ("1", "1.5", [("mediator.step", "1.5 is outside [0, 1]")]),
    ],
)
def test_a_scenario_reports_the_first_cause_and_the_api_step_rule(
    tmp_path: Path, weight: str, step: str, expected: list[tuple[str, str]]
) -> None:
    # an all-zero party also gave "unknown party 'A'" at mediator.favour; a step of 0 (no
    # draft ever moves) or above 1 was taken, where the API takes (0, 1]
    path = tmp_path / "n5.yaml"
    path.write_text(SCENARIO.replace("WA", weight).replace("STEP", step), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_scenario(path)
    assert _problems(caught) == expected
