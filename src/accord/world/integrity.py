"""Cross-record checks of a World: every code known, no duplicates, no overlapping spells."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from typing import TYPE_CHECKING, Protocol, TypeVar

from accord.errors import Problem
from accord.world.actors import NonStateActor, Organization, Origin, State
from accord.world.dates import Interval

if TYPE_CHECKING:
    from accord.world.model import WorldRecords


class _Located(Protocol):
    @property
    def origin(self) -> Origin | None: ...


R = TypeVar("R", bound=_Located)
_MIN = dt.date.min


def _problem(record: _Located, field: str, message: str) -> Problem:
    origin = record.origin
    if origin is None:
        return Problem(message, field=field)
    return Problem(message, origin.file, origin.line, field)


def _overlaps(
    records: Iterable[R],
    key: Callable[[R], Hashable],
    interval: Callable[[R], Interval],
    field: str,
    what: Callable[[R], str],
) -> list[Problem]:
    groups: dict[Hashable, list[R]] = defaultdict(list)
    for r in records:
        groups[key(r)].append(r)
    found: list[Problem] = []
    for group in groups.values():
        spells = sorted(group, key=lambda r: interval(r).start or _MIN)
        for earlier, later in itertools.pairwise(spells):
            if interval(earlier).overlaps(interval(later)):
                found.append(
                    _problem(
                        later,
                        field,
                        f"{what(later)}: spell {interval(later)} overlaps spell "
                        f"{interval(earlier)}"
                        + (
                            f" ({earlier.origin.file}:{earlier.origin.line})"
                            if earlier.origin
                            else ""
                        ),
                    )
                )
    return found


class _Coded(_Located, Protocol):
    @property
    def code(self) -> str: ...


def _claim(record: _Coded, seen: set[str], what: str, problems: list[Problem]) -> None:
    """Record the record's code as taken, reporting it when an earlier record took it."""
    if record.code in seen:
        problems.append(_problem(record, "code", f"duplicate {what} code {record.code}"))
    seen.add(record.code)


def check_world(world: WorldRecords) -> list[Problem]:
    """Every cross-record problem of the world, in file order."""
    problems: list[Problem] = []
    actor_codes: set[str] = set()
    everyone: tuple[State | Organization | NonStateActor, ...] = (
        *world.states,
        *world.organizations,
        *world.non_state_actors,
    )
    for actor in everyone:
        _claim(actor, actor_codes, "actor", problems)
    org_codes = {o.code for o in world.organizations}
    treaty_codes: set[str] = set()
    for t in world.treaties:
        _claim(t, treaty_codes, "treaty", problems)
    alliance_codes: set[str] = set()
    for a in world.alliances:
        _claim(a, alliance_codes, "alliance", problems)
        if a.treaty is not None and a.treaty not in treaty_codes:
            problems.append(_problem(a, "treaty", f"unknown treaty {a.treaty}"))
        if a.organization is not None and a.organization not in org_codes:
            problems.append(_problem(a, "organization", f"unknown organization {a.organization}"))
    regime_codes: set[str] = set()
    for r in world.sanctions_regimes:
        _claim(r, regime_codes, "sanctions regime", problems)
        if r.target not in actor_codes:
            problems.append(_problem(r, "target", f"unknown actor {r.target}"))

    for m in world.memberships:
        if m.org not in org_codes:
            problems.append(_problem(m, "org", f"unknown organization {m.org}"))
        if m.member not in actor_codes:
            problems.append(_problem(m, "member", f"unknown actor {m.member}"))
        for spell in m.suspended:
            if not m.interval.overlaps(spell):
                problems.append(
                    _problem(m, "suspended", f"suspension {spell} lies outside the membership")
                )
    problems += _overlaps(
        world.memberships,
        lambda m: (m.org, m.member, m.role),
        lambda m: m.interval,
        "joined",
        lambda m: f"{m.member} in {m.org} as {m.role}",
    )
    for p in world.treaty_parties:
        if p.treaty not in treaty_codes:
            problems.append(_problem(p, "treaty", f"unknown treaty {p.treaty}"))
        if p.party not in actor_codes:
            problems.append(_problem(p, "party", f"unknown actor {p.party}"))
    problems += _overlaps(
        world.treaty_parties,
        lambda p: (p.treaty, p.party),
        lambda p: Interval(p.signed or p.ratified or p.effective, p.withdrawn),
        "signed",
        lambda p: f"{p.party} in {p.treaty}",
    )
    for am in world.alliance_members:
        if am.alliance not in alliance_codes:
            problems.append(_problem(am, "alliance", f"unknown alliance {am.alliance}"))
        if am.member not in actor_codes:
            problems.append(_problem(am, "member", f"unknown actor {am.member}"))
    problems += _overlaps(
        world.alliance_members,
        lambda m: (m.alliance, m.member),
        lambda m: m.interval,
        "joined",
        lambda m: f"{m.member} in {m.alliance}",
    )
    for s in world.sanction_senders:
        if s.regime not in regime_codes:
            problems.append(_problem(s, "regime", f"unknown sanctions regime {s.regime}"))
        if s.sender not in actor_codes:
            problems.append(_problem(s, "sender", f"unknown actor {s.sender}"))
    problems += _overlaps(
        world.sanction_senders,
        lambda s: (s.regime, s.sender),
        lambda s: s.interval,
        "joined",
        lambda s: f"{s.sender} in {s.regime}",
    )
    for rep in world.representations:
        for field in ("sender", "receiver"):
            code = getattr(rep, field)
            if code not in actor_codes:
                problems.append(_problem(rep, field, f"unknown actor {code}"))
    problems += _overlaps(
        world.representations,
        lambda r: (r.sender, r.receiver),
        lambda r: r.interval,
        "start",
        lambda r: f"representation of {r.sender} in {r.receiver}",
    )
    seen: set[tuple[str, str, int]] = set()
    for c in world.capabilities:
        if c.actor not in actor_codes:
            problems.append(_problem(c, "actor", f"unknown actor {c.actor}"))
        key = (c.actor, c.indicator, c.year)
        if key in seen:
            problems.append(
                _problem(c, "year", f"duplicate {c.indicator} for {c.actor} in {c.year}")
            )
        seen.add(key)
    return problems
