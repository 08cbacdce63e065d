"""Outcome spaces too large to enumerate: size them first, enumerate small ones, sample large ones.

A case with 15 continuous issues at 21 points each has 21**15 outcomes; building that grid
would need exabytes. Every model and protocol that scans an outcome space asks this module,
which computes the size exactly (Python integers, no overflow) before allocating anything and
returns either every outcome (in `itertools.product` order) or a seeded uniform sample of
`limit` outcomes plus the caller's anchor points (ideal points, say), so the answer stays
reproducible and says that it was sampled.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from accord.bargaining.case import FloatArray

#: Most outcomes any model enumerates or samples (about 2 MB per issue as float64).
MAX_OUTCOMES = 250_000


@dataclass(frozen=True)
class OutcomeSpace:
    """Outcomes as rows of issue values; `sampled` when they are a sample of `size`."""

    points: FloatArray
    size: int
    sampled: bool

    def note(self) -> str | None:
        """A sentence for the answer when the outcomes were sampled, else None."""
        if not self.sampled:
            return None
        return (
            f"the outcome space has {self.size:.3g} outcomes, too many to enumerate: the answer "
            f"was searched over a seeded sample of {len(self.points):,} of them"
        )


def space_size(axes: Sequence[Sequence[float] | FloatArray]) -> int:
    """How many outcomes the product of `axes` has (exact, however large)."""
    return math.prod(len(a) for a in axes)


def outcome_space(
    axes: Sequence[FloatArray],
    *,
    limit: int = MAX_OUTCOMES,
    anchors: FloatArray | None = None,
    seed: int = 0,
) -> OutcomeSpace:
    """Every combination of the axes' values when there are at most `limit`, else a sample.

    The sample draws each issue's value uniformly from its axis with a fixed `seed`, then adds
    `anchors` (rows of issue values, e.g. the stakeholders' ideal points) so that the outcomes
    the actors care most about are always candidates.
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    size = space_size(axes)
    if size <= limit:
        if not axes:
            return OutcomeSpace(np.zeros((1, 0)), 1, False)
        mesh = np.meshgrid(*axes, indexing="ij")
        points = np.stack([m.reshape(-1) for m in mesh], axis=1).astype(float)
        return OutcomeSpace(points, size, False)
    rng = np.random.default_rng(seed)
    cols = [np.asarray(a, float)[rng.integers(0, len(a), limit)] for a in axes]
    points = np.column_stack(cols)
    if anchors is not None and len(anchors):
        points = np.vstack([np.asarray(anchors, float).reshape(-1, len(axes)), points])
    return OutcomeSpace(points, size, True)
