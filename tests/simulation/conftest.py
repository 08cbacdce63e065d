"""Fixtures of the simulation tests: the shipped scenarios and cached runs."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from accord.simulation import Ensemble, Prepared, load_scenario, prepare, simulate
from accord.simulation.scenario import Scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


@cache
def prepared(name: str) -> Prepared:
    """The shipped scenario `name`, prepared on the default world (cached across tests)."""
    return prepare(load_scenario(SCENARIOS / f"{name}.yaml"))


@cache
def ensemble(name: str, runs: int, drop_kind: str | None = None) -> Ensemble:
    """Runs of a shipped scenario; `drop_kind` removes that kind of shock (counterfactual)."""
    ready = prepared(name)
    if drop_kind is not None:
        ready = Prepared(
            ready.scenario,
            ready.state,
            ready.params,
            tuple(s for s in ready.shocks if s.kind != drop_kind),
        )
    return simulate(ready.scenario, runs=runs, events="all", prepared=ready)


def scenario_of(text: str) -> Scenario:
    from accord.simulation import parse_scenario

    return parse_scenario(text, "inline.yaml")
