"""Stakeholders' utilities over multi-issue outcomes, for the bargaining solutions.

u_i(x) = 1 - sum_k sigma_ik ((x_k - p_ik) / span_k)^2, with sigma_i the saliences normalised
to sum to one: quadratic loss, salience as the weight of each issue. The disagreement point
is the status quo when the case has one, else each stakeholder's worst outcome in the box.
"""

from __future__ import annotations

import copy
import math

import numpy as np

from accord.bargaining.case import Case, FloatArray
from accord.bargaining.outcomes import MAX_OUTCOMES, OutcomeSpace, outcome_space

#: Most (outcome, actor, issue) cells of one block of `CaseUtilities.__call__` (16 MB each
#: temporary as float64).
BLOCK_CELLS = 1 << 21


def grid_points(case: Case, points: int = 21, limit: int = MAX_OUTCOMES) -> int:
    """The values per continuous issue of `CaseUtilities.space`: `points`, fewer (down to 3,
    by twos) while the grid with every option of the discrete issues passes `limit`."""
    options = math.prod(len(i.options) for i in case.issues if i.discrete)
    free = sum(1 for i in case.issues if not i.discrete)
    per = points
    while options * per**free > limit and per > 3:
        per -= 2
    return per


def grid_outcomes(case: Case, points: int = 21, limit: int = MAX_OUTCOMES) -> int:
    """How many outcomes `CaseUtilities.grid` holds, counted without building it: the whole
    grid, or a sample of `limit` plus one anchor per stakeholder (`outcomes.outcome_space`)."""
    options = math.prod(len(i.options) for i in case.issues if i.discrete)
    free = sum(1 for i in case.issues if not i.discrete)
    size = options * grid_points(case, points, limit) ** free
    return size if size <= limit else limit + len(case.stakeholders)


class CaseUtilities:
    """Vectorised utilities of every stakeholder of a case."""

    def __init__(self, case: Case) -> None:
        self.case = case
        x = case.positions()
        s = case.saliences()
        tot = s.sum(axis=1, keepdims=True)
        self.salience: FloatArray = s
        self.power: FloatArray = case.capabilities()
        self.sigma: FloatArray = np.where(tot > 0, s / np.where(tot > 0, tot, 1.0), 0.0)
        self.ideal: FloatArray = np.nan_to_num(x)
        self.low = np.array([i.low for i in case.issues])
        self.high = np.array([i.high for i in case.issues])
        self.span = np.array([i.span for i in case.issues])
        self.weights: FloatArray = np.array([st.capability for st in case.stakeholders])

    def restrict(self, keep: FloatArray) -> CaseUtilities:
        """The same utilities for the stakeholders where `keep` (a boolean mask) is true."""
        out = copy.copy(self)
        out.sigma, out.ideal, out.weights = self.sigma[keep], self.ideal[keep], self.weights[keep]
        out.salience, out.power = self.salience[keep], self.power[keep]
        return out

    def bargainers(self) -> tuple[CaseUtilities, str | None]:
        """The utilities of the stakeholders whose gain can differ from 0, and a note naming
        the others: a stakeholder with salience 0 on every issue has u = 1 everywhere, so its
        gain over disagreement is 0 at every outcome and would make every product of gains 0
        (the Nash solution became the compromise) and every smallest share 0."""
        keep = self.sigma.sum(axis=1) > 0
        if keep.all() or not keep.any():
            return self, None
        names = [s.name for s, k in zip(self.case.stakeholders, keep, strict=True) if not k]
        note = (
            f"left out of the bargaining solution (salience 0 on every issue: no outcome "
            f"changes its utility): {', '.join(names)}"
        )
        return self.restrict(keep), note

    def __call__(self, outcomes: FloatArray) -> FloatArray:
        """(N, actors) utilities of N outcomes (rows of issue values), computed a block of
        outcomes at a time so that the (outcomes, actors, issues) temporaries stay within
        `BLOCK_CELLS` (a grid of 250,000 outcomes x 150 actors x 20 issues took 17.6 GB)."""
        o = np.atleast_2d(outcomes)
        out: FloatArray = np.empty((len(o), len(self.ideal)))
        step = max(1, BLOCK_CELLS // max(1, self.ideal.size))
        for start in range(0, len(o), step):
            block = o[start : start + step]
            diff = (block[:, None, :] - self.ideal[None, :, :]) / self.span
            out[start : start + step] = 1.0 - (self.sigma[None] * diff**2).sum(axis=2)
        return out

    def gradient(self, x: FloatArray) -> FloatArray:
        """(actors, issues) gradient of each utility at outcome x."""
        out: FloatArray = -2.0 * self.sigma * (x[None, :] - self.ideal) / self.span**2
        return out

    def to_unit(self, x: FloatArray) -> FloatArray:
        """Outcome `x` on scales of 0 to 1 (low to high of each issue): the solvers work there,
        so their tolerances and steps mean the same on a 0-1 scale and a 0-1000 one."""
        out: FloatArray = (np.asarray(x, dtype=float) - self.low) / self.span
        return out

    def from_unit(self, z: FloatArray) -> FloatArray:
        """The outcome whose unit coordinates are `z` (`to_unit` undone)."""
        out: FloatArray = self.low + np.asarray(z, dtype=float) * self.span
        return out

    def unit_gradient(self, z: FloatArray) -> FloatArray:
        """(actors, issues) gradient of each utility with respect to unit coordinates `z`."""
        out: FloatArray = self.gradient(self.from_unit(z)) * self.span
        return out

    def status_quo(self) -> FloatArray | None:
        """The status quo as an outcome, when the case gives it on every issue."""
        sq = self.case.status_quo
        if sq and all(i in sq for i in self.case.issue_names):
            return np.array([sq[i] for i in self.case.issue_names], dtype=float)
        return None

    def disagreement(self) -> FloatArray:
        """Utility of the status quo, or of each stakeholder's worst corner of the box."""
        sq = self.status_quo()
        if sq is not None:
            at_sq: FloatArray = self(sq)[0]
            return at_sq
        far = np.maximum((self.low - self.ideal) ** 2, (self.high - self.ideal) ** 2)
        out: FloatArray = 1.0 - (self.sigma * far / self.span**2).sum(axis=1)
        return out

    def grid(self, points: int = 21, limit: int = MAX_OUTCOMES) -> FloatArray:
        """Every combination of options (discrete) or `points` values (continuous issues),
        coarser or sampled when that would pass `limit` (see `outcomes`)."""
        return self.space(points, limit).points

    def space(self, points: int = 21, limit: int = MAX_OUTCOMES) -> OutcomeSpace:
        """The outcome space scanned by the discrete solutions: continuous issues get fewer
        points (down to 3) while the product passes `limit`; past that it is sampled, with the
        stakeholders' ideal points among the candidates."""
        per = grid_points(self.case, points, limit)
        axes = [
            np.arange(len(i.options), dtype=float)
            if i.discrete
            else np.linspace(i.low, i.high, per)
            for i in self.case.issues
        ]
        ideals = np.clip(self.ideal, self.low, self.high)
        for k, issue in enumerate(self.case.issues):
            if issue.discrete:
                ideals[:, k] = np.clip(np.rint(ideals[:, k]), 0, len(issue.options) - 1)
        return outcome_space(axes, limit=limit, anchors=ideals)
