"""How a state stands with the others on a date: from events when there are any, else ties.

The closest partners rank by event count over the year to the date (net cooperation breaks
ties); the map's scores are net cooperation when events cover at least `MIN_EVENT_PARTNERS`
partners, else the world's documented tie score (`accord.world.standing`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal

import ibis.expr.types as ir

from accord.jsonable import AsDict
from accord.relations.partners import partners
from accord.world import State, World
from accord.world.reports import ActorProfile, RankedPartner, actor_profile, tie_partners
from accord.world.standing import tie_scores

__all__ = [
    "EVENT_WINDOW",
    "MIN_EVENT_PARTNERS",
    "Standing",
    "StateScore",
    "closest_partners",
    "event_scores",
    "profile_with_partners",
    "standing",
]

#: Event-based map colours need events with at least this many partners (else: ties).
MIN_EVENT_PARTNERS = 15

#: The window of events behind event-based scores and partners: the year up to the date.
EVENT_WINDOW = dt.timedelta(days=365)

Basis = Literal["auto", "events", "ties"]


@dataclass(frozen=True)
class StateScore(AsDict):
    """One state's score with the chosen one, and the formal ties between them."""

    code: str
    score: float
    alliances: tuple[str, ...]
    shared_organizations: tuple[str, ...]
    sanctions: tuple[str, ...]


@dataclass(frozen=True)
class Standing(AsDict):
    """Every other state's score with `code` on `on`; `basis` says what gave the scores."""

    code: str
    on: dt.date
    basis: str
    scores: tuple[StateScore, ...]


def event_scores(events: ir.Table, code: str, on: dt.date) -> dict[str, tuple[float, int]]:
    """Net cooperation and event count with every partner over the year to `on` (empty when
    there are no such events)."""
    found = partners(events, code, start=on - EVENT_WINDOW, end=on, top=1000)
    return {
        p.partner: (p.net_cooperation, p.events)
        for p in (*found.by_cooperation, *found.by_conflict)
    }


def closest_partners(
    events: ir.Table, world: World, code: str, on: dt.date, n: int = 8
) -> tuple[RankedPartner, ...]:
    """The `n` closest partners of `code`: by events over the year to `on` when there are
    any (most events first), else by formal ties (best first)."""
    by_events = event_scores(events, code, on)
    if not by_events:
        return tie_partners(world, code, on, n)
    top = sorted(by_events.items(), key=lambda kv: (-kv[1][1], -kv[1][0], kv[0]))[:n]
    return tuple(
        RankedPartner(c, world.actor(c).name if world.has_actor(c) else c, round(v, 4), "events")
        for c, (v, _) in top
    )


def profile_with_partners(events: ir.Table, world: World, code: str, on: dt.date) -> ActorProfile:
    """The actor's profile (`accord.world.reports.actor_profile`) with a state's closest
    partners taken from events when the store holds any."""
    profile = actor_profile(world, code, on, top_partners=())
    if not isinstance(world.actor(code), State):
        return profile
    return replace(profile, top_partners=closest_partners(events, world, code, on))


def standing(
    events: ir.Table, world: World, code: str, on: dt.date, basis: Basis = "auto"
) -> Standing:
    """Every other state's score with `code` on `on`.

    `auto` scores by the events of the year to the date when they cover at least
    `MIN_EVENT_PARTNERS` partners (a map with a few coloured countries misleads), else by
    ties; `events` and `ties` force one basis.
    """
    by_events = event_scores(events, code, on) if basis != "ties" else {}
    ties = {s.code: s for s in tie_scores(world, code, on)}
    if by_events and (basis == "events" or len(by_events) >= MIN_EVENT_PARTNERS):
        return Standing(
            code,
            on,
            "events",
            tuple(
                StateScore(
                    c,
                    round(v, 4),
                    ties[c].alliances if c in ties else (),
                    ties[c].shared_organizations if c in ties else (),
                    ties[c].sanctions if c in ties else (),
                )
                for c, (v, _) in sorted(by_events.items())
            ),
        )
    return Standing(
        code,
        on,
        "ties",
        tuple(
            StateScore(s.code, s.score, s.alliances, s.shared_organizations, s.sanctions)
            for s in ties.values()
        ),
    )
