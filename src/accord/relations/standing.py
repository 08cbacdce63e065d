"""How a state stands with the others on a date: from events when there are any, else ties.

The closest partners rank by event count over the year to the date (net cooperation breaks
ties). The map's score of each partner is the dyad's net cooperation over that year when the
dyad has at least `MIN_DYAD_EVENTS` events, else the world's documented tie score
(`accord.world.standing`); every score says which basis gave it and how many events it rests
on, so the map and the profile beside it tell the same story.
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
    "MIN_DYAD_EVENTS",
    "Standing",
    "StateScore",
    "closest_partners",
    "event_scores",
    "profile_with_partners",
    "standing",
]

#: A partner is scored by events when the dyad has at least this many in the window (else: ties).
MIN_DYAD_EVENTS = 3

#: The window of events behind event-based scores and partners: the year up to the date.
EVENT_WINDOW = dt.timedelta(days=365)

Basis = Literal["auto", "events", "ties"]


@dataclass(frozen=True)
class StateScore(AsDict):
    """One state's score with the chosen one, the formal ties between them, the basis of the
    score ("events" or "ties") and the dyad's number of events in the window."""

    code: str
    score: float
    alliances: tuple[str, ...]
    shared_organizations: tuple[str, ...]
    sanctions: tuple[str, ...]
    basis: str = "ties"
    events: int = 0


@dataclass(frozen=True)
class Standing(AsDict):
    """Every other state's score with `code` on `on`; `basis` says what gave the scores
    ("events", "ties" or "mixed": each score then names its own), over the event window from
    `since` to `on` holding `events` events of `code`."""

    code: str
    on: dt.date
    basis: str
    scores: tuple[StateScore, ...]
    since: dt.date | None = None
    events: int = 0


def window_start(on: dt.date) -> dt.date:
    """The first day of the year of events to `on` (`EVENT_WINDOW`), the first date there
    is for a day of year 1 (it raised there: a 500)."""
    return on - min(EVENT_WINDOW, on - dt.date.min)


def event_scores(
    events: ir.Table, code: str, on: dt.date, run_id: str | None = None
) -> dict[str, tuple[float, int]]:
    """Net cooperation and event count with every partner over the year to `on` (empty when
    there are no such events); the events of simulation run or exercise session `run_id`
    when given, else the real ones."""
    found = partners(events, code, start=window_start(on), end=on, top=1000, run_id=run_id)
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
    events: ir.Table,
    world: World,
    code: str,
    on: dt.date,
    basis: Basis = "auto",
    run_id: str | None = None,
) -> Standing:
    """Every other state's score with `code` on `on` (by the events of simulation run or
    exercise session `run_id` when given).

    `auto` scores each partner by the events of the year to the date when the dyad has at least
    `MIN_DYAD_EVENTS` of them, else by formal ties; `events` scores only partners with events
    (the others: no data); `ties` scores every state by ties.
    """
    by_events = event_scores(events, code, on, run_id) if basis != "ties" else {}
    ties = {s.code: s for s in tie_scores(world, code, on)}
    scores: list[StateScore] = []
    for other in sorted(set(ties) | set(by_events)):
        value, count = by_events.get(other, (0.0, 0))
        tie = ties.get(other)
        formal = (tie.alliances, tie.shared_organizations, tie.sanctions) if tie else ((), (), ())
        if basis == "events" or (basis == "auto" and count >= MIN_DYAD_EVENTS):
            if count:
                scores.append(StateScore(other, round(value, 4), *formal, "events", count))
        elif tie is not None:
            scores.append(StateScore(other, tie.score, *formal, "ties", count))
    kinds = {s.basis for s in scores}
    overall = kinds.pop() if len(kinds) == 1 else ("mixed" if kinds else _empty_basis(basis))
    total = sum(count for _, count in by_events.values())
    return Standing(code, on, overall, tuple(scores), window_start(on), total)


def _empty_basis(basis: Basis) -> str:
    """The basis an empty standing reports: the forced one, or events for `auto`."""
    return "ties" if basis == "ties" else "events"
