"""Dated membership of the New Development Bank, the Organisation of Islamic Cooperation and the
Non-Aligned Movement (issue 14), each change checked on the day before and the day of it."""

from __future__ import annotations

import pytest

from accord.world import World
from accord.world.ties import Role
from tests.world.test_organizations import check_change

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
    # Non-Aligned Movement (code NONALIGNED; NAM is Namibia): the Belgrade founders, Cyprus and
    # Malta leaving on joining the EU, the latest member and an observer.
    ("NONALIGNED", "IND", "1961-09-01", None, "member"),
    ("NONALIGNED", "CYP", "2004-05-01", "member", None),
    ("NONALIGNED", "MLT", "2004-05-01", "member", None),
    ("NONALIGNED", "SSD", "2024-01-01", None, "member"),
    ("NONALIGNED", "AZE", "2011-01-01", None, "member"),
    ("NONALIGNED", "CHN", "1992-01-01", None, "observer"),
]


@pytest.mark.parametrize(("org", "member", "day", "before", "after"), CHANGES)
def test_change_the_day_before_and_the_day_of(
    world: World, org: str, member: str, day: str, before: str | None, after: str | None
) -> None:
    check_change(world, org, member, day, before, after)


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
        # 121 members in 2025; the 25 Belgrade founders, SFR Yugoslavia among them (YUG)
        ("NONALIGNED", "2025-01-01", 121),
        ("NONALIGNED", "1961-09-01", 25),
    ],
)
def test_member_counts(world: World, org: str, on: str, expected: int) -> None:
    assert len(world.members(org, on)) == expected


def test_prospective_ndb_members_are_not_members(world: World) -> None:
    members = {m.member for m in world.members("NDB", "2025-12-31", roles=list(Role))}
    assert not members & {"URY", "COL", "UZB"}


def test_the_non_aligned_movement_does_not_take_namibias_code(world: World) -> None:
    names = {o.code: o.name for o in world.organizations}
    assert names["NONALIGNED"] == "Non-Aligned Movement"
    assert "NAM" not in names
    assert world.is_member("NAM", "NONALIGNED", "2024-06-01")  # Namibia, a member since 1979
