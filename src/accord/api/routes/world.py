"""`/api/world/...`: the world on a date: states, organizations, members, profiles, ties.

Every answer is a result dataclass of `accord.world.reports` or `accord.relations.standing`,
the same the CLI prints with `--json`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from accord.api.routes.params import (
    CodePath,
    CodeQuery,
    OnDate,
    OptionalCode,
    RunQuery,
    day,
    not_found,
    resolve,
)
from accord.api.services import Svc
from accord.errors import UnknownNameError
from accord.jsonable import AsDict
from accord.relations import Standing, profile_with_partners, standing
from accord.world.reports import (
    ActorProfile,
    AllyEntry,
    MemberEntry,
    OrgEntry,
    SanctionEntry,
    StateEntry,
    TieReport,
    TreatyPartyEntry,
    WorldSummary,
    allies_on,
    members_on,
    organizations_on,
    sanctions_on,
    states_on,
    tie_report,
    treaty_parties_on,
    world_summary,
)
from accord.world.ties import Obligation, Role, TreatyStatus

router = APIRouter(prefix="/api/world", tags=["world"])


@router.get("/summary")
def summary(svc: Svc, on: OnDate = None) -> WorldSummary:
    """Counts of states, organizations, treaties, alliances and sanctions in force on a date."""
    return world_summary(svc.world, day(on))


@router.get("/states")
def states(svc: Svc, on: OnDate = None) -> list[StateEntry]:
    """States existing on the date, sorted by code."""
    return states_on(svc.world, day(on))


@dataclass(frozen=True)
class NameEntry(AsDict):
    """A name (official name, short name or alias) a state on the date is known by."""

    name: str
    code: str


@router.get("/names")
def names(svc: Svc, on: OnDate = None) -> list[NameEntry]:
    """Every name and alias of the states existing on the date, for a search by name."""
    found = {
        (text, state.code)
        for state in svc.world.states_on(day(on))
        for text in (state.name, state.official_name, *state.aliases)
        if text
    }
    return [NameEntry(text, code) for text, code in sorted(found)]


@router.get("/organizations")
def organizations(svc: Svc, on: OnDate = None) -> list[OrgEntry]:
    """Organizations with their number of full members on the date."""
    return organizations_on(svc.world, day(on))


@router.get("/organizations/{code}/members")
def members(
    svc: Svc,
    code: CodePath,
    on: OnDate = None,
    role: Annotated[list[Role] | None, Query(description="Roles (default: full members).")] = None,
) -> list[MemberEntry]:
    """Members of an organization on a date."""
    org = resolve(svc.world, code, "path.code", kind="organization")
    return members_on(svc.world, org, day(on), role)


@router.get("/actors/{code}")
def profile(svc: Svc, code: CodePath, on: OnDate = None) -> ActorProfile:
    """An actor's profile: memberships, allies, treaties, sanctions, capabilities, partners."""
    found = resolve(svc.world, code, "path.code")
    return profile_with_partners(svc.events(), svc.world, found, day(on))


@router.get("/scores/{code}")
def scores(
    svc: Svc,
    code: CodePath,
    on: OnDate = None,
    basis: Literal["auto", "events", "ties"] = "auto",
    run: RunQuery = None,
) -> Standing:
    """How every other state stands with this one on the date (for the world map): by the
    events of the year to the date when they cover enough partners, else by formal ties;
    `run`: the events of a simulation run or exercise session instead of the real ones (a
    session before its first turn ends has none: every state is coloured by ties)."""
    found = resolve(svc.world, code, "path.code", kind="state")
    return standing(svc.events(), svc.world, found, day(on), basis, run)


@router.get("/ties")
def ties(svc: Svc, a: CodeQuery, b: CodeQuery, on: OnDate = None) -> TieReport:
    """Everything linking two actors on a date."""
    left, right = resolve(svc.world, a, "query.a"), resolve(svc.world, b, "query.b")
    return tie_report(svc.world, left, right, day(on))


@router.get("/sanctions")
def sanctions(
    svc: Svc, sender: OptionalCode = None, target: OptionalCode = None, on: OnDate = None
) -> list[SanctionEntry]:
    """Sanctions in force on a date, one row per (regime, sender)."""
    world = svc.world
    s_code = resolve(world, sender, "query.sender") if sender else None
    t_code = resolve(world, target, "query.target") if target else None
    return sanctions_on(world, day(on), sender=s_code, target=t_code)


@router.get("/treaties/{code}")
def treaty(
    svc: Svc,
    code: CodePath,
    on: OnDate = None,
    status: Annotated[
        list[TreatyStatus] | None, Query(description="Only these standings (default: all).")
    ] = None,
) -> list[TreatyPartyEntry]:
    """Every state that signed or joined a treaty, with its standing on the date (in force or
    not) and the source of its row; a treaty's `coverage` is in `/api/world/summary`."""
    try:
        found = svc.world.treaty(code).code
    except UnknownNameError as exc:
        raise not_found(exc, "path.code") from None
    return treaty_parties_on(svc.world, found, day(on), status)


@router.get("/allies/{code}")
def allies(
    svc: Svc,
    code: CodePath,
    on: OnDate = None,
    obligation: Annotated[Obligation | None, Query(description="Only this obligation.")] = None,
) -> list[AllyEntry]:
    """A state's allies on the date, one row per binding alliance, with its source."""
    state = resolve(svc.world, code, "path.code", kind="state")
    return allies_on(svc.world, state, day(on), obligation)
