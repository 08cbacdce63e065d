"""Benchmark: Accord's vectorised simulation against the same rules as a plain Mesa model.

On the default world (about 200 states, no shocks), each side runs `--steps` weekly steps from
the same prepared state, in its own process (`benchmarks/timing.py`: equal warm-ups and
repeats, wall and CPU time, peak memory):

- accord: `run_one` (every rule, events kept).
- mesa: `mesa_model.SystemModel`, one Python agent per state with the same rules and parameters;
  building the model is outside the timing (before each call).
- mesa+numpy (reference): the same Mesa model whose agents score their contacts with one NumPy
  product each (`BatchedStateAgent`): the obvious next step a Mesa modeller could take.

The processes are random and path-dependent, so the outputs cannot be equal event by event: the
benchmark checks that every side ran the same number of states and steps and prints each side's
mean metrics over the run side by side (same rules, so the same behaviour up to randomness);
`--agreement SEEDS` compares those means over many seeds a side instead, with standard errors
(`agreement.py`), which is what shows the two sides run the same model.
Then an ensemble of `--runs` runs of 52 steps (metrics only) on the local engine with one
worker per core: its wall time, runs/s and run-steps/s (the workers' CPU time is not counted).

    python -m benchmarks simulation   (python -m benchmarks.simulation.run [--steps N] [--runs R])
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any

import numpy as np

from benchmarks.simulation.agreement import COMPARED, agreement, print_agreement
from benchmarks.timing import Job, Timing, check_same, measure, report

STEPS = 520
ENSEMBLE_RUNS = 1000
ENSEMBLE_STEPS = 52
HERE = "benchmarks.simulation.run"


def _prepared(steps: str, copies: str = "1") -> Any:
    """The default world (`copies` 1) or a synthetic world of `copies` tiled copies of it."""
    from accord.simulation import parse_scenario, prepare

    if int(copies) > 1:
        from benchmarks.simulation.synthetic import synthetic

        return synthetic(int(copies), int(steps))
    return prepare(parse_scenario(f"name: bench\nsteps: {int(steps)}\nseed: 1\n"))


def accord_side(steps: str, copies: str = "1") -> Job:
    from accord.simulation import run_one

    ready = _prepared(steps, copies)
    calls = iter(range(10**6))

    def output(result: Any) -> dict[str, Any]:
        means = {name: float(result.metric(name).mean()) for name in COMPARED}
        return {"states": ready.state.n, "steps": int(steps), "extra": {"means": means}}

    return Job(lambda: run_one(ready, next(calls), 1), output=output)


def mesa_side(steps: str, batched: str = "", copies: str = "1") -> Job:
    from benchmarks.simulation.mesa_model import BatchedStateAgent, StateAgent, SystemModel

    ready = _prepared(steps, copies)
    agent = BatchedStateAgent if batched else StateAgent
    state: dict[str, Any] = {}

    def before() -> None:
        state["model"] = SystemModel(ready, seed=len(state), agent_class=agent)

    def run() -> Any:
        model = state["model"]
        for _ in range(int(steps)):
            model.step()
        return model

    def output(model: Any) -> dict[str, Any]:
        frame = model.datacollector.get_model_vars_dataframe()
        means = {name: float(frame[name].mean()) for name in COMPARED}
        return {"states": ready.state.n, "steps": int(steps), "extra": {"means": means}}

    return Job(run, before, output)


def ensemble_side(runs: str) -> Job:
    from accord.simulation import LocalExecutor, parse_scenario, simulate

    short = parse_scenario(f"name: bench-ensemble\nsteps: {ENSEMBLE_STEPS}\nseed: 1\n")
    workers = os.cpu_count() or 1

    def run() -> Any:
        with LocalExecutor(workers) as executor:
            return simulate(short, runs=int(runs), executor=executor, events="none")

    def output(ensemble: Any) -> dict[str, Any]:
        band = np.quantile(ensemble.stack("cooperation")[:, -1], [0.05, 0.5, 0.95])
        return {"runs": len(ensemble.results), "workers": workers, "band": band.tolist()}

    return Job(run, output=output)


def _per_step(steps: int, accord: Timing, *others: Timing) -> None:
    """Print ms/step (wall and CPU, best) and the sides' mean metrics."""
    per_step = ", ".join(
        f"{t.label} {1e3 * t.best / steps:.2f} wall / {1e3 * t.cpu_best / steps:.2f} CPU"
        for t in (accord, *others)
    )
    print(f"  ms/step (best): {per_step}")
    for other in others:
        pairs = ", ".join(
            f"{name} {accord.extra['means'][name]:.3g}/{other.extra['means'][name]:.3g}"
            for name in COMPARED
        )
        print(f"  same rules, mean over the run (accord/{other.label}): {pairs}", flush=True)


def _at_scale(args: argparse.Namespace) -> None:
    """The synthetic worlds: `--copies` x the default world against Mesa, and Accord alone
    on each `--large` x (benchmarks/simulation/synthetic.py); then the growth of the CPU per
    step with the states."""
    times = {"warmup": args.warmup, "repeat": args.scale_repeat}
    steps = str(args.scale_steps)
    sizes: list[tuple[int, float]] = []  # (states, CPU seconds a step) of every Accord side
    if args.copies > 1:
        print(
            f"one run of {steps} weekly steps, synthetic world of {args.copies} copies", flush=True
        )
        accord = measure("accord", f"{HERE}:accord_side", steps, str(args.copies), **times)
        mesa = measure("mesa", f"{HERE}:mesa_side", steps, "", str(args.copies), **times)
        check_same("states and steps run", accord, mesa)
        report(accord, mesa)
        _per_step(args.scale_steps, accord, mesa)
        sizes.append((int(accord.output["states"]), accord.cpu_best / args.scale_steps))
    for copies in args.large:
        print(f"one run of {steps} weekly steps, synthetic world of {copies} copies", flush=True)
        large = measure("accord", f"{HERE}:accord_side", steps, str(copies), **times)
        report(large)
        print(f"  {large.output['states']:,} states")
        _per_step(args.scale_steps, large)
        sizes.append((int(large.output["states"]), large.cpu_best / args.scale_steps))
    if len(sizes) > 1:
        _growth(sorted(sizes))


def _growth(sizes: list[tuple[int, float]]) -> None:
    """Print the CPU per step of each world and the exponent k of a fit `cpu ~ n^k`
    (least squares on logs), overall and between consecutive sizes."""
    n = np.log([s for s, _ in sizes])
    cpu = np.log([c for _, c in sizes])
    overall = float(np.polyfit(n, cpu, 1)[0]) if len(sizes) > 1 else float("nan")
    steps = ", ".join(
        f"{sizes[k][0]:,}->{sizes[k + 1][0]:,}: n^{(cpu[k + 1] - cpu[k]) / (n[k + 1] - n[k]):.2f}"
        for k in range(len(sizes) - 1)
    )
    table = ", ".join(f"{s:,} states {1e3 * c:.1f} ms" for s, c in sizes)
    print(f"  CPU per step: {table}; growth n^{overall:.2f} ({steps})", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Simulation benchmark: Accord vs Mesa.")
    parser.add_argument("--steps", type=int, default=STEPS)
    parser.add_argument("--runs", type=int, default=ENSEMBLE_RUNS)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--copies",
        type=int,
        default=None,
        help="synthetic world vs Mesa (default 5; 0: skip; with --agreement default 1)",
    )
    parser.add_argument(
        "--large",
        type=int,
        nargs="*",
        default=[1, 10, 25],
        help="synthetic worlds of these copies, Accord alone (1: the default world; none: skip)",
    )
    parser.add_argument(
        "--scale-only", action="store_true", help="only the synthetic worlds (no default world)"
    )
    parser.add_argument("--scale-steps", type=int, default=52)
    parser.add_argument("--scale-repeat", type=int, default=2)
    parser.add_argument(
        "--agreement",
        type=int,
        default=0,
        metavar="SEEDS",
        help="only compare Accord and the Mesa port over SEEDS seeds a side (--steps, --copies)",
    )
    args = parser.parse_args([] if argv is None else argv)
    if args.agreement:
        ready = _prepared(str(args.steps), str(max(args.copies or 1, 1)))
        rows = agreement(ready, args.steps, args.agreement)
        print_agreement(rows, args.agreement, args.steps, ready.state.n)
        return
    if args.copies is None:
        args.copies = 5
    if args.scale_only:
        _at_scale(args)
        return
    times = {"warmup": args.warmup, "repeat": args.repeat}
    steps = str(args.steps)
    print(f"one run of {args.steps} weekly steps, default world", flush=True)
    accord = measure("accord", f"{HERE}:accord_side", steps, **times)
    mesa = measure("mesa", f"{HERE}:mesa_side", steps, **times)
    hybrid = measure("mesa+numpy (reference)", f"{HERE}:mesa_side", steps, "batched", **times)
    check_same("states and steps run", accord, mesa, hybrid)
    report(accord, mesa, hybrid)
    _per_step(args.steps, accord, mesa, hybrid)
    _at_scale(args)

    start = time.perf_counter()
    ens = measure("accord ensemble", f"{HERE}:ensemble_side", str(args.runs), warmup=0, repeat=1)
    out = ens.output
    band = "/".join(f"{v:.3f}" for v in out["band"])
    print(
        f"accord ensemble: {out['runs']:,} runs x {ENSEMBLE_STEPS} steps on {out['workers']} "
        f"workers in {ens.best:.1f} s: {out['runs'] / ens.best:.1f} runs/s, "
        f"{out['runs'] * ENSEMBLE_STEPS / ens.best:,.0f} run-steps/s (final cooperation "
        f"5/50/95%: {band}; process with setup {time.perf_counter() - start:.1f} s)"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
