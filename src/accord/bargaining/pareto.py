"""Pareto frontier, Nash point and Kalai-Smorodinsky point over a finite set of outcomes.

Pure functions over a utility matrix U of shape (outcomes, agents). Used by the discrete
bargaining solutions and by the negotiation protocols to judge agreements.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from accord.bargaining.case import FloatArray

IntArray = npt.NDArray[np.intp]

__all__ = ["kalai_smorodinsky_point", "nash_point", "pareto_frontier"]


def pareto_frontier(utils: npt.ArrayLike, chunk: int = 2048) -> IntArray:
    """Indices of the Pareto-optimal rows of `utils`, best first (one per duplicate vector).

    Two agents: one sort and a running maximum, O(N log N). More agents: rows are taken in
    decreasing order of their sum (a row can only be dominated by one with a larger sum) and
    checked, a block at a time, against the frontier found so far.
    """
    u = np.asarray(utils, dtype=np.float64)
    if u.ndim != 2 or len(u) == 0:
        return np.empty(0, dtype=np.intp)
    if u.shape[1] == 1:
        best = np.flatnonzero(u[:, 0] == u[:, 0].max())[:1]
        return best.astype(np.intp)
    if u.shape[1] == 2:
        order = np.lexsort((-u[:, 1], -u[:, 0]))
        second = u[order, 1]
        before = np.concatenate(([-np.inf], np.maximum.accumulate(second)[:-1]))
        keep: IntArray = order[second > before]
        return keep
    order = np.argsort(-u.sum(axis=1), kind="stable")
    front: list[int] = []
    front_u = np.empty((0, u.shape[1]))
    for start in range(0, len(order), chunk):
        idx = order[start : start + chunk]
        block = u[idx]
        if len(front_u):
            ge = np.all(front_u[None, :, :] >= block[:, None, :], axis=2)
            gt = np.any(front_u[None, :, :] > block[:, None, :], axis=2)
            same = np.any(np.all(front_u[None] == block[:, None], axis=2), axis=1)
            dominated = np.any(ge & gt, axis=1) | same
            idx, block = idx[~dominated], block[~dominated]
        for k in range(len(idx)):  # within the block, in decreasing-sum order
            row = block[k]
            if len(front_u) and bool(np.all(front_u >= row, axis=1).any()):
                continue
            front.append(int(idx[k]))
            front_u = np.vstack([front_u, row])
    return np.asarray(front, dtype=np.intp)


def nash_point(
    utils: npt.ArrayLike,
    disagreement: npt.ArrayLike | None = None,
    weights: npt.ArrayLike | None = None,
) -> int | None:
    """Row maximising the (weighted) product of gains over the disagreement point.

    Only rows where every agent gains strictly are eligible; None if there is none. The
    winner is always Pareto-optimal, so only the frontier is searched.
    """
    u = np.asarray(utils, dtype=np.float64)
    d = np.zeros(u.shape[1]) if disagreement is None else np.asarray(disagreement, float)
    wt = np.ones(u.shape[1]) if weights is None else np.asarray(weights, float)
    front = pareto_frontier(u)
    gains = u[front] - d
    ok: npt.NDArray[np.bool_] = np.all(gains > 0, axis=1)
    if not ok.any():
        return None
    score = np.where(ok, (np.log(np.where(ok[:, None], gains, 1.0)) * wt).sum(axis=1), -np.inf)
    return int(front[int(np.argmax(score))])


def kalai_smorodinsky_point(
    utils: npt.ArrayLike, disagreement: npt.ArrayLike | None = None
) -> int | None:
    """Pareto row maximising the smallest gain relative to each agent's best possible gain."""
    u = np.asarray(utils, dtype=np.float64)
    d = np.zeros(u.shape[1]) if disagreement is None else np.asarray(disagreement, float)
    rational = (u >= d).all(axis=1)
    if not rational.any():
        return None
    ideal: FloatArray = u[rational].max(axis=0)
    front = pareto_frontier(u)
    front = front[(u[front] >= d).all(axis=1)]
    if len(front) == 0:
        return None
    scale = np.where(ideal - d > 0, ideal - d, 1.0)
    rel = ((u[front] - d) / scale).min(axis=1)
    return int(front[int(np.argmax(rel))])
