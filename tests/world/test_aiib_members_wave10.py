"""AIIB members added in wave 10 (issue 14): each checked on the day before its day of
membership (not a member) and on that day (a member). A signatory becomes a member on the day
its instrument of ratification or approval is deposited with the depositary, China (Article
58(2)); the days come from the depositary's communications printed by Austria (BGBl. III
50/2016 and 175/2016) and, for Uruguay, from Uruguay's government (the AIIB's confirmation)."""

from __future__ import annotations

import pytest

from accord.world import World, default_world
from tests.world.test_organizations import check_change

# BGBl. III Nr. 50/2016: instruments deposited in January and February 2016
BGBL_50 = [
    ("NPL", "2016-01-13"),
    ("ISR", "2016-01-15"),
    ("LAO", "2016-01-15"),
    ("TUR", "2016-01-15"),
    ("ARE", "2016-01-15"),
    ("TJK", "2016-01-16"),
    ("SAU", "2016-02-19"),
]
# BGBl. III Nr. 175/2016: instruments deposited in June and July 2016
BGBL_175 = [
    ("POL", "2016-06-15"),
    ("THA", "2016-06-20"),
    ("OMN", "2016-06-21"),
    ("LKA", "2016-06-22"),
    ("SWE", "2016-06-23"),
    ("QAT", "2016-06-24"),
    ("ITA", "2016-07-13"),
]
AIIB_WAVE10 = [*BGBL_50, *BGBL_175, ("URY", "2020-04-28")]


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


@pytest.mark.parametrize(("member", "day"), AIIB_WAVE10)
def test_member_joins_on_its_day(world: World, member: str, day: str) -> None:
    check_change(world, "AIIB", member, day, None, "member")


def test_wave10_rows_name_their_sources(world: World) -> None:
    rows = {m.member: m for m in world.records.memberships if m.org == "AIIB"}
    for member, _ in BGBL_50:
        assert "BGBl. III Nr. 50/2016" in rows[member].source, member
    for member, _ in BGBL_175:
        assert "BGBl. III Nr. 175/2016" in rows[member].source, member
    assert "marcapaisuruguay.gub.uy" in rows["URY"].source
