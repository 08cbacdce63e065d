"""World Bank (IBRD) members added in the eleventh pass (issue 14): each member is checked on the
day before its IBRD day (not a member) and on that day (a member). Days come from a World Bank
blog (Maldives), Wikipedia articles (Laos, Senegal; Senegal's day also in a Dakar paper) and a
Moroccan ministry statement reported by the press, each named in its row; the secondary ones say
so. Spain stays out: its day (1958-09-15) is still found only in blogs."""

from __future__ import annotations

import pytest

from accord.world import World, default_world
from tests.world.test_organizations import check_change


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


IBRD_WAVE11 = [
    ("MAR", "1958-04-25"),
    ("LAO", "1961-07-05"),
    ("SEN", "1962-08-31"),
    ("MDV", "1978-01-13"),
]


@pytest.mark.parametrize(("member", "day"), IBRD_WAVE11)
def test_ibrd_member_not_the_day_before_a_member_that_day(
    world: World, member: str, day: str
) -> None:
    check_change(world, "WORLDBANK", member, day, None, "member")


def test_wave11_rows_name_their_sources(world: World) -> None:
    rows = {m.member: m for m in world.records.memberships if m.org == "WORLDBANK"}
    assert "World Bank" in rows["MDV"].source
    assert "131st member" in rows["MDV"].source
    for member in ("LAO", "SEN", "MAR"):
        assert "secondary" in rows[member].source, member
    assert "Ministry of Economy and Finance" in rows["MAR"].source
    assert "ESP" not in rows


def test_wave11_members_leave_the_missing_list(world: World) -> None:
    (ibrd,) = [o for o in world.organizations if o.code == "WORLDBANK"]
    assert not {"LAO", "MAR", "MDV", "SEN"} & set(ibrd.missing)
    assert len(ibrd.missing) == 80
