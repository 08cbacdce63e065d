"""`/api/world/...`: the world on a date: states, organizations, members, profiles, ties."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel

from accord.api.routes.params import CodePath, CodeQuery, OnDate, OptionalCode, day, resolve
from accord.api.scores import tie_scores
from accord.api.services import Services, Svc
from accord.relations import partners
from accord.world import Membership, Organization, State, World
from accord.world.ties import FULL_ROLES, Role

router = APIRouter(prefix="/api/world", tags=["world"])


class StateOut(BaseModel):
    code: str
    name: str
    region: str
    subregion: str
    status: str
    cow: int | None


class OrgOut(BaseModel):
    code: str
    name: str
    kind: str
    members: int


class SummaryOut(BaseModel):
    on: dt.date
    states: int
    states_by_status: dict[str, int]
    organizations: int
    treaties: int
    alliances_in_force: int
    sanctions_regimes_in_force: int
    non_state_actors: int


class MembershipOut(BaseModel):
    code: str
    name: str
    role: str
    joined: dt.date
    left: dt.date | None
    suspended: bool


class AllyOut(BaseModel):
    code: str
    name: str
    alliance: str
    obligation: str


class SanctionOut(BaseModel):
    regime: str
    name: str
    sender: str
    via: str | None
    target: str
    kinds: list[str]
    since: dt.date


class CapabilityOut(BaseModel):
    indicator: str
    value: float
    unit: str
    year: int


class PartnerOut(BaseModel):
    code: str
    name: str
    score: float
    basis: str


class ProfileOut(BaseModel):
    code: str
    name: str
    kind: str
    on: dt.date
    region: str | None = None
    memberships: list[MembershipOut] = []
    members: list[MembershipOut] = []
    allies: list[AllyOut] = []
    treaties: list[str] = []
    sanctions_faced: list[SanctionOut] = []
    sanctions_imposed: list[SanctionOut] = []
    capabilities: list[CapabilityOut] = []
    top_partners: list[PartnerOut] = []


class ScoreOut(BaseModel):
    code: str
    score: float
    alliances: list[str]
    shared_organizations: list[str]
    sanctions: list[str]


class ScoresOut(BaseModel):
    code: str
    on: dt.date
    basis: str
    scores: list[ScoreOut]


class TiesOut(BaseModel):
    a: str
    b: str
    on: dt.date
    shared_memberships: list[str]
    shared_treaties: list[str]
    alliances: list[AllyOut]
    sanctions: list[SanctionOut]


def _name(world: World, code: str) -> str:
    return world.actor(code).name if world.has_actor(code) else code


def _membership(world: World, m: Membership, on: dt.date, code: str) -> MembershipOut:
    return MembershipOut(
        code=code,
        name=_name(world, code),
        role=m.role.value,
        joined=m.joined,
        left=m.left,
        suspended=m.suspended_on(on),
    )


def _sanction(link_regime_code: str, world: World, sender: str, via: str | None) -> SanctionOut:
    regime = next(r for r in world.sanctions_regimes if r.code == link_regime_code)
    return SanctionOut(
        regime=regime.code,
        name=regime.name,
        sender=sender,
        via=via,
        target=regime.target,
        kinds=[k.value for k in regime.kinds],
        since=regime.start,
    )


#: Event-based map colours need events with at least this many partners (else: ties).
MIN_EVENT_PARTNERS = 15

#: The window of events behind event-based scores and partners: the year up to the date.
EVENT_WINDOW = dt.timedelta(days=365)


def _event_scores(svc: Services, code: str, on: dt.date) -> dict[str, tuple[float, int]]:
    """Net cooperation and event count with every partner over the year to `on` (empty when
    the store holds no such events)."""
    profile = partners(svc.events(), code, start=on - EVENT_WINDOW, end=on, top=1000)
    out: dict[str, tuple[float, int]] = {}
    for p in (*profile.by_cooperation, *profile.by_conflict):
        out[p.partner] = (p.net_cooperation, p.events)
    return out


def _top_partners(svc: Services, code: str, on: dt.date, n: int = 8) -> list[PartnerOut]:
    """The closest partners: by events over the year to `on` when there are any, else by
    formal ties (alliances, shared organizations), best first."""
    world = svc.world
    by_events = _event_scores(svc, code, on)
    if by_events:
        top = sorted(by_events.items(), key=lambda kv: (-kv[1][1], -kv[1][0], kv[0]))[:n]
        return [
            PartnerOut(code=c, name=_name(world, c), score=round(v, 4), basis="events")
            for c, (v, _) in top
        ]
    ranked = sorted(tie_scores(world, code, on), key=lambda s: (-s.score, s.code))
    return [
        PartnerOut(code=s.code, name=_name(world, s.code), score=s.score, basis="ties")
        for s in ranked[:n]
        if s.score > 0
    ]


@router.get("/summary", response_model=SummaryOut)
def summary(svc: Svc, on: OnDate = None) -> SummaryOut:
    """Counts of states, organizations, alliances and sanctions in force on a date."""
    world, when = svc.world, day(on)
    states = world.states_on(when)
    return SummaryOut(
        on=when,
        states=len(states),
        states_by_status=dict(sorted(Counter(s.status.value for s in states).items())),
        organizations=len(world.organizations),
        treaties=len(world.treaties),
        alliances_in_force=sum(1 for a in world.alliances if a.interval.contains(when)),
        sanctions_regimes_in_force=sum(
            1 for r in world.sanctions_regimes if r.interval.contains(when)
        ),
        non_state_actors=len(world.non_state_actors),
    )


@router.get("/states", response_model=list[StateOut])
def states(svc: Svc, on: OnDate = None) -> list[StateOut]:
    """States existing on the date, sorted by code."""
    return [
        StateOut(
            code=s.code,
            name=s.name,
            region=s.region,
            subregion=s.subregion,
            status=s.status.value,
            cow=s.cow,
        )
        for s in sorted(svc.world.states_on(day(on)), key=lambda s: s.code)
    ]


@router.get("/organizations", response_model=list[OrgOut])
def organizations(svc: Svc, on: OnDate = None) -> list[OrgOut]:
    """Organizations with their number of full members on the date."""
    when = day(on)
    return [
        OrgOut(
            code=o.code,
            name=o.name,
            kind=o.kind.value,
            members=len(svc.world.members(o.code, when)),
        )
        for o in sorted(svc.world.organizations, key=lambda o: o.code)
    ]


@router.get("/organizations/{code}/members", response_model=list[MembershipOut])
def members(
    svc: Svc,
    code: CodePath,
    on: OnDate = None,
    role: Annotated[list[Role] | None, Query(description="Roles (default: full members).")] = None,
) -> list[MembershipOut]:
    """Members of an organization on a date."""
    world, when = svc.world, day(on)
    org = resolve(world, code, "path.code", kind="organization")
    wanted = role or sorted(FULL_ROLES)
    return [_membership(world, m, when, m.member) for m in world.members(org, when, wanted)]


@router.get("/actors/{code}", response_model=ProfileOut)
def profile(svc: Svc, code: CodePath, on: OnDate = None) -> ProfileOut:
    """An actor's profile: memberships, allies, treaties, sanctions, capabilities, partners."""
    world, when = svc.world, day(on)
    found = resolve(world, code, "path.code")
    actor = world.actor(found)
    out = ProfileOut(code=actor.code, name=actor.name, kind=type(actor).__name__.lower(), on=when)
    if isinstance(actor, Organization):
        out.members = [
            _membership(world, m, when, m.member) for m in world.members(found, when, list(Role))
        ]
        return out
    if not isinstance(actor, State):
        return out
    out.region = actor.region
    out.memberships = [_membership(world, m, when, m.org) for m in world.memberships(found, when)]
    out.allies = [
        AllyOut(
            code=a.ally, name=_name(world, a.ally), alliance=a.alliance, obligation=a.obligation
        )
        for a in world.allies(found, when)
    ]
    out.treaties = world.treaties_of(found, when)
    out.sanctions_faced = [
        _sanction(s.regime.code, world, s.sender, s.via)
        for s in world.sanctions(target=found, on=when)
    ]
    out.sanctions_imposed = [
        _sanction(s.regime.code, world, s.sender, s.via)
        for s in world.sanctions(sender=found, on=when)
    ]
    out.capabilities = [
        CapabilityOut(indicator=c.indicator, value=c.value, unit=c.unit, year=c.year)
        for c in world.capabilities_of(found)
    ]
    out.top_partners = _top_partners(svc, found, when)
    return out


@router.get("/scores/{code}", response_model=ScoresOut)
def scores(
    svc: Svc,
    code: CodePath,
    on: OnDate = None,
    basis: Literal["auto", "events", "ties"] = "auto",
) -> ScoresOut:
    """How every other state stands with this one on the date (for the world map).

    `auto` colours by the events of the year to the date when they cover at least
    `MIN_EVENT_PARTNERS` partners (a map of a few grey-free countries misleads), else by ties.
    """
    world, when = svc.world, day(on)
    found = resolve(world, code, "path.code", kind="state")
    by_events = _event_scores(svc, found, when) if basis != "ties" else {}
    ties = {s.code: s for s in tie_scores(world, found, when)}
    if by_events and (basis == "events" or len(by_events) >= MIN_EVENT_PARTNERS):
        return ScoresOut(
            code=found,
            on=when,
            basis="events",
            scores=[
                ScoreOut(
                    code=c,
                    score=round(v, 4),
                    alliances=list(ties[c].alliances) if c in ties else [],
                    shared_organizations=list(ties[c].shared_organizations) if c in ties else [],
                    sanctions=list(ties[c].sanctions) if c in ties else [],
                )
                for c, (v, _) in sorted(by_events.items())
            ],
        )
    return ScoresOut(
        code=found,
        on=when,
        basis="ties",
        scores=[
            ScoreOut(
                code=s.code,
                score=s.score,
                alliances=list(s.alliances),
                shared_organizations=list(s.shared_organizations),
                sanctions=list(s.sanctions),
            )
            for s in ties.values()
        ],
    )


@router.get("/ties", response_model=TiesOut)
def ties(svc: Svc, a: CodeQuery, b: CodeQuery, on: OnDate = None) -> TiesOut:
    """Everything linking two actors on a date."""
    world, when = svc.world, day(on)
    left, right = resolve(world, a, "query.a"), resolve(world, b, "query.b")
    t = world.ties(left, right, when)
    return TiesOut(
        a=t.a,
        b=t.b,
        on=t.on,
        shared_memberships=list(t.shared_memberships),
        shared_treaties=list(t.shared_treaties),
        alliances=[
            AllyOut(code=t.b, name=_name(world, t.b), alliance=x.alliance, obligation=x.obligation)
            for x in t.alliances
        ],
        sanctions=[_sanction(s.regime.code, world, s.sender, s.via) for s in t.sanctions],
    )


@router.get("/sanctions", response_model=list[SanctionOut])
def sanctions(
    svc: Svc, sender: OptionalCode = None, target: OptionalCode = None, on: OnDate = None
) -> list[SanctionOut]:
    """Sanctions in force on a date, one row per (regime, sender)."""
    world, when = svc.world, day(on)
    s_code = resolve(world, sender, "query.sender") if sender else None
    t_code = resolve(world, target, "query.target") if target else None
    return [
        _sanction(s.regime.code, world, s.sender, s.via)
        for s in world.sanctions(sender=s_code, target=t_code, on=when)
    ]
