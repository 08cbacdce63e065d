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
from accord.simulation.state import FloatArray, SimState, upper_pairs


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


def effective_power(state: SimState, p: CrisisParams) -> FloatArray:
    """Own hard power plus `ally_weight` times the power of allies owing defence."""
    hard = state.hard
    return hard + p.ally_weight * (state.ally.astype(np.float64) @ hard)


def step(
    state: SimState,
    p: CrisisParams,
    rng: np.random.Generator,
    hostile: FloatArray,
    mediated: npt.NDArray[np.bool_],
    at: int,
) -> list[TieChange]:
    """Advance every crisis one step (in place); return wars started and ended."""
    changes: list[TieChange] = []
    r_sym = (state.relation + state.relation.T) / 2.0
    iu, ju = upper_pairs(state.n)
    level = state.crisis[iu, ju]
    h = hostile[iu, ju] + hostile[ju, iu]
    # onsets among calm dyads with hostile events
    cand = np.flatnonzero((level == 0) & (h > 0))
    if cand.size:
        prob = 1.0 - np.exp(-p.onset * h[cand] * (1.0 - r_sym[iu[cand], ju[cand]]) / 2.0)
        hit = cand[rng.random(cand.size) < prob]
        state.crisis[iu[hit], ju[hit]] = 1
        state.crisis[ju[hit], iu[hit]] = 1
    active = np.flatnonzero(level > 0)
    if active.size == 0:
        return changes
    a, b = iu[active], ju[active]
    lv = level[active]
    eff = effective_power(state, p)
    share = eff[a] / (eff[a] + eff[b])
    weaker_own = np.where(share < 0.5, state.hard[b] / eff[b], state.hard[a] / eff[a])
    defended = 1.0 - weaker_own
    r = r_sym[a, b]
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
    s = (
        p.settle_bias
        + p.settle_relation * r
        + p.mediated * mediated[a, b]
        - p.war_settle_penalty * (lv >= 5)
    )
    down = (1.0 - up) * _sigmoid(s)
    u = rng.random(active.size)
    new = np.where(u < up, lv + 1, np.where(u < up + down, lv - 1, lv)).astype(np.int8)
    state.crisis[a, b] = new
    state.crisis[b, a] = new
    started = np.flatnonzero((new == 5) & (lv < 5))
    for k in started:
        i, j = int(a[k]), int(b[k])
        attacker, victim = (i, j) if eff[i] * state.risk[i] >= eff[j] * state.risk[j] else (j, i)
        if not (state.war[attacker, victim] or state.war[victim, attacker]):
            state.war[attacker, victim] = True
            changes.append(
                TieChange(at, "war", state.codes[attacker], state.codes[victim], "start")
            )
    ended = np.flatnonzero((new < 5) & (lv >= 5))
    for k in ended:
        i, j = int(a[k]), int(b[k])
        for x, y in ((i, j), (j, i)):
            if state.war[x, y]:
                state.war[x, y] = False
                changes.append(TieChange(at, "war", state.codes[x], state.codes[y], "end"))
    return changes
