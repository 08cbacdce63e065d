"""AIIB members added in wave 14 (issue 14): Tunisia, Kenya and Togo, each dated from a national
report of its day of membership (the AIIB's confirmation relayed by Tunisia's economy ministry;
the instruments presented at the Bank's headquarters during FOCAC 2024 for Kenya and Togo).
Each is checked the day before (not a member) and on the day (a member), its row's source is
checked for the work it cites and for saying that the depositary's own record was not found or
that the day is the day of membership, and the member counts around those days are pinned."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.world import World, default_world
from tests.world.test_organizations import check_change

NO_RECORD = "depositary's own record of the deposit was not found"

# (member, day of membership, what its row's source names, the caveat its source states)
JOINED = [
    ("TUN", "2022-04-29", "news.gnet.tn", "not stated there as the day of the deposit"),
    ("KEN", "2024-09-03", "capitalfm.co.ke", NO_RECORD),
    ("TGO", "2024-09-04", "alome.com", NO_RECORD),
]


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


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
        # Djibouti (verdragen.nl, 2024-09-05) joined the same week as Kenya and Togo
        ("2024-09-02", 0),
        ("2024-09-03", 1),
        ("2024-09-04", 2),
        ("2024-09-05", 3),
    ],
)
def test_the_focac_week_of_2024(world: World, on: str, expected: int) -> None:
    day = dt.date.fromisoformat(on)
    before = {m.member for m in world.members("AIIB", dt.date(2024, 9, 2))}
    now = {m.member for m in world.members("AIIB", day)}
    assert len(now - before) == expected
    assert now - before <= {"KEN", "TGO", "DJI"}
