"""Agent-based simulation of the international system, acting through the event ontology.

Every state of an `accord.world.World` is an agent (rows of NumPy arrays, see `state`); each
step the rules in `rules/` draw CAMEO-coded actions, update relations, crises, alliances,
sanctions and memberships, and settle negotiations with `accord.bargaining`. Scenarios are
YAML files (`scenario`); ensembles run on a local or Dask executor (`executors`) with results
independent of the engine; runs are stored as canonical events (`store_io`).
"""

import warnings

from accord.simulation.doctrine import Doctrine
from accord.simulation.ensemble import Ensemble, simulate
from accord.simulation.executors import DaskExecutor, Executor, LocalExecutor, make_executor
from accord.simulation.parameters import Parameters
from accord.simulation.results import METRICS, RunResult, TieChange
from accord.simulation.runner import Prepared, prepare, run_one
from accord.simulation.scenario import Shock, SimulationScenario, load_scenario, parse_scenario
from accord.simulation.state import SimState, build_state
from accord.simulation.store_io import write_run
from accord.simulation.summary import (
    BandPoint,
    NegotiationOutcome,
    Quantiles,
    ScenarioInfo,
    SimulationSummary,
    describe_scenario,
)

#: Old public names kept for one release, each with the name that replaces it.
_DEPRECATED = {"Scenario": "SimulationScenario"}

__all__ = [
    "METRICS",
    "BandPoint",
    "DaskExecutor",
    "Doctrine",
    "Ensemble",
    "Executor",
    "LocalExecutor",
    "NegotiationOutcome",
    "Parameters",
    "Prepared",
    "Quantiles",
    "RunResult",
    "ScenarioInfo",
    "Shock",
    "SimState",
    "SimulationScenario",
    "SimulationSummary",
    "TieChange",
    "build_state",
    "describe_scenario",
    "load_scenario",
    "make_executor",
    "parse_scenario",
    "prepare",
    "run_one",
    "simulate",
    "write_run",
]


def __getattr__(name: str) -> object:
    """Resolve a deprecated name to its replacement, with a `DeprecationWarning`."""
    if name in _DEPRECATED:
        new = _DEPRECATED[name]
        warnings.warn(
            f"accord.simulation.{name} is deprecated; use accord.simulation.{new}",
            DeprecationWarning,
            stacklevel=2,
        )
        return globals()[new]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
