"""IAEA rows added in wave 13 (issue 14): each checked on the day before and the day of the
deposit, with the membership's source named. The Philippines from its Department of Foreign
Affairs (2016; day and month, the year from the same department and its nuclear research
institute); the row's source text in memberships/IAEA.csv says how the day was read."""

from __future__ import annotations

import pytest

from accord.world import World, default_world
from tests.world.test_organizations import check_change


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


# (member, day of the change, standing the day before, standing that day)
CHANGES = [
    # the Philippines: deposit of 2 September 1958, membership from that day (Article XXI.E)
    ("PHL", "1958-09-02", None, "member"),
]


@pytest.mark.parametrize(("member", "day", "before", "after"), CHANGES)
def test_change_the_day_before_and_the_day_of(
    world: World, member: str, day: str, before: str | None, after: str | None
) -> None:
    check_change(world, "IAEA", member, day, before, after)


def test_wave13_rows_name_their_source(world: World) -> None:
    rows = [m for m in world.records.memberships if m.org == "IAEA" and m.member == "PHL"]
    assert len(rows) == 1
    assert rows[0].left is None
    assert "Department of Foreign Affairs" in rows[0].source
    assert "1958" in rows[0].source


def test_the_philippines_is_counted_from_its_deposit(world: World) -> None:
    before = {m.member for m in world.members("IAEA", "1958-09-01")}
    after = {m.member for m in world.members("IAEA", "1958-09-02")}
    assert after - before == {"PHL"}
