"""AIIB members added in wave 9 (issue 14): each checked on the day before its day of
membership (not a member) and on that day (a member). A member joins on the day its instrument
of ratification, acceptance or accession is deposited with the depositary (Article 58); the
days come from the Dutch treaty database and national sources named in each row."""

from __future__ import annotations

import pytest

from accord.world import World, default_world
from tests.world.test_organizations import check_change

AIIB_WAVE9 = [
    ("CHE", "2016-04-25"),
    ("PHL", "2016-12-28"),
    ("IRL", "2017-10-23"),
    ("IRQ", "2022-08-04"),
]


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


@pytest.mark.parametrize(("member", "day"), AIIB_WAVE9)
def test_member_joins_on_its_day(world: World, member: str, day: str) -> None:
    check_change(world, "AIIB", member, day, None, "member")


def test_wave9_rows_name_their_sources(world: World) -> None:
    rows = {m.member: m for m in world.records.memberships if m.org == "AIIB"}
    assert "news.admin.ch" in rows["CHE"].source
    for member in ("PHL", "IRL", "IRQ"):
        assert "verdragen.nl" in rows[member].source, member
