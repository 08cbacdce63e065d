"""A synthetic world of `copies` x the default world's states, for the benchmark at scale.

The real world has about 200 states; to measure how a step grows with the number of states,
the benchmark tiles it: copy k of every state gets the code `<ISO3>.<k>` (copy 0 keeps the
real code) and regions of its own (`<region>.<k>`), so that regions, alliances, sanctions,
contiguity and rivalries stay within a copy, as dense as in the real world; the organizations
are shared (a bigger world still has one UN and one WTO), and capitals in different copies are
20,000 km apart (unknown distance). Hard power is divided by the number of copies (shares of
the whole system), and contacts scale with the states (`events_per_step` times `copies`), so
every state stays as busy as in the real world. The politically relevant dyads then grow
linearly with the states (each state's neighbours, plus the major powers' reach within their
copy and the leading military spender's global reach).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from accord.simulation import parse_scenario
from accord.simulation.rules import dyads
from accord.simulation.runner import Prepared, prepare_state
from accord.simulation.state import SimState, build_state
from accord.world import default_world

EVENTS_PER_STATE_STEP = 1200.0  # the default world's `events_per_step`, per copy


def _block(a: np.ndarray[Any, Any], copies: int, fill: Any = 0) -> np.ndarray[Any, Any]:
    """`a` (n x n) repeated on the diagonal blocks of a (copies * n) square, `fill` elsewhere."""
    n = a.shape[0]
    out = np.full((copies * n, copies * n), fill, dtype=a.dtype)
    for k in range(copies):
        out[k * n : (k + 1) * n, k * n : (k + 1) * n] = a
    return out


def tile_state(state: SimState, copies: int) -> SimState:
    """The initial state of `copies` copies of `state`'s states (module docstring)."""
    codes = tuple(c if k == 0 else f"{c}.{k}" for k in range(copies) for c in state.codes)
    regions = tuple(f"{r}.{k}" if r else "" for k in range(copies) for r in state.regions)
    n = len(codes)
    reg = np.array(regions)

    def rows(a: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        return np.concatenate([a] * copies, axis=0)

    return SimState(
        codes=codes,
        regions=regions,
        orgs=state.orgs,
        hard0=rows(state.hard0) / copies,
        econ=rows(state.econ),
        soft=rows(state.soft),
        position=rows(state.position),
        salience=rows(state.salience),
        salience0=rows(state.salience0),
        realism=rows(state.realism),
        liberalism=rows(state.liberalism),
        constructivism=rows(state.constructivism),
        risk=rows(state.risk),
        relation=np.zeros((n, n)),
        memory=np.zeros((n, n)),
        ally=_block(state.ally, copies, False),
        member=rows(state.member),
        sanction=_block(state.sanction, copies, False),
        crisis=np.zeros((n, n), dtype=np.int8),
        war=np.zeros((n, n), dtype=bool),
        same_region=(reg[:, None] == reg[None, :]) & (reg[:, None] != ""),
        regimes=rows(state.regimes),
        military=rows(state.military),
    )


def tile_geography(geo: dyads.Geography, copies: int) -> dyads.Geography:
    """The dyad facts of the tiled world: within a copy as in the real one, far across."""
    rows = lambda a: np.concatenate([a] * copies)  # noqa: E731 - a one-line helper
    top = np.zeros(copies * geo.major.size, dtype=bool)
    top[: geo.major.size] = geo.global_reach  # one leading military spender: copy 0's
    return dyads.Geography(
        contiguity=_block(geo.contiguity, copies),
        distance=_block(geo.distance, copies, 20000.0),
        major=rows(geo.major),
        free=rows(geo.free),
        rival=_block(geo.rival, copies, False),
        nuclear=rows(geo.nuclear),
        global_reach=top,
    )


def synthetic(copies: int, steps: int) -> Prepared:
    """A prepared no-shock scenario of `steps` weekly steps on `copies` tiled worlds."""
    events = EVENTS_PER_STATE_STEP * copies
    scenario = parse_scenario(
        f"name: bench-x{copies}\nsteps: {steps}\nseed: 1\n"
        f"parameters: {{actions: {{events_per_step: {events}}}}}\n"
    )
    world = default_world()
    real = build_state(world, scenario.start, dict(scenario.doctrines), scenario.default_doctrine)
    geo = dyads.geography(real.codes, real.military)
    big = tile_state(real, copies)
    ready = prepare_state(scenario, big, tile_geography(geo, copies))
    return replace(ready, scenario=scenario)
