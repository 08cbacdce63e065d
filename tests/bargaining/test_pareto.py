"""Pareto frontier, Nash and Kalai-Smorodinsky points: exact results, order and ties, against
a brute-force reference on inputs large enough for the prefilter and the block-wise pass."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from accord.bargaining.pareto import kalai_smorodinsky_point, nash_point, pareto_frontier


def reference(u: np.ndarray) -> list[int]:
    """Every non-dominated row, first index of each utility vector, in the documented order."""
    n = len(u)
    ge = (u[None, :, :] >= u[:, None, :]).all(axis=2)  # [i, j]: row j >= row i
    gt = (u[None, :, :] > u[:, None, :]).any(axis=2)
    earlier = np.tri(n, k=-1, dtype=bool)
    keep = [i for i in range(n) if not (ge[i] & (gt[i] | earlier[i])).any()]
    if u.shape[1] == 2:
        return sorted(keep, key=lambda i: (-u[i, 0], -u[i, 1], i))
    return sorted(keep, key=lambda i: (-u[i].sum(), i))


def _inputs(kind: str, n: int, m: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    if kind == "uniform":
        return rng.random((n, m))
    if kind == "ties":  # few distinct values: many duplicates and equal coordinates
        return rng.integers(0, 5, (n, m)).astype(float)
    if kind == "duplicated":
        u = rng.integers(0, 30, (n // 2, m)).astype(float)
        return np.vstack([u, u[::-1]])
    x = rng.random(n)  # "front": every row optimal in the first two agents
    return np.column_stack([x, 1 - x, *(rng.random(n) * 1e-3 for _ in range(m - 2))])


@pytest.mark.parametrize("m", [2, 3, 4])
@pytest.mark.parametrize("kind", ["uniform", "ties", "duplicated", "front"])
@pytest.mark.parametrize("n", [50, 1500])
def test_frontier_equals_the_brute_force_reference(kind: str, n: int, m: int) -> None:
    u = _inputs(kind, n, m, seed=n + m)
    assert pareto_frontier(u).tolist() == reference(u)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(2, 4).flatmap(
        lambda m: arrays(
            np.float64,
            st.tuples(st.integers(1, 700), st.just(m)),
            elements=st.sampled_from([0.0, 0.25, 0.5, 1.0, 2.0]),
        )
    )
)
def test_frontier_matches_the_reference_with_heavy_ties(u: np.ndarray) -> None:
    assert pareto_frontier(u).tolist() == reference(u)


def test_a_dominating_row_of_equal_rounded_sum_still_wins() -> None:
    # 1e16 + 1 rounds to 1e16: both rows have the same float sum, the second dominates
    u = np.array([[1e16, 0.0, 0.0], [1e16, 1.0, 0.0], [0.0, 0.0, 1.0]])
    assert pareto_frontier(u).tolist() == [1, 2]


def test_many_optimal_rows_of_equal_sum() -> None:
    # every row on the plane x + y + z = 60 (with repeats): none dominated, all sums equal
    rng = np.random.default_rng(5)
    xy = rng.integers(0, 31, (3000, 2))
    u = np.column_stack([xy, 60 - xy.sum(axis=1)]).astype(float)
    assert pareto_frontier(u, chunk=128).tolist() == reference(u)


def test_non_finite_utilities_skip_the_prefilter() -> None:
    u = np.random.default_rng(3).random((1000, 2))
    u[10] = [np.inf, 0.0]
    assert 10 in pareto_frontier(u).tolist()


@pytest.mark.parametrize("m", [2, 3])
def test_nash_and_ks_points_take_a_precomputed_frontier(m: int) -> None:
    u = np.random.default_rng(m).random((5000, m))
    d = np.full(m, 0.1)
    front = pareto_frontier(u)
    assert nash_point(u, d, frontier=front) == nash_point(u, d)
    assert nash_point(u, d, [1.0, 2.0, 3.0][:m], front) == nash_point(u, d, [1.0, 2.0, 3.0][:m])
    assert kalai_smorodinsky_point(u, d, frontier=front) == kalai_smorodinsky_point(u, d)
    best = nash_point(u, d, frontier=front)
    assert best is not None
    product = np.prod(u - d, axis=1)
    rational = (u > d).all(axis=1)
    assert best == int(np.flatnonzero(rational)[np.argmax(product[rational])])


def test_nash_point_is_none_when_nobody_gains() -> None:
    u = np.array([[0.2, 0.1], [0.1, 0.2]])
    assert nash_point(u, [0.5, 0.5], frontier=pareto_frontier(u)) is None
