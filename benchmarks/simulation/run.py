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
mean metrics over the run side by side (same rules, so the same behaviour up to randomness).
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

from benchmarks.timing import Job, check_same, measure, report

STEPS = 520
ENSEMBLE_RUNS = 1000
ENSEMBLE_STEPS = 52
COMPARED = ("events", "cooperation", "active_crises", "wars", "sanctions", "alliances")
HERE = "benchmarks.simulation.run"


def _prepared(steps: str) -> Any:
    from accord.simulation import parse_scenario, prepare

    return prepare(parse_scenario(f"name: bench\nsteps: {int(steps)}\nseed: 1\n"))


def accord_side(steps: str) -> Job:
    from accord.simulation import run_one

    ready = _prepared(steps)
    calls = iter(range(10**6))

    def output(result: Any) -> dict[str, Any]:
        means = {name: float(result.metric(name).mean()) for name in COMPARED}
        return {"states": ready.state.n, "steps": int(steps), "extra": {"means": means}}

    return Job(lambda: run_one(ready, next(calls), 1), output=output)


def mesa_side(steps: str, batched: str = "") -> Job:
    from benchmarks.simulation.mesa_model import BatchedStateAgent, StateAgent, SystemModel

    ready = _prepared(steps)
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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Simulation benchmark: Accord vs Mesa.")
    parser.add_argument("--steps", type=int, default=STEPS)
    parser.add_argument("--runs", type=int, default=ENSEMBLE_RUNS)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args([] if argv is None else argv)
    times = {"warmup": args.warmup, "repeat": args.repeat}
    steps = str(args.steps)
    print(f"one run of {args.steps} weekly steps, default world", flush=True)
    accord = measure("accord", f"{HERE}:accord_side", steps, **times)
    mesa = measure("mesa", f"{HERE}:mesa_side", steps, **times)
    hybrid = measure("mesa+numpy (reference)", f"{HERE}:mesa_side", steps, "batched", **times)
    check_same("states and steps run", accord, mesa, hybrid)
    report(accord, mesa, hybrid)
    per_step = {t.label: 1e3 * t.best / args.steps for t in (accord, mesa, hybrid)}
    print("  ms/step (best): " + ", ".join(f"{k} {v:.2f}" for k, v in per_step.items()))
    pairs = ", ".join(
        f"{name} {accord.extra['means'][name]:.3g}/{mesa.extra['means'][name]:.3g}"
        for name in COMPARED
    )
    print(f"  same rules, mean over the run (accord/mesa): {pairs}", flush=True)

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
