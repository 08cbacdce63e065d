"""Ties between actors, each valid over a date interval: memberships, treaties, alliances,
sanctions, diplomatic representation and capabilities."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum

from accord.world.actors import Origin
from accord.world.dates import Date, Interval
from accord.world.validation import (
    FieldError,
    require_code,
    require_enum,
    require_order,
    require_text,
)


class Role(StrEnum):
    """An actor's standing in an organization: member, observer, partner, ..."""

    MEMBER = "member"
    OBSERVER = "observer"
    PARTNER = "partner"
    PERMANENT = "permanent"
    ELECTED = "elected"


#: Roles that make an actor a full member (UNSC seats count as membership of the Council).
FULL_ROLES: frozenset[Role] = frozenset({Role.MEMBER, Role.PERMANENT, Role.ELECTED})


class TreatyKind(StrEnum):
    """The subject of a treaty: trade, climate, arms control, defence, ..."""

    TRADE = "trade"
    CLIMATE = "climate"
    ARMS_CONTROL = "arms_control"
    DEFENCE = "defence"
    LAW_OF_THE_SEA = "law_of_the_sea"
    HUMAN_RIGHTS = "human_rights"
    OTHER = "other"


class Obligation(StrEnum):
    """Alliance obligations as the ATOP project distinguishes them."""

    DEFENCE = "defence"
    OFFENCE = "offence"
    NEUTRALITY = "neutrality"
    NON_AGGRESSION = "non_aggression"
    CONSULTATION = "consultation"


class SanctionKind(StrEnum):
    """What a sanctions regime restricts: trade, finance, travel, arms, ..."""

    TRADE = "trade"
    FINANCIAL = "financial"
    TRAVEL = "travel"
    ARMS = "arms"
    SECTORAL = "sectoral"
    DIPLOMATIC = "diplomatic"


class RepresentationLevel(StrEnum):
    """How one state is represented in another: embassy, ambassador, chargé, ..."""

    EMBASSY = "embassy"
    AMBASSADOR = "ambassador"
    CHARGE_D_AFFAIRES = "charge_d_affaires"
    CONSULATE = "consulate"
    INTERESTS_SECTION = "interests_section"
    LIAISON_OFFICE = "liaison_office"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Membership:
    """One spell of an actor's membership (or observer / partner status) in an organization."""

    org: str
    member: str
    role: Role
    joined: Date
    source: str
    left: Date | None = None
    suspended: tuple[Interval, ...] = ()
    #: Free text shown wherever the membership shows, e.g. a withdrawal the organization
    #: disputes (Argentina and WHO).
    note: str | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        require_code("org", self.org)
        require_code("member", self.member)
        require_enum("role", self.role, Role)
        require_text("source", self.source)
        require_order("joined", self.joined, "left", self.left)

    @property
    def interval(self) -> Interval:
        return Interval(self.joined, self.left)

    def holds_on(self, day: Date) -> bool:
        """True when the membership spell covers `day` (suspended or not)."""
        return self.interval.contains(day)

    def suspended_on(self, day: Date) -> bool:
        return any(s.contains(day) for s in self.suspended)


@dataclass(frozen=True, slots=True)
class Treaty:
    """A treaty or agreement; its parties are `TreatyParty` records."""

    code: str
    name: str
    kind: TreatyKind
    source: str
    signed: Date | None = None
    in_force: Date | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        require_code("code", self.code)
        require_text("name", self.name)
        require_enum("kind", self.kind, TreatyKind)
        require_text("source", self.source)
        if self.signed is not None and self.in_force is not None and self.in_force < self.signed:
            raise FieldError("in_force", f"{self.in_force} is before signature {self.signed}")


@dataclass(frozen=True, slots=True)
class TreatyParty:
    """One spell of an actor's participation in a treaty: signature, consent, effect, exit."""

    treaty: str
    party: str
    source: str
    signed: Date | None = None
    ratified: Date | None = None
    effective: Date | None = None
    withdrawn: Date | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        require_code("treaty", self.treaty)
        require_code("party", self.party)
        require_text("source", self.source)
        if self.signed is None and self.ratified is None and self.effective is None:
            raise FieldError("signed", "a party needs at least a signature or ratification date")
        start = self.effective or self.ratified or self.signed
        require_order("effective", start, "withdrawn", self.withdrawn)

    def effective_from(self, treaty_in_force: Date | None) -> Date | None:
        """The day the treaty binds this party: `effective`, else the later of ratification
        and the treaty's entry into force (None while either is missing)."""
        if self.effective is not None:
            return self.effective
        if self.ratified is None or treaty_in_force is None:
            return None
        return max(self.ratified, treaty_in_force)

    def is_party_on(self, day: Date, treaty_in_force: Date | None) -> bool:
        start = self.effective_from(treaty_in_force)
        return Interval(start, self.withdrawn).contains(day) if start is not None else False

    def is_signatory_on(self, day: Date) -> bool:
        first = self.signed or self.ratified or self.effective
        return first is not None and Interval(first, self.withdrawn).contains(day)


@dataclass(frozen=True, slots=True)
class Alliance:
    """An alliance obligation (ATOP-style), usually resting on a treaty.

    When `organization` is set, the allies on a date are that organization's members;
    otherwise they are the `AllianceMember` records of this alliance.
    """

    code: str
    name: str
    obligation: Obligation
    source: str
    treaty: str | None = None
    organization: str | None = None
    start: Date | None = None
    end: Date | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        require_code("code", self.code)
        require_text("name", self.name)
        require_enum("obligation", self.obligation, Obligation)
        require_text("source", self.source)
        if self.treaty is not None:
            require_code("treaty", self.treaty)
        if self.organization is not None:
            require_code("organization", self.organization)
        require_order("start", self.start, "end", self.end)

    @property
    def interval(self) -> Interval:
        return Interval(self.start, self.end)


@dataclass(frozen=True, slots=True)
class AllianceMember:
    """One spell of a state's membership in an alliance that is not an organization."""

    alliance: str
    member: str
    joined: Date
    source: str
    left: Date | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        require_code("alliance", self.alliance)
        require_code("member", self.member)
        require_text("source", self.source)
        require_order("joined", self.joined, "left", self.left)

    @property
    def interval(self) -> Interval:
        return Interval(self.joined, self.left)


@dataclass(frozen=True, slots=True)
class SanctionRegime:
    """A sanctions regime against one target: what kinds of measures, when, on what basis."""

    code: str
    name: str
    target: str
    kinds: tuple[SanctionKind, ...]
    start: Date
    source: str
    end: Date | None = None
    legal_basis: str = ""
    origin: Origin | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        require_code("code", self.code)
        require_text("name", self.name)
        require_code("target", self.target)
        if not self.kinds:
            raise FieldError("kinds", "a regime needs at least one kind of measure")
        for kind in self.kinds:
            require_enum("kinds", kind, SanctionKind)
        require_text("source", self.source)
        require_order("start", self.start, "end", self.end)

    @property
    def interval(self) -> Interval:
        return Interval(self.start, self.end)


@dataclass(frozen=True, slots=True)
class SanctionSender:
    """One spell of an actor (state or organization) imposing a sanctions regime."""

    regime: str
    sender: str
    joined: Date
    source: str
    left: Date | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        require_code("regime", self.regime)
        require_code("sender", self.sender)
        require_text("source", self.source)
        require_order("joined", self.joined, "left", self.left)

    @property
    def interval(self) -> Interval:
        return Interval(self.joined, self.left)


@dataclass(frozen=True, slots=True)
class Representation:
    """Diplomatic representation of one state in another (embassy, liaison office, none)."""

    sender: str
    receiver: str
    level: RepresentationLevel
    start: Date
    source: str
    end: Date | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        require_code("sender", self.sender)
        require_code("receiver", self.receiver)
        if self.sender == self.receiver:
            raise FieldError("receiver", "a state cannot be represented in itself")
        require_enum("level", self.level, RepresentationLevel)
        require_text("source", self.source)
        require_order("start", self.start, "end", self.end)

    @property
    def interval(self) -> Interval:
        return Interval(self.start, self.end)


@dataclass(frozen=True, slots=True)
class Capability:
    """One measured indicator of hard or soft power for an actor in a year, with its source."""

    actor: str
    indicator: str
    value: float
    unit: str
    year: int
    source: str
    origin: Origin | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        require_code("actor", self.actor)
        require_text("indicator", self.indicator)
        if not math.isfinite(self.value):
            raise FieldError("value", f"{self.value!r} is not a finite number")
        if self.value < 0:
            raise FieldError("value", f"{self.value} is negative")
        require_text("unit", self.unit)
        if not 1800 <= self.year <= 2100:
            raise FieldError("year", f"{self.year} is not a plausible year")
        require_text("source", self.source)
