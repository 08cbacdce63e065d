"""IMF members dated from a source that gives the day (issue 14): each joining day checked on
the day before and the day of it, with the day as the row's source writes it (the `source`
column of memberships/IMF.csv: IMF staff reports, country pages and annual reports, the Dutch
treaty series and a few secondary sources, which say so; the last 12 current members, wave 12,
from a secondary copy of the IMF's List of Members' Date of Entry); the Tractatenblad 1998, 72
list of signatures agreeing with days recorded from IMF sources; the published count of 191
reached; Zimbabwe's conflicting day noted; the Yemen Arab Republic's membership before the
Republic of Yemen's and SFR Yugoslavia's (its joining day inferred, as its row says); and the
former members left unrecorded."""

from __future__ import annotations

import pytest

from accord.world import World
from tests.world.test_organizations import check_change, check_joined_as_sourced

# (member, joining day, the day as the cited source writes it)
JOINED = [
    ("ISL", "1945-12-27", "December 27, 1945"),
    ("LUX", "1945-12-27", "December 27, 1945"),
    ("CRI", "1946-01-08", "January 8, 1946"),
    ("URY", "1946-03-11", "March 11, 1946"),
    ("NIC", "1946-03-14", "March 14, 1946"),
    ("PAN", "1946-03-14", "March 14, 1946"),
    ("VEN", "1946-12-30", "December 30, 1946"),
    ("SYR", "1947-04-10", "April 10, 1947"),
    ("LBN", "1947-04-14", "April 14, 1947"),
    ("FIN", "1948-01-14", "January 14, 1948"),
    ("SWE", "1951-08-31", "August 31, 1951"),
    ("MMR", "1952-01-03", "January 3, 1952"),
    ("LBY", "1958-09-17", "September 17, 1958"),
    ("PRT", "1961-03-29", "29 de Março"),
    ("LAO", "1961-07-05", "July 5, 1961"),
    ("CYP", "1961-12-21", "December 21, 1961"),
    ("TGO", "1962-08-01", "August 1, 1962"),
    ("KWT", "1962-09-13", "September 13, 1962"),
    ("COG", "1963-07-10", "July 10, 1963"),
    ("TTO", "1963-09-16", "September 16, 1963"),
    ("GIN", "1963-09-28", "September 28, 1963"),
    ("GUY", "1966-09-26", "September 26, 1966"),
    ("BWA", "1968-07-24", "July 24, 1968"),
    ("MLT", "1968-09-11", "September 11, 1968"),
    ("MUS", "1968-09-23", "September 23, 1968"),
    ("SWZ", "1969-09-22", "September 22, 1969"),
    ("GNQ", "1969-12-22", "December 22, 1969"),
    ("BRB", "1970-12-29", "December 29, 1970"),
    ("FJI", "1971-05-28", "May 28, 1971"),
    ("WSM", "1971-12-28", "December 28, 1971"),
    ("BHS", "1973-08-21", "August 21, 1973"),
    ("GRD", "1975-08-27", "August 27, 1975"),
    ("PNG", "1975-10-09", "October 9, 1975"),
    ("COM", "1976-09-21", "September 21, 1976"),
    ("GNB", "1977-03-24", "March 24, 1977"),
    ("SYC", "1977-06-30", "June 30, 1977"),
    ("STP", "1977-09-30", "September 30, 1977"),
    ("MDV", "1978-01-13", "January 13, 1978"),
    ("SUR", "1978-04-27", "April 27, 1978"),
    ("SLB", "1978-09-22", "September 22, 1978"),
    ("DMA", "1978-12-12", "December 12, 1978"),
    ("LCA", "1979-11-15", "November 15, 1979"),
    ("VCT", "1979-12-28", "12/28/79"),
    ("BTN", "1981-09-28", "September 28, 1981"),
    ("VUT", "1981-09-28", "September 28, 1981"),
    ("KNA", "1984-08-15", "August 15, 1984"),
    ("TON", "1985-09-13", "September 13, 1985"),
    ("KIR", "1986-06-03", "June 3, 1986"),
    ("NAM", "1990-09-25", "25 september 1990"),
    ("LTU", "1992-04-29", "April 29, 1992"),
    ("GEO", "1992-05-05", "May 5, 1992"),
    ("LVA", "1992-05-19", "May 19, 1992"),
    ("MHL", "1992-05-21", "May 21, 1992"),
    ("EST", "1992-05-26", "May 26, 1992"),
    ("CHE", "1992-05-29", "May 29, 1992"),
    ("BLR", "1992-07-10", "10 juli 1992"),
    ("AZE", "1992-09-18", "September 18, 1992"),
    ("TKM", "1992-09-22", "22 september 1992"),
    ("SMR", "1992-09-23", "September 23, 1992"),
    ("FSM", "1993-06-24", "June 24, 1993"),
    ("BRN", "1995-10-10", "10 oktober 1995"),
    ("PLW", "1997-12-16", "December 16, 1997"),
    # the last 12 current members (wave 12): the IMF's List of Members' Date of Entry
    # (memdate.htm), in a secondary machine-readable copy that writes the days in ISO form
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

# the members dated from the secondary copy of the IMF's list (the last 12 rows of JOINED)
SECONDARY_COPY = [
    "NLD",
    "SLV",
    "SAU",
    "MYS",
    "SOM",
    "OMN",
    "BHR",
    "QAT",
    "ARE",
    "CPV",
    "ZWE",
    "ERI",
]

#: the IMF's published membership since Liechtenstein joined on 2024-10-21
PUBLISHED = 191

# the other states on the Tractatenblad 1998, 72 list of signatures, with the days it gives:
# rows recorded from IMF sources, so the list's days agree with the IMF's
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


@pytest.mark.parametrize("member", SECONDARY_COPY)
def test_each_row_says_its_copy_is_secondary(world: World, member: str) -> None:
    (row,) = [m for m in world.records.memberships if m.org == "IMF" and m.member == member]
    assert "secondary copy" in row.source
    assert "memdate.htm" in row.source


def test_papua_new_guinea_row_says_its_source_is_secondary(world: World) -> None:
    (png,) = [m for m in world.records.memberships if m.org == "IMF" and m.member == "PNG"]
    assert "secondary" in png.source


def test_cape_verde_row_cites_the_imf_annex(world: World) -> None:
    (cpv,) = [m for m in world.records.memberships if m.org == "IMF" and m.member == "CPV"]
    assert "Joined: November 20" in cpv.source


def test_zimbabwe_row_notes_the_conflicting_day(world: World) -> None:
    """The IMF office page's 3 February 1995 is noted, not used."""
    (zwe,) = [m for m in world.records.memberships if m.org == "IMF" and m.member == "ZWE"]
    assert "February 3, 1995" in zwe.source
    assert "ZWE" in {m.member for m in world.members("IMF", "1995-02-02")}


def test_original_members_are_there_on_the_first_day(world: World) -> None:
    """Iceland, Luxembourg and the Netherlands signed by 27 December 1945; Costa Rica and
    Uruguay signed in 1945 but became members only on depositing their acceptance in 1946."""
    first_day = {m.member for m in world.members("IMF", "1945-12-27")}
    assert {"ISL", "LUX", "NLD"} <= first_day
    assert not {"CRI", "URY", "PAN"} & {m.member for m in world.members("IMF", "1945-12-31")}


def test_venezuela_was_not_an_original_member(world: World) -> None:
    """Venezuela accepted within the extension to 31 December 1946, not by 1945."""
    assert "VEN" not in {m.member for m in world.members("IMF", "1945-12-31")}


def test_the_gulf_states_joined_in_september_1972(world: World) -> None:
    """Bahrain, Qatar and the Emirates on three different days; Oman nine months before."""
    members = {m.member for m in world.members("IMF", "1972-09-07")}
    assert "BHR" in members
    assert not {"QAT", "ARE"} & members
    assert "OMN" in members


def test_portugal_joined_on_signing_not_on_its_accession_decree(world: World) -> None:
    assert "PRT" not in {m.member for m in world.members("IMF", "1960-11-21")}


def test_still_members_in_2025(world: World) -> None:
    members = {m.member for m in world.members("IMF", "2025-01-01")}
    assert {member for member, _, _ in JOINED} <= members


def test_the_published_count_is_reached(world: World) -> None:
    assert len(world.members("IMF", "2024-10-20")) == PUBLISHED - 1
    assert len(world.members("IMF", "2024-10-21")) == PUBLISHED
    assert len(world.members("IMF", "2025-01-01")) == PUBLISHED


def test_members_left_out_stay_out(world: World) -> None:
    """Palestine, Monaco and the DPRK are not members."""
    members = {m.member for m in world.members("IMF", "2025-01-01")}
    assert not members & {"PSE", "MCO", "PRK"}


def test_former_members_are_left_unrecorded(world: World) -> None:
    (imf,) = [o for o in world.organizations if o.code == "IMF"]
    assert imf.missing == ("CUB", "YMD")
    members = {m.member for m in world.members("IMF", "2025-01-01")}
    assert not members & set(imf.missing)
    assert len(members) == 191


# wave 13 (former13b): (member, day, standing the day before, standing that day)
FORMER = [
    # the Yemen Arab Republic (filed under YEM, which continues it) joined on 22 May 1970; at
    # unification the Republic of Yemen's membership, which the IMF dates from that day, follows
    ("YEM", "1970-05-22", None, "member"),
    ("YEM", "1990-05-22", "member", "member"),
    # SFR Yugoslavia, an original member (joining day inferred), to the state's end
    ("YUG", "1945-12-27", None, "member"),
    ("YUG", "1992-04-27", "member", None),
]


@pytest.mark.parametrize(("member", "day", "before", "after"), FORMER)
def test_former_memberships_on_their_days(
    world: World, member: str, day: str, before: str | None, after: str | None
) -> None:
    check_change(world, "IMF", member, day, before, after)


def test_yemen_rows_give_the_days_as_their_sources_write_them(world: World) -> None:
    rows = sorted(
        (m for m in world.records.memberships if m.org == "IMF" and m.member == "YEM"),
        key=lambda m: m.joined or m.left,
    )
    assert [(str(m.joined), str(m.left)) for m in rows] == [
        ("1970-05-22", "1990-05-22"),
        ("1990-05-22", "None"),
    ]
    assert "Yemen Arab Republic" in rows[0].source and "May 22, 1970" in rows[0].source
    assert "May 22, 1990" in rows[1].source


def test_yugoslavia_row_says_its_joining_day_is_inferred(world: World) -> None:
    (yug,) = [m for m in world.records.memberships if m.org == "IMF" and m.member == "YUG"]
    assert "INFERRED" in yug.source and "27 December 1945" in yug.source
    assert "December 14, 1992" in yug.source  # the IMF's own end, noted
    assert "YUG" in {m.member for m in world.members("IMF", "1980-01-01")}
    # the successors are dated from the IMF's end of its membership, after the state's end
    assert "SRB" not in {m.member for m in world.members("IMF", "1992-12-13")}
    assert "SRB" in {m.member for m in world.members("IMF", "1992-12-14")}
