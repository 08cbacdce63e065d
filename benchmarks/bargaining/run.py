"""Bargaining benchmarks, measured in one run against NegMAS (installed only for benchmarks).

1. The same bilateral alternating-offers negotiation (one issue, 1,000-step deadline,
   linear time-based agents on both sides): offers per second, Accord vs NegMAS.
2. Pareto frontier and Nash point over 100,000 outcomes (two parties, random utilities
   per issue value): wall time, Accord vs NegMAS.
3. The expected utility model on 100 actors x 10 issues x 10 rounds: wall time (< 1 s).

Run with `make bench` or `python -m benchmarks bargaining`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np

from accord.bargaining import Case, Issue, Stakeholder
from accord.bargaining.models import ExpectedUtilityModel
from accord.bargaining.pareto import nash_point, pareto_frontier
from accord.bargaining.protocols import LinearUtility, alternating_offers
from accord.bargaining.strategies import Linear

STEPS = 1000
RESOLUTION = 1001  # the issue's values 0..1000 (NegMAS needs a finite issue to be fair)


def _best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Best wall time of `repeat` calls, and the last result."""
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def bench_alternating() -> tuple[float, float]:
    """Offers per second: (accord, negmas)."""
    # Reservation values of 0.6 keep both sides apart until the deadline: all 1,000 steps run.
    utils = [
        LinearUtility((1000.0,), (0.0,), (1000.0,), reservation=0.6),
        LinearUtility((0.0,), (0.0,), (1000.0,), reservation=0.6),
    ]

    def ours() -> int:
        res = alternating_offers(utils, [Linear(), Linear()], STEPS, seed=0)
        return len(res.trace)

    t_ours, n_ours = _best(ours, 5)

    from negmas import SAOMechanism, make_issue
    from negmas.preferences import LinearAdditiveUtilityFunction as LU
    from negmas.preferences.value_fun import AffineFun
    from negmas.sao.negotiators import LinearTBNegotiator

    def theirs() -> int:
        issues = [make_issue(RESOLUTION, "x")]
        mech = SAOMechanism(issues=issues, n_steps=STEPS)
        a = LU(values={"x": AffineFun(1 / 1000)}, issues=issues, reserved_value=0.6)
        b = LU(values={"x": AffineFun(-1 / 1000, 1.0)}, issues=issues, reserved_value=0.6)
        mech.add(LinearTBNegotiator(name="a"), preferences=a)
        mech.add(LinearTBNegotiator(name="b"), preferences=b)
        mech.run()
        return len(mech.extended_trace)

    t_theirs, n_theirs = _best(theirs, 3)
    print(f"  offers made: accord {n_ours}, negmas {n_theirs}")
    return n_ours / t_ours, n_theirs / t_theirs


def bench_pareto(n_outcomes: int = 100_000) -> tuple[float, float]:
    """Seconds for frontier + Nash point: (accord, negmas), on identical utilities."""
    rng = np.random.default_rng(0)
    sizes = (1000, n_outcomes // 1000)
    tables = [[rng.random(k) for k in sizes] for _ in range(2)]
    weights = [rng.random(2) for _ in range(2)]

    def ours() -> int | None:
        grid = np.stack(np.meshgrid(*[np.arange(k) for k in sizes], indexing="ij"), -1).reshape(
            -1, 2
        )
        u = np.column_stack(
            [
                sum(w[k] * t[k][grid[:, k]] for k in range(2))
                for t, w in zip(tables, weights, strict=True)
            ]
        )
        pareto_frontier(u)
        return nash_point(u)

    t_ours, _ = _best(ours, 3)

    from negmas import make_issue
    from negmas.preferences import LinearAdditiveUtilityFunction as LU
    from negmas.preferences.ops import nash_points
    from negmas.preferences.ops import pareto_frontier as nm_frontier
    from negmas.preferences.value_fun import TableFun

    issues = [make_issue(k, f"i{j}") for j, k in enumerate(sizes)]
    ufuns = [
        LU(
            values={f"i{k}": TableFun(dict(enumerate(t[k].tolist()))) for k in range(2)},
            weights={f"i{k}": float(w[k]) for k in range(2)},
            issues=issues,
        )
        for t, w in zip(tables, weights, strict=True)
    ]

    def theirs() -> Any:
        # NegMAS's fast path: the ufuns know their issues, no outcome list is passed.
        frontier, _ = nm_frontier(ufuns, issues=issues)
        return nash_points(ufuns, frontier, issues=issues)

    t_theirs, _ = _best(theirs, 1)
    return t_ours, t_theirs


def bench_eum(actors: int = 100, issues: int = 10, rounds: int = 10) -> float:
    """Seconds for the expected utility model on a random case."""
    rng = np.random.default_rng(1)
    names = [f"i{k}" for k in range(issues)]
    case = Case(
        "random",
        tuple(Issue(n, 0.0, 100.0) for n in names),
        tuple(
            Stakeholder(
                f"a{k}",
                float(rng.random()),
                dict(zip(names, rng.integers(0, 101, issues).astype(float).tolist(), strict=True)),
                dict(zip(names, rng.random(issues).tolist(), strict=True)),
            )
            for k in range(actors)
        ),
    )
    model = ExpectedUtilityModel(rounds=rounds, max_rounds=rounds)  # exactly `rounds` rounds
    t, _ = _best(lambda: model.forecast(case), 3)
    return t


def main() -> None:
    """Run the three benchmarks and print the figures and ratios."""
    ours, theirs = bench_alternating()
    print(
        f"alternating offers, 1 issue, {STEPS} steps, linear time-based agents: "
        f"accord {ours:,.0f} offers/s, negmas {theirs:,.0f} offers/s, "
        f"ratio {ours / theirs:.1f}x (target >= 10x)"
    )
    t_ours, t_theirs = bench_pareto()
    print(
        f"pareto frontier + nash point, 100,000 outcomes: accord {t_ours * 1e3:.1f} ms, "
        f"negmas {t_theirs * 1e3:.1f} ms, ratio {t_theirs / t_ours:.1f}x (target >= 5x)"
    )
    t = bench_eum()
    print(
        "expected utility model, 100 actors x 10 issues, a fixed 10 rounds per issue "
        f"(max_rounds=10, not run to convergence): {t:.3f} s (target < 1 s)"
    )


if __name__ == "__main__":
    main()
