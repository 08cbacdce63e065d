"""World Bank (IBRD) members added in the tenth pass, first half of the alphabet (issue 14):
each member is checked on the day before its IBRD day (not a member) and on that day (a
member). Days come from the Swiss Confederation's classified compilation and a Hungarian
almanac, each named in its row. Spain is left out: the one source with a day (1958-09-15) was a
student blog, and a wrong day is worse than none."""

from __future__ import annotations

import pytest

from accord.world import World, default_world
from tests.world.test_organizations import check_change


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


IBRD_WAVE10A = [
    ("HUN", "1982-07-07"),
    ("CHE", "1992-05-29"),
]


@pytest.mark.parametrize(("member", "day"), IBRD_WAVE10A)
def test_ibrd_member_not_the_day_before_a_member_that_day(
    world: World, member: str, day: str
) -> None:
    check_change(world, "WORLDBANK", member, day, None, "member")


def test_wave10a_rows_name_their_sources(world: World) -> None:
    rows = {m.member: m for m in world.records.memberships if m.org == "WORLDBANK"}
    assert "SR 0.979.2" in rows["CHE"].source
    assert "Tények Könyve" in rows["HUN"].source
    assert "signature day" in rows["HUN"].source
    assert "ESP" not in rows
    assert "secondary" in rows["HUN"].source


def test_non_members_and_unverified_members_stay_out(world: World) -> None:
    """Andorra and Liechtenstein joined the IMF (2020, 2024) but not the IBRD; Monaco and the
    DPRK were never members; Cuba (a member until 1960) has no verified joining day."""
    members = {m.member for m in world.members("WORLDBANK", "2025-01-01")}
    assert not members & {"AND", "LIE", "MCO", "PRK", "CUB"}
