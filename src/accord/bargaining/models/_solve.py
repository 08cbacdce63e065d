"""Solvers shared by the Nash and Kalai-Smorodinsky models, on unit scales (0-1 per issue).

Every stakeholder's gain over disagreement, u_i(x) - d_i, is concave in x (quadratic loss with
non-negative saliences), so the set where all gain is convex and "maximise the smallest gain"
is a convex problem: SLSQP from a few starts finds it however narrow that set is (a grid of 9
values per issue missed a gaining region 3 points wide and forecast no deal). Discrete issues
are held at one option combination (`Subspace.fixed`) while the continuous ones are solved.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from accord.bargaining.case import Case, FloatArray
from accord.bargaining.models._utility import BLOCK_CELLS, CaseUtilities, grid_outcomes
from accord.bargaining.outcomes import space_size

#: A smallest gain at or below this is no gain: no outcome leaves everyone better off.
GAIN_TOL = 1e-12
#: Most option combinations of the discrete issues that are solved one by one.
MAX_COMBOS = 64


@dataclass(frozen=True)
class Subspace:
    """The outcomes with the discrete issues held at `fixed` (unit coordinates); the solvers
    move only the `free` (continuous) issues."""

    util: CaseUtilities
    fixed: FloatArray
    free: NDArray[np.bool_]

    def full(self, zf: FloatArray) -> FloatArray:
        """The unit outcome whose free coordinates are `zf`."""
        z = self.fixed.copy()
        z[self.free] = zf
        return z

    def outcome(self, zf: FloatArray) -> FloatArray:
        """The outcome (in the case's units) whose free coordinates are `zf`; the fixed ones
        are options, so their whole index (low + z x span came out as 26.999999999999996)."""
        x = self.util.from_unit(self.full(zf))
        x[~self.free] = np.rint(x[~self.free])
        return x

    def gains(self, zf: FloatArray, d: FloatArray) -> FloatArray:
        """Every stakeholder's gain over `d` at free coordinates `zf`."""
        out: FloatArray = self.util(self.util.from_unit(self.full(zf)))[0] - d
        return out

    def jac(self, zf: FloatArray) -> FloatArray:
        """(actors, free issues) gradient of the gains."""
        out: FloatArray = self.util.unit_gradient(self.full(zf))[:, self.free]
        return out

    def start(self, x: FloatArray) -> FloatArray:
        """Free unit coordinates of outcome `x` (in the case's units), inside the box."""
        out: FloatArray = np.clip(self.util.to_unit(x)[self.free], 0.0, 1.0)
        return out


def whole_box(util: CaseUtilities) -> Subspace:
    """Every issue free (a case without discrete issues)."""
    m = len(util.low)
    return Subspace(util, np.zeros(m), np.ones(m, dtype=bool))


def _maximin_from(sub: Subspace, d: FloatArray, scale: FloatArray, z0: FloatArray) -> FloatArray:
    from scipy.optimize import minimize  # lazy: keeps `accord` start-up fast

    m = int(sub.free.sum())
    t0 = float((sub.gains(z0, d) / scale).min())
    res = minimize(
        lambda v: -v[m],
        np.append(z0, t0),
        jac=lambda v: np.append(np.zeros(m), -1.0),
        method="SLSQP",
        bounds=[*([(0.0, 1.0)] * m), (None, None)],
        constraints=[
            {
                "type": "ineq",
                "fun": lambda v: sub.gains(v[:m], d) / scale - v[m],
                "jac": lambda v: np.hstack(
                    [sub.jac(v[:m]) / scale[:, None], -np.ones((len(d), 1))]
                ),
            }
        ],
        options={"maxiter": 300, "ftol": 1e-14},
    )
    out: FloatArray = np.clip(res.x[:m], 0.0, 1.0)
    return out


def maximin(
    sub: Subspace, d: FloatArray, starts: Sequence[FloatArray], scale: FloatArray | None = None
) -> tuple[FloatArray, float]:
    """The free coordinates maximising the smallest gain (divided by `scale`) over the box, and
    that gain: the best of SLSQP runs from `starts` (free unit coordinates) and the starts."""
    sc = np.ones_like(d) if scale is None else scale
    if not sub.free.any():
        empty = np.zeros(0)
        return empty, float((sub.gains(empty, d) / sc).min())
    found = [z for z0 in starts for z in (z0, _maximin_from(sub, d, sc, z0))]
    values = [float((sub.gains(z, d) / sc).min()) for z in found]
    k = int(np.argmax(values))
    return found[k], values[k]


def default_starts(sub: Subspace, extra: Sequence[FloatArray] = ()) -> list[FloatArray]:
    """Starts for `maximin`: the given points, the centre of the box and two seeded points (the
    problem is convex; several starts guard against a solver stopping early)."""
    m = int(sub.free.sum())
    rng = np.random.default_rng(0)
    return [*(sub.start(x) for x in extra), np.full(m, 0.5), *rng.random((2, m))]


def best_in_rational_set(sub: Subspace, d: FloatArray, i: int, z0: FloatArray) -> float:
    """Stakeholder `i`'s highest utility over the outcomes where nobody is worse off than `d`
    (the individually rational set), from a point `z0` inside it."""
    from scipy.optimize import minimize  # lazy: keeps `accord` start-up fast

    if not sub.free.any():
        return float(sub.gains(z0, d)[i] + d[i])
    res = minimize(
        lambda z: -float(sub.gains(z, d)[i]),
        z0,
        jac=lambda z: -sub.jac(z)[i],
        method="SLSQP",
        bounds=[(0.0, 1.0)] * len(z0),
        constraints=[{"type": "ineq", "fun": lambda z: sub.gains(z, d), "jac": sub.jac}],
        options={"maxiter": 300, "ftol": 1e-14},
    )
    z = np.clip(res.x, 0.0, 1.0)
    ok = sub.gains(z, d).min() >= -1e-9
    return float(max(sub.gains(z, d)[i] if ok else -np.inf, sub.gains(z0, d)[i]) + d[i])


def rational_utopia(sub: Subspace, d: FloatArray, z0: FloatArray) -> FloatArray:
    """Every stakeholder's best utility over the individually rational set of `sub` (`z0`
    inside it): its own best outcome in the box when that leaves nobody worse off than `d`,
    else the constrained optimum."""
    util = sub.util
    own = np.clip(util.ideal, util.low, util.high)  # each utility's maximum over the box
    out = np.empty(len(d))
    for i in range(len(d)):
        x = util.from_unit(sub.fixed)
        x[sub.free] = own[i, sub.free]
        zf = sub.start(x)
        gains = sub.gains(zf, d)
        out[i] = gains[i] + d[i] if gains.min() >= 0 else best_in_rational_set(sub, d, i, z0)
    return out


def scored_outcomes(case: Case) -> int:
    """How many grid outcomes `option_combos` scores on `case` (0 when it solves every
    option combination, at most `MAX_COMBOS`), for the up-front work check
    (`limits.model_work`)."""
    if math.prod(len(i.options) for i in case.issues if i.discrete) <= MAX_COMBOS:
        return 0
    return grid_outcomes(case)


def option_combos(util: CaseUtilities, score: Callable[[FloatArray], FloatArray]) -> list[Subspace]:
    """One subspace per option combination of the discrete issues (all of them when there are
    at most `MAX_COMBOS`, else the `MAX_COMBOS` whose best outcome on the coarse grid scores
    highest by `score`, a function of grid outcomes)."""
    disc = np.array([i.discrete for i in util.case.issues], dtype=bool)
    axes = [np.arange(len(i.options), dtype=float) for i in util.case.issues if i.discrete]
    if space_size(axes) <= MAX_COMBOS:
        combos = [np.array(c, dtype=float) for c in itertools.product(*axes)]
    else:
        grid = util.grid()
        step = max(1, BLOCK_CELLS // max(1, util.ideal.size))  # bounded memory, as `util()`
        values = np.concatenate([score(grid[k : k + step]) for k in range(0, len(grid), step)])
        keys: dict[tuple[float, ...], float] = {}
        for row, v in zip(grid[:, disc], values, strict=True):
            key = tuple(float(a) for a in row)
            keys[key] = max(keys.get(key, -np.inf), float(v))
        ranked = sorted(keys, key=lambda k: (-keys[k], k))[:MAX_COMBOS]
        combos = [np.array(k) for k in ranked]
    out = []
    for combo in combos:
        x = (util.low + util.high) / 2
        x[disc] = combo
        out.append(Subspace(util, util.to_unit(x), ~disc))
    return out


def combos_note(util: CaseUtilities, solved: int) -> str:
    """What a forecast with discrete issues was searched over, for its notes."""
    names = [i.name for i in util.case.issues if i.discrete]
    total = math.prod(len(i.options) for i in util.case.issues if i.discrete)
    how = (
        f"each of its {total} option combinations"
        if solved == total
        else f"the {solved} of its {total:,} option combinations that score best on a grid of "
        f"21 values per continuous issue (the answer may move with that grid)"
    )
    return (
        f"discrete issue(s) {', '.join(names)}: solved for {how}, the continuous issues "
        f"optimised exactly for each"
    )
