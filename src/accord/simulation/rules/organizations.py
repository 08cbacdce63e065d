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

from accord.simulation.results import TieChange
from accord.simulation.state import SimState


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


def _mean_regard(state: SimState) -> np.ndarray:
    """(states, orgs): the mean relation of each organization's members toward each state."""
    m = state.member.astype(np.float64)
    total = state.relation.T @ m  # [s, o] = sum over members k of r[k, s]
    count = m.sum(axis=0)[None, :] - m  # exclude the state itself
    return np.where(count > 0, total / np.maximum(count, 1.0), 0.0)


def evolve(
    state: SimState, p: OrganizationParams, rng: np.random.Generator, at: int
) -> list[TieChange]:
    """Suspend aggressors and admit candidates (in place); return the tie changes."""
    if at % p.every:
        return []
    regard = _mean_regard(state)
    orgs = np.array(state.orgs)
    protected = np.isin(orgs, p.protected)
    open_ = np.isin(orgs, p.open_orgs)
    aggressor = np.asarray(state.war.any(axis=1), dtype=bool)
    u = rng.random(state.member.shape)
    suspend = (
        state.member
        & aggressor[:, None]
        & ~protected[None, :]
        & (regard < p.suspend_threshold)
        & (u < p.suspend_rate)
    )
    m = state.member.astype(np.float64)
    in_crisis_with_members = ((state.crisis > 0).astype(np.float64) @ m) > 0
    join = (
        ~state.member
        & open_[None, :]
        & (regard > p.join_threshold)
        & ~in_crisis_with_members
        & (u < p.join_rate)
    )
    changes: list[TieChange] = []
    for mask, value, change in ((suspend, False, "end"), (join, True, "start")):
        s, o = np.nonzero(mask)
        state.member[s, o] = value
        changes.extend(
            TieChange(at, "membership", state.codes[x], state.orgs[y], change)
            for x, y in zip(s.tolist(), o.tolist(), strict=True)
        )
    return changes
