"""Benchmark: Accord's vectorised simulation against the same rules as a plain Mesa model.

Measured in one process on the default world (about 200 states, no shocks):

1. Accord, one run of 520 weekly steps (every rule, events kept), and the Mesa model
   (`mesa_model.py`: one Python agent per state, the same rules and parameters) for the same
   520 steps. The two are interleaved in `BLOCKS` rounds (one full Accord run, then a fifth of
   the Mesa steps) so that both see the same machine load; each round gives a ratio of
   per-step times (wall clock and process CPU time), reported as median and range, and the
   ratio of the best rounds (min over rounds of each, the usual estimate of intrinsic speed
   on a shared machine). The target is Accord >= 20x faster per step.
2. A sanity line comparing both models' mean metrics over the run (same rules, so the same
   behaviour up to randomness; single runs of a path-dependent process, so wars and crises
   drift apart over 520 steps while one-step transitions agree).
3. For reference, a hybrid Mesa model whose agents score their contacts with one NumPy
   product each (`BatchedStateAgent`), over `HYBRID_STEPS` steps: not the plain Mesa model
   of the target, but the obvious next step a Mesa modeller could take.
4. An ensemble of `ENSEMBLE_RUNS` runs of `ENSEMBLE_STEPS` weekly steps (metrics only) on the
   local engine with one worker per core: wall time, runs/s and run-steps/s.

`python -m benchmarks simulation` (or `make bench`).
"""

from __future__ import annotations

import os
import statistics
import time

import numpy as np

from accord.simulation import LocalExecutor, parse_scenario, prepare, run_one, simulate
from accord.simulation.results import METRICS

STEPS = 520
BLOCKS = 5
HYBRID_STEPS = 52
ENSEMBLE_RUNS = 1000
ENSEMBLE_STEPS = 52
COMPARED = ("events", "cooperation", "active_crises", "wars", "sanctions", "alliances")


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(start: tuple[float, float]) -> tuple[float, float]:
    wall, cpu = _clock()
    return wall - start[0], cpu - start[1]


def _span(values: list[float], fmt: str) -> str:
    return (
        f"{format(statistics.median(values), fmt)} "
        f"[{format(min(values), fmt)}-{format(max(values), fmt)}]"
    )


def main() -> None:
    from benchmarks.simulation.mesa_model import BatchedStateAgent, SystemModel

    ready = prepare(parse_scenario(f"name: bench\nsteps: {STEPS}\nseed: 1\n"))
    n = ready.state.n
    run_one(ready, 99, 1)  # warm caches (ontology tables, BLAS, threadpoolctl)
    model = SystemModel(ready, seed=1)
    per_block = STEPS // BLOCKS
    accord_wall, accord_cpu, mesa_wall, mesa_cpu = [], [], [], []
    result = None
    for block in range(BLOCKS):
        start = _clock()
        result = run_one(ready, block, 1)
        wall, cpu = _since(start)
        accord_wall.append(wall / STEPS)
        accord_cpu.append(cpu / STEPS)
        start = _clock()
        for _ in range(per_block):
            model.step()
        wall, cpu = _since(start)
        mesa_wall.append(wall / per_block)
        mesa_cpu.append(cpu / per_block)
    assert result is not None
    ms = [1000 * v for v in accord_wall]
    print(
        f"accord  one run: {n} states x {STEPS} steps, {len(result.events):,} events; "
        f"{_span(ms, '.2f')} ms/step wall (median [range] of {BLOCKS} runs), "
        f"{_span([1000 * v for v in accord_cpu], '.2f')} ms/step CPU"
    )
    print(
        f"mesa    baseline: {n} agents x {STEPS} steps, {len(model.events):,} events; "
        f"{_span([1000 * v for v in mesa_wall], '.1f')} ms/step wall "
        f"(median [range] of {BLOCKS} blocks of {per_block} steps), "
        f"{_span([1000 * v for v in mesa_cpu], '.1f')} ms/step CPU"
    )
    wall_ratio = [m / a for m, a in zip(mesa_wall, accord_wall, strict=True)]
    cpu_ratio = [m / a for m, a in zip(mesa_cpu, accord_cpu, strict=True)]
    best = min(mesa_cpu) / min(accord_cpu)
    print(
        f"speed-up per step: {best:.1f}x CPU best-of-{BLOCKS}; paired rounds "
        f"{_span(cpu_ratio, '.1f')}x CPU, {_span(wall_ratio, '.1f')}x wall "
        f"(target >= 20x) {'OK' if best >= 20 else 'BELOW'}"
    )
    frame = model.datacollector.get_model_vars_dataframe()
    pairs = ", ".join(
        f"{name} {result.metric(name).mean():.3g}/{frame[name].mean():.3g}" for name in COMPARED
    )
    print(f"same rules, mean over the run (accord/mesa): {pairs}")

    hybrid = SystemModel(ready, seed=1, agent_class=BatchedStateAgent)
    start = _clock()
    for _ in range(HYBRID_STEPS):
        hybrid.step()
    wall, cpu = _since(start)
    accord_step = min(accord_cpu)
    print(
        f"mesa+numpy hybrid (reference): {1000 * cpu / HYBRID_STEPS:.1f} ms/step CPU over "
        f"{HYBRID_STEPS} steps ({1000 * wall / HYBRID_STEPS:.1f} wall): accord (best run) "
        f"{cpu / HYBRID_STEPS / accord_step:.1f}x faster"
    )

    short = parse_scenario(f"name: bench-ensemble\nsteps: {ENSEMBLE_STEPS}\nseed: 1\n")
    workers = os.cpu_count() or 1
    start = _clock()
    with LocalExecutor(workers) as executor:
        ensemble = simulate(short, runs=ENSEMBLE_RUNS, executor=executor, events="none")
    seconds, _ = _since(start)
    runs = len(ensemble.results)
    band = np.quantile(ensemble.stack("cooperation")[:, -1], [0.05, 0.5, 0.95])
    print(
        f"accord  ensemble: {runs:,} runs x {ENSEMBLE_STEPS} steps on {workers} workers in "
        f"{seconds:.1f} s: {runs / seconds:.1f} runs/s, "
        f"{runs * ENSEMBLE_STEPS / seconds:,.0f} run-steps/s "
        f"(final cooperation 5/50/95%: {band[0]:.3f}/{band[1]:.3f}/{band[2]:.3f}; "
        f"{len(METRICS)} metrics per step)"
    )
