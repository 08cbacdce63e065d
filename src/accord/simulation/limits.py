"""The documented limits of a simulation: every input that sizes its work, and its bounds.

A scenario file, `accord simulate` and the API all check these before anything is allocated
(one run holds a (steps x metrics) table and (states x states) arrays, an ensemble `runs` of
them), so a typo such as `steps: 1000000000` is an error naming the field, not a 60 GiB
allocation or a run that never ends. The table in docs/reliability.md ("Limits") lists them;
the API may cap a request tighter, never looser.
"""

from __future__ import annotations

import datetime as dt

from accord.bargaining.limits import MAX_SEED
from accord.errors import InputError, Problem

__all__ = [
    "LAST_DATE",
    "MAX_RUNS",
    "MAX_SEED",
    "MAX_STATES",
    "MAX_STEPS",
    "MAX_STEP_DAYS",
    "MAX_STEP_RUNS",
    "MAX_WORKERS",
    "check_ensemble",
    "check_range",
    "check_states",
]

#: Most steps of a run: about a century of weekly steps (a step costs ~1.5 ms on 200 states).
MAX_STEPS = 5_000
#: Longest step, in days (a year and a day).
MAX_STEP_DAYS = 366
#: Most runs of an ensemble.
MAX_RUNS = 1_000
#: Most steps summed over an ensemble's runs (steps x runs): about 25 CPU-minutes.
MAX_STEP_RUNS = 1_000_000
#: Most worker processes of an executor.
MAX_WORKERS = 64
#: Most states a simulated world may hold on the start date ((n x n) arrays, ~8 MB each).
MAX_STATES = 1_000
#: The last date a run may reach (the last a Python date can hold).
LAST_DATE = dt.date.max


def check_range(value: int, low: int, high: int, field: str) -> Problem | None:
    """A problem when `value` is outside `[low, high]`, naming the field; else None."""
    if low <= value <= high:
        return None
    return Problem(f"must be between {low:,} and {high:,}, got {value:,}", field=field)


def check_ensemble(
    *, steps: int, runs: int, seed: int, step_days: int = 1, start: dt.date | None = None
) -> list[Problem]:
    """Every limit an ensemble of `runs` runs of `steps` steps breaks (fields named as in a
    scenario file); empty when it may run."""
    found = [
        p
        for p in (
            check_range(steps, 1, MAX_STEPS, "steps"),
            check_range(step_days, 1, MAX_STEP_DAYS, "step_days"),
            check_range(runs, 1, MAX_RUNS, "runs"),
            check_range(seed, 0, MAX_SEED, "seed"),
        )
        if p is not None
    ]
    if found:
        return found
    if steps * runs > MAX_STEP_RUNS:
        found.append(
            Problem(
                f"{runs:,} runs x {steps:,} steps is more than {MAX_STEP_RUNS:,} steps in all",
                field="runs",
            )
        )
    if start is not None and (LAST_DATE - start).days < step_days * steps:
        found.append(
            Problem(
                f"a run from {start} of {steps:,} steps of {step_days:,} days would end after "
                f"{LAST_DATE}, the last date a run may reach",
                field="world.start",
            )
        )
    return found


def check_states(states: int, field: str = "world") -> None:
    """Raise `InputError` when a world holds more states than a simulation may build."""
    if states > MAX_STATES:
        raise InputError.at(
            f"{states:,} states on the start date; a simulation holds at most {MAX_STATES:,}",
            field=field,
        )
