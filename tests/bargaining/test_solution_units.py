"""The Nash and Kalai-Smorodinsky solutions do not move with the units of a scale, reach their
optimum when a status quo makes the compromise a loss for someone, and are checked against a
dense grid of outcomes (numbers nobody chose by hand)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from accord.bargaining import Case, Issue, Stakeholder, forecast_case
from accord.bargaining.models._utility import CaseUtilities

#: Three parties on two issues of 0-100: (name, capability, positions, saliences).
PARTIES = (
    ("A", 3.0, (10.0, 80.0), (0.7, 0.3)),
    ("B", 2.0, (70.0, 20.0), (0.4, 0.6)),
    ("C", 1.0, (95.0, 55.0), (0.5, 0.5)),
)
ISSUES = ("p", "q")


def _case(
    scale: float = 1.0, shift: float = 0.0, status_quo: tuple[float, ...] | None = None
) -> Case:
    def at(v: float) -> float:
        return v * scale + shift

    people = tuple(
        Stakeholder(
            n,
            c,
            {k: at(x) for k, x in zip(ISSUES, xs, strict=True)},
            dict(zip(ISSUES, ss, strict=True)),
        )
        for n, c, xs, ss in PARTIES
    )
    issues = tuple(Issue(k, at(0.0), at(100.0)) for k in ISSUES)
    sq = None if status_quo is None else {k: at(v) for k, v in zip(ISSUES, status_quo, strict=True)}
    return Case("units", issues, people, status_quo=sq)


def _unit(case: Case, model: str) -> np.ndarray:
    (result,) = forecast_case(case, models=[model]).results
    return np.array(
        [(f.forecast - i.low) / i.span for f, i in zip(result.issues, case.issues, strict=True)]
    )


def _dense(util: CaseUtilities, points: int = 401) -> np.ndarray:
    axes = [np.linspace(lo, hi, points) for lo, hi in zip(util.low, util.high, strict=True)]
    return np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, len(axes))


@pytest.mark.parametrize("model", ["nbs", "ks"])
@pytest.mark.parametrize(("scale", "shift"), [(10.0, 5.0), (0.01, 0.0), (1000.0, -300.0)])
def test_the_same_solution_in_any_units(model: str, scale: float, shift: float) -> None:
    plain = _unit(_case(), model)
    # the old solvers stopped where they started (the compromise) on a 0-1000 scale
    assert _unit(_case(scale, shift), model) == pytest.approx(plain, abs=1e-6)


def test_nash_with_a_status_quo_the_compromise_does_not_beat_for_everyone() -> None:
    case = _case(status_quo=(30.0, 90.0))
    util = CaseUtilities(case)
    d = util.disagreement()
    compromise = [
        sum(c * s[k] * x[k] for _, c, x, s in PARTIES) / sum(c * s[k] for _, c, _, s in PARTIES)
        for k in range(2)
    ]
    assert (util(np.array(compromise))[0] - d).min() < 0  # someone loses at the compromise
    got = _unit(case, "nbs") * 100
    grid = _dense(util)
    gains = util(grid) - d
    ok = (gains > 0).all(axis=1)
    c = util.weights / util.weights.sum()
    score = np.where(ok, (c * np.log(np.where(ok[:, None], gains, 1.0))).sum(axis=1), -np.inf)
    best = grid[int(np.argmax(score))]
    assert (util(got)[0] - d).min() > 0  # every party gains at the forecast
    assert got == pytest.approx(best, abs=0.3)  # the grid's spacing is 0.25
    assert not np.allclose(got, compromise, atol=1.0)  # the old answer: the compromise


def test_nash_without_any_gain_for_all_is_the_status_quo() -> None:
    # A and B sit at opposite corners; the status quo at A's ideal: B cannot gain without A losing
    one = replace(
        _case(status_quo=(10.0, 80.0)),
        stakeholders=tuple(
            Stakeholder(n, c, {"p": x[0], "q": x[1]}, {"p": 0.5, "q": 0.5})
            for n, c, x in (("A", 1.0, (10.0, 80.0)), ("B", 1.0, (90.0, 10.0)))
        ),
    )
    assert _unit(one, "nbs") * 100 == pytest.approx([10.0, 80.0])


def test_kalai_smorodinsky_reaches_the_largest_smallest_share() -> None:
    case = _case()
    util = CaseUtilities(case)
    d = util.disagreement()
    got = _unit(case, "ks") * 100
    grid = _dense(util)
    shares = ((util(grid) - d) / (1 - d)).min(axis=1)
    reached = ((util(got)[0] - d) / (1 - d)).min()
    assert reached >= shares.max() - 1e-6
