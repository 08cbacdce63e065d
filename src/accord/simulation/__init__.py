"""Agent-based simulation of the international system, acting through the event ontology.

Every state of an `accord.world.World` is an agent (rows of NumPy arrays, see `state`); each
step the rules in `rules/` draw CAMEO-coded actions, update relations, crises, alliances,
sanctions and memberships, and settle negotiations with `accord.bargaining`. Scenarios are
YAML files (`scenario`); ensembles run on a local or Dask executor (`executors`) with results
independent of the engine; runs are stored as canonical events (`store_io`).
"""

from accord.simulation.doctrine import Doctrine
from accord.simulation.ensemble import Ensemble, simulate
from accord.simulation.executors import DaskExecutor, Executor, LocalExecutor, make_executor
from accord.simulation.parameters import Parameters
from accord.simulation.results import METRICS, RunResult, TieChange
from accord.simulation.runner import Prepared, prepare, run_one
from accord.simulation.scenario import Scenario, Shock, load_scenario, parse_scenario
from accord.simulation.state import SimState, build_state
from accord.simulation.store_io import write_run

__all__ = [
    "METRICS",
    "DaskExecutor",
    "Doctrine",
    "Ensemble",
    "Executor",
    "LocalExecutor",
    "Parameters",
    "Prepared",
    "RunResult",
    "Scenario",
    "Shock",
    "SimState",
    "TieChange",
    "build_state",
    "load_scenario",
    "make_executor",
    "parse_scenario",
    "prepare",
    "run_one",
    "simulate",
    "write_run",
]
