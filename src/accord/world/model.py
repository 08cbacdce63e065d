"""`World`: every actor and tie, answering questions about the system as of any date."""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from accord.errors import InputError, Problem, UnknownNameError
from accord.world.actors import Actor, NonStateActor, Organization, State
from accord.world.dates import Date, as_date
from accord.world.origin import WorldOrigin
from accord.world.ties import (
    BOUND,
    FULL_ROLES,
    Alliance,
    AllianceMember,
    Capability,
    Membership,
    Obligation,
    Representation,
    Role,
    SanctionRegime,
    SanctionSender,
    Treaty,
    TreatyParty,
    TreatyStatus,
    TreatySuspension,
)

DateLike = Date | str | None


@dataclass(frozen=True, slots=True)
class AllyLink:
    """An ally of a state on a date, and the alliance obligation that binds them."""

    ally: str
    alliance: str
    obligation: Obligation


@dataclass(frozen=True, slots=True)
class TreatyStanding:
    """Where one actor stands towards a treaty on a date: its status, the participation
    record that says so (with its source), and any suspension of its obligations then."""

    party: str
    status: TreatyStatus
    record: TreatyParty
    suspensions: tuple[TreatySuspension, ...] = ()


@dataclass(frozen=True, slots=True)
class SanctionLink:
    """A sanctions regime in force on a date, with one sender (and the body it acts through)."""

    regime: SanctionRegime
    sender: str
    via: str | None = None


@dataclass(frozen=True, slots=True)
class Ties:
    """Everything that links two actors on a date."""

    a: str
    b: str
    on: Date
    shared_memberships: tuple[str, ...]
    shared_treaties: tuple[str, ...]
    alliances: tuple[AllyLink, ...]
    sanctions: tuple[SanctionLink, ...]
    representations: tuple[Representation, ...]

    @property
    def empty(self) -> bool:
        return not (
            self.shared_memberships
            or self.shared_treaties
            or self.alliances
            or self.sanctions
            or self.representations
        )


@dataclass(frozen=True)
class WorldRecords:
    """The raw records of a world, one tuple per kind (the files of docs/world-files.md)."""

    states: tuple[State, ...] = ()
    organizations: tuple[Organization, ...] = ()
    non_state_actors: tuple[NonStateActor, ...] = ()
    memberships: tuple[Membership, ...] = ()
    treaties: tuple[Treaty, ...] = ()
    treaty_parties: tuple[TreatyParty, ...] = ()
    treaty_suspensions: tuple[TreatySuspension, ...] = ()
    alliances: tuple[Alliance, ...] = ()
    alliance_members: tuple[AllianceMember, ...] = ()
    sanctions_regimes: tuple[SanctionRegime, ...] = ()
    sanction_senders: tuple[SanctionSender, ...] = ()
    representations: tuple[Representation, ...] = ()
    capabilities: tuple[Capability, ...] = ()

    def count(self) -> int:
        """How many records there are in all."""
        return sum(len(getattr(self, name)) for name in RECORD_FIELDS)


class World:
    """The diplomatic system: immutable records plus as-of-date queries over them.

    Build one from records (`World(WorldRecords(...))` or `World(states=..., ...)`), from
    files with `accord.world.read_world_dir`, or take `accord.world.default_world()`.
    """

    #: Where the world came from when a store answered with it (`accord.world.open_world`);
    #: None for a world built in memory or read from files. Not part of equality.
    origin: WorldOrigin | None = None
    #: The shipped default world, asked when a lookup fails on a stored world that is not it,
    #: so the error can say that the default world has the name (`with_origin`).
    _shipped: Callable[[], World] | None = None

    def __init__(self, records: WorldRecords | None = None, /, **fields: Any) -> None:
        if records is not None and fields:
            raise TypeError("give either a WorldRecords or record fields, not both")
        self.records = records if records is not None else WorldRecords(**fields)
        self._index = _Index.build(self.records)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, World) and self.records == other.records

    def __hash__(self) -> int:
        return hash(self.records)

    def __repr__(self) -> str:
        return f"World({len(self.states)} states, {self.records.count()} records)"

    def with_origin(self, origin: WorldOrigin, shipped: Callable[[], World] | None) -> World:
        """This world (the same records and index) as a store answered with it: `origin`
        says where it came from; an unknown name that `shipped()` (the shipped default
        world, read only then) knows gets `origin.reset_hint()` in its error."""
        held = copy.copy(self)
        held.origin = origin
        held._shipped = shipped
        return held

    def _unknown(
        self, kind: str, name: str, known: Iterable[str], there: Callable[[World], bool]
    ) -> UnknownNameError:
        """The error for a name this world lacks, saying so when the shipped default world
        has it (`there(default)`) and this stored world is another."""
        hint = None
        if self._shipped is not None and self.origin is not None and there(self._shipped()):
            hint = self.origin.reset_hint()
        return UnknownNameError(kind, name, known, hint=hint)

    @property
    def states(self) -> tuple[State, ...]:
        return self.records.states

    @property
    def organizations(self) -> tuple[Organization, ...]:
        return self.records.organizations

    @property
    def non_state_actors(self) -> tuple[NonStateActor, ...]:
        return self.records.non_state_actors

    @property
    def treaties(self) -> tuple[Treaty, ...]:
        return self.records.treaties

    @property
    def alliances(self) -> tuple[Alliance, ...]:
        return self.records.alliances

    @property
    def sanctions_regimes(self) -> tuple[SanctionRegime, ...]:
        return self.records.sanctions_regimes

    @property
    def representations(self) -> tuple[Representation, ...]:
        return self.records.representations

    @property
    def capabilities(self) -> tuple[Capability, ...]:
        return self.records.capabilities

    # -- actors -----------------------------------------------------------------------------
    def actor(self, code: str) -> Actor:
        """The actor with this code (state, organization or non-state actor)."""
        found = self._index.actors.get(code.upper())
        if found is None:
            raise self._unknown(
                "actor code", code.upper(), self._index.actors, lambda w: w.has_actor(code)
            )
        return found

    def has_actor(self, code: str) -> bool:
        return code.upper() in self._index.actors

    def resolve(self, name: str) -> str | None:
        """The code of the state or organization known by `name` (code, name or alias,
        case- and accent-insensitive), or None."""
        key = _normalise(name)
        return self._index.names.get(key)

    def code_for(self, name: str) -> str:
        """The code of the actor known by `name` (code, name or alias, as `resolve` reads it),
        so every face resolves `usa`, `USA` and `United States` alike; `UnknownNameError`
        naming it, with close matches, when no actor is known so."""
        upper = name.strip().upper()
        if upper in self._index.actors:
            return upper
        found = self.resolve(name)
        if found is None:
            raise self._unknown(
                "actor",
                name,
                self._index.known_names(),
                lambda w: w.has_actor(upper) or w.resolve(name) is not None,
            )
        return found

    def name_keys(self) -> list[str]:
        """Every key `resolve` looks names up by (codes, names and aliases, case-folded,
        accents dropped, spaces collapsed), sorted: for lookup tables built once."""
        return sorted(self._index.names)

    def states_on(self, on: DateLike = None) -> list[State]:
        day = as_date(on)
        return [s for s in self.states if s.exists_on(day)]

    def _gone(self, code: str, day: Date) -> bool:
        """True when `code` is a state that had ended by `day`: from its end it is a member,
        party or ally of nothing, whatever the rows say (a dissolution is no withdrawal)."""
        actor = self._index.actors.get(code)
        return isinstance(actor, State) and actor.ended_by(day)

    # -- memberships ------------------------------------------------------------------------
    def members(
        self, org: str, on: DateLike = None, roles: Iterable[Role] = FULL_ROLES
    ) -> list[Membership]:
        """The memberships of `org` that hold on the date (suspended members included;
        see `Membership.suspended_on`), sorted by member code."""
        day = as_date(on)
        wanted = frozenset(roles)
        spells = self._index.by_org.get(self.code_for(org), [])
        return sorted(
            (
                m
                for m in spells
                if m.role in wanted and m.holds_on(day) and not self._gone(m.member, day)
            ),
            key=lambda m: m.member,
        )

    def memberships(
        self, actor: str, on: DateLike = None, roles: Iterable[Role] | None = None
    ) -> list[Membership]:
        """The organizations `actor` belongs to on the date (any role unless `roles`)."""
        day = as_date(on)
        wanted = frozenset(roles) if roles is not None else None
        code = self.code_for(actor)
        if self._gone(code, day):
            return []
        spells = self._index.by_member.get(code, [])
        return sorted(
            (m for m in spells if m.holds_on(day) and (wanted is None or m.role in wanted)),
            key=lambda m: m.org,
        )

    def is_member(self, actor: str, org: str, on: DateLike = None) -> bool:
        code = self.code_for(org)
        return any(m.org == code for m in self.memberships(actor, on, FULL_ROLES))

    def shared_memberships(self, a: str, b: str, on: DateLike = None) -> list[str]:
        """Organizations both actors are full members of on the date."""
        left = {m.org for m in self.memberships(a, on, FULL_ROLES)}
        right = {m.org for m in self.memberships(b, on, FULL_ROLES)}
        return sorted(left & right)

    # -- treaties ---------------------------------------------------------------------------
    def treaty(self, code: str) -> Treaty:
        """The treaty of `code`, or of a name ('Paris Agreement': the exact name in any case,
        else the one treaty whose name holds it)."""
        found = self._index.treaties.get(code.upper()) or self._treaty_named(code)
        if found is None:
            raise self._unknown(
                "treaty code",
                code.upper(),
                self._index.treaties,
                lambda w: code.upper() in w._index.treaties,
            )
        return found

    def _treaty_named(self, name: str) -> Treaty | None:
        """The treaty whose name is `name` (any case and spacing), else the only one whose
        name holds it; None when none or several do."""
        key = " ".join(name.split()).casefold()
        if not key:
            return None
        names = {t.code: " ".join(t.name.split()).casefold() for t in self.treaties}
        exact = [c for c, n in names.items() if n == key]
        holding = exact or [c for c, n in names.items() if key in n]
        return self._index.treaties[holding[0]] if len(holding) == 1 else None

    def treaty_parties(self, treaty: str, on: DateLike = None) -> list[TreatyParty]:
        """Parties bound by the treaty on the date (it is in force for them)."""
        day = as_date(on)
        t = self.treaty(treaty)
        if t.ended_by(day):
            return []  # terminated or expired: it binds nobody
        spells = self._index.by_treaty.get(t.code, [])
        return sorted(
            (p for p in spells if p.is_party_on(day, t.in_force) and not self._gone(p.party, day)),
            key=lambda p: p.party,
        )

    def treaty_signatories(self, treaty: str, on: DateLike = None) -> list[TreatyParty]:
        """Actors that have signed or joined the treaty by the date and not withdrawn."""
        day = as_date(on)
        t = self.treaty(treaty)
        spells = self._index.by_treaty.get(t.code, [])
        return sorted(
            (p for p in spells if p.is_signatory_on(day) and not self._gone(p.party, day)),
            key=lambda p: p.party,
        )

    def treaty_status(self, treaty: str, on: DateLike = None) -> list[TreatyStanding]:
        """Every actor with any participation in the treaty by the date, with its status:
        party, withdrawing, contracting (consented, not yet in force), signatory,
        de-ratified signatory or withdrawn; in force or not. Sorted by actor code."""
        day = as_date(on)
        t = self.treaty(treaty)
        latest: dict[str, tuple[TreatyParty, TreatyStatus]] = {}
        for p in self._index.by_treaty.get(t.code, []):
            status = p.status_on(day, t.in_force)
            if status is None or self._gone(p.party, day):
                continue
            if t.ended_by(day) and status in BOUND:
                status = TreatyStatus.ENDED  # bound when the treaty itself ended
            held = latest.get(p.party)
            # Several spells (left and came back): the latest spell begun by the date wins.
            if held is None or _first_act(p) > _first_act(held[0]):
                latest[p.party] = (p, status)
        return [
            TreatyStanding(
                party,
                status,
                record,
                tuple(s for s in self.treaty_suspensions(t.code, day) if s.party == party),
            )
            for party, (record, status) in sorted(latest.items())
        ]

    def treaty_suspensions(self, treaty: str, on: DateLike = None) -> list[TreatySuspension]:
        """Suspensions of obligations under the treaty in effect on the date."""
        day = as_date(on)
        code = treaty.upper()
        return [s for s in self._index.by_suspension.get(code, []) if s.interval.contains(day)]

    def suspended_between(self, treaty: str, a: str, b: str, on: DateLike = None) -> bool:
        """True when either actor has suspended its obligations under the treaty towards the
        other on the date (the treaty may still bind each of them to third parties)."""
        a, b = a.upper(), b.upper()
        return any(s.between(a, b) for s in self.treaty_suspensions(treaty, on))

    def treaties_of(self, actor: str, on: DateLike = None) -> list[str]:
        day = as_date(on)
        code = self.code_for(actor)
        if self._gone(code, day):
            return []
        codes = {
            p.treaty
            for p in self._index.by_party.get(code, [])
            if p.is_party_on(day, self._index.treaties[p.treaty].in_force)
            and not self._index.treaties[p.treaty].ended_by(day)
        }
        return sorted(codes)

    # -- alliances --------------------------------------------------------------------------
    def alliance_members(self, alliance: str, on: DateLike = None) -> list[str]:
        """Members of an alliance on the date (empty outside the alliance's own interval)."""
        day = as_date(on)
        a = self._index.alliances.get(alliance.upper())
        if a is None:
            raise self._unknown(
                "alliance code",
                alliance.upper(),
                self._index.alliances,
                lambda w: alliance.upper() in w._index.alliances,
            )
        if not a.interval.contains(day):
            return []
        if a.organization is not None:
            return [m.member for m in self.members(a.organization, day, {Role.MEMBER})]
        spells = self._index.by_alliance.get(a.code, [])
        return sorted(
            {m.member for m in spells if m.interval.contains(day) and not self._gone(m.member, day)}
        )

    def allies(
        self, state: str, on: DateLike = None, obligation: Obligation | str | None = None
    ) -> list[AllyLink]:
        """Every (ally, alliance, obligation) binding `state` on the date."""
        day = as_date(on)
        code = self.code_for(state)
        wanted = Obligation(obligation) if obligation is not None else None
        links: set[AllyLink] = set()
        for alliance in self.alliances:
            if wanted is not None and alliance.obligation != wanted:
                continue
            members = self.alliance_members(alliance.code, day)
            if code not in members:
                continue
            # A suspension between two parties cuts only their link (ANZUS: the United
            # States and New Zealand from 1986); both stay allied to the others.
            links.update(
                AllyLink(other, alliance.code, alliance.obligation)
                for other in members
                if other != code
                and not (
                    alliance.treaty is not None
                    and self.suspended_between(alliance.treaty, code, other, day)
                )
            )
        return sorted(links, key=lambda link: (link.ally, link.alliance))

    # -- sanctions --------------------------------------------------------------------------
    def sanctions(
        self, sender: str | None = None, target: str | None = None, on: DateLike = None
    ) -> list[SanctionLink]:
        """Sanctions in force on the date, one link per (regime, sender).

        A state counts as a sender of a regime its organization imposes (Germany through the
        EU); such links carry the organization in `via`.
        """
        day = as_date(on)
        sender = self.code_for(sender) if sender is not None else None
        target = self.code_for(target) if target is not None else None
        out: list[SanctionLink] = []
        for regime in self.sanctions_regimes:
            if not regime.interval.contains(day):
                continue
            if target is not None and regime.target != target:
                continue
            for spell in self._index.by_regime.get(regime.code, []):
                if not spell.interval.contains(day):
                    continue
                if sender is None or spell.sender == sender:
                    out.append(SanctionLink(regime, spell.sender))
                elif self.is_member(sender, spell.sender, day):
                    out.append(SanctionLink(regime, sender, via=spell.sender))
        return sorted(out, key=lambda s: (s.regime.code, s.sender))

    # -- representation and capabilities -----------------------------------------------------
    def representation(self, a: str, b: str, on: DateLike = None) -> list[Representation]:
        """Representation records between the two states (either direction) on the date."""
        day = as_date(on)
        pair = {self.code_for(a), self.code_for(b)}
        return [
            r
            for r in self.representations
            if {r.sender, r.receiver} == pair and r.interval.contains(day)
        ]

    def capabilities_of(
        self, actor: str, indicator: str | None = None, on: DateLike = None
    ) -> list[Capability]:
        """The latest value of each indicator for the actor (or of one indicator) known on the
        date: the value of the latest year on or before the date's year (default today)."""
        year = as_date(on).year
        latest: dict[str, Capability] = {}
        for c in self._index.by_capability_actor.get(self.code_for(actor), []):
            if (indicator is not None and c.indicator != indicator) or c.year > year:
                continue
            if c.indicator not in latest or c.year > latest[c.indicator].year:
                latest[c.indicator] = c
        return [latest[k] for k in sorted(latest)]

    # -- everything between two actors -------------------------------------------------------
    def ties(self, a: str, b: str, on: DateLike = None) -> Ties:
        day = as_date(on)
        a, b = self.code_for(a), self.code_for(b)
        if a == b:
            raise InputError.at(f"ties link two different actors, got {a} twice", field="b")
        shared_treaties = sorted(set(self.treaties_of(a, day)) & set(self.treaties_of(b, day)))
        alliances = tuple(link for link in self.allies(a, day) if link.ally == b)
        sanctions = tuple(
            link
            for link in self.sanctions(sender=a, target=b, on=day)
            + self.sanctions(sender=b, target=a, on=day)
        )
        return Ties(
            a=a,
            b=b,
            on=day,
            shared_memberships=tuple(self.shared_memberships(a, b, day)),
            shared_treaties=tuple(shared_treaties),
            alliances=alliances,
            sanctions=sanctions,
            representations=tuple(self.representation(a, b, day)),
        )

    # -- integrity --------------------------------------------------------------------------
    def problems(self) -> list[Problem]:
        """Cross-record problems: unknown codes, duplicates, overlapping spells."""
        from accord.world.integrity import check_world

        return check_world(self.records)

    def record_count(self) -> int:
        return self.records.count()


RECORD_FIELDS: Sequence[str] = (
    "states",
    "organizations",
    "non_state_actors",
    "memberships",
    "treaties",
    "treaty_parties",
    "treaty_suspensions",
    "alliances",
    "alliance_members",
    "sanctions_regimes",
    "sanction_senders",
    "representations",
    "capabilities",
)
#: The kinds of records that name actors: all that resolving a name to a code needs
#: (`World.resolve`, `World.name_keys`), such as the country fields of event files.
ACTOR_FIELDS: Sequence[str] = ("states", "organizations", "non_state_actors")


def _first_act(p: TreatyParty) -> Date:
    first = p.signed or p.ratified or p.effective
    assert first is not None  # TreatyParty requires one of them
    return first


def _normalise(name: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().replace("’", "'").split())


@dataclass
class _Index:
    """Lookup tables built once per World so queries avoid full scans."""

    actors: dict[str, Actor]
    names: dict[str, str]
    treaties: dict[str, Treaty]
    alliances: dict[str, Alliance]
    by_org: dict[str, list[Membership]]
    by_member: dict[str, list[Membership]]
    by_treaty: dict[str, list[TreatyParty]]
    by_party: dict[str, list[TreatyParty]]
    by_suspension: dict[str, list[TreatySuspension]]
    by_alliance: dict[str, list[AllianceMember]]
    by_regime: dict[str, list[SanctionSender]]
    by_capability_actor: dict[str, list[Capability]]

    def known_names(self) -> list[str]:
        """Every actor code, then every actor's name, then every state's official name and
        aliases (former names such as 'Soviet Union' or 'Zaire' among them): the suggestions
        for an unknown name."""
        names = [a.name for a in self.actors.values()]
        aliases = [
            alias
            for a in self.actors.values()
            if isinstance(a, State)
            for alias in (a.official_name, *a.aliases)
            if alias
        ]
        return [*self.actors, *dict.fromkeys([*names, *aliases])]

    @classmethod
    def build(cls, world: WorldRecords) -> _Index:
        actors: dict[str, Actor] = {}
        names: dict[str, str] = {}
        everyone: tuple[Actor, ...] = (*world.non_state_actors, *world.organizations, *world.states)
        for actor in everyone:
            actors[actor.code] = actor
        for org in world.organizations:
            names[_normalise(org.name)] = org.code
        for state in world.states:
            for alias in (*state.aliases, state.official_name, state.name):
                if alias:
                    names[_normalise(alias)] = state.code
        for code in actors:
            names[_normalise(code)] = code
        by_org: dict[str, list[Membership]] = defaultdict(list)
        by_member: dict[str, list[Membership]] = defaultdict(list)
        for m in world.memberships:
            by_org[m.org].append(m)
            by_member[m.member].append(m)
        by_treaty: dict[str, list[TreatyParty]] = defaultdict(list)
        by_party: dict[str, list[TreatyParty]] = defaultdict(list)
        for p in world.treaty_parties:
            by_treaty[p.treaty].append(p)
            by_party[p.party].append(p)
        by_suspension: dict[str, list[TreatySuspension]] = defaultdict(list)
        for sus in world.treaty_suspensions:
            by_suspension[sus.treaty].append(sus)
        by_alliance: dict[str, list[AllianceMember]] = defaultdict(list)
        for am in world.alliance_members:
            by_alliance[am.alliance].append(am)
        by_regime: dict[str, list[SanctionSender]] = defaultdict(list)
        for s in world.sanction_senders:
            by_regime[s.regime].append(s)
        by_cap: dict[str, list[Capability]] = defaultdict(list)
        for c in world.capabilities:
            by_cap[c.actor].append(c)
        return cls(
            actors=actors,
            names=names,
            treaties={t.code: t for t in world.treaties},
            alliances={a.code: a for a in world.alliances},
            by_org=dict(by_org),
            by_member=dict(by_member),
            by_treaty=dict(by_treaty),
            by_party=dict(by_party),
            by_suspension=dict(by_suspension),
            by_alliance=dict(by_alliance),
            by_regime=dict(by_regime),
            by_capability_actor=dict(by_cap),
        )
