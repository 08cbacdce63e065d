"""Fixtures of the simulation tests: the shipped scenarios and cached runs.

Prepared scenarios and ensembles are cached for the whole session (`functools.cache`), so the
tests of one scenario share its runs. Ensembles are cut to the steps their assertions look at
(`TEST_STEPS`: the last shock plus a few weeks), which keeps the default suite fast.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

from accord.simulation import Ensemble, Prepared, load_scenario, prepare, simulate
from accord.simulation.scenario import SimulationScenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"

#: Steps the scenario tests run: after the last shock their assertions need (climate-round:
#: the second climate summit at week 62; the others: the shocks up to week 20).
TEST_STEPS: dict[str, int] = {
    "baseline": 104,
    "climate-round": 64,
    "sanctions-coalition": 52,
    "south-china-sea": 32,
}


@cache
def prepared(name: str) -> Prepared:
    """The shipped scenario `name`, prepared on the default world (cached across tests)."""
    return prepare(load_scenario(SCENARIOS / f"{name}.yaml"))


@cache
def ensemble(
    name: str, runs: int, drop_kind: str | None = None, seed: int | None = None
) -> Ensemble:
    """Runs of a shipped scenario cut to `TEST_STEPS`; `drop_kind` removes that kind of
    shock (counterfactual); `seed` overrides the scenario's master seed."""
    ready = prepared(name)
    scenario = replace(ready.scenario, steps=min(ready.scenario.steps, TEST_STEPS[name]))
    shocks = tuple(s for s in ready.shocks if s.kind != drop_kind and s.step < scenario.steps)
    ready = Prepared(scenario, ready.state, ready.params, shocks)
    return simulate(scenario, runs=runs, seed=seed, events="all", prepared=ready)


def scenario_of(text: str) -> SimulationScenario:
    from accord.simulation import parse_scenario

    return parse_scenario(text, "inline.yaml")
