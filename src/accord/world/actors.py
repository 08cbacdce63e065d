"""Actors of the international system: states, international organizations, non-state actors."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from accord.world.coverage import Coverage, check_missing
from accord.world.dates import Date, Interval
from accord.world.validation import (
    FieldError,
    require_code,
    require_enum,
    require_iso3,
    require_order,
    require_text,
)


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record was read from, so later checks can name the file and line."""

    file: str
    line: int


class StateStatus(StrEnum):
    """A state's international standing today: UN member, observer, partially recognised,
    ..., or a former state (the German Democratic Republic), which must have an `end`."""

    UN_MEMBER = "un_member"
    UN_OBSERVER = "un_observer"
    PARTIALLY_RECOGNISED = "partially_recognised"
    ASSOCIATED = "associated_state"
    FORMER = "former_state"


class OrgKind(StrEnum):
    """What an international organization is for: universal, regional, security, ..."""

    UNIVERSAL = "universal"
    REGIONAL = "regional"
    SECURITY = "security"
    ECONOMIC = "economic"
    POLITICAL = "political"
    FORUM = "forum"


class NonStateKind(StrEnum):
    """What a non-state actor is: an NGO, a firm, a think tank, ..."""

    NGO = "ngo"
    FIRM = "firm"
    THINK_TANK = "think_tank"
    RELIGIOUS = "religious"
    ARMED_GROUP = "armed_group"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class State:
    """A sovereign (or partially recognised) state, keyed by its ISO 3166-1 alpha-3 code.

    `start` and `end` bound its existence, `end` excluded: the first day it no longer
    existed (the German Democratic Republic: 1990-10-03). A former state (`StateStatus.FORMER`,
    ISO code from ISO 3166-3) has an `end`; it is a member, party or ally of nothing from then.
    """

    code: str
    name: str
    source: str
    cow: int | None = None
    official_name: str = ""
    aliases: tuple[str, ...] = ()
    region: str = ""
    subregion: str = ""
    status: StateStatus = StateStatus.UN_MEMBER
    start: Date | None = None
    end: Date | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        require_iso3("code", self.code)
        require_text("name", self.name)
        require_text("source", self.source)
        require_enum("status", self.status, StateStatus)
        if self.cow is not None and not 1 <= self.cow <= 999:
            raise FieldError("cow", f"{self.cow} is not a Correlates of War state number (1-999)")
        require_order("start", self.start, "end", self.end)
        if self.status is StateStatus.FORMER and self.end is None:
            raise FieldError("end", "a former state needs the day it ended")

    @property
    def former(self) -> bool:
        """True for a state that no longer exists (status `former_state`)."""
        return self.status is StateStatus.FORMER

    def ended_by(self, day: Date) -> bool:
        """True when the state had ended (no longer existed) by `day`."""
        return self.end is not None and day >= self.end

    @property
    def existence(self) -> Interval:
        return Interval(self.start, self.end)

    def exists_on(self, day: Date) -> bool:
        return self.existence.contains(day)


@dataclass(frozen=True, slots=True)
class Organization:
    """An international organization or standing forum (`NATO`, `EU`, `G20`)."""

    code: str
    name: str
    kind: OrgKind
    source: str
    founded: Date | None = None
    dissolved: Date | None = None
    #: whether the memberships recorded list every member or only some (`source` says which)
    coverage: Coverage = Coverage.COMPLETE
    #: on a partial list, the participants it lacks when known (empty: not known which)
    missing: tuple[str, ...] = ()
    origin: Origin | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        require_code("code", self.code)
        require_text("name", self.name)
        require_enum("kind", self.kind, OrgKind)
        require_text("source", self.source)
        require_order("founded", self.founded, "dissolved", self.dissolved)
        require_enum("coverage", self.coverage, Coverage)
        check_missing(self.coverage, self.missing)


@dataclass(frozen=True, slots=True)
class NonStateActor:
    """An NGO, firm, think tank or other non-state actor: the players of track-two diplomacy."""

    code: str
    name: str
    kind: NonStateKind
    source: str
    country: str | None = None
    founded: Date | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        require_code("code", self.code)
        require_text("name", self.name)
        require_enum("kind", self.kind, NonStateKind)
        require_text("source", self.source)
        if self.country is not None:
            require_iso3("country", self.country)


Actor = State | Organization | NonStateActor
