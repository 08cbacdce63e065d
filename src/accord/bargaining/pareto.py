"""Pareto frontier, Nash point and Kalai-Smorodinsky point over a finite set of outcomes.

Pure functions over a utility matrix U of shape (outcomes, agents). Used by the discrete
bargaining solutions and by the negotiation protocols to judge agreements.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from accord.bargaining.case import FloatArray

IntArray = npt.NDArray[np.intp]
BoolArray = npt.NDArray[np.bool_]

__all__ = ["kalai_smorodinsky_point", "nash_point", "pareto_frontier"]

# Smallest input worth the pivot prefilter (below it the exact pass alone is as fast).
_PREFILTER_MIN = 512


def pareto_frontier(utils: npt.ArrayLike, chunk: int = 512) -> IntArray:
    """Indices of the Pareto-optimal rows of `utils`, best first (one per duplicate vector).

    Of several rows with the same utility vector the one with the smallest index is kept.
    The order is decreasing utility of the first agent for two agents, decreasing sum of
    utilities (ties by index) for more.

    A prefilter first drops the rows weakly dominated by a few rows known to be optimal (the
    maximisers of positively weighted sums, each checked again below): on most inputs only a
    small fraction of rows survives it. The exact pass then runs on the survivors: for two
    agents one sort and a running maximum, O(N log N); for more agents rows are taken in
    decreasing order of their sum (a row can only be dominated by one with at least its sum)
    (then by utilities, so that a dominating row comes first even when rounding gives both the
    same sum) and compared, a block at a time and without Python loops over rows, with the
    frontier found so far and with the rest of their block.
    """
    u = np.asarray(utils, dtype=np.float64)
    if u.ndim != 2 or len(u) == 0:
        return np.empty(0, dtype=np.intp)
    if u.shape[1] == 1:
        best = np.flatnonzero(u[:, 0] == u[:, 0].max())[:1]
        return best.astype(np.intp)
    rows: IntArray | None = None
    if len(u) >= _PREFILTER_MIN and bool(np.isfinite(u).all()):
        rows = _candidates(u)
        u = u[rows]
    keep = _frontier_2(u) if u.shape[1] == 2 else _frontier_n(u, chunk)
    return keep if rows is None else rows[keep]


def _candidates(u: FloatArray) -> IntArray:
    """Ascending indices of the rows no pivot strictly dominates (every optimal row among them).

    A pivot maximises a strictly positive weighted sum, so (exact arithmetic aside) no row
    dominates it; rows equal to a pivot are kept, so the exact pass still chooses among
    duplicates by index. The first pivot maximises the range-normalised sum over all rows;
    the others, leaning towards each agent in turn, are looked for among the survivors only.
    """
    n, m = u.shape
    cols = [np.ascontiguousarray(u[:, j]) for j in range(m)]
    span = np.array([c.max() - c.min() for c in cols])
    scale = 1.0 / np.where(span > 0, span, 1.0)
    weights = [scale] + [
        scale * (1.0 + lean * np.eye(m)[j]) for lean in (3.0, 0.5) for j in range(m)
    ]
    alive: IntArray = np.arange(n, dtype=np.intp)
    for w in weights:
        sub = [c[alive] for c in cols] if len(alive) < n else cols
        total = sub[0] * w[0]
        for j in range(1, m):
            total += sub[j] * w[j]
        p = [float(c[int(np.argmax(total))]) for c in sub]
        below = sub[0] <= p[0]
        above = sub[0] >= p[0]
        for j in range(1, m):
            below &= sub[j] <= p[j]
            above &= sub[j] >= p[j]
        # dominated: weakly below the pivot and not equal to it
        alive = alive[~below | above]
        if len(alive) < _PREFILTER_MIN:
            break
    return alive


def _frontier_2(u: FloatArray) -> IntArray:
    order = np.lexsort((-u[:, 1], -u[:, 0]))
    second = u[order, 1]
    before = np.concatenate(([-np.inf], np.maximum.accumulate(second)[:-1]))
    keep: IntArray = order[second > before]
    return keep


def _frontier_n(u: FloatArray, chunk: int) -> IntArray:
    total = u.sum(axis=1)
    # Taken by decreasing sum, then decreasing utilities agent by agent, then index: a row that
    # dominates another always comes first, even when rounding gives both the same sum, and of
    # equal rows the first index comes first.
    order = np.lexsort((*(-u[:, j] for j in reversed(range(u.shape[1]))), -total))
    front: list[IntArray] = []
    front_u = np.empty((0, u.shape[1]))
    for start in range(0, len(order), chunk):
        idx = order[start : start + chunk]
        block = u[idx]
        if len(front_u):
            idx, block = _drop_dominated_by(front_u, idx, block, chunk)
        if len(idx) == 0:
            continue
        # within the block: dominated by another row of it, or equal to an earlier one
        ge = np.all(block[None, :, :] >= block[:, None, :], axis=2)  # [k, j]: row j >= row k
        gt = np.any(block[None, :, :] > block[:, None, :], axis=2)
        earlier = np.tri(len(idx), k=-1, dtype=bool)  # [k, j]: j before k
        beaten = np.any(ge & (gt | earlier), axis=1)
        front.append(idx[~beaten])
        front_u = np.vstack([front_u, block[~beaten]])
    if not front:
        return np.empty(0, dtype=np.intp)
    found = np.concatenate(front).astype(np.intp)
    out: IntArray = found[np.lexsort((found, -total[found]))]  # by decreasing sum, then index
    return out


def _drop_dominated_by(
    front_u: FloatArray, idx: IntArray, block: FloatArray, chunk: int
) -> tuple[IntArray, FloatArray]:
    """Rows of `block` that no row of `front_u` weakly dominates (equal rows are dropped: the
    frontier row came first)."""
    beaten: BoolArray = np.zeros(len(idx), dtype=bool)
    for lo in range(0, len(front_u), 4 * chunk):
        part = front_u[lo : lo + 4 * chunk]
        beaten |= np.any(np.all(part[None, :, :] >= block[:, None, :], axis=2), axis=1)
    return idx[~beaten], block[~beaten]


def nash_point(
    utils: npt.ArrayLike,
    disagreement: npt.ArrayLike | None = None,
    weights: npt.ArrayLike | None = None,
    frontier: npt.ArrayLike | None = None,
) -> int | None:
    """Row maximising the (weighted) product of gains over the disagreement point.

    Only rows where every agent gains strictly are eligible; None if there is none. The
    winner is always Pareto-optimal, so only the frontier is searched: pass `frontier` (the
    indices `pareto_frontier(utils)` returned) when it is known, else it is computed. Of
    equal products the first frontier row wins.
    """
    u = np.asarray(utils, dtype=np.float64)
    d = np.zeros(u.shape[1]) if disagreement is None else np.asarray(disagreement, float)
    wt = np.ones(u.shape[1]) if weights is None else np.asarray(weights, float)
    front = pareto_frontier(u) if frontier is None else np.asarray(frontier, dtype=np.intp)
    gains = u[front] - d
    ok: BoolArray = np.all(gains > 0, axis=1)
    if not ok.any():
        return None
    score = np.where(ok, (np.log(np.where(ok[:, None], gains, 1.0)) * wt).sum(axis=1), -np.inf)
    return int(front[int(np.argmax(score))])


def kalai_smorodinsky_point(
    utils: npt.ArrayLike,
    disagreement: npt.ArrayLike | None = None,
    frontier: npt.ArrayLike | None = None,
) -> int | None:
    """Pareto row maximising the smallest gain relative to each agent's best possible gain.

    `frontier`: the indices `pareto_frontier(utils)` returned, when known (else computed).
    """
    u = np.asarray(utils, dtype=np.float64)
    d = np.zeros(u.shape[1]) if disagreement is None else np.asarray(disagreement, float)
    rational = (u >= d).all(axis=1)
    if not rational.any():
        return None
    ideal: FloatArray = u[rational].max(axis=0)
    front = pareto_frontier(u) if frontier is None else np.asarray(frontier, dtype=np.intp)
    front = front[(u[front] >= d).all(axis=1)]
    if len(front) == 0:
        return None
    scale = np.where(ideal - d > 0, ideal - d, 1.0)
    rel = ((u[front] - d) / scale).min(axis=1)
    return int(front[int(np.argmax(rel))])
