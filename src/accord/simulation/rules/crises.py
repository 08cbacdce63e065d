"""Crises on an escalation ladder: 0 none, 1 dispute, 2 threats, 3 mobilisation, 4 coercion
and clashes, 5 war.

Onset. A calm, politically relevant dyad starts a militarised interstate dispute (rung 1)
with the per-step probability of rules.dyads (opportunity and willingness: contiguity,
distance, major powers, rivalry, alliance, joint democracy, power preponderance, and the
change of the dyad's relation since the start). Each onset is recorded as a `dispute` tie.

Escalation. A dyad in crisis moves up one rung with probability `sigmoid(e)` and down one
with probability `(1 - sigmoid(e)) * sigmoid(s)`, where
`e = escalate_bias + hostility * (-r) + parity * (1 - |2 p - 1|) + resolve * max risk
- deterrence * (defended share)` and `s = settle_bias + settle_relation * r + mediated`.
`p` is one side's share of the dyad's power counting allies that owe it defence (weighted
by `ally_weight`): parity makes war likelier, preponderance deters (the power-transition
view, Organski and Kugler 1980; Bremer 1992 finds parity dyads more war-prone);
`defended share` is the share of the weaker side's power that comes from allies (extended
deterrence, Huth 1988). The downward move is the crisis's end hazard: most MIDs are short
(median maximum duration of post-1990 MIDs in MID 5.0: about two months), and besides the
rung-by-rung moves every crisis below war ends outright with probability `end_rate` a step
and every war with `war_end_rate` (the crisis's end hazard): post-1990 MIDs last a median
of 26 days (maximum duration; quartiles 1 and 160 days, 10% over a year: MID 5.0), post-1990
COW wars a few months.

War. Moving from rung 4 to 5 is damped by `war_gate`, further by `nuclear_gate` when both sides
have nuclear weapons or a defence ally that has them (Rauchhaus 2009, JCR 53: 258-277: nuclear
symmetry makes war far less likely though disputes go on; Fuhrmann and Sechser 2014, AJPS 58:
919-935: nuclear alliances deter attacks on the protected state), and impossible for a dyad
that is not politically relevant (rules.dyads: a minor power cannot project force beyond its
neighbourhood; Most and Starr 1989). When a dyad reaches rung 5 the side with more power x risk
that can reach the other attacks; the war ends when the dyad falls below rung 5. A war started
by a state already at war (or against one) is recorded as joining (`detail` "joins"): like COW,
a war onset is a new war, not a new dyad of an ongoing one.

- `escalate_bias`, `hostility`, `parity`, `resolve`, `deterrence`, `ally_weight` = -2.6, 2.0,
  1.0, 1.0, 2.0, 0.5: escalate_bias calibrated with war_gate to the war base rate; the others
  set by hand (signs from the studies above); the sensitivity analysis (docs/simulation.md)
  ranks them
- `war_gate` = 1.0: calibrated: post-Cold-War COW inter-state war onsets (0.47 a year,
  1991-2007) against about 30 MIDs a year
- `nuclear_gate` = 0.1: Rauchhaus (2009): war odds between two nuclear states an order of
  magnitude lower
- `settle_bias`, `settle_relation`, `mediated`, `war_settle_penalty` = -1.8, 2.0, 2.5, 2.5: set
  by hand; mediation raises settlement (Bercovitch and Gartner 2006, International Interactions
  32: 329-354)
- `end_rate`, `war_end_rate` = 0.1, 0.03 a week: MID 5.0 durations (median 26 days; with the
  settling moves a dispute lasts about a month at the median); wars: a median of about half a
  year
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from accord.simulation.results import TieChange
from accord.simulation.rules import dyads
from accord.simulation.state import FloatArray, SimState


@dataclass(frozen=True)
class CrisisParams:
    """Parameters of onset, escalation and settlement (module docstring)."""

    onset: float = 0.01
    escalate_bias: float = -2.6
    hostility: float = 2.0
    parity: float = 1.0
    resolve: float = 1.0
    deterrence: float = 2.0
    ally_weight: float = 0.5
    war_gate: float = 1.0
    settle_bias: float = -1.8
    settle_relation: float = 2.0
    mediated: float = 2.5
    war_settle_penalty: float = 2.5
    nuclear_gate: float = 0.1
    end_rate: float = 0.1
    war_end_rate: float = 0.03


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
    dp: dyads.DyadParams,
    rng: np.random.Generator,
    mediated: npt.NDArray[np.int64],
    at: int,
    fresh: npt.NDArray[np.int64] | None = None,
) -> list[TieChange]:
    """Advance every crisis one step (in place); return disputes started and wars started and
    ended.

    `mediated` holds the keys `a * n + b` (a < b) of the dyads mediated with success; `fresh`
    the keys of the dyads whose war began earlier in this step (an invasion): they keep their
    rung this step, so a war lasts at least a step. Only the candidate dyads of onset
    (rules.dyads) and the dyads already in crisis are visited.
    """
    # dyads in crisis before this step's onsets (onsets start escalating next step)
    a, b = state.crisis_dyads()
    onsets = _onsets(state, dp, rng, at)
    if a.size == 0:
        return onsets
    lv = state.crisis[a, b]
    eff_both = effective_power(state, p, np.concatenate([a, b]))
    eff_a, eff_b = eff_both[: a.size], eff_both[a.size :]
    up, down = _moves(state, p, a, b, eff_a, eff_b, mediated)
    u = rng.random(a.size)
    new = np.where(u < up, lv + 1, np.where(u < up + down, lv - 1, lv)).astype(np.int8)
    ends = rng.random(a.size) < np.where(new >= 5, p.war_end_rate, p.end_rate)
    new[ends] = 0
    if fresh is not None and fresh.size:
        held = np.isin(a.astype(np.int64) * state.n + b, fresh)
        new[held] = lv[held]
    state.crisis[a, b] = new
    state.crisis[b, a] = new
    started = np.flatnonzero((new == 5) & (lv < 5))
    return (
        onsets
        + _start_wars(state, a[started], b[started], eff_a[started], eff_b[started], at)
        + (_end_wars(state, at))
    )


def _onsets(
    state: SimState, dp: dyads.DyadParams, rng: np.random.Generator, at: int
) -> list[TieChange]:
    """Calm candidate dyads start a dispute (rung 1) by chance (rules.dyads)."""
    ca, cb = state.onset_a, state.onset_b
    if ca.size == 0:
        return []
    calm = state.crisis[ca, cb] == 0
    prob = dyads.onset_probability(state, dp)
    hit = calm & (rng.random(ca.size) < prob)
    ha, hb = ca[hit], cb[hit]
    state.crisis[ha, hb] = 1
    state.crisis[hb, ha] = 1
    state.mark(ha, hb)
    codes = state.codes
    return [
        TieChange(at, "dispute", codes[x], codes[y], "start")
        for x, y in zip(ha.tolist(), hb.tolist(), strict=True)
    ]


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
    lv = state.crisis[a, b]
    hard = state.hard
    share = eff_a / (eff_a + eff_b)
    weaker_own = np.where(share < 0.5, hard[b] / eff_b, hard[a] / eff_a)
    defended = 1.0 - weaker_own
    r = (state.rel_at(a, b) + state.rel_at(b, a)) / 2.0
    e = (
        p.escalate_bias
        + p.hostility * (-r)
        + p.parity * (1.0 - np.abs(2.0 * share - 1.0))
        + p.resolve * np.maximum(state.risk[a], state.risk[b])
        - p.deterrence * defended
    )
    up = _sigmoid(e)
    gate = p.war_gate * np.where(_covered(state, a) & _covered(state, b), p.nuclear_gate, 1.0)
    if state.reach.size:
        gate = gate * (state.reach[a, b] | state.reach[b, a])
    up = np.where(lv == 4, up * gate, up)
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


def _covered(state: SimState, who: npt.NDArray[np.intp]) -> npt.NDArray[np.bool_]:
    """Whether each state has nuclear weapons or a defence ally that has them."""
    if not state.nuclear.size:
        return np.zeros(who.size, dtype=bool)
    out: npt.NDArray[np.bool_] = state.nuclear[who] | state.ally[who][:, state.nuclear].any(axis=1)
    return out


def _start_wars(
    state: SimState,
    a: npt.NDArray[np.intp],
    b: npt.NDArray[np.intp],
    eff_a: FloatArray,
    eff_b: FloatArray,
    at: int,
) -> list[TieChange]:
    """In each dyad that reached rung 5, the side with more power x risk attacks, among the
    sides that can reach the other (rules.dyads)."""
    changes: list[TieChange] = []
    risk = state.risk
    reach = state.reach if state.reach.size else np.ones((state.n, state.n), dtype=bool)
    for k in range(a.size):
        i, j = int(a[k]), int(b[k])
        strong_i = eff_a[k] * risk[i] >= eff_b[k] * risk[j]
        strong_i = bool(reach[i, j]) and (strong_i or not reach[j, i])
        attacker, victim = (i, j) if strong_i else (j, i)
        if not (state.war[attacker, victim] or state.war[victim, attacker]):
            fighting = state.war[[i, j]].any() or state.war[:, [i, j]].any()
            state.war[attacker, victim] = True
            changes.append(
                TieChange(
                    at,
                    "war",
                    state.codes[attacker],
                    state.codes[victim],
                    "start",
                    "joins" if fighting else "",
                )
            )
    return changes


def _end_wars(state: SimState, at: int) -> list[TieChange]:
    """End every war whose dyad is below the war rung, whether this rule or a mediation
    earlier in the step lowered it (a sweep over the war flags, which are few)."""
    changes: list[TieChange] = []
    wx, wy = state.wars()
    below = state.crisis[wx, wy] < 5
    wx, wy = wx[below], wy[below]
    for x, y in zip(wx.tolist(), wy.tolist(), strict=True):
        state.war[x, y] = False
        changes.append(TieChange(at, "war", state.codes[x], state.codes[y], "end"))
    return changes
