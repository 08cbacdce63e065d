"""IMF members added in the eleventh pass (issue 14): each joining day checked on the day
before and the day of it, and each row's source names the day it gives."""

from __future__ import annotations

import pytest

from accord.world import World, default_world
from tests.world.test_organizations import check_change, check_joined_as_sourced

# (member, joining day, the day as the cited source writes it)
JOINED = [
    ("VEN", "1946-12-30", "December 30, 1946"),
    ("LBN", "1947-04-14", "April 14, 1947"),
    ("FIN", "1948-01-14", "January 14, 1948"),
    ("SWE", "1951-08-31", "August 31, 1951"),
    ("MMR", "1952-01-03", "January 3, 1952"),
    ("LBY", "1958-09-17", "September 17, 1958"),
    ("PRT", "1961-03-29", "29 de Março"),
    ("KIR", "1986-06-03", "June 3, 1986"),
    ("NAM", "1990-09-25", "25 september 1990"),
    ("BLR", "1992-07-10", "10 juli 1992"),
    ("TKM", "1992-09-22", "22 september 1992"),
    ("BRN", "1995-10-10", "10 oktober 1995"),
]

# the other states on the Tractatenblad 1998, 72 list of signatures, with the days it gives:
# rows recorded in earlier passes from IMF sources, so the list's days agree with the IMF's
DUTCH_LIST = [
    ("CSK", "1990-09-20"),
    ("BGR", "1990-09-25"),
    ("MNG", "1991-02-14"),
    ("ALB", "1991-10-15"),
    ("LTU", "1992-04-29"),
    ("GEO", "1992-05-05"),
    ("KGZ", "1992-05-08"),
    ("LVA", "1992-05-19"),
    ("MHL", "1992-05-21"),
    ("EST", "1992-05-26"),
    ("ARM", "1992-05-28"),
    ("CHE", "1992-05-29"),
    ("RUS", "1992-06-01"),
    ("KAZ", "1992-07-15"),
    ("MDA", "1992-08-12"),
    ("UKR", "1992-09-03"),
    ("AZE", "1992-09-18"),
    ("UZB", "1992-09-21"),
    ("SMR", "1992-09-23"),
    ("PLW", "1997-12-16"),
]


@pytest.fixture(scope="module")
def world() -> World:
    return default_world()


@pytest.mark.parametrize(("member", "day", "written"), JOINED)
def test_joined_on_the_day_its_source_gives(
    world: World, member: str, day: str, written: str
) -> None:
    check_joined_as_sourced(world, "IMF", member, day, written)


@pytest.mark.parametrize(("member", "day"), DUTCH_LIST)
def test_the_dutch_list_agrees_with_the_days_recorded_before(
    world: World, member: str, day: str
) -> None:
    check_change(world, "IMF", member, day, None, "member")


def test_venezuela_was_not_an_original_member(world: World) -> None:
    """Venezuela accepted within the extension to 31 December 1946, not by 1945."""
    assert "VEN" not in {m.member for m in world.members("IMF", "1945-12-31")}


def test_portugal_joined_on_signing_not_on_its_accession_decree(world: World) -> None:
    assert "PRT" not in {m.member for m in world.members("IMF", "1960-11-21")}


def test_still_members_in_2025(world: World) -> None:
    members = {m.member for m in world.members("IMF", "2025-01-01")}
    assert {member for member, _, _ in JOINED} <= members


def test_twelve_members_are_left_unrecorded(world: World) -> None:
    (imf,) = [o for o in world.organizations if o.code == "IMF"]
    assert imf.missing == (
        "ARE",
        "BHR",
        "CPV",
        "ERI",
        "MYS",
        "NLD",
        "OMN",
        "QAT",
        "SAU",
        "SLV",
        "SOM",
        "ZWE",
    )
    members = {m.member for m in world.members("IMF", "2025-01-01")}
    assert not members & set(imf.missing)
    assert len(members) + len(imf.missing) == 191
