"""World Bank (IBRD) members added in the ninth pass (issue 14): each member is checked on the
day before its IBRD day (not a member) and on that day (a member). Days come from World Bank
pages, national archives, reference works and news agencies, named in each row's source."""

from __future__ import annotations

import pytest

from accord.world import World, default_world
from tests.world.test_organizations import check_change


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


IBRD_WAVE9 = [
    ("ITA", "1947-03-27"),
    ("KOR", "1955-08-26"),
    ("SDN", "1957-09-05"),
    ("MOZ", "1984-09-24"),
    ("TJK", "1993-06-04"),
]


@pytest.mark.parametrize(("member", "day"), IBRD_WAVE9)
def test_ibrd_member_not_the_day_before_a_member_that_day(
    world: World, member: str, day: str
) -> None:
    check_change(world, "WORLDBANK", member, day, None, "member")


def test_wave9_rows_name_their_sources(world: World) -> None:
    rows = {m.member: m for m in world.records.memberships if m.org == "WORLDBANK"}
    assert "Enciclopedia Italiana" in rows["ITA"].source
    assert "National Archives of Korea" in rows["KOR"].source
    assert "Articles of Agreement" in rows["TJK"].source
    assert "World Bank Group Archives" in rows["SDN"].source
    assert "secondary" in rows["MOZ"].source
