"""Weighted median and mean: the two summaries every model reports per issue and round."""

from __future__ import annotations

import numpy as np

from accord.bargaining.case import FloatArray


def weighted_median(x: FloatArray, w: FloatArray) -> float:
    """The position of the median voter: the smallest x whose cumulative weight reaches half.

    With single-peaked preferences this position beats every other in pairwise majority votes
    weighted by `w` (Black 1948), which is why BDM call it the median voter outcome.
    """
    keep = w > 0
    if not keep.any():
        return float(np.mean(x))
    xs, ws = x[keep], w[keep]
    order = np.argsort(xs, kind="stable")
    cum = np.cumsum(ws[order])
    idx = int(np.searchsorted(cum, cum[-1] / 2.0 - 1e-12 * cum[-1]))
    return float(xs[order][min(idx, len(xs) - 1)])


def weighted_mean(x: FloatArray, w: FloatArray) -> float:
    """The weighted mean of positions (the compromise / Nash point under quadratic loss)."""
    total = float(w.sum())
    return float(np.dot(w, x) / total) if total > 0 else float(np.mean(x))
