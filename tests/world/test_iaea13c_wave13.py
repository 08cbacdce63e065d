"""IAEA rows added in wave 13 by helper iaea13c (states N-Z, issue 14): each checked on the
day before and the day of the deposit, with the membership's source named. Tajikistan from its
national regulator, its Academy of Sciences and its embassy in Austria (national secondary
sources that agree on the day); each row's source text in memberships/IAEA.csv says how the
day was read and that it was not checked against the depositary's list."""

from __future__ import annotations

import pytest

from accord.world import World, default_world
from tests.world.test_organizations import check_change


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


# (member, day of the change, standing the day before, standing that day)
CHANGES = [
    # Tajikistan: 1 November 2001 (its national regulator, Academy of Sciences and embassy)
    ("TJK", "2001-11-01", None, "member"),
]


@pytest.mark.parametrize(("member", "day", "before", "after"), CHANGES)
def test_change_the_day_before_and_the_day_of(
    world: World, member: str, day: str, before: str | None, after: str | None
) -> None:
    check_change(world, "IAEA", member, day, before, after)


@pytest.mark.parametrize(
    ("member", "publishers"),
    [
        (
            "TJK",
            (
                "Nuclear Safety and Security Agency",
                "National Academy of Sciences",
                "Embassy of Tajikistan in Austria",
            ),
        ),
    ],
)
def test_rows_name_their_sources(world: World, member: str, publishers: tuple[str, ...]) -> None:
    rows = [m for m in world.records.memberships if m.org == "IAEA" and m.member == member]
    assert len(rows) == 1
    assert rows[0].left is None
    assert "secondary source" in rows[0].source
    for publisher in publishers:
        assert publisher in rows[0].source


def test_tajikistan_is_counted_from_its_deposit(world: World) -> None:
    before = {m.member for m in world.members("IAEA", "2001-10-31")}
    after = {m.member for m in world.members("IAEA", "2001-11-01")}
    assert after - before == {"TJK"}
