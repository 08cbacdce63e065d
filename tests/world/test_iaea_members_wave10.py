"""IAEA members added in wave 10 (issue 14): the Republic of Korea (National Archives of Korea),
Ecuador (INFCIRC/16's deposit date, its month fixed by the sequence of membership) and Georgia
(day from the Tractatenblad 2001 nr. 135, year from the IAEA), each checked on the day before
and the day of its deposit."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.world import World, default_world
from tests.world.test_organizations import check_change


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


# (member, day of the change, standing the day before, standing that day)
CHANGES = [
    ("KOR", "1957-08-08", None, "member"),
    ("ECU", "1958-03-03", None, "member"),
    ("GEO", "1996-02-23", None, "member"),
]


@pytest.mark.parametrize(("member", "day", "before", "after"), CHANGES)
def test_change_the_day_before_and_the_day_of(
    world: World, member: str, day: str, before: str | None, after: str | None
) -> None:
    check_change(world, "IAEA", member, day, before, after)


def test_ecuador_deposit_falls_between_its_neighbours_in_the_sequence(world: World) -> None:
    # INFCIRC/16 numbers Cambodia 63 (1958-02-06), Ecuador 64 and Belgium 66 (1958-04-29)
    first: dict[str, dt.date] = {}
    for m in world.records.memberships:
        if m.org == "IAEA" and m.member in {"KHM", "ECU", "BEL"}:
            first[m.member] = min(first.get(m.member, m.joined), m.joined)
    assert first["KHM"] < first["ECU"] < first["BEL"]
