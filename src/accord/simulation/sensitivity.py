"""Sensitivity of the calibrated parameters: Morris elementary effects on the ensemble engine.

Morris (1991, Technometrics 33: 161-174) screens which inputs move an output: `trajectories`
random one-at-a-time paths through a grid of `levels` values per parameter, each step moving
one parameter by `delta = levels / (2 (levels - 1))` of its range; the elementary effect is
the change of the output over the step (in units of the range). Per parameter, `mu_star`
(the mean absolute effect, Campolongo, Cariboni and Saltelli 2007, Environmental Modelling &
Software 22: 1509-1518) ranks importance and `sigma` (their spread) flags interactions or
non-linearity. Every point is an ensemble of `runs` runs of the scenario on the given executor
(local or Dask); the outputs are the mean yearly war and MID onsets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from accord.jsonable import AsDict
from accord.simulation.ensemble import simulate
from accord.simulation.executors import Executor, LocalExecutor
from accord.simulation.rules import dyads
from accord.simulation.runner import Prepared

#: The calibrated parameters screened by default: (rule, name, low, high).
CALIBRATED: tuple[tuple[str, str, float, float], ...] = (
    ("dyads", "intercept", -6.0, -4.6),
    ("dyads", "contiguity", 1.0, 3.0),
    ("dyads", "distance", 0.2, 0.8),
    ("dyads", "major", 1.0, 2.5),
    ("dyads", "rivalry", 1.5, 3.5),
    ("dyads", "alliance", 0.0, 0.8),
    ("dyads", "joint_democracy", 0.5, 1.5),
    ("dyads", "preponderance", 0.1, 0.4),
    ("dyads", "relation", 0.5, 2.5),
    ("crises", "escalate_bias", -3.2, -2.0),
    ("crises", "war_gate", 0.5, 1.0),
    ("crises", "nuclear_gate", 0.0, 0.3),
    ("crises", "end_rate", 0.05, 0.2),
    ("crises", "war_end_rate", 0.01, 0.06),
)

#: The outputs of every point: mean yearly onsets across runs and years.
OUTPUTS: tuple[str, ...] = ("war_onsets", "mid_onsets")


@dataclass(frozen=True)
class Effect(AsDict):
    """Morris statistics of one parameter on one output (onsets a year per unit of range)."""

    rule: str
    parameter: str
    output: str
    mu_star: float
    mu: float
    sigma: float


@dataclass(frozen=True)
class Sensitivity(AsDict):
    """The screening: design, baseline outputs and effects ranked by `mu_star` per output."""

    scenario: str
    trajectories: int
    levels: int
    runs: int
    steps: int
    evaluations: int
    effects: tuple[Effect, ...]

    def ranking(self, output: str) -> list[Effect]:
        """The effects on `output`, largest `mu_star` first."""
        return sorted((e for e in self.effects if e.output == output), key=lambda e: -e.mu_star)


def _trajectory(k: int, levels: int, rng: np.random.Generator) -> np.ndarray:
    """(k + 1, k) points in [0, 1]: a random grid start, then one parameter moved per row."""
    delta = levels / (2.0 * (levels - 1))
    grid = np.arange(levels // 2) / (levels - 1)  # starts from which +delta stays in [0, 1]
    x = rng.choice(grid, size=k)
    signs = rng.choice([-1.0, 1.0], size=k)
    x = np.where(signs < 0, x + delta, x)  # moving down from the upper half
    points = [x.copy()]
    for i in rng.permutation(k):
        x = x.copy()
        x[i] += signs[i] * delta
        points.append(x)
    return np.array(points)


def _evaluate(
    prepared: Prepared,
    values: dict[str, dict[str, float]],
    runs: int,
    seed: int,
    executor: Executor,
) -> np.ndarray:
    """Mean yearly war and MID onsets of an ensemble with these parameter values."""
    params = prepared.params.with_overrides(values)
    state = prepared.state.copy()
    dyads.attach(state, params.dyads, prepared.scenario.step_days)
    ready = replace(prepared, state=state, params=params)
    found = simulate(
        ready.scenario, runs=runs, seed=seed, executor=executor, events="none", prepared=ready
    )
    return np.array([found.onsets("war").mean(), found.onsets("mid").mean()])


def morris(
    prepared: Prepared,
    *,
    parameters: Sequence[tuple[str, str, float, float]] = CALIBRATED,
    trajectories: int = 4,
    levels: int = 4,
    runs: int = 4,
    seed: int = 1,
    executor: Executor | None = None,
) -> Sensitivity:
    """Screen `parameters` by Morris elementary effects (module docstring); every point runs
    `runs` runs of the prepared scenario from `seed` (the same seed everywhere: common random
    numbers, so the effects are not drowned by run-to-run noise)."""
    k = len(parameters)
    rng = np.random.default_rng(seed)
    engine = executor if executor is not None else LocalExecutor(1)
    effects: dict[int, list[np.ndarray]] = {i: [] for i in range(k)}
    evaluations = 0
    for _ in range(trajectories):
        points = _trajectory(k, levels, rng)
        outputs = []
        for point in points:
            values: dict[str, dict[str, float]] = {}
            for (rule, name, low, high), u in zip(parameters, point, strict=True):
                values.setdefault(rule, {})[name] = float(low + u * (high - low))
            outputs.append(_evaluate(prepared, values, runs, seed, engine))
            evaluations += 1
        for row in range(1, k + 1):
            moved = int(np.flatnonzero(points[row] != points[row - 1])[0])
            step = points[row, moved] - points[row - 1, moved]
            effects[moved].append((outputs[row] - outputs[row - 1]) / step)
    found = []
    for i, (rule, name, _, _) in enumerate(parameters):
        ee = np.array(effects[i])
        for o, output in enumerate(OUTPUTS):
            found.append(
                Effect(
                    rule,
                    name,
                    output,
                    mu_star=float(np.abs(ee[:, o]).mean()),
                    mu=float(ee[:, o].mean()),
                    sigma=float(ee[:, o].std(ddof=1)) if len(ee) > 1 else 0.0,
                )
            )
    return Sensitivity(
        prepared.scenario.name,
        trajectories,
        levels,
        runs,
        prepared.scenario.steps,
        evaluations,
        tuple(found),
    )
