"""The last 12 current IMF members, added in wave 12 (issue 14): each joining day checked on
the day before and the day of it, with the day as the row's source writes it (the IMF's List
of Members' Date of Entry, in a secondary machine-readable copy, named as such in each row);
the published count of 191 members reached; Zimbabwe's conflicting day noted."""

from __future__ import annotations

import pytest

from accord.world import World, default_world
from tests.world.test_organizations import check_joined_as_sourced

# (member, joining day, the day as the cited source writes it)
JOINED = [
    ("NLD", "1945-12-27", "1945-12-27"),
    ("SLV", "1946-03-14", "1946-03-14"),
    ("SAU", "1957-08-26", "1957-08-26"),
    ("MYS", "1958-03-07", "1958-03-07"),
    ("SOM", "1962-08-31", "1962-08-31"),
    ("OMN", "1971-12-23", "1971-12-23"),
    ("BHR", "1972-09-07", "1972-09-07"),
    ("QAT", "1972-09-08", "1972-09-08"),
    ("ARE", "1972-09-22", "1972-09-22"),
    ("CPV", "1978-11-20", "1978-11-20"),
    ("ZWE", "1980-09-29", "1980-09-29"),
    ("ERI", "1994-07-06", "1994-07-06"),
]

#: the IMF's published membership since Liechtenstein joined on 2024-10-21
PUBLISHED = 191


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


@pytest.mark.parametrize(("member", "day", "written"), JOINED)
def test_joined_on_the_day_its_source_gives(
    world: World, member: str, day: str, written: str
) -> None:
    check_joined_as_sourced(world, "IMF", member, day, written)


@pytest.mark.parametrize(("member", "day", "written"), JOINED)
def test_each_row_says_its_copy_is_secondary(
    world: World, member: str, day: str, written: str
) -> None:
    (row,) = [m for m in world.records.memberships if m.org == "IMF" and m.member == member]
    assert "secondary copy" in row.source
    assert "memdate.htm" in row.source


def test_the_published_count_is_reached(world: World) -> None:
    assert len(world.members("IMF", "2024-10-20")) == PUBLISHED - 1
    assert len(world.members("IMF", "2024-10-21")) == PUBLISHED
    assert len(world.members("IMF", "2025-01-01")) == PUBLISHED


def test_the_netherlands_is_an_original_member(world: World) -> None:
    assert "NLD" in {m.member for m in world.members("IMF", "1945-12-27")}


def test_the_gulf_states_joined_in_september_1972(world: World) -> None:
    """Bahrain, Qatar and the Emirates on three different days; Oman nine months before."""
    members = {m.member for m in world.members("IMF", "1972-09-07")}
    assert "BHR" in members
    assert not {"QAT", "ARE"} & members
    assert "OMN" in members


def test_zimbabwe_row_notes_the_conflicting_day(world: World) -> None:
    """The IMF office page's 3 February 1995 is noted, not used."""
    (zwe,) = [m for m in world.records.memberships if m.org == "IMF" and m.member == "ZWE"]
    assert "February 3, 1995" in zwe.source
    assert "ZWE" in {m.member for m in world.members("IMF", "1995-02-02")}


def test_cape_verde_row_cites_the_imf_annex(world: World) -> None:
    (cpv,) = [m for m in world.records.memberships if m.org == "IMF" and m.member == "CPV"]
    assert "Joined: November 20" in cpv.source
