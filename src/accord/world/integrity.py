"""Cross-record checks of a World: every code known, no duplicates, no overlapping spells, no
organizations members of one another."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol, TypeVar

from accord.errors import Problem
from accord.world.actors import NonStateActor, Organization, Origin, State
from accord.world.dates import Interval
from accord.world.ties import FULL_ROLES, Membership, Treaty

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


def _unknown(record: _Located, field: str, code: str, known: set[str], what: str) -> list[Problem]:
    """A problem when `code` (the record's `field`) is not among the `known` codes of `what`."""
    return [] if code in known else [_problem(record, field, f"unknown {what} {code}")]


@lru_cache(maxsize=1)
def _iso3_codes() -> frozenset[str]:
    """The ISO 3166-1 alpha-3 codes of today's countries (pycountry's copy of the standard)."""
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries)


@dataclass(frozen=True)
class _Codes:
    """The codes each kind of coded record claims, for checking references to them."""

    actors: set[str] = field(default_factory=set)
    organizations: set[str] = field(default_factory=set)
    treaties: set[str] = field(default_factory=set)
    alliances: set[str] = field(default_factory=set)
    regimes: set[str] = field(default_factory=set)


def _check_coded(world: WorldRecords, problems: list[Problem]) -> _Codes:
    """Claim the codes of actors, treaties, alliances and sanctions regimes (reporting
    duplicates and the unknown codes those records refer to); return the codes claimed."""
    codes = _Codes(organizations={o.code for o in world.organizations})
    everyone: tuple[State | Organization | NonStateActor, ...] = (
        *world.states,
        *world.organizations,
        *world.non_state_actors,
    )
    for actor in everyone:
        _claim(actor, codes.actors, "actor", problems)
    for t in world.treaties:
        _claim(t, codes.treaties, "treaty", problems)
    for a in world.alliances:
        _claim(a, codes.alliances, "alliance", problems)
        if a.treaty is not None:
            problems += _unknown(a, "treaty", a.treaty, codes.treaties, "treaty")
        if a.organization is not None:
            problems += _unknown(
                a, "organization", a.organization, codes.organizations, "organization"
            )
    states = {s.code for s in world.states} | _iso3_codes()
    for n in world.non_state_actors:  # a firm's or NGO's home: a state (a partial world may
        if n.country is not None:  # leave it out, so any ISO 3166 code is one too)
            problems += _unknown(n, "country", n.country, states, "country")
    for r in world.sanctions_regimes:
        _claim(r, codes.regimes, "sanctions regime", problems)
        problems += _unknown(r, "target", r.target, codes.actors, "actor")
    return codes


def _check_memberships(world: WorldRecords, codes: _Codes) -> list[Problem]:
    problems: list[Problem] = []
    for m in world.memberships:
        problems += _unknown(m, "org", m.org, codes.organizations, "organization")
        problems += _unknown(m, "member", m.member, codes.actors, "actor")
        if m.member == m.org:
            problems.append(_problem(m, "member", f"{m.org} cannot be a member of itself"))
        for spell in m.suspended:
            if not m.interval.overlaps(spell):
                problems.append(
                    _problem(m, "suspended", f"suspension {spell} lies outside the membership")
                )
    return problems + _overlaps(
        world.memberships,
        lambda m: (m.org, m.member, m.role),
        lambda m: m.interval,
        "joined",
        lambda m: f"{m.member} in {m.org} as {m.role}",
    )


def _check_membership_cycles(world: WorldRecords, codes: _Codes) -> list[Problem]:
    """A problem for each cycle of organizations full members of one another at the same time
    (A in B and B in A, or A in B in C in A): each would be, through the others, a member of
    itself. Checked on each day such a membership starts (spells that overlap all hold on the
    latest of their starts), at the row that closes the cycle, citing the others' rows."""
    ties = [
        m
        for m in world.memberships
        if m.role in FULL_ROLES and m.member in codes.organizations and m.member != m.org
    ]
    problems: list[Problem] = []
    reported: set[frozenset[tuple[str, str]]] = set()
    for day in sorted({m.joined for m in ties}):
        for cycle in _cycles([m for m in ties if m.holds_on(day)]):
            key = frozenset((m.org, m.member) for m in cycle)
            if key not in reported:
                reported.add(key)
                problems.append(_cycle_problem(cycle))
    return problems


def _cycles(ties: list[Membership]) -> list[list[Membership]]:
    """Cycles of the memberships `ties` read as edges member -> organization, at least one
    through every group of organizations members of one another (a back edge of a depth-first
    walk, without recursion), each as its memberships in order."""
    edges: dict[str, list[Membership]] = defaultdict(list)
    for m in ties:
        edges[m.member].append(m)
    done: set[str] = set()
    found: list[list[Membership]] = []
    for start in sorted(edges):
        if start in done:
            continue
        stack = [(start, iter(edges[start]))]
        path: list[Membership] = []  # path[k] leads from stack[k] to stack[k + 1]
        on_stack = {start: 0}
        while stack:
            node, rest = stack[-1]
            tie = next(rest, None)
            if tie is None:
                done.add(node)
                del on_stack[node]
                stack.pop()
                if path:
                    path.pop()
            elif tie.org in on_stack:
                found.append([*path[on_stack[tie.org] :], tie])
            elif tie.org not in done:
                on_stack[tie.org] = len(stack)
                stack.append((tie.org, iter(edges.get(tie.org, ()))))
                path.append(tie)
    return found


def _cycle_problem(cycle: list[Membership]) -> Problem:
    """The problem of a membership cycle, at its row last in file order (the one that closes it),
    naming the organizations in order and the file and line of every other row."""

    def place(m: Membership) -> tuple[str, int]:
        return (m.origin.file, m.origin.line) if m.origin else ("", 0)

    last = max(range(len(cycle)), key=lambda k: place(cycle[k]))
    ordered = cycle[last:] + cycle[:last]
    chain = " in ".join([ordered[0].member, *(m.org for m in ordered)])
    others = "; ".join(
        f"{m.member} in {m.org}" + (f" ({m.origin.file}:{m.origin.line})" if m.origin else "")
        for m in ordered[1:]
    )
    message = (
        f"organizations members of one another: {chain} (an organization cannot be, through "
        f"others, a member of itself); the other row(s): {others}"
    )
    return _problem(ordered[0], "member", message)


def _check_treaty_parties(world: WorldRecords, codes: _Codes) -> list[Problem]:
    problems: list[Problem] = []
    for p in world.treaty_parties:
        problems += _unknown(p, "treaty", p.treaty, codes.treaties, "treaty")
        problems += _unknown(p, "party", p.party, codes.actors, "actor")
    return problems + _overlaps(
        world.treaty_parties,
        lambda p: (p.treaty, p.party),
        lambda p: Interval(p.signed or p.ratified or p.effective, p.withdrawn),
        "signed",
        lambda p: f"{p.party} in {p.treaty}",
    )


def _check_treaty_suspensions(world: WorldRecords, codes: _Codes) -> list[Problem]:
    problems: list[Problem] = []
    for s in world.treaty_suspensions:
        problems += _unknown(s, "treaty", s.treaty, codes.treaties, "treaty")
        problems += _unknown(s, "party", s.party, codes.actors, "actor")
        if s.toward is not None:
            problems += _unknown(s, "toward", s.toward, codes.actors, "actor")
    return problems + _overlaps(
        world.treaty_suspensions,
        lambda s: (s.treaty, s.party, s.toward),
        lambda s: s.interval,
        "start",
        lambda s: f"suspension by {s.party} of {s.treaty} towards {s.toward or 'all'}",
    )


def _check_alliance_members(world: WorldRecords, codes: _Codes) -> list[Problem]:
    problems: list[Problem] = []
    for am in world.alliance_members:
        problems += _unknown(am, "alliance", am.alliance, codes.alliances, "alliance")
        problems += _unknown(am, "member", am.member, codes.actors, "actor")
    return problems + _overlaps(
        world.alliance_members,
        lambda m: (m.alliance, m.member),
        lambda m: m.interval,
        "joined",
        lambda m: f"{m.member} in {m.alliance}",
    )


def _check_sanction_senders(world: WorldRecords, codes: _Codes) -> list[Problem]:
    problems: list[Problem] = []
    targets = {r.code: r.target for r in world.sanctions_regimes}
    for s in world.sanction_senders:
        problems += _unknown(s, "regime", s.regime, codes.regimes, "sanctions regime")
        problems += _unknown(s, "sender", s.sender, codes.actors, "actor")
        if targets.get(s.regime) == s.sender:
            message = f"{s.sender} cannot impose {s.regime}, a regime against itself"
            problems.append(_problem(s, "sender", message))
    return problems + _overlaps(
        world.sanction_senders,
        lambda s: (s.regime, s.sender),
        lambda s: s.interval,
        "joined",
        lambda s: f"{s.sender} in {s.regime}",
    )


def _check_representations(world: WorldRecords, codes: _Codes) -> list[Problem]:
    problems: list[Problem] = []
    for rep in world.representations:
        problems += _unknown(rep, "sender", rep.sender, codes.actors, "actor")
        problems += _unknown(rep, "receiver", rep.receiver, codes.actors, "actor")
    return problems + _overlaps(
        world.representations,
        lambda r: (r.sender, r.receiver),
        lambda r: r.interval,
        "start",
        lambda r: f"representation of {r.sender} in {r.receiver}",
    )


def _check_capabilities(world: WorldRecords, codes: _Codes) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[str, str, int]] = set()
    for c in world.capabilities:
        problems += _unknown(c, "actor", c.actor, codes.actors, "actor")
        key = (c.actor, c.indicator, c.year)
        if key in seen:
            problems.append(
                _problem(c, "year", f"duplicate {c.indicator} for {c.actor} in {c.year}")
            )
        seen.add(key)
    return problems


def _check_missing(world: WorldRecords, codes: _Codes) -> list[Problem]:
    """A partial list's `missing` names known actors that have no row on it (a row would make
    them recorded)."""
    named = {(m.org, m.member) for m in world.memberships}
    named |= {(p.treaty, p.party) for p in world.treaty_parties}
    problems: list[Problem] = []
    lists: tuple[Organization | Treaty, ...] = (*world.organizations, *world.treaties)
    for record in lists:
        for code in record.missing:
            problems += _unknown(record, "missing", code, codes.actors, "actor")
            if (record.code, code) in named:
                problems.append(
                    _problem(
                        record, "missing", f"{code} has a row in {record.code}: it is recorded"
                    )
                )
    return problems


def _after_end(
    record: _Located, code: str, end: dt.date, dates: Iterable[tuple[str, dt.date | None, bool]]
) -> list[Problem]:
    """Problems for the (field, day, closes) dates of a row of state `code`, which ended on
    `end`: a step (`closes` False) must come before the end, a closing day (left, withdrawn)
    on or before it, and a spell must close (a None closing day runs on past the end)."""
    found = []
    for name, day, closes in dates:
        if closes and day is None:
            found.append(_problem(record, name, f"{code} ended on {end}: the row needs {name}"))
        elif day is not None and (day > end if closes else day >= end):
            found.append(_problem(record, name, f"{name} {day} is after {code} ended ({end})"))
    return found


def _check_ended_states(world: WorldRecords, codes: _Codes) -> list[Problem]:
    """No membership, treaty step or alliance row of a state dated after the state ended
    (`State.end`, the first day it no longer existed): its memberships and alliance spells
    close by then; its treaty steps come before (a dissolution ends its participation without
    a withdrawal, so a treaty row may stay open)."""
    ended = {s.code: s.end for s in world.states if s.end is not None}
    problems: list[Problem] = []
    for m in world.memberships:
        if (end := ended.get(m.member)) is not None:
            dates = [("joined", m.joined, False), ("left", m.left, True)]
            problems += _after_end(m, m.member, end, dates)
    for am in world.alliance_members:
        if (end := ended.get(am.member)) is not None:
            dates = [("joined", am.joined, False), ("left", am.left, True)]
            problems += _after_end(am, am.member, end, dates)
    for p in world.treaty_parties:
        if (end := ended.get(p.party)) is not None:
            steps = [
                ("signed", p.signed, False),
                ("ratified", p.ratified, False),
                ("effective", p.effective, False),
                ("deratified", p.deratified, False),
                ("notified", p.notified, False),
            ]
            if p.withdrawn is not None:
                steps.append(("withdrawn", p.withdrawn, True))
            problems += _after_end(p, p.party, end, steps)
    return problems


#: The checks of records that refer to coded records, in the order their files are read.
_REFERENCE_CHECKS: tuple[Callable[[WorldRecords, _Codes], list[Problem]], ...] = (
    _check_memberships,
    _check_membership_cycles,
    _check_treaty_parties,
    _check_treaty_suspensions,
    _check_alliance_members,
    _check_sanction_senders,
    _check_representations,
    _check_capabilities,
    _check_missing,
    _check_ended_states,
)


def check_world(world: WorldRecords) -> list[Problem]:
    """Every cross-record problem of the world, in file order."""
    problems: list[Problem] = []
    codes = _check_coded(world, problems)
    for check in _REFERENCE_CHECKS:
        problems += check(world, codes)
    return problems
