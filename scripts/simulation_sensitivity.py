"""Morris screening of the simulation's calibrated parameters on the baseline scenario.

Usage: python scripts/simulation_sensitivity.py [--trajectories 4] [--runs 4] [--steps 104]
       [--workers 2] [--executor local|dask] [--json]
Prints the ranking of the parameters by mu_star for war and MID onsets (docs/simulation.md).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path

from accord.simulation import load_scenario, prepare
from accord.simulation.executors import make_executor
from accord.simulation.sensitivity import OUTPUTS, morris

BASELINE = Path(__file__).resolve().parents[1] / "scenarios" / "baseline.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trajectories", type=int, default=4)
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--steps", type=int, default=104)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--executor", default="local")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    ready = prepare(load_scenario(BASELINE))
    ready = replace(ready, scenario=replace(ready.scenario, steps=args.steps))
    with make_executor(args.executor, args.workers) as pool:
        found = morris(ready, trajectories=args.trajectories, runs=args.runs, executor=pool)
    if args.json:
        print(json.dumps(found.as_dict(), indent=1))
        return
    print(f"{found.evaluations} ensembles of {found.runs} runs x {found.steps} steps")
    for output in OUTPUTS:
        print(f"\n{output} (a year): parameter, mu*, mu, sigma")
        for e in found.ranking(output):
            print(f"  {e.rule}.{e.parameter:<16} {e.mu_star:8.3f} {e.mu:8.3f} {e.sigma:8.3f}")


if __name__ == "__main__":
    main()
