"""Organization membership: suspension of aggressors and accession of like-minded states.

Suspension. A member that wages a war of aggression is suspended from an organization with
probability `suspend_rate` per step when the other members' mean relation toward it is below
`suspend_threshold` (the Council of Europe and G8 precedents). Organizations listed in
`protected` (the UN and its Security Council, where expulsion does not happen) are exempt.

Accession. A non-member joins an organization listed in `open_orgs` with probability
`join_rate` per step when the members' mean relation toward it exceeds `join_threshold`
and it is in no crisis with any member. Memberships are reviewed every `every` steps (rates
are per review).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from accord.simulation.results import TieChange
from accord.simulation.state import FloatArray, SimState


@dataclass(frozen=True)
class OrganizationParams:
    """Parameters of suspension and accession (module docstring)."""

    suspend_rate: float = 0.08
    suspend_threshold: float = -0.2
    protected: tuple[str, ...] = ("UN", "UNSC", "WHO")
    join_rate: float = 0.008
    join_threshold: float = 0.5
    open_orgs: tuple[str, ...] = ("WTO", "OECD", "NATO", "EU", "APEC")
    every: int = 4


def _mean_regard(
    state: SimState, states: npt.NDArray[np.intp], orgs: npt.NDArray[np.intp]
) -> npt.NDArray[np.float64]:
    """(states, orgs): the mean relation of each organization's members toward each state."""
    m = state.member[:, orgs].astype(np.float64)
    # [s, o] = sum over members k of r[k, s]; every state in order: the product a run keeps
    # (`regard_columns`), else the matrix itself (no n x n column copy)
    whole = states.size == state.n and bool((states == np.arange(state.n)).all())
    kept = state.product("regard", m) if whole else None
    if kept is not None:
        total = kept
    else:
        total = (state.relation if whole else state.rel_cols(states)).T @ m
    count = m.sum(axis=0)[None, :] - m[states]  # exclude the state itself
    out: npt.NDArray[np.float64] = np.where(count > 0, total / np.maximum(count, 1.0), 0.0)
    return out


def regard_columns(state: SimState, p: OrganizationParams) -> tuple[FloatArray, bool]:
    """The membership columns of the open organizations, whose product `relation.T @ m` a
    run keeps through its writes (`SimState.watch`): the regard of the members for every
    state at each review without a pass over the matrix."""
    orgs = np.flatnonzero(np.isin(np.array(state.orgs), p.open_orgs))
    return state.member[:, orgs].astype(np.float64), True


def evolve(
    state: SimState, p: OrganizationParams, rng: np.random.Generator, at: int
) -> list[TieChange]:
    """Suspend aggressors and admit candidates (in place); return the tie changes.

    Only candidates draw a number: aggressors' memberships of unprotected organizations, and
    non-members of open organizations that the members regard well enough."""
    if at % p.every:
        return []
    orgs = np.array(state.orgs)
    everyone = np.arange(state.n)
    suspend_s = suspend_o = np.zeros(0, dtype=np.intp)
    aggressors = state.aggressors()
    unprotected = np.flatnonzero(~np.isin(orgs, p.protected))
    if aggressors.size and unprotected.size:
        regard = _mean_regard(state, aggressors, unprotected)
        s, o = np.nonzero(
            state.member[np.ix_(aggressors, unprotected)] & (regard < p.suspend_threshold)
        )
        keep = rng.random(s.size) < p.suspend_rate
        suspend_s, suspend_o = aggressors[s[keep]], unprotected[o[keep]]
    open_ = np.flatnonzero(np.isin(orgs, p.open_orgs))
    regard = _mean_regard(state, everyone, open_)
    s, o = np.nonzero(~state.member[:, open_] & (regard > p.join_threshold))
    o = open_[o]
    if s.size:
        # no crisis with any member of the organization
        troubled = ((state.crisis[s] > 0) & state.member[:, o].T).any(axis=1)
        s, o = s[~troubled], o[~troubled]
    keep = rng.random(s.size) < p.join_rate
    changes: list[TieChange] = []
    for rows, cols, value, change in (
        (suspend_s, suspend_o, False, "end"),
        (s[keep], o[keep], True, "start"),
    ):
        state.member[rows, cols] = value
        changes.extend(
            TieChange(at, "membership", state.codes[x], state.orgs[y], change)
            for x, y in zip(rows.tolist(), cols.tolist(), strict=True)
        )
    return changes
