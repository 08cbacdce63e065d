"""The negotiation domain: issues as boxes of numbers and linear additive utilities.

Protocols and strategies exchange outcomes as tuples of floats (one per issue) and judge them
with `LinearUtility`: u(o) = sum_k w_k (1 - |o_k - ideal_k| / span_k), weights summing to
one, so 1 at the party's ideal and 0 at the far end of every issue.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from accord.bargaining.case import FloatArray
from accord.bargaining.outcomes import outcome_space
from accord.errors import InputError

Outcome = tuple[float, ...]


class LinearUtility:
    """One party's preferences: ideal point, issue weights, reservation value, discount."""

    __slots__ = (
        "_c0",
        "_coef",
        "_i0",
        "_ideal",
        "_one",
        "_span",
        "discount",
        "high",
        "ideal",
        "low",
        "reservation",
        "weights",
    )

    def __init__(
        self,
        ideal: Sequence[float],
        low: Sequence[float],
        high: Sequence[float],
        weights: Sequence[float] | None = None,
        reservation: float = 0.0,
        discount: float = 1.0,
    ) -> None:
        m = len(ideal)
        if not (len(low) == len(high) == m) or (weights is not None and len(weights) != m):
            raise InputError.at(
                "ideal, bounds and weights need one value per issue", field="issues"
            )
        w = np.ones(m) if weights is None else np.asarray(weights, float)
        if w.sum() <= 0:
            raise InputError.at("issue weights must not all be zero", field="weights")
        self.ideal: Outcome = tuple(float(v) for v in ideal)
        self.low: Outcome = tuple(float(v) for v in low)
        self.high: Outcome = tuple(float(v) for v in high)
        self.weights: Outcome = tuple((w / w.sum()).tolist())
        self.reservation = float(reservation)
        self.discount = float(discount)
        span = np.asarray(self.high) - np.asarray(self.low)
        self._span: FloatArray = np.where(span > 0, span, 1.0)
        self._ideal: FloatArray = np.asarray(self.ideal, float)
        self._coef: FloatArray = np.asarray(self.weights) / self._span
        self._one = m == 1
        self._c0 = float(self._coef[0])
        self._i0 = self.ideal[0]

    def __repr__(self) -> str:
        return (
            f"LinearUtility(ideal={self.ideal}, weights={self.weights}, "
            f"reservation={self.reservation}, discount={self.discount})"
        )

    def __call__(self, outcome: Sequence[float]) -> float:
        """Utility of one outcome (undiscounted)."""
        if self._one:
            return 1.0 - abs(outcome[0] - self._i0) * self._c0
        return 1.0 - float(np.dot(self._coef, np.abs(np.asarray(outcome) - self._ideal)))

    def many(self, outcomes: FloatArray) -> FloatArray:
        """Utilities of N outcomes, shape (N,)."""
        out: FloatArray = 1.0 - np.abs(outcomes - self._ideal) @ self._coef
        return out

    def toward(self, target: float, anchor: Sequence[float]) -> Outcome:
        """The outcome on the segment from the ideal to `anchor` whose utility is `target`.

        Utility falls linearly along that segment, so this is exact; targets below the
        anchor's utility stop at the anchor.
        """
        if self._one:
            dist = abs(anchor[0] - self._i0) * self._c0
            lam = 1.0 if dist <= 0 else min(max((1.0 - target) / dist, 0.0), 1.0)
            return (self._i0 + lam * (anchor[0] - self._i0),)
        a = np.asarray(anchor, float)
        dist = float(np.dot(self._coef, np.abs(a - self._ideal)))
        lam = 1.0 if dist <= 0 else min(max((1.0 - target) / dist, 0.0), 1.0)
        return tuple((self._ideal + lam * (a - self._ideal)).tolist())


def outcome_grid(
    low: Sequence[float], high: Sequence[float], points: int = 101, limit: int = 200_000
) -> FloatArray:
    """A grid over the box (fewer points per issue when the product would pass `limit`, and a
    seeded sample of `limit` outcomes when even two points per issue would)."""
    m = len(low)
    per = max(2, min(points, int(limit ** (1.0 / m)) if m else points))
    axes = [np.linspace(lo, hi, per) for lo, hi in zip(low, high, strict=True)]
    return outcome_space(axes, limit=limit).points
