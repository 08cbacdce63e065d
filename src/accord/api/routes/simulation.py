"""`/api/scenarios` and `/api/simulations`: run a shipped scenario's ensemble in the background
and fetch its result (`accord.simulation.SimulationSummary`, as `accord simulate --json` prints
it). Scenarios are chosen by name from the shipped set only; no request names a path."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import Field

from accord.api.jobs import JobSummary, Progress
from accord.api.problems import StrictBody, bad_input
from accord.api.routes.jobs import JOB_RESPONSES
from accord.api.security import Writer
from accord.api.services import Svc
from accord.errors import UnknownNameError
from accord.simulation import (
    ScenarioInfo,
    SimulationScenario,
    describe_scenario,
    load_scenario,
    simulate,
)
from accord.simulation.scenario import SCENARIO_DIR
from accord.simulation.store_io import write_runs

router = APIRouter(tags=["simulations"])

MAX_RUNS = 200


class SimulationRequest(StrictBody):
    scenario: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$", examples=["climate-round"])
    runs: int | None = Field(default=None, strict=True, ge=1, le=MAX_RUNS)
    seed: int | None = Field(default=None, strict=True, ge=0, le=2**32 - 1)


def shipped_scenarios() -> dict[str, SimulationScenario]:
    """Every shipped scenario by name."""
    found = {}
    for path in sorted(SCENARIO_DIR.glob("*.yaml")):
        scenario = load_scenario(path)
        found[scenario.name] = scenario
    return found


@router.get("/api/scenarios")
def scenarios() -> list[ScenarioInfo]:
    """The shipped scenarios."""
    return [describe_scenario(s) for s in shipped_scenarios().values()]


@router.post("/api/simulations", status_code=202, dependencies=[Writer], responses=JOB_RESPONSES)
def start_simulation(svc: Svc, request: SimulationRequest) -> JobSummary:
    """Start an ensemble of a shipped scenario; follow the job, then fetch its result."""
    known = shipped_scenarios()
    scenario = known.get(request.scenario)
    if scenario is None:
        raise bad_input(
            UnknownNameError.describe("scenario", request.scenario, sorted(known)),
            "body.scenario",
        )
    runs = request.runs if request.runs is not None else min(scenario.runs, 20)
    seed = request.seed if request.seed is not None else scenario.seed

    def work(progress: Progress) -> dict[str, Any]:
        done = 0

        def one_more(_: object) -> None:  # a cancel stops the ensemble here, between runs
            nonlocal done
            done += 1
            progress(0.95 * done / runs, f"run {done} of {runs}")

        progress(0.0, f"preparing {scenario.name}")
        ensemble = simulate(scenario, runs=runs, seed=seed, world=svc.world, on_result=one_more)
        progress(0.95, f"storing {runs} runs")
        # Store every run like `accord simulate` does, so relations can answer about it: in one
        # transaction, which a cancel interrupts (no run stored)
        with svc.locked_store() as store, progress.interruptible(store.con.interrupt):
            write_runs(store, ensemble.results, scenario)
        return ensemble.summary().as_dict()

    job = svc.jobs.submit(
        "simulation", {"scenario": scenario.name, "runs": runs, "seed": seed}, work
    )
    return job.summary()
