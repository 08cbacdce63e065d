"""The expected utility model on a shifted or rescaled scale runs the same rounds (it works on
the actors' own range mapped to 0-1); on a reversed scale it does not, because Scholz's rule
picks the compromise with the lowest utility-weighted midpoint, and the forecast says so."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from accord.bargaining import Case, read_case
from accord.bargaining.models import ExpectedUtilityModel


def _affine(case: Case, a: float, b: float) -> Case:
    """`case` with every position x written a x + b (and the issue's bounds with them)."""
    issues = tuple(
        replace(i, low=min(a * i.low + b, a * i.high + b), high=max(a * i.low + b, a * i.high + b))
        for i in case.issues
    )
    people = tuple(
        replace(s, positions={k: a * v + b for k, v in s.positions.items()})
        for s in case.stakeholders
    )
    return replace(case, issues=issues, stakeholders=people, status_quo=None, outcome=None)


@pytest.mark.parametrize(("a", "b"), [(1.0, 10.0), (3.0, 50.0), (1.0, 2000.0), (1 / 6, 0.0)])
def test_eum_does_not_move_with_a_shift_or_a_rescaling(shared: Path, a: float, b: float) -> None:
    case = read_case(shared / "bdm1994-eu-emissions.csv")
    plain = ExpectedUtilityModel().forecast(case).issues[0]
    moved = ExpectedUtilityModel().forecast(_affine(case, a, b)).issues[0]
    # before: +10 forecast 8.43 (unsettled), 3x + 50 8.43, against 8.7587 (cycle of 18)
    assert (moved.forecast - b) / a == pytest.approx(plain.forecast, abs=1e-9)
    assert plain.forecast == pytest.approx(8.7587, abs=1e-4)
    assert moved.convergence is not None and plain.convergence is not None
    assert moved.convergence.period == plain.convergence.period == 18
    assert moved.convergence.start == plain.convergence.start
    medians = [r.median for r in plain.rounds]
    assert [(r.median - b) / a for r in moved.rounds] == pytest.approx(medians, abs=1e-9)


def test_eum_on_a_reversed_scale_differs_and_says_so(shared: Path) -> None:
    case = read_case(shared / "bdm1994-eu-emissions.csv")
    plain = ExpectedUtilityModel().forecast(case)
    reversed_ = ExpectedUtilityModel().forecast(_affine(case, -1.0, 14.0))
    # Scholz's compromise rule (lowest utility-weighted midpoint) first decides differently in
    # round 4; the reversed case cycles with period 8 around 9.188 (on the original scale)
    assert 14.0 - reversed_.issues[0].forecast == pytest.approx(9.1881, abs=1e-4)
    assert [r.median for r in plain.issues[0].rounds[:3]] == pytest.approx(
        [14.0 - r.median for r in reversed_.issues[0].rounds[:3]], abs=1e-9
    )
    assert any("lowest utility-weighted midpoint" in n for n in plain.notes)
    assert any("lowest utility-weighted midpoint" in n for n in reversed_.notes)
