"""Outcome spaces are sized before anything is allocated; huge ones are sampled, not enumerated."""

from __future__ import annotations

import itertools
import resource
import time

import numpy as np
import pytest

from accord.bargaining import make_model
from accord.bargaining.case import Case, Issue, Stakeholder
from accord.bargaining.models._utility import CaseUtilities
from accord.bargaining.outcomes import MAX_OUTCOMES, outcome_space, space_size
from accord.bargaining.protocols.domain import outcome_grid


def wide_case(discrete: int, continuous: int, options: int = 10) -> Case:
    issues = [
        Issue(f"d{k}", options=tuple(f"o{j}" for j in range(options))) for k in range(discrete)
    ]
    issues += [Issue(f"c{k}", 0.0, 100.0) for k in range(continuous)]
    names = [i.name for i in issues]
    stakeholders = tuple(
        Stakeholder(
            name,
            capability=cap,
            positions={
                n: (float(j % options) if n.startswith("d") else pos) for j, n in enumerate(names)
            },
            saliences=dict.fromkeys(names, 0.5),
        )
        for name, cap, pos in (("A", 0.6, 20.0), ("B", 0.4, 80.0))
    )
    return Case("wide", tuple(issues), stakeholders)


def test_small_spaces_are_enumerated_in_product_order() -> None:
    axes = [np.array([0.0, 1.0]), np.array([5.0, 6.0, 7.0]), np.array([9.0])]
    space = outcome_space(axes)
    assert not space.sampled and space.size == 6 and space.note() is None
    assert space.points.tolist() == [list(p) for p in itertools.product(*axes)]


def test_huge_spaces_are_sized_exactly_and_sampled() -> None:
    axes = [np.linspace(0, 1, 21)] * 15
    assert space_size(axes) == 21**15
    space = outcome_space(axes, limit=1000, anchors=np.zeros((2, 15)), seed=3)
    assert space.sampled and space.points.shape == (1002, 15)
    assert space.points[:2].tolist() == [[0.0] * 15] * 2
    again = outcome_space(axes, limit=1000, anchors=np.zeros((2, 15)), seed=3)
    assert np.array_equal(space.points, again.points)  # seeded: reproducible
    assert "too many to enumerate" in (space.note() or "")
    assert outcome_grid([0.0] * 40, [1.0] * 40, points=101, limit=5000).shape == (5000, 40)


@pytest.mark.parametrize(
    ("model", "discrete", "continuous"), [("nbs", 1, 15), ("ks", 8, 0), ("nbs", 8, 0)]
)
def test_the_probe_cases_answer_fast_in_bounded_memory(
    model: str, discrete: int, continuous: int
) -> None:
    case = wide_case(discrete, continuous)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    forecast = make_model(model).forecast(case)
    took = time.perf_counter() - start
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert took < 20 and grown_mb < 1500
    assert len(forecast.issues) == discrete + continuous
    for issue, f in zip(case.issues, forecast.issues, strict=True):
        assert issue.low <= f.forecast <= issue.high
    util = CaseUtilities(case)
    assert util.space().sampled and len(util.grid()) <= MAX_OUTCOMES + 2
