"""Dated membership of the New Development Bank and the Organisation of Islamic Cooperation
(issue 14), each change checked on the day before and the day of it."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.world import World, default_world
from accord.world.ties import Role


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


def status(world: World, org: str, member: str, on: dt.date) -> str | None:
    """`member`, `suspended`, `observer`, `partner` or None: the member's standing on a day."""
    for m in world.members(org, on, roles=list(Role)):
        if m.member == member:
            if m.suspended_on(on):
                return "suspended"
            return "member" if m.role in {Role.MEMBER, Role.PERMANENT, Role.ELECTED} else m.role
    return None


# (organization, member, day of the change, standing the day before, standing that day)
CHANGES = [
    # NDB: the five founders; Bangladesh deposited its instrument 2021-09-16, Egypt a member from
    # 2023-02-20, Algeria deposited 2025-05-19.
    ("NDB", "BRA", "2015-07-07", None, "member"),
    ("NDB", "ZAF", "2015-07-07", None, "member"),
    ("NDB", "BGD", "2021-09-16", None, "member"),
    ("NDB", "ARE", "2021-09-02", None, "member"),
    ("NDB", "EGY", "2023-02-20", None, "member"),
    ("NDB", "DZA", "2025-05-19", None, "member"),
    # OIC: founding summit, Syria's suspension and reinstatement, Egypt's suspension,
    # a late member and an observer.
    ("OIC", "SAU", "1969-09-25", None, "member"),
    ("OIC", "SYR", "2012-08-16", "member", "suspended"),
    ("OIC", "SYR", "2025-03-07", "suspended", "member"),
    ("OIC", "EGY", "1979-05-01", "member", "suspended"),
    ("OIC", "EGY", "1984-03-01", "suspended", "member"),
    ("OIC", "CIV", "2001-01-01", None, "member"),
    ("OIC", "RUS", "2005-01-01", None, "observer"),
]


@pytest.mark.parametrize(("org", "member", "day", "before", "after"), CHANGES)
def test_change_the_day_before_and_the_day_of(
    world: World, org: str, member: str, day: str, before: str | None, after: str | None
) -> None:
    on = dt.date.fromisoformat(day)
    assert status(world, org, member, on - dt.timedelta(days=1)) == before
    assert status(world, org, member, on) == after


@pytest.mark.parametrize(
    ("org", "on", "expected"),
    [
        ("NDB", "2015-07-07", 5),
        ("NDB", "2021-12-31", 7),
        ("NDB", "2023-12-31", 8),
        ("NDB", "2025-12-31", 9),
        # 57 members (OIC, Egypt's State Information Service, 2023)
        ("OIC", "2024-01-01", 57),
        ("OIC", "1969-09-25", 25),
    ],
)
def test_member_counts(world: World, org: str, on: str, expected: int) -> None:
    assert len(world.members(org, on)) == expected


def test_prospective_ndb_members_are_not_members(world: World) -> None:
    members = {m.member for m in world.members("NDB", "2025-12-31", roles=list(Role))}
    assert not members & {"URY", "COL", "UZB"}
