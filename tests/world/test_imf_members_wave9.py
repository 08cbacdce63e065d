"""IMF members added in the ninth pass (issue 14): each joining day checked on the day before
and the day of it, and each row's source names the day it gives."""

from __future__ import annotations

import pytest

from accord.world import World, default_world
from tests.world.test_organizations import check_joined_as_sourced

# (member, joining day, the day as the cited source writes it)
JOINED = [
    ("NIC", "1946-03-14", "March 14, 1946"),
    ("LAO", "1961-07-05", "July 5, 1961"),
    ("TGO", "1962-08-01", "August 1, 1962"),
    ("COG", "1963-07-10", "July 10, 1963"),
    ("GIN", "1963-09-28", "September 28, 1963"),
    ("GUY", "1966-09-26", "September 26, 1966"),
    ("BWA", "1968-07-24", "July 24, 1968"),
    ("SWZ", "1969-09-22", "September 22, 1969"),
    ("WSM", "1971-12-28", "December 28, 1971"),
    ("GRD", "1975-08-27", "August 27, 1975"),
    ("PNG", "1975-10-09", "October 9, 1975"),
    ("COM", "1976-09-21", "September 21, 1976"),
    ("GNB", "1977-03-24", "March 24, 1977"),
    ("SYC", "1977-06-30", "June 30, 1977"),
    ("STP", "1977-09-30", "September 30, 1977"),
    ("MDV", "1978-01-13", "January 13, 1978"),
    ("SLB", "1978-09-22", "September 22, 1978"),
    ("BTN", "1981-09-28", "September 28, 1981"),
    ("VUT", "1981-09-28", "September 28, 1981"),
    ("TON", "1985-09-13", "September 13, 1985"),
    ("PLW", "1997-12-16", "December 16, 1997"),
]


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


@pytest.mark.parametrize(("member", "day", "written"), JOINED)
def test_joined_on_the_day_its_source_gives(
    world: World, member: str, day: str, written: str
) -> None:
    check_joined_as_sourced(world, "IMF", member, day, written)


def test_the_secondary_row_says_so(world: World) -> None:
    (png,) = [m for m in world.records.memberships if m.org == "IMF" and m.member == "PNG"]
    assert "secondary" in png.source


def test_still_members_in_2025(world: World) -> None:
    members = {m.member for m in world.members("IMF", "2025-01-01")}
    assert {member for member, _, _ in JOINED} <= members
