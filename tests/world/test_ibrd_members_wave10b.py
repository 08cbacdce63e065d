"""World Bank (IBRD) members from Marshall Islands to Zimbabwe added in the tenth pass (issue
14): each member is checked on the day before its IBRD day (not a member) and on that day (a
member). Days come from a World Bank country page and a government news agency's report,
named in each row's source."""

from __future__ import annotations

import pytest

from accord.world import World, default_world
from tests.world.test_organizations import check_change


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


IBRD_WAVE10B = [
    ("THA", "1949-05-03"),
    ("PRT", "1961-03-29"),
]


@pytest.mark.parametrize(("member", "day"), IBRD_WAVE10B)
def test_ibrd_member_not_the_day_before_a_member_that_day(
    world: World, member: str, day: str
) -> None:
    check_change(world, "WORLDBANK", member, day, None, "member")


def test_wave10b_rows_name_their_sources(world: World) -> None:
    rows = {m.member: m for m in world.records.memberships if m.org == "WORLDBANK"}
    assert "World Bank" in rows["PRT"].source
    assert "Decreto-Lei 43337" in rows["PRT"].source
    assert "secondary" in rows["THA"].source
    assert "National News Bureau of Thailand" in rows["THA"].source
