"""Benchmark: Accord's vectorised simulation against the same rules as a plain Mesa model.

Measured in one run on the default world (about 200 states):
1. one Accord run of 520 weekly steps (all rules, events kept), time per step;
2. an ensemble of 1,000 runs of 52 weekly steps (metrics only) on the local engine with
   every core;
3. the Mesa model (one Python agent per state) of the core rules, time per step over a few
   steps; the ratio of per-step times must be at least 20.

`python -m benchmarks simulation` (or `make bench`).
"""

from __future__ import annotations

import os
import time

from accord.simulation import LocalExecutor, parse_scenario, prepare, run_one, simulate

STEPS = 520
ENSEMBLE_RUNS = 1000
ENSEMBLE_STEPS = 52
MESA_STEPS = 5


def main() -> None:
    scenario = parse_scenario(f"name: bench\nsteps: {STEPS}\nseed: 1\n")
    ready = prepare(scenario)
    n = ready.state.n
    start = time.perf_counter()
    result = run_one(ready, 0, 1)
    accord_seconds = time.perf_counter() - start
    per_step = accord_seconds / STEPS
    print(
        f"accord  one run: {n} states x {STEPS} steps in {accord_seconds:.2f} s "
        f"({per_step * 1000:.2f} ms/step, {len(result.events):,} events)"
    )

    short = parse_scenario(f"name: bench-ensemble\nsteps: {ENSEMBLE_STEPS}\nseed: 1\n")
    workers = os.cpu_count() or 1
    start = time.perf_counter()
    with LocalExecutor(workers) as executor:
        ensemble = simulate(short, runs=ENSEMBLE_RUNS, executor=executor, events="none")
    ens_seconds = time.perf_counter() - start
    print(
        f"accord  ensemble: {len(ensemble.results)} runs x {ENSEMBLE_STEPS} steps on "
        f"{workers} workers in {ens_seconds:.1f} s "
        f"({ens_seconds / (ENSEMBLE_RUNS * ENSEMBLE_STEPS) * 1000:.2f} ms per run-step)"
    )

    from benchmarks.simulation.mesa_model import SystemModel

    model = SystemModel(ready, seed=1)
    start = time.perf_counter()
    for _ in range(MESA_STEPS):
        model.step()
    mesa_per_step = (time.perf_counter() - start) / MESA_STEPS
    print(
        f"mesa    baseline: {n} agents, {mesa_per_step * 1000:.1f} ms/step "
        f"({model.events / MESA_STEPS:.0f} events/step)"
    )
    ratio = mesa_per_step / per_step
    print(f"speed-up per step: {ratio:.1f}x (target >= 20x) {'OK' if ratio >= 20 else 'BELOW'}")
