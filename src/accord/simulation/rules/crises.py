"""Crises on an escalation ladder: 0 none, 1 dispute, 2 threats, 3 mobilisation, 4 coercion
and clashes, 5 war.

Onset. A calm dyad whose states exchanged `h` hostile events (quad classes 3 and 4) this step
enters a dispute with probability `1 - exp(-onset * h * (1 - r) / 2)`, where r is the dyad's
mean relation.

Escalation. A dyad in crisis moves up one rung with probability `sigmoid(e)` and down one
with probability `(1 - sigmoid(e)) * sigmoid(s)`, where
`e = escalate_bias + hostility * (-r) + parity * (1 - |2 p - 1|) + resolve * max risk
- deterrence * (defended share)` and `s = settle_bias + settle_relation * r + mediated`.
`p` is one side's share of the dyad's power counting allies that owe it defence (weighted
by `ally_weight`): parity makes war likelier, preponderance deters (power-transition view);
`defended share` is the share of the weaker side's power that comes from allies. Moving to
rung 5 is damped by `war_gate`. Mediation (rules.mediation) adds `mediated` to `s`.

Wars. When a dyad reaches rung 5 the side with more power x risk attacks; the war ends
when the dyad falls below rung 5.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from accord.simulation.results import TieChange
from accord.simulation.state import FloatArray, SimState, upper_nonzero


@dataclass(frozen=True)
class CrisisParams:
    """Parameters of onset, escalation and settlement (module docstring)."""

    onset: float = 0.01
    escalate_bias: float = -3.2
    hostility: float = 2.0
    parity: float = 1.0
    resolve: float = 1.0
    deterrence: float = 2.0
    ally_weight: float = 0.5
    war_gate: float = 0.05
    settle_bias: float = -1.8
    settle_relation: float = 2.0
    mediated: float = 2.5
    war_settle_penalty: float = 2.5


def _sigmoid(x: FloatArray) -> FloatArray:
    out: FloatArray = 1.0 / (1.0 + np.exp(-x))
    return out


def effective_power(
    state: SimState, p: CrisisParams, who: npt.NDArray[np.intp] | None = None
) -> FloatArray:
    """Own hard power plus `ally_weight` times the power of allies owing defence (for the
    states `who`, every state by default)."""
    hard = state.hard
    rows = state.ally if who is None else state.ally[who]
    own = hard if who is None else hard[who]
    out: FloatArray = own + p.ally_weight * (rows @ hard)
    return out


def step(
    state: SimState,
    p: CrisisParams,
    rng: np.random.Generator,
    hostile: tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], FloatArray],
    mediated: npt.NDArray[np.int64],
    at: int,
) -> list[TieChange]:
    """Advance every crisis one step (in place); return wars started and ended.

    `hostile` is (a, b, h): the unordered dyads a < b with hostile events this step and their
    number; `mediated` the keys `a * n + b` (a < b) of the dyads mediated with success. Only
    those dyads and the dyads already in crisis are visited.
    """
    # dyads in crisis before this step's onsets (onsets start escalating next step)
    a, b = upper_nonzero(state.crisis > 0)
    _onsets(state, p, rng, hostile)
    if a.size == 0:
        return []
    lv = state.crisis[a, b]
    eff_both = effective_power(state, p, np.concatenate([a, b]))
    eff_a, eff_b = eff_both[: a.size], eff_both[a.size :]
    up, down = _moves(state, p, a, b, eff_a, eff_b, mediated)
    u = rng.random(a.size)
    new = np.where(u < up, lv + 1, np.where(u < up + down, lv - 1, lv)).astype(np.int8)
    state.crisis[a, b] = new
    state.crisis[b, a] = new
    started = np.flatnonzero((new == 5) & (lv < 5))
    return _start_wars(state, a[started], b[started], eff_a[started], eff_b[started], at) + (
        _end_wars(state, at)
    )


def _onsets(
    state: SimState,
    p: CrisisParams,
    rng: np.random.Generator,
    hostile: tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], FloatArray],
) -> None:
    """Calm dyads with hostile events this step enter a dispute (rung 1) by chance."""
    rel = state.relation
    ha, hb, h = hostile
    calm = (state.crisis[ha, hb] == 0) & (h > 0)
    if calm.any():
        ca, cb, ch = ha[calm], hb[calm], h[calm]
        r_c = (rel[ca, cb] + rel[cb, ca]) / 2.0
        prob = 1.0 - np.exp(-p.onset * ch * (1.0 - r_c) / 2.0)
        hit = rng.random(ca.size) < prob
        state.crisis[ca[hit], cb[hit]] = 1
        state.crisis[cb[hit], ca[hit]] = 1


def _moves(
    state: SimState,
    p: CrisisParams,
    a: npt.NDArray[np.intp],
    b: npt.NDArray[np.intp],
    eff_a: FloatArray,
    eff_b: FloatArray,
    mediated: npt.NDArray[np.int64],
) -> tuple[FloatArray, FloatArray]:
    """The probabilities that each dyad in crisis moves up and down one rung (docstring)."""
    rel = state.relation
    lv = state.crisis[a, b]
    hard = state.hard
    share = eff_a / (eff_a + eff_b)
    weaker_own = np.where(share < 0.5, hard[b] / eff_b, hard[a] / eff_a)
    defended = 1.0 - weaker_own
    r = (rel[a, b] + rel[b, a]) / 2.0
    e = (
        p.escalate_bias
        + p.hostility * (-r)
        + p.parity * (1.0 - np.abs(2.0 * share - 1.0))
        + p.resolve * np.maximum(state.risk[a], state.risk[b])
        - p.deterrence * defended
    )
    up = _sigmoid(e)
    up = np.where(lv == 4, up * p.war_gate, up)
    up = np.where(lv >= 5, 0.0, up)
    key = a.astype(np.int64) * state.n + b
    was_mediated = (key[:, None] == mediated[None, :]).any(axis=1)  # few mediations a step
    s = (
        p.settle_bias
        + p.settle_relation * r
        + p.mediated * was_mediated
        - p.war_settle_penalty * (lv >= 5)
    )
    down: FloatArray = (1.0 - up) * _sigmoid(s)
    return up, down


def _start_wars(
    state: SimState,
    a: npt.NDArray[np.intp],
    b: npt.NDArray[np.intp],
    eff_a: FloatArray,
    eff_b: FloatArray,
    at: int,
) -> list[TieChange]:
    """In each dyad that reached rung 5, the side with more power x risk attacks."""
    changes: list[TieChange] = []
    risk = state.risk
    for k in range(a.size):
        i, j = int(a[k]), int(b[k])
        strong_i = eff_a[k] * risk[i] >= eff_b[k] * risk[j]
        attacker, victim = (i, j) if strong_i else (j, i)
        if not (state.war[attacker, victim] or state.war[victim, attacker]):
            state.war[attacker, victim] = True
            changes.append(
                TieChange(at, "war", state.codes[attacker], state.codes[victim], "start")
            )
    return changes


def _end_wars(state: SimState, at: int) -> list[TieChange]:
    """End every war whose dyad is below the war rung, whether this rule or a mediation
    earlier in the step lowered it (a sweep over the war flags, which are few)."""
    changes: list[TieChange] = []
    wx, wy = np.nonzero(state.war & (state.crisis < 5))
    for x, y in zip(wx.tolist(), wy.tolist(), strict=True):
        state.war[x, y] = False
        changes.append(TieChange(at, "war", state.codes[x], state.codes[y], "end"))
    return changes
