"""Ties between actors, each valid over a date interval: memberships, treaties, alliances,
sanctions, diplomatic representation and capabilities."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum

from accord.world.actors import Origin
from accord.world.coverage import Coverage, check_missing
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
    ENVIRONMENT = "environment"
    ARMS_CONTROL = "arms_control"
    DEFENCE = "defence"
    LAW_OF_THE_SEA = "law_of_the_sea"
    HUMAN_RIGHTS = "human_rights"
    HUMANITARIAN_LAW = "humanitarian_law"
    DIPLOMATIC_LAW = "diplomatic_law"
    CRIMINAL_JUSTICE = "criminal_justice"
    HEALTH = "health"
    SPACE = "space"
    #: A political commitment, not a treaty in law (the JCPOA): participation, not ratification.
    POLITICAL = "political"
    OTHER = "other"


class Consent(StrEnum):
    """How a party expressed its consent to be bound (the depositaries' categories)."""

    RATIFICATION = "ratification"
    ACCESSION = "accession"
    ACCEPTANCE = "acceptance"
    APPROVAL = "approval"
    SUCCESSION = "succession"
    DEFINITIVE_SIGNATURE = "definitive_signature"
    #: Joining a political (non-binding) agreement.
    PARTICIPATION = "participation"


class TreatyStatus(StrEnum):
    """Where an actor stands towards a treaty on a date (VCLT terms where they exist)."""

    #: Bound: consent given and the treaty in force for it.
    PARTY = "party"
    #: Still bound, but has notified withdrawal that takes effect later.
    WITHDRAWING = "withdrawing"
    #: Consent given (ratified, acceded...) but the treaty is not yet in force for it
    #: (VCLT art. 2(1)(f) "contracting State"): CTBT ratifiers.
    CONTRACTING = "contracting"
    #: Signed, no consent to be bound (yet).
    SIGNATORY = "signatory"
    #: Ratified, then revoked the ratification; still a signatory (Russia and the CTBT).
    DERATIFIED = "deratified"
    #: Withdrawal (or withdrawal of signature) has taken effect.
    WITHDRAWN = "withdrawn"
    #: Bound until the treaty itself ended (terminated or expired: the INF Treaty in 2019,
    #: New START in 2026); nobody is bound any more.
    ENDED = "ended"


#: Statuses in which the actor is bound by the treaty.
BOUND: frozenset[TreatyStatus] = frozenset({TreatyStatus.PARTY, TreatyStatus.WITHDRAWING})


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
    coverage: Coverage = Coverage.COMPLETE
    #: on a partial list, the participants it lacks when known (empty: not known which)
    missing: tuple[str, ...] = ()
    #: the day the treaty itself ended (terminated or expired): from then it binds nobody
    ended: Date | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        require_code("code", self.code)
        require_text("name", self.name)
        require_enum("kind", self.kind, TreatyKind)
        require_enum("coverage", self.coverage, Coverage)
        check_missing(self.coverage, self.missing)
        require_text("source", self.source)
        if self.signed is not None and self.in_force is not None and self.in_force < self.signed:
            raise FieldError("in_force", f"{self.in_force} is before signature {self.signed}")
        # an entry into force whose day is not known (the Baghdad Pact): after the signature
        began = self.in_force or self.signed
        if self.ended is not None and (began is None or self.ended < began):
            raise FieldError("ended", f"{self.ended} is not after an entry into force or signature")

    def ended_by(self, day: Date) -> bool:
        """Whether the treaty itself had ended (terminated or expired) by `day`."""
        return self.ended is not None and self.ended <= day

    def in_force_on(self, day: Date) -> bool:
        """Whether the treaty is in force on `day`: entered into force and not ended."""
        return self.in_force is not None and self.in_force <= day and not self.ended_by(day)


@dataclass(frozen=True, slots=True)
class TreatyParty:
    """One spell of an actor's participation in a treaty: signature, consent, effect, exit.

    `ratified` is the date consent to be bound was given (ratification, accession,
    acceptance, approval, succession: `how` says which). `deratified` is the date a
    ratification was revoked without withdrawing the signature (the actor stays a
    signatory); `notified` the date a withdrawal was notified, `withdrawn` the date it took
    effect.
    """

    treaty: str
    party: str
    source: str
    signed: Date | None = None
    ratified: Date | None = None
    effective: Date | None = None
    withdrawn: Date | None = None
    how: Consent | None = None
    deratified: Date | None = None
    notified: Date | None = None
    reservations: str = ""
    note: str = ""
    origin: Origin | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        require_code("treaty", self.treaty)
        require_code("party", self.party)
        require_text("source", self.source)
        if self.how is not None:
            require_enum("how", self.how, Consent)
        if self.signed is None and self.ratified is None and self.effective is None:
            raise FieldError("signed", "a party needs at least a signature or ratification date")
        if self.signed is not None and self.ratified is not None and self.ratified < self.signed:
            raise FieldError("ratified", f"{self.ratified} is before signature {self.signed}")
        # A withdrawal may come before the treaty took effect for the party (an accession
        # withdrawn before its entry into force), never before the first act.
        first = min(d for d in (self.signed, self.ratified, self.effective) if d is not None)
        require_order("signed", first, "withdrawn", self.withdrawn)
        if self.deratified is not None:
            if self.ratified is None:
                raise FieldError("deratified", "only a ratification can be revoked")
            require_order("ratified", self.ratified, "deratified", self.deratified)
            if self.withdrawn is not None and self.withdrawn <= self.deratified:
                raise FieldError("withdrawn", "withdrawal must come after de-ratification")
        if self.notified is not None:
            if self.withdrawn is None:
                raise FieldError("notified", "a withdrawal notice needs the date it takes effect")
            if self.notified > self.withdrawn:
                raise FieldError("notified", f"{self.notified} is after withdrawn {self.withdrawn}")

    def effective_from(self, treaty_in_force: Date | None) -> Date | None:
        """The day the treaty binds this party: `effective`, else the later of ratification
        and the treaty's entry into force (None while either is missing)."""
        if self.effective is not None:
            return self.effective
        if self.ratified is None or treaty_in_force is None:
            return None
        return max(self.ratified, treaty_in_force)

    @property
    def bound_until(self) -> Date | None:
        """The first day the party is no longer bound (de-ratification or withdrawal)."""
        ends = [d for d in (self.deratified, self.withdrawn) if d is not None]
        return min(ends) if ends else None

    def is_party_on(self, day: Date, treaty_in_force: Date | None) -> bool:
        start = self.effective_from(treaty_in_force)
        end = self.bound_until
        if start is None or (end is not None and end <= start):
            return False  # not yet bound, or left before the treaty bound it
        return Interval(start, end).contains(day)

    def is_signatory_on(self, day: Date) -> bool:
        """Signed or joined by `day` and not withdrawn (a de-ratified signatory still is)."""
        first = self.signed or self.ratified or self.effective
        return first is not None and Interval(first, self.withdrawn).contains(day)

    def status_on(self, day: Date, treaty_in_force: Date | None) -> TreatyStatus | None:
        """This spell's status on `day`, or None before its first act."""
        first = self.signed or self.ratified or self.effective
        if first is None or day < first:
            return None
        if self.withdrawn is not None and day >= self.withdrawn:
            return TreatyStatus.WITHDRAWN
        if self.deratified is not None and day >= self.deratified:
            return TreatyStatus.DERATIFIED
        if self.is_party_on(day, treaty_in_force):
            if self.notified is not None and day >= self.notified:
                return TreatyStatus.WITHDRAWING
            return TreatyStatus.PARTY
        if self.ratified is not None and day >= self.ratified:
            return TreatyStatus.CONTRACTING
        return TreatyStatus.SIGNATORY


@dataclass(frozen=True, slots=True)
class TreatySuspension:
    """A party's suspension of its obligations under a treaty towards one other party
    (`toward`), or towards every party when `toward` is None; the treaty itself stays in
    force between the others (the United States towards New Zealand under ANZUS, 1986)."""

    treaty: str
    party: str
    start: Date
    source: str
    toward: str | None = None
    end: Date | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        require_code("treaty", self.treaty)
        require_code("party", self.party)
        if self.toward is not None:
            require_code("toward", self.toward)
            if self.toward == self.party:
                raise FieldError("toward", "a party cannot suspend obligations towards itself")
        require_text("source", self.source)
        require_order("start", self.start, "end", self.end)

    @property
    def interval(self) -> Interval:
        return Interval(self.start, self.end)

    def between(self, a: str, b: str) -> bool:
        """True when this suspension cuts the obligation between `a` and `b` (either way)."""
        if self.party == a:
            return self.toward is None or self.toward == b
        if self.party == b:
            return self.toward is None or self.toward == a
        return False


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
