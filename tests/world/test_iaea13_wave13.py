"""IAEA rows added in wave 13 (issue 14): each checked on the day before and the day of the
deposit, with the membership's source named. The Philippines from its Department of Foreign
Affairs (2016; day and month, the year from the same department and its nuclear research
institute), Mongolia from its Nuclear Energy Commission and Latvia from its State Environmental
Service (national secondary sources); each row's source text in memberships/IAEA.csv says how
the day was read."""

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
    # Mongolia: 20 September 1973 (its Nuclear Energy Commission)
    ("MNG", "1973-09-20", None, "member"),
    # Latvia: 10 December 1997 (its State Environmental Service)
    ("LVA", "1997-12-10", None, "member"),
]


@pytest.mark.parametrize(("member", "day", "before", "after"), CHANGES)
def test_change_the_day_before_and_the_day_of(
    world: World, member: str, day: str, before: str | None, after: str | None
) -> None:
    check_change(world, "IAEA", member, day, before, after)


@pytest.mark.parametrize(
    ("member", "publisher"),
    [
        ("PHL", "Department of Foreign Affairs"),
        ("MNG", "Nuclear Energy Commission of Mongolia"),
        ("LVA", "State Environmental Service of Latvia"),
    ],
)
def test_wave13_rows_name_their_source(world: World, member: str, publisher: str) -> None:
    rows = [m for m in world.records.memberships if m.org == "IAEA" and m.member == member]
    assert len(rows) == 1
    assert rows[0].left is None
    assert publisher in rows[0].source
    assert "secondary source" in rows[0].source


def test_the_philippines_is_counted_from_its_deposit(world: World) -> None:
    before = {m.member for m in world.members("IAEA", "1958-09-01")}
    after = {m.member for m in world.members("IAEA", "1958-09-02")}
    assert after - before == {"PHL"}
