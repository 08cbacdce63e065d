"""The one form of a simulation's results: a scenario's description and an ensemble's summary.

`accord simulate --json`, the HTTP API (`/api/scenarios`, the result of a `/api/simulations`
job) and `summary.json` all show these dataclasses' `as_dict()`, so a field added here appears
in every face at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from accord.jsonable import AsDict
from accord.simulation.scenario import SimulationScenario

__all__ = [
    "BandPoint",
    "NegotiationOutcome",
    "OnsetStats",
    "Quantiles",
    "ScenarioInfo",
    "ShockInfo",
    "SimulationSummary",
    "YearlyOnsets",
    "describe_scenario",
]


@dataclass(frozen=True)
class ShockInfo(AsDict):
    """One shock of a scenario: its step, kind and arguments in words (for marking it on a
    chart)."""

    step: int
    kind: str
    args: str


@dataclass(frozen=True)
class ScenarioInfo(AsDict):
    """What a scenario is: its name, description, length, start, default runs and shocks."""

    name: str
    description: str
    steps: int
    step_days: int
    start: dt.date
    runs: int
    shocks: int
    shock_list: tuple[ShockInfo, ...] = ()


def describe_scenario(scenario: SimulationScenario) -> ScenarioInfo:
    """A scenario's description on one line, with its length and number of shocks."""
    return ScenarioInfo(
        name=scenario.name,
        description=" ".join(scenario.description.split()),
        steps=scenario.steps,
        step_days=scenario.step_days,
        start=scenario.start,
        runs=scenario.runs,
        shocks=len(scenario.shocks),
        shock_list=tuple(
            ShockInfo(
                shock.step,
                shock.kind,
                " ".join(f"{k}={v}" for k, v in sorted(shock.args.items()) if k != "kind"),
            )
            for shock in scenario.shocks
        ),
    )


@dataclass(frozen=True)
class Quantiles(AsDict):
    """The mean and the 5, 25, 50, 75 and 95% quantiles of a metric across the runs."""

    mean: float
    q05: float
    q25: float
    q50: float
    q75: float
    q95: float

    @classmethod
    def of(cls, row: Any) -> Quantiles:
        """The quantiles of a mapping (a bands row) keyed mean, q05, ..., q95."""
        return cls(*(float(row[k]) for k in ("mean", "q05", "q25", "q50", "q75", "q95")))


@dataclass(frozen=True)
class BandPoint(AsDict):
    """One step of a metric's quantile bands."""

    step: int
    date: dt.date
    mean: float
    q05: float
    q25: float
    q50: float
    q75: float
    q95: float


@dataclass(frozen=True)
class NegotiationOutcome(AsDict):
    """A negotiation settled in a run: its step, issue, outcome and how many signed."""

    run_id: str
    step: int
    issue: str
    outcome: float
    parties: int
    signatories: int


@dataclass(frozen=True)
class OnsetStats(AsDict):
    """Onsets per simulated year across runs: median, mean and the 5% and 95% quantiles."""

    median: tuple[float, ...]
    mean: tuple[float, ...]
    q05: tuple[float, ...]
    q95: tuple[float, ...]


@dataclass(frozen=True)
class YearlyOnsets(AsDict):
    """War and militarised-dispute (MID) onsets per simulated year, for base-rate checks."""

    steps_per_year: int
    war_onsets: OnsetStats
    mid_onsets: OnsetStats


@dataclass(frozen=True)
class SimulationSummary(AsDict):
    """An ensemble's results: its runs, the final-step distribution of every metric, the
    quantile bands per metric and step, the negotiations, and the files written (if any)."""

    scenario: str
    runs: int
    seed: int
    steps: int
    step_days: int
    start: dt.date
    metrics: tuple[str, ...]
    run_ids: tuple[str, ...]
    events: int
    final: dict[str, Quantiles]
    bands: dict[str, tuple[BandPoint, ...]]
    negotiations: tuple[NegotiationOutcome, ...]
    yearly: YearlyOnsets | None = None
    files: tuple[str, ...] = ()
    #: the runs whose events were kept (the scenario's `output.events` or `--events`)
    event_runs: tuple[str, ...] = ()
