"""Exponentially weighted moving averages of a relation series."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt


def ewma(values: Sequence[float] | npt.NDArray[np.float64], span: float) -> npt.NDArray[np.float64]:
    """The EWMA of `values` with smoothing factor `alpha = 2 / (span + 1)`.

    Recursive form (no bias adjustment): `s[0] = x[0]`, `s[t] = alpha * x[t] + (1 - alpha) *
    s[t-1]`; a span of 1 returns the series unchanged. The same definition as pandas'
    `ewm(span=span, adjust=False).mean()`.
    """
    if span < 1:
        raise ValueError(f"span must be at least 1, got {span}")
    x = np.asarray(values, dtype=np.float64)
    out = np.empty_like(x)
    if x.size == 0:
        return out
    alpha = 2.0 / (span + 1.0)
    level = x[0]
    for i, value in enumerate(x):
        level = value if i == 0 else alpha * value + (1.0 - alpha) * level
        out[i] = level
    return out
