"""IAEA members added in wave 12 (issue 14): each checked on the day before and the day of its
accession, with the member counts they imply. Both days come from national secondary sources
named in the `source` column of memberships/IAEA.csv: Saint Kitts and Nevis from its minister's
address reported by its Consulate General in Toronto, Somalia from its government's statement
of 16 September 2024 reported by Sputnik Africa, Parstoday and Somaliagate."""

from __future__ import annotations

import pytest

from accord.world import World, default_world
from tests.world.test_organizations import check_change


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


# (member, day of the change, standing the day before, standing that day)
CHANGES = [
    ("KNA", "2022-02-09", None, "member"),
    ("SOM", "2024-09-16", None, "member"),
]


@pytest.mark.parametrize(("member", "day", "before", "after"), CHANGES)
def test_change_the_day_before_and_the_day_of(
    world: World, member: str, day: str, before: str | None, after: str | None
) -> None:
    check_change(world, "IAEA", member, day, before, after)


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        # the Gambia (2023-01-03) and Cape Verde (2023-04-04) join between the two new rows
        ("2022-02-08", 99),
        ("2022-02-09", 100),
        ("2024-09-15", 102),
        ("2024-09-16", 103),
    ],
)
def test_member_counts_around_the_new_rows(world: World, on: str, expected: int) -> None:
    assert len(world.members("IAEA", on)) == expected


def test_somalia_is_recorded_once_and_still_a_member(world: World) -> None:
    spells = [m for m in world.records.memberships if m.org == "IAEA" and m.member == "SOM"]
    assert len(spells) == 1
    assert spells[0].left is None
