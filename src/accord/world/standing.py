"""A country's standing with every other state on a date, scored from the world's ties alone.

The world map colours each state by its relation with the selected one. When the store holds
events, `accord.relations.standing` supplies that score (net cooperation); without events this
module gives a transparent fallback built only from formal ties, each term documented:

    +0.6  a defence (or offence) alliance obligation binds them
    +0.3  any other alliance obligation (consultation, neutrality, non-aggression)
    +0.05 per organization both are full members of, at most +0.4
    -0.7  either sanctions the other (directly or through an organization it belongs to)

and the sum is clipped to [-1, 1]. It is a display aid, not a measure of relations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from accord.jsonable import AsDict
from accord.world.model import World
from accord.world.ties import FULL_ROLES, Obligation

__all__ = ["TieScore", "tie_scores"]

ALLIANCE_STRONG = 0.6
ALLIANCE_OTHER = 0.3
PER_SHARED_ORG = 0.05
SHARED_ORG_CAP = 0.4
SANCTION = -0.7
STRONG_OBLIGATIONS = frozenset({Obligation.DEFENCE, Obligation.OFFENCE})


@dataclass(frozen=True)
class TieScore(AsDict):
    """The score of one partner and the ties behind it."""

    code: str
    score: float
    alliances: tuple[str, ...]
    shared_organizations: tuple[str, ...]
    sanctions: tuple[str, ...]


def tie_scores(world: World, code: str, on: dt.date) -> list[TieScore]:
    """Score every other state existing on `on` against `code` (see the module docstring)."""
    code = code.upper()
    own_orgs = {m.org for m in world.memberships(code, on, FULL_ROLES)}
    alliances: dict[str, list[tuple[str, Obligation]]] = {}
    for link in world.allies(code, on):
        alliances.setdefault(link.ally, []).append((link.alliance, link.obligation))
    sanction_regimes = _sanctions_between(world, code, on)
    out: list[TieScore] = []
    for state in world.states_on(on):
        other = state.code
        if other == code:
            continue
        shared = sorted(own_orgs & {m.org for m in world.memberships(other, on, FULL_ROLES)})
        links = alliances.get(other, [])
        regimes = sorted(sanction_regimes.get(other, set()))
        score = 0.0
        if any(ob in STRONG_OBLIGATIONS for _, ob in links):
            score += ALLIANCE_STRONG
        elif links:
            score += ALLIANCE_OTHER
        score += min(SHARED_ORG_CAP, PER_SHARED_ORG * len(shared))
        if regimes:
            score += SANCTION
        out.append(
            TieScore(
                code=other,
                score=round(max(-1.0, min(1.0, score)), 4),
                alliances=tuple(sorted({a for a, _ in links})),
                shared_organizations=tuple(shared),
                sanctions=tuple(regimes),
            )
        )
    return out


def _sanctions_between(world: World, code: str, on: dt.date) -> dict[str, set[str]]:
    """Regime codes in force between `code` and each other state, in either direction."""
    found: dict[str, set[str]] = {}
    # regimes `code` imposes (directly or through an organization) on someone
    for link in world.sanctions(sender=code, on=on):
        found.setdefault(link.regime.target, set()).add(link.regime.code)
    # regimes against `code`: every sender, and every member of a sending organization
    states = {s.code for s in world.states}
    for link in world.sanctions(target=code, on=on):
        sender = link.sender
        if sender not in states:
            for member in world.members(sender, on):
                found.setdefault(member.member, set()).add(link.regime.code)
        else:
            found.setdefault(sender, set()).add(link.regime.code)
    found.pop(code, None)
    return found
