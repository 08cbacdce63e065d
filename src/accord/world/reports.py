"""The world's answers as serialisable results: profiles, members, allies, sanctions, ties.

Each is built here once and shown by every face: `as_dict()` for the CLI's `--json`, the same
dataclass for the HTTP API (which derives its schema from it).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from accord.jsonable import AsDict
from accord.world.actors import NonStateActor, Organization, State, StateStatus
from accord.world.coverage import Coverage
from accord.world.former_names import name_on
from accord.world.model import SanctionLink, World
from accord.world.origin import WorldOrigin
from accord.world.standing import tie_scores
from accord.world.ties import FULL_ROLES, Membership, Obligation, Role, Treaty, TreatyStatus

__all__ = [
    "ActorProfile",
    "AllyEntry",
    "CapabilityEntry",
    "MemberEntry",
    "OrgEntry",
    "PairSuspension",
    "RankedPartner",
    "RepresentationEntry",
    "SanctionEntry",
    "SharedTie",
    "StateEntry",
    "SuspensionEntry",
    "TieReport",
    "TreatyEntry",
    "TreatyPartyEntry",
    "WorldSummary",
    "actor_profile",
    "allies_on",
    "members_on",
    "organizations_on",
    "sanctions_on",
    "states_on",
    "tie_partners",
    "tie_report",
    "treaty_parties_on",
    "unrecorded_lists",
    "world_summary",
]


@dataclass(frozen=True)
class StateEntry(AsDict):
    """A state as listed on a date."""

    code: str
    name: str
    region: str
    subregion: str
    status: str
    cow: int | None


@dataclass(frozen=True)
class OrgEntry(AsDict):
    """An organization with its number of full members on a date."""

    code: str
    name: str
    kind: str
    members: int
    #: `partial` when the records name only some members: `members` counts those recorded
    coverage: str = Coverage.COMPLETE.value


@dataclass(frozen=True)
class TreatyEntry(AsDict):
    """A treaty with its parties and signatories on a date (`in_force` only while in force)."""

    code: str
    name: str
    in_force: dt.date | None
    parties: int
    signatories: int
    #: states that gave their consent to be bound, the treaty not yet in force for them (VCLT
    #: "contracting States": 178 for the CTBT, which has no party until it enters into force)
    contracting: int = 0
    #: `partial` when the records name only some participants: the counts are of those recorded
    coverage: str = Coverage.COMPLETE.value
    #: the day the treaty ended (terminated or expired), once it has
    ended: dt.date | None = None


@dataclass(frozen=True)
class WorldSummary(AsDict):
    """Counts of the world on a date, with its organizations and (non-defence) treaties."""

    on: dt.date
    states: int
    states_by_status: dict[str, int]
    organizations: tuple[OrgEntry, ...]
    treaties: tuple[TreatyEntry, ...]
    alliances_in_force: int
    sanctions_regimes_in_force: int
    non_state_actors: int
    capability_figures: int
    records: int
    #: Where the world came from, when a store answered with it (`World.origin`): the default
    #: world of this version, of an older one, imported, updated from Wikidata, ...
    origin: WorldOrigin | None = None
    #: States counted because they held a UN seat on the date before their statehood here
    #: (the Byelorussian and Ukrainian SSRs 1945-1991, India 1945-1947): the UN counted them.
    un_seats_before_statehood: tuple[str, ...] = ()


@dataclass(frozen=True)
class MemberEntry(AsDict):
    """One side of a membership: the organization (or member) `code`, named."""

    code: str
    name: str
    role: str
    joined: dt.date
    left: dt.date | None
    suspended: bool
    source: str
    #: e.g. a withdrawal the organization disputes; shown wherever the membership shows
    note: str | None = None


@dataclass(frozen=True)
class AllyEntry(AsDict):
    """An ally and the alliance obligation binding the two."""

    code: str
    name: str
    alliance: str
    obligation: str
    #: the alliance obligation's source (its treaty and article)
    source: str


@dataclass(frozen=True)
class SanctionEntry(AsDict):
    """One sender of a sanctions regime in force (`via` the organization it sends through)."""

    regime: str
    name: str
    sender: str
    via: str | None
    target: str
    kinds: tuple[str, ...]
    since: dt.date
    #: the regime's source, then the sender's when it has its own row
    source: str


@dataclass(frozen=True)
class CapabilityEntry(AsDict):
    """One capability figure of an actor (the latest year of each indicator)."""

    indicator: str
    value: float
    unit: str
    year: int
    source: str


@dataclass(frozen=True)
class RankedPartner(AsDict):
    """A close partner: its score and whether events or formal ties gave it."""

    code: str
    name: str
    score: float
    basis: str


@dataclass(frozen=True)
class RepresentationEntry(AsDict):
    """Diplomatic representation of `sender` in `receiver` since a date."""

    sender: str
    receiver: str
    level: str
    since: dt.date
    source: str


@dataclass(frozen=True)
class SuspensionEntry(AsDict):
    """Obligations of a party suspended toward one other party (ANZUS: USA toward NZL)."""

    toward: str | None
    since: dt.date
    until: dt.date | None
    source: str


@dataclass(frozen=True)
class TreatyPartyEntry(AsDict):
    """An actor's standing towards a treaty on a date, with its dates and source."""

    code: str
    name: str
    status: str
    how: str | None
    signed: dt.date | None
    ratified: dt.date | None
    effective: dt.date | None
    deratified: dt.date | None
    withdrawal_notified: dt.date | None
    withdrawn: dt.date | None
    reservations: str | None
    note: str | None
    suspended: tuple[SuspensionEntry, ...]
    source: str


@dataclass(frozen=True)
class StandingEntry(AsDict):
    """A state's standing towards a treaty that a bare list of treaties in force would hide:
    signed only, contracting, withdrawing, de-ratified, withdrawn, ended, or bound with a
    note (a contested step)."""

    treaty: str
    name: str
    status: str
    note: str | None
    source: str


@dataclass(frozen=True)
class SharedTie(AsDict):
    """An organization or treaty both actors belong to, with each side's source."""

    code: str
    name: str
    source_a: str
    source_b: str


@dataclass(frozen=True)
class PairSuspension(AsDict):
    """Obligations under a treaty both actors are party to, suspended between the two on the
    date: by `party` towards the other, or towards every party when `toward` is None."""

    treaty: str
    party: str
    toward: str | None
    since: dt.date
    until: dt.date | None
    source: str


@dataclass(frozen=True)
class TieReport(AsDict):
    """Everything linking two actors on a date, every row with its source."""

    a: str
    b: str
    on: dt.date
    shared_memberships: tuple[SharedTie, ...]
    shared_treaties: tuple[SharedTie, ...]
    alliances: tuple[AllyEntry, ...]
    sanctions: tuple[SanctionEntry, ...]
    representations: tuple[RepresentationEntry, ...]
    #: shared treaties whose obligations between the two are suspended that day (ANZUS: the
    #: United States towards New Zealand since 1986), so no alliance row binds them
    suspended: tuple[PairSuspension, ...] = ()
    #: partial lists that may omit either state (`unrecorded_lists`): a tie there may be
    #: shared without being listed above
    unrecorded: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActorProfile(AsDict):
    """An actor and its ties on a date; fields that do not apply to its kind stay empty.

    `kind` is `state`, `organization` or `non_state_actor`; `subkind` the organization's or
    non-state actor's own kind.
    """

    code: str
    name: str
    kind: str
    on: dt.date
    source: str
    official_name: str | None = None
    status: str | None = None
    region: str | None = None
    subregion: str | None = None
    cow: int | None = None
    aliases: tuple[str, ...] = ()
    exists: bool | None = None
    #: a state's first and last days of existence when known (`ended`: the day after the
    #: last, when it no longer existed: 1990-10-03 for the German Democratic Republic)
    started: dt.date | None = None
    ended: dt.date | None = None
    subkind: str | None = None
    country: str | None = None
    founded: dt.date | None = None
    memberships: tuple[MemberEntry, ...] = ()
    members: tuple[MemberEntry, ...] = ()
    allies: tuple[AllyEntry, ...] = ()
    treaties: tuple[str, ...] = ()
    #: the other standings towards treaties (`StandingEntry`), by treaty code
    treaty_standings: tuple[StandingEntry, ...] = ()
    sanctions_faced: tuple[SanctionEntry, ...] = ()
    sanctions_imposed: tuple[SanctionEntry, ...] = ()
    capabilities: tuple[CapabilityEntry, ...] = ()
    top_partners: tuple[RankedPartner, ...] = ()
    #: the state's name today, when `name` (its name on `on`) was another (`former_names`)
    current_name: str | None = None
    #: partial lists (organizations, treaties) that may omit this state (`unrecorded_lists`):
    #: whether it belongs there is not recorded
    unrecorded: tuple[str, ...] = ()


def _name(world: World, code: str, on: dt.date | None = None) -> str:
    """An actor's name, as it was on `on` when given (`former_names`: the Soviet Union for RUS
    in 1970); its code when the world does not hold it."""
    if not world.has_actor(code):
        return code
    current = world.actor(code).name
    return current if on is None else name_on(code, current, on)


def _member(world: World, m: Membership, on: dt.date, code: str) -> MemberEntry:
    return MemberEntry(
        code=code,
        name=_name(world, code, on),
        role=m.role.value,
        joined=m.joined,
        left=m.left,
        suspended=m.suspended_on(on),
        source=m.source,
        note=m.note,
    )


def _sender_source(world: World, link: SanctionLink) -> str:
    """The regime's source, with the sender's own row when it differs."""
    regime = link.regime
    for sender in world.records.sanction_senders:
        if sender.regime == regime.code and sender.sender in (link.sender, link.via):
            if sender.source and sender.source != regime.source:
                return f"{regime.source} | sender: {sender.source}"
            break
    return regime.source


def _ally(
    world: World, code: str, alliance: str, obligation: str, on: dt.date | None = None
) -> AllyEntry:
    source = next((x.source for x in world.alliances if x.code == alliance), "")
    return AllyEntry(code, _name(world, code, on), alliance, obligation, source)


def _sanction(world: World, link: SanctionLink) -> SanctionEntry:
    regime = link.regime
    return SanctionEntry(
        regime=regime.code,
        name=regime.name,
        sender=link.sender,
        via=link.via,
        target=regime.target,
        kinds=tuple(k.value for k in regime.kinds),
        since=regime.start,
        source=_sender_source(world, link),
    )


def states_on(world: World, on: dt.date) -> list[StateEntry]:
    """States existing on `on`, sorted by code."""
    return [
        StateEntry(
            s.code, name_on(s.code, s.name, on), s.region, s.subregion, s.status.value, s.cow
        )
        for s in sorted(world.states_on(on), key=lambda s: s.code)
    ]


def organizations_on(world: World, on: dt.date) -> list[OrgEntry]:
    """Organizations with their number of full members on `on`, sorted by code."""
    return [
        OrgEntry(o.code, o.name, o.kind.value, len(world.members(o.code, on)), o.coverage.value)
        for o in sorted(world.organizations, key=lambda o: o.code)
    ]


#: What a state whose standing today is a UN seat (held or lost) was on a date it had none.
NOT_UN_MEMBER = "not_un_member"


def standing_on(world: World, state: State, on: dt.date, un: set[str]) -> str:
    """The state's standing on `on` for counts: `un_member` when it held a UN seat that day
    (`un`: the UN's members then), `not_un_member` for a state that holds or held one at another
    time (Switzerland in 1975), else its own status (observer, partially recognised, ...)."""
    if state.code in un:
        return StateStatus.UN_MEMBER.value
    if state.status in (StateStatus.UN_MEMBER, StateStatus.FORMER):
        return NOT_UN_MEMBER
    return state.status.value


def world_summary(world: World, on: dt.date) -> WorldSummary:
    """Counts of states, organizations, treaties, alliances and sanctions on `on`; states by
    their standing that day (`standing_on`), not today's, with those holding a UN seat before
    their statehood here counted too (as the UN counted them)."""
    un = {m.member for m in world.members("UN", on)} if world.has_actor("UN") else set()
    early = [s for s in world.states if s.code in un and not s.exists_on(on)]
    states = world.states_on(on) + early
    treaties = tuple(
        TreatyEntry(
            code=t.code,
            name=t.name,
            in_force=t.in_force if t.in_force_on(on) else None,
            ended=t.ended if t.ended_by(on) else None,
            parties=len(world.treaty_parties(t.code, on)),
            signatories=len(world.treaty_signatories(t.code, on)),
            contracting=sum(
                s.status == TreatyStatus.CONTRACTING for s in world.treaty_status(t.code, on)
            ),
            coverage=t.coverage.value,
        )
        for t in sorted(world.treaties, key=lambda t: t.code)
        if t.kind.value != "defence"
    )
    return WorldSummary(
        on=on,
        un_seats_before_statehood=tuple(sorted(s.code for s in early)),
        states=len(states),
        states_by_status=dict(
            sorted(Counter(standing_on(world, s, on, un) for s in states).items())
        ),
        organizations=tuple(organizations_on(world, on)),
        treaties=treaties,
        alliances_in_force=sum(1 for a in world.alliances if a.interval.contains(on)),
        sanctions_regimes_in_force=sum(
            1 for r in world.sanctions_regimes if r.interval.contains(on)
        ),
        non_state_actors=len(world.non_state_actors),
        capability_figures=len(world.capabilities),
        records=world.record_count(),
        origin=world.origin,
    )


def members_on(
    world: World, org: str, on: dt.date, roles: Iterable[Role] | None = None
) -> list[MemberEntry]:
    """Members of `org` on `on` with the given roles (default: full members)."""
    wanted = sorted(roles) if roles else sorted(FULL_ROLES)
    return [_member(world, m, on, m.member) for m in world.members(org, on, wanted)]


def allies_on(
    world: World, code: str, on: dt.date, obligation: Obligation | None = None
) -> list[AllyEntry]:
    """Allies of `code` on `on`, one row per binding alliance."""
    return [
        _ally(world, a.ally, a.alliance, a.obligation.value, on)
        for a in world.allies(code, on, obligation)
    ]


def sanctions_on(
    world: World, on: dt.date, *, sender: str | None = None, target: str | None = None
) -> list[SanctionEntry]:
    """Sanctions in force on `on`, one row per (regime, sender)."""
    return [_sanction(world, s) for s in world.sanctions(sender=sender, target=target, on=on)]


def _by(day: dt.date | None, on: dt.date) -> dt.date | None:
    """`day` if it had come by `on`: an answer as of a date shows no later step."""
    return day if day is not None and day <= on else None


def treaty_parties_on(
    world: World, treaty: str, on: dt.date, statuses: Iterable[TreatyStatus] | None = None
) -> list[TreatyPartyEntry]:
    """Every actor with a standing towards `treaty` on `on` (in force or not), one row each
    with its source and the dates of its steps taken by then; only the given `statuses` when
    asked."""
    t = world.treaty(treaty)
    wanted = set(statuses) if statuses else None
    rows = []
    for s in world.treaty_status(t.code, on):
        if wanted is not None and s.status not in wanted:
            continue
        p = s.record
        rows.append(
            TreatyPartyEntry(
                code=s.party,
                name=_name(world, s.party, on),
                status=s.status.value,
                # the kind of consent, once given (a signatory's later instrument is not shown)
                how=p.how.value if p.how and _by(p.ratified, on) else None,
                signed=_by(p.signed, on),
                ratified=_by(p.ratified, on),
                effective=_by(p.effective_from(t.in_force), on),
                deratified=_by(p.deratified, on),
                withdrawal_notified=_by(p.notified, on),
                withdrawn=_by(p.withdrawn, on),
                reservations=p.reservations or None,
                note=p.note or None,
                suspended=tuple(
                    SuspensionEntry(x.toward, x.start, x.end, x.source) for x in s.suspensions
                ),
                source=p.source,
            )
        )
    return rows


def treaty_standings(world: World, code: str, on: dt.date) -> list[StandingEntry]:
    """`code`'s standings on `on` other than plainly bound: what `treaties_of` leaves out
    (signed only, withdrawn, ...) and bound standings that carry a note."""
    rows = []
    for t in world.treaties:
        for s in world.treaty_status(t.code, on):
            if s.party != code or (s.status is TreatyStatus.PARTY and not s.record.note):
                continue
            rows.append(
                StandingEntry(
                    t.code, t.name, s.status.value, s.record.note or None, s.record.source
                )
            )
    return sorted(rows, key=lambda r: r.treaty)


def tie_report(world: World, a: str, b: str, on: dt.date) -> TieReport:
    """Everything linking `a` and `b` on `on`."""
    t = world.ties(a, b, on)
    return TieReport(
        a=t.a,
        b=t.b,
        on=t.on,
        shared_memberships=tuple(
            SharedTie(
                org,
                _name(world, org),
                _membership_source(world, t.a, org, on),
                _membership_source(world, t.b, org, on),
            )
            for org in t.shared_memberships
        ),
        shared_treaties=tuple(
            SharedTie(
                code,
                world.treaty(code).name,
                _party_source(world, t.a, code, on),
                _party_source(world, t.b, code, on),
            )
            for code in t.shared_treaties
        ),
        alliances=tuple(_ally(world, t.b, x.alliance, x.obligation.value, on) for x in t.alliances),
        sanctions=tuple(_sanction(world, s) for s in t.sanctions),
        representations=tuple(
            RepresentationEntry(r.sender, r.receiver, r.level.value, r.start, r.source)
            for r in t.representations
        ),
        suspended=tuple(
            PairSuspension(s.treaty, s.party, s.toward, s.start, s.end, s.source)
            for code in t.shared_treaties
            for s in world.treaty_suspensions(code, on)
            if s.between(t.a, t.b)
        ),
        unrecorded=()
        if any(_ended(world, side, on) for side in (t.a, t.b))  # nothing shared after an end
        else tuple(
            sorted(
                {
                    code
                    for side in (t.a, t.b)
                    if isinstance(world.actor(side), State)
                    for code in unrecorded_lists(world, side, on)
                }
            )
        ),
    )


def _ended(world: World, code: str, on: dt.date) -> bool:
    """Whether `code` is a state that had ended by `on`."""
    actor = world.actor(code)
    return isinstance(actor, State) and actor.ended_by(on)


def _membership_source(world: World, member: str, org: str, on: dt.date) -> str:
    for m in world.memberships(member, on):
        if m.org == org:
            return m.source
    return world.actor(org).source


def _party_source(world: World, party: str, treaty: str, on: dt.date) -> str:
    for p in world.treaty_parties(treaty, on):
        if p.party == party:
            return p.source
    return world.treaty(treaty).source


def tie_partners(world: World, code: str, on: dt.date, n: int = 8) -> tuple[RankedPartner, ...]:
    """The `n` states closest to `code` by formal ties (positive tie scores, best first)."""
    ranked = sorted(tie_scores(world, code, on), key=lambda s: (-s.score, s.code))
    return tuple(
        RankedPartner(s.code, _name(world, s.code, on), s.score, "ties")
        for s in ranked[:n]
        if s.score > 0
    )


def actor_profile(
    world: World, code: str, on: dt.date, top_partners: Sequence[RankedPartner] | None = None
) -> ActorProfile:
    """The profile of actor `code` on `on`; a state's `top_partners` are the given ones, or
    else its closest by formal ties."""
    actor = world.actor(code)
    if isinstance(actor, Organization):
        members = world.members(actor.code, on, list(Role))
        return ActorProfile(
            code=actor.code,
            name=actor.name,
            kind="organization",
            on=on,
            source=actor.source,
            subkind=actor.kind.value,
            founded=actor.founded,
            members=tuple(_member(world, m, on, m.member) for m in members),
        )
    if isinstance(actor, NonStateActor):
        return ActorProfile(
            code=actor.code,
            name=actor.name,
            kind="non_state_actor",
            on=on,
            source=actor.source,
            subkind=actor.kind.value,
            country=actor.country,
            founded=actor.founded,
        )
    return _state_profile(world, actor, on, top_partners)


def _state_profile(
    world: World, state: State, on: dt.date, top_partners: Sequence[RankedPartner] | None
) -> ActorProfile:
    code = state.code
    partners = tie_partners(world, code, on) if top_partners is None else tuple(top_partners)
    then = name_on(code, state.name, on)
    return ActorProfile(
        code=code,
        name=then,
        current_name=state.name if then != state.name else None,
        kind="state",
        on=on,
        source=state.source,
        official_name=state.official_name,
        status=state.status.value,
        region=state.region,
        subregion=state.subregion,
        cow=state.cow,
        aliases=state.aliases,
        exists=state.exists_on(on),
        started=state.start,
        ended=state.end,
        memberships=tuple(_member(world, m, on, m.org) for m in world.memberships(code, on)),
        allies=tuple(allies_on(world, code, on)),
        treaties=tuple(world.treaties_of(code, on)),
        treaty_standings=tuple(treaty_standings(world, code, on)),
        sanctions_faced=tuple(sanctions_on(world, on, target=code)),
        sanctions_imposed=tuple(sanctions_on(world, on, sender=code)),
        capabilities=tuple(
            CapabilityEntry(c.indicator, c.value, c.unit, c.year, c.source)
            for c in world.capabilities_of(code, on=on)
        ),
        top_partners=partners,
        unrecorded=unrecorded_lists(world, code, on),
    )


def list_start(listing: Organization | Treaty) -> dt.date | None:
    """The first day a membership or participation list can hold anyone: the organization's
    founding, the treaty's signature (its adoption); None when not recorded."""
    return listing.founded if isinstance(listing, Organization) else listing.signed


def begun_by(listing: Organization | Treaty, on: dt.date) -> bool:
    """Whether `listing` had begun by `on` (see `list_start`): before that, a partial list
    lacks nobody."""
    start = list_start(listing)
    return start is None or start <= on


def missing_on(world: World, missing: Sequence[str], on: dt.date) -> tuple[str, ...]:
    """Those of a partial list's `missing` states that existed on `on`: a state that had not
    begun or had ended by then (a former state's unrecorded spell) cannot be missing that day."""
    return tuple(
        code
        for code in missing
        if not world.has_actor(code)
        or not isinstance(actor := world.actor(code), State)
        or actor.exists_on(on)
    )


def partial_gap(
    world: World, listing: Organization | Treaty, on: dt.date
) -> tuple[str, ...] | None:
    """The states a partial list lacks on `on` (`missing_on`: those existing that day; empty
    when none did or when the list does not name them); None for a complete list, or one not
    begun by then (`begun_by`), which lacks nobody."""
    if listing.coverage is not Coverage.PARTIAL or not begun_by(listing, on):
        return None
    return missing_on(world, listing.missing, on)


def unrecorded_lists(world: World, code: str, on: dt.date | None = None) -> tuple[str, ...]:
    """Codes of the partial lists, organizations' and treaties', that may omit `code`: those
    known to lack it (`missing`), and those that do not say whom they lack and have no row for
    it on any date. For these, "not a member" or "not a party" would be a guess. With `on`,
    only lists that had begun by then (founded, or signed), and none begun after the state's
    own end: a list that did not exist yet cannot have omitted it."""
    lists: list[Organization | Treaty] = [
        *(o for o in world.organizations if o.coverage is Coverage.PARTIAL),
        *(t for t in world.treaties if t.coverage is Coverage.PARTIAL),
    ]
    if on is not None and world.has_actor(code) and _ended(world, code, on):
        return ()  # from its end a state belongs to nothing: no list can omit it
    actor = world.actor(code) if world.has_actor(code) else None
    ended = actor.end if isinstance(actor, State) else None

    def relevant(r: Organization | Treaty) -> bool:
        start = list_start(r)
        begun = on is None or begun_by(r, on)
        return begun and (ended is None or start is None or start < ended)

    named = {m.org for m in world.records.memberships if m.member == code}
    named |= {p.treaty for p in world.records.treaty_parties if p.party == code}
    return tuple(
        sorted(
            r.code
            for r in lists
            if relevant(r) and ((code in r.missing) or (not r.missing and r.code not in named))
        )
    )
