"""AIIB members added in wave 14 (issue 14): Tunisia, dated from a national report of its day of
membership (the AIIB's confirmation relayed by Tunisia's economy ministry), checked the day before
(not a member) and on the day (a member), with its source and caveat. Kenya and Togo, whose
reports describe a ceremony at the Bank's headquarters during FOCAC 2024 rather than the deposit
with the depositary, are left out: the header says so, and Djibouti (verdragen.nl, 2024-09-05) is
the only member recorded that week."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.world import World
from tests.world.test_organizations import check_change

# (member, day of membership, what its row's source names, the caveat its source states)
JOINED = [
    ("TUN", "2022-04-29", "news.gnet.tn", "not stated there as the day of the deposit"),
]


@pytest.mark.parametrize(("member", "day", "cited", "caveat"), JOINED)
def test_member_joins_on_its_day(
    world: World, member: str, day: str, cited: str, caveat: str
) -> None:
    check_change(world, "AIIB", member, day, None, "member")


@pytest.mark.parametrize(("member", "day", "cited", "caveat"), JOINED)
def test_row_names_its_source_and_caveat(
    world: World, member: str, day: str, cited: str, caveat: str
) -> None:
    rows = {m.member: m for m in world.records.memberships if m.org == "AIIB"}
    assert cited in rows[member].source
    assert "secondary" in rows[member].source
    assert caveat in rows[member].source


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        ("2024-09-02", 0),
        ("2024-09-03", 0),
        ("2024-09-04", 0),
        ("2024-09-05", 1),
    ],
)
def test_the_focac_week_of_2024(world: World, on: str, expected: int) -> None:
    day = dt.date.fromisoformat(on)
    before = {m.member for m in world.members("AIIB", dt.date(2024, 9, 2))}
    now = {m.member for m in world.members("AIIB", day)}
    assert len(now - before) == expected
    assert now - before <= {"DJI"}
