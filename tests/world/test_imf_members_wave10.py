"""IMF members added in the tenth pass (issue 14): each joining day checked on the day before
and the day of it, and each row's source names the day it gives."""

from __future__ import annotations

import pytest

from accord.world import World, default_world
from tests.world.test_organizations import check_joined_as_sourced

# (member, joining day, the day as the cited source writes it)
JOINED = [
    ("ISL", "1945-12-27", "December 27, 1945"),
    ("LUX", "1945-12-27", "December 27, 1945"),
    ("CRI", "1946-01-08", "January 8, 1946"),
    ("URY", "1946-03-11", "March 11, 1946"),
    ("PAN", "1946-03-14", "March 14, 1946"),
    ("SYR", "1947-04-10", "April 10, 1947"),
    ("CYP", "1961-12-21", "December 21, 1961"),
    ("KWT", "1962-09-13", "September 13, 1962"),
    ("TTO", "1963-09-16", "September 16, 1963"),
    ("MLT", "1968-09-11", "September 11, 1968"),
    ("MUS", "1968-09-23", "September 23, 1968"),
    ("GNQ", "1969-12-22", "December 22, 1969"),
    ("BRB", "1970-12-29", "December 29, 1970"),
    ("FJI", "1971-05-28", "May 28, 1971"),
    ("BHS", "1973-08-21", "August 21, 1973"),
    ("SUR", "1978-04-27", "April 27, 1978"),
    ("DMA", "1978-12-12", "December 12, 1978"),
    ("LCA", "1979-11-15", "November 15, 1979"),
    ("VCT", "1979-12-28", "12/28/79"),
    ("KNA", "1984-08-15", "August 15, 1984"),
    ("YEM", "1990-05-22", "May 22, 1990"),
    ("LTU", "1992-04-29", "April 29, 1992"),
    ("GEO", "1992-05-05", "May 5, 1992"),
    ("LVA", "1992-05-19", "May 19, 1992"),
    ("MHL", "1992-05-21", "May 21, 1992"),
    ("EST", "1992-05-26", "May 26, 1992"),
    ("CHE", "1992-05-29", "May 29, 1992"),
    ("AZE", "1992-09-18", "September 18, 1992"),
    ("SMR", "1992-09-23", "September 23, 1992"),
    ("FSM", "1993-06-24", "June 24, 1993"),
]


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


@pytest.mark.parametrize(("member", "day", "written"), JOINED)
def test_joined_on_the_day_its_source_gives(
    world: World, member: str, day: str, written: str
) -> None:
    check_joined_as_sourced(world, "IMF", member, day, written)


def test_original_members_of_the_tenth_pass_are_there_on_the_first_day(world: World) -> None:
    """Iceland and Luxembourg signed by 27 December 1945; Costa Rica and Uruguay signed in
    1945 but became members only on depositing their acceptance in 1946."""
    first_day = {m.member for m in world.members("IMF", "1945-12-27")}
    assert {"ISL", "LUX"} <= first_day
    assert not {"CRI", "URY", "PAN"} & {m.member for m in world.members("IMF", "1945-12-31")}


def test_still_members_in_2025(world: World) -> None:
    members = {m.member for m in world.members("IMF", "2025-01-01")}
    assert {member for member, _, _ in JOINED} <= members


def test_members_left_out_stay_out(world: World) -> None:
    """Zimbabwe's office page gives a day no staff report confirms; Palestine, Monaco and
    the DPRK are not members."""
    members = {m.member for m in world.members("IMF", "2025-01-01")}
    assert not members & {"ZWE", "PSE", "MCO", "PRK"}
