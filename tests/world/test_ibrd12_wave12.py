"""World Bank (IBRD) members added in wave 12 (issue 14): each checked on the day before its
IBRD day (not a member) and on that day (a member), its row naming the work it comes from and
saying when the day is inferred rather than stated; and the states searched again without a
day (Turkey, Spain, Pakistan, Indonesia, Estonia, Slovenia) kept out of the rows and in the
header's missing list."""

from __future__ import annotations

import pytest

from accord.world import World, default_world
from tests.world.test_organizations import check_change

# (member, IBRD day, what its row's source names)
JOINED: list[tuple[str, str, tuple[str, ...]]] = [
    # Slovakia: the World Bank says it joined with the Czech Republic in 1993; the day is the
    # Czech Republic's in the World Bank's list (both succeeding to Czechoslovakia)
    ("SVK", "1993-01-01", ("World Bank", "with the Czech Republic", "inferred")),
]

STILL_WITHOUT_A_DAY = ["TUR", "ESP", "PAK", "IDN", "EST", "SVN"]


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


@pytest.mark.parametrize(("member", "day", "cited"), JOINED)
def test_ibrd_member_not_the_day_before_a_member_that_day(
    world: World, member: str, day: str, cited: tuple[str, ...]
) -> None:
    check_change(world, "WORLDBANK", member, day, None, "member")


@pytest.mark.parametrize(("member", "day", "cited"), JOINED)
def test_row_names_its_source(world: World, member: str, day: str, cited: tuple[str, ...]) -> None:
    rows = {m.member: m for m in world.records.memberships if m.org == "WORLDBANK"}
    for text in cited:
        assert text in rows[member].source, text


def test_slovakia_and_the_czech_republic_share_their_day(world: World) -> None:
    rows = {m.member: m for m in world.records.memberships if m.org == "WORLDBANK"}
    assert rows["SVK"].joined == rows["CZE"].joined


@pytest.mark.parametrize("member", STILL_WITHOUT_A_DAY)
def test_states_without_a_day_stay_missing(world: World, member: str) -> None:
    (ibrd,) = [o for o in world.organizations if o.code == "WORLDBANK"]
    rows = {m.member for m in world.records.memberships if m.org == "WORLDBANK"}
    assert member not in rows
    assert member in ibrd.missing
