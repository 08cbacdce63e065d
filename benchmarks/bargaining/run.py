"""Bargaining benchmarks against NegMAS (a benchmark-only dependency: the `bench` extra).

1. Pareto frontier and Nash point over 100,000 outcomes (two parties, additive utilities over
   two issues of 1,000 x 100 values). Both sides get the same utility matrix, built in setup;
   Accord runs `pareto_frontier` then `nash_point(..., frontier=...)`, NegMAS its array
   functions `pareto_frontier_numpy` then `nash_points` on the frontier's utility tuples (with
   ranges whose lower bound is the disagreement point 0, as Accord's). The frontier (as a set
   of outcome indices) and the Nash outcome are checked equal.
2. The same bilateral alternating-offers negotiation (one issue of 1,001 values, linear
   time-based concession on both sides, reservation 0.6 so that no agreement is reached and
   every step runs): NegMAS's 1,000 rounds, in each of which both sides offer, against
   Accord's 2,000 single-offer steps, so 2,000 offers on each side. Building the negotiators
   and the mechanism is outside the timing on both sides; both must end without agreement
   after the same number of offers.
3. The expected utility model on 100 actors x 10 issues x 10 rounds (Accord only, < 1 s).

Each side runs in its own process (`benchmarks/timing.py`: equal warm-ups and repeats, wall
and CPU time, peak memory).

    python -m benchmarks bargaining [--outcomes N] [--warmup W] [--repeat R]
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

import numpy as np

from benchmarks.timing import Job, check_same, measure, report

STEPS = 1000
RESOLUTION = 1001  # the issue's values 0..1000 (NegMAS needs a finite issue to be fair)
OUTCOMES = 100_000
HERE = "benchmarks.bargaining.run"


def utility_matrix(n_outcomes: int) -> np.ndarray:
    """Utilities (outcomes x 2) of two parties with random additive utilities over two issues."""
    rng = np.random.default_rng(0)
    sizes = (1000, max(1, n_outcomes // 1000))
    tables = [[rng.random(k) for k in sizes] for _ in range(2)]
    weights = [rng.random(2) for _ in range(2)]
    grid = np.stack(np.meshgrid(*[np.arange(k) for k in sizes], indexing="ij"), -1).reshape(-1, 2)
    return np.column_stack(
        [
            sum(w[k] * t[k][grid[:, k]] for k in range(2))
            for t, w in zip(tables, weights, strict=True)
        ]
    )


def pareto_accord(n: str) -> Job:
    from accord.bargaining.pareto import nash_point, pareto_frontier

    u = utility_matrix(int(n))

    def run() -> dict[str, Any]:
        front = pareto_frontier(u)
        best = nash_point(u, frontier=front)
        return {"frontier": sorted(front.tolist()), "nash": best}

    return Job(run)


def pareto_negmas(n: str) -> Job:
    from negmas.preferences.ops import nash_points, pareto_frontier_numpy

    u = utility_matrix(int(n))

    def run() -> dict[str, Any]:
        front = pareto_frontier_numpy(u)
        points = [tuple(row) for row in u[front].tolist()]
        ranges = [(0.0, float(u[:, k].max())) for k in range(u.shape[1])]
        found = nash_points(None, points, ranges=ranges, eps=0.0)
        best = int(front[found[0][1]]) if found else None
        return {"frontier": sorted(front.tolist()), "nash": best}

    return Job(run)


def _linear_utilities() -> list[Any]:
    from accord.bargaining.protocols import LinearUtility

    # Reservation values of 0.6 keep both sides apart until the deadline: all 1,000 steps run.
    return [
        LinearUtility((1000.0,), (0.0,), (1000.0,), reservation=0.6),
        LinearUtility((0.0,), (0.0,), (1000.0,), reservation=0.6),
    ]


def offers_accord() -> Job:
    from accord.bargaining.protocols import alternating_offers
    from accord.bargaining.strategies import Linear

    utils = _linear_utilities()
    state: dict[str, Any] = {}

    def before() -> None:
        state["agents"] = [Linear(), Linear()]

    def run() -> dict[str, Any]:
        # NegMAS's step is a round in which both sides offer: 2 x STEPS offers on each side
        res = alternating_offers(utils, state["agents"], 2 * STEPS, seed=0)
        return {"agreement": res.agreement is not None, "offers": len(res.trace)}

    return Job(run, before)


def offers_negmas() -> Job:
    from negmas import SAOMechanism, make_issue
    from negmas.preferences import LinearAdditiveUtilityFunction as LU
    from negmas.preferences.value_fun import AffineFun
    from negmas.sao.negotiators import LinearTBNegotiator

    state: dict[str, Any] = {}

    def before() -> None:
        issues = [make_issue(RESOLUTION, "x")]
        mech = SAOMechanism(issues=issues, n_steps=STEPS)
        a = LU(values={"x": AffineFun(1 / 1000)}, issues=issues, reserved_value=0.6)
        b = LU(values={"x": AffineFun(-1 / 1000, 1.0)}, issues=issues, reserved_value=0.6)
        mech.add(LinearTBNegotiator(name="a"), preferences=a)
        mech.add(LinearTBNegotiator(name="b"), preferences=b)
        state["mech"] = mech

    def run() -> dict[str, Any]:
        mech = state["mech"]
        mech.run()
        return {"agreement": mech.agreement is not None, "offers": len(mech.extended_trace)}

    return Job(run, before)


def eum_accord(actors: str = "100", issues: str = "10", rounds: str = "10") -> Job:
    from accord.bargaining import Case, Issue, Stakeholder
    from accord.bargaining.models import ExpectedUtilityModel

    rng = np.random.default_rng(1)
    names = [f"i{k}" for k in range(int(issues))]
    case = Case(
        "random",
        tuple(Issue(n, 0.0, 100.0) for n in names),
        tuple(
            Stakeholder(
                f"a{k}",
                float(rng.random()),
                dict(
                    zip(names, rng.integers(0, 101, len(names)).astype(float).tolist(), strict=True)
                ),
                dict(zip(names, rng.random(len(names)).tolist(), strict=True)),
            )
            for k in range(int(actors))
        ),
    )
    # exactly `rounds` rounds per issue: the model now runs to convergence (max_rounds=500)
    model = ExpectedUtilityModel(rounds=int(rounds), max_rounds=int(rounds))
    return Job(lambda: {"issues": len(model.forecast(case).issues)})


def main(argv: list[str] | None = None) -> None:
    """Run the three benchmarks and print the figures and ratios."""
    parser = argparse.ArgumentParser(description="Bargaining benchmarks: Accord vs NegMAS.")
    parser.add_argument("--outcomes", type=int, default=OUTCOMES)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args([] if argv is None else argv)
    times = {"warmup": args.warmup, "repeat": args.repeat}

    n = str(args.outcomes)
    print(f"pareto frontier + nash point, {args.outcomes:,} outcomes, 2 parties", flush=True)
    ours = measure("accord", f"{HERE}:pareto_accord", n, **times)
    theirs = measure("negmas array functions", f"{HERE}:pareto_negmas", n, **times)
    check_same("frontier (outcome indices) and Nash outcome", ours, theirs)
    print(f"  frontier: {len(ours.output['frontier'])} outcomes; Nash: {ours.output['nash']}")
    report(ours, theirs, unit="ms")

    print(f"alternating offers, 1 issue, {2 * STEPS:,} offers a side, linear agents", flush=True)
    ours = measure("accord", f"{HERE}:offers_accord", **times)
    theirs = measure("negmas SAOMechanism", f"{HERE}:offers_negmas", **times)
    check_same("no agreement, offers made", ours, theirs)
    report(ours, theirs, unit="ms")
    print(
        f"  offers/s: accord {ours.output['offers'] / ours.best:,.0f}, negmas "
        f"{theirs.output['offers'] / theirs.best:,.0f}"
    )

    print(
        "expected utility model, 100 actors x 10 issues, a fixed 10 rounds per issue "
        "(max_rounds=10, not run to convergence)",
        flush=True,
    )
    eum = measure("accord", f"{HERE}:eum_accord", warmup=1, repeat=3)
    report(eum)


if __name__ == "__main__":
    main(sys.argv[1:])
