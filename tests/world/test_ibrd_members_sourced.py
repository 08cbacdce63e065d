"""World Bank (IBRD) members dated from a source that gives the day (issue 14): each member
checked on the day before its IBRD day (not a member) and on that day (a member), and its row's
source (the `source` column of memberships/WORLDBANK.csv) checked for the work it cites; and
the list kept honest: every one of the IBRD's 189 members is recorded (the last 79, in wave 13,
from a secondary copy of the World Bank's member list that agrees with the 110 days recorded
before), and the `missing` list names only the former membership not recorded (Cuba); Slovakia
(wave 12) has the Czech Republic's day, inferred, as its row says; Yemen is recorded from
unification, Serbia and Slovenia from the successors' day of 1993-02-25, Indonesia from its
rejoining in 1967. Former members are filed under the former states' own codes (wave 13): SFR
Yugoslavia from the Articles' first day to the state's end (the IBRD's historical chronology),
Czechoslovakia from its readmission of 1990 to its dissolution (500/1992 Sb.), Democratic Yemen
from 1969 to unification (the secondary copy, its day inferred), each checked on the day before
and the day of its start and end."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.world import World
from tests.world.test_organizations import check_change

# The IBRD's membership since Nauru joined on 2016-04-12 (World Bank press release, 2016).
IBRD_MEMBERS = 189

# (member, IBRD day, what its row's source names); secondary sources say so.
JOINED: list[tuple[str, str, tuple[str, ...]]] = [
    ("ITA", "1947-03-27", ("Enciclopedia Italiana",)),
    ("THA", "1949-05-03", ("secondary", "National News Bureau of Thailand")),
    ("KOR", "1955-08-26", ("National Archives of Korea",)),
    ("SDN", "1957-09-05", ("World Bank Group Archives",)),
    ("MAR", "1958-04-25", ("secondary", "Ministry of Economy and Finance")),
    ("PRT", "1961-03-29", ("World Bank", "Decreto-Lei 43337")),
    ("LAO", "1961-07-05", ("secondary",)),
    ("SEN", "1962-08-31", ("secondary",)),
    ("MDV", "1978-01-13", ("World Bank", "131st member")),
    ("HUN", "1982-07-07", ("Tények Könyve", "signature day", "secondary")),
    ("MOZ", "1984-09-24", ("secondary",)),
    ("CHE", "1992-05-29", ("SR 0.979.2",)),
    ("TJK", "1993-06-04", ("Articles of Agreement",)),
    # Slovakia: the World Bank says it joined with the Czech Republic in 1993; the day is the
    # Czech Republic's in the World Bank's list (both succeeding to Czechoslovakia)
    ("SVK", "1993-01-01", ("World Bank", "with the Czech Republic", "inferred")),
    # wave 13: a sample of the 79 members dated from the World Bank's list as copied in the
    # repository yohandry10/juego (a secondary copy, said so in each row)
    ("TUR", "1947-03-11", ("yohandry10/juego", "secondary")),
    ("PAK", "1950-07-11", ("yohandry10/juego", "secondary")),
    ("SWE", "1951-08-31", ("yohandry10/juego", "secondary")),
    ("HTI", "1953-09-08", ("yohandry10/juego", "secondary")),
    ("ISR", "1954-07-12", ("yohandry10/juego", "secondary")),
    ("SAU", "1957-08-26", ("yohandry10/juego", "secondary")),
    ("MYS", "1958-03-07", ("yohandry10/juego", "secondary")),
    ("ESP", "1958-09-15", ("yohandry10/juego", "secondary")),
    ("TZA", "1962-09-10", ("yohandry10/juego", "secondary")),
    ("KWT", "1962-09-13", ("yohandry10/juego", "secondary")),
    ("KEN", "1964-02-03", ("yohandry10/juego", "secondary")),
    ("MWI", "1965-07-19", ("yohandry10/juego", "secondary")),
    ("IDN", "1967-04-13", ("yohandry10/juego", "secondary")),
    ("ROU", "1972-12-15", ("yohandry10/juego", "secondary")),
    ("MLT", "1983-09-26", ("yohandry10/juego", "secondary")),
    ("NAM", "1990-09-25", ("yohandry10/juego", "secondary")),
    ("EST", "1992-06-23", ("yohandry10/juego", "secondary")),
    ("LTU", "1992-07-06", ("yohandry10/juego", "secondary")),
    ("KAZ", "1992-07-23", ("yohandry10/juego", "secondary")),
    ("LVA", "1992-08-11", ("yohandry10/juego", "secondary")),
    ("SRB", "1993-02-25", ("yohandry10/juego", "secondary")),
    ("SVN", "1993-02-25", ("yohandry10/juego", "secondary")),
    ("ERI", "1994-07-06", ("yohandry10/juego", "secondary")),
    ("PLW", "1997-12-16", ("yohandry10/juego", "secondary")),
]

# Former members the list does not record at all (the `missing` list of organizations.csv;
# SFR Yugoslavia, Democratic Yemen and Czechoslovakia's readmission are recorded since wave 13).
FORMER_NOT_RECORDED = ("CUB",)

#: Former members under their own codes (wave 13), and the successors' first day where JOINED
#: does not check it (Slovenia, Serbia and Slovakia are there, Yemen in the last test):
#: (member, day of the change, standing the day before, standing that day).
FORMER: list[tuple[str, str, str | None, str | None]] = [
    # SFR Yugoslavia: signed the IBRD Articles on 1945-12-27; the row ends with the state on
    # 1992-04-27 (the Bank found on 1993-02-25 that it had ceased to be a member, the day its
    # successors' rows begin)
    ("YUG", "1945-12-27", None, "member"),
    ("YUG", "1992-04-27", "member", None),
    # Czechoslovakia: readmitted on 1990-09-20 (acceptance deposited that day); ends with the
    # state on 1993-01-01, when the Czech Republic and Slovakia succeed
    ("CSK", "1990-09-20", None, "member"),
    ("CSK", "1993-01-01", "member", None),
    ("CZE", "1993-01-01", None, "member"),
    # Democratic Yemen: the day the World Bank's list (in a secondary copy) gives the Republic of
    # Yemen, Democratic Yemen's by inference; ends at unification, when the YEM row begins
    ("YMD", "1969-10-03", None, "member"),
    ("YMD", "1990-05-22", "member", None),
]


@pytest.mark.parametrize(("member", "day", "cited"), JOINED)
def test_ibrd_member_not_the_day_before_a_member_that_day(
    world: World, member: str, day: str, cited: tuple[str, ...]
) -> None:
    check_change(world, "WORLDBANK", member, day, None, "member")


@pytest.mark.parametrize(("member", "day", "cited"), JOINED)
def test_row_names_its_source(world: World, member: str, day: str, cited: tuple[str, ...]) -> None:
    rows = {m.member: m for m in world.records.memberships if m.org == "WORLDBANK"}
    for text in cited:
        assert text in rows[member].source, text


@pytest.mark.parametrize(("member", "day", "before", "after"), FORMER)
def test_former_members_day_before_and_day_of(
    world: World, member: str, day: str, before: str | None, after: str | None
) -> None:
    check_change(world, "WORLDBANK", member, day, before, after)


def test_the_former_states_rows_are_sourced_and_close_with_the_states(world: World) -> None:
    rows = {
        (m.member, m.joined): m
        for m in world.records.memberships
        if m.org == "WORLDBANK" and m.member in {"YUG", "CSK", "YMD"}
    }
    assert set(rows) == {
        ("YUG", dt.date(1945, 12, 27)),
        ("CSK", dt.date(1990, 9, 20)),
        ("YMD", dt.date(1969, 10, 3)),
    }
    yug = rows["YUG", dt.date(1945, 12, 27)]
    assert yug.left == dt.date(1992, 4, 27)
    assert "Historical Chronology: 1944-1949" in yug.source
    assert "25 February 1993" in yug.source
    assert "YUG" in {m.member for m in world.members("WORLDBANK", "1980-01-01")}
    csk = rows["CSK", dt.date(1990, 9, 20)]
    assert csk.left == dt.date(1993, 1, 1)
    assert "500/1992 Sb." in csk.source and "20 September 1990" in csk.source
    # the first membership (1945 to 1954) is not recorded: its end was not found to the day
    assert "CSK" not in {m.member for m in world.members("WORLDBANK", "1950-01-01")}
    ymd = rows["YMD", dt.date(1969, 10, 3)]
    assert ymd.left == dt.date(1990, 5, 22)
    assert "secondary copy" in ymd.source and "May 22, 1970" in ymd.source
    assert "inferred" in ymd.note


def test_slovakia_and_the_czech_republic_share_their_day(world: World) -> None:
    rows = {m.member: m for m in world.records.memberships if m.org == "WORLDBANK"}
    assert rows["SVK"].joined == rows["CZE"].joined


def test_non_members_and_unverified_members_stay_out(world: World) -> None:
    """Andorra and Liechtenstein joined the IMF (2020, 2024) but not the IBRD; Monaco and the
    DPRK were never members; Cuba (a member until 1960) has no verified joining day."""
    members = {m.member for m in world.members("WORLDBANK", "2025-01-01")}
    assert not members & {"AND", "LIE", "MCO", "PRK", "CUB"}


def test_missing_list_names_only_former_memberships(world: World) -> None:
    (ibrd,) = [o for o in world.organizations if o.code == "WORLDBANK"]
    assert ibrd.missing == FORMER_NOT_RECORDED


def test_all_189_members_recorded(world: World) -> None:
    recorded = {m.member for m in world.members("WORLDBANK", "2025-01-01")}
    assert len(recorded) == IBRD_MEMBERS
    (ibrd,) = [o for o in world.organizations if o.code == "WORLDBANK"]
    assert not recorded & set(ibrd.missing)
    # the day before Nauru, the 189th member
    assert len(world.members("WORLDBANK", "2016-04-11")) == IBRD_MEMBERS - 1


def test_the_copy_dates_serbia_and_yemen_as_their_rows_say(world: World) -> None:
    rows = {m.member: m for m in world.records.memberships if m.org == "WORLDBANK"}
    assert rows["SRB"].joined == rows["SVN"].joined == rows["BIH"].joined
    assert rows["SRB"].note is not None and "successors' day" in rows["SRB"].note
    check_change(world, "WORLDBANK", "YEM", "1990-05-22", None, "member")
    assert "1969-10-03" in rows["YEM"].source and "inferred" in rows["YEM"].source
    assert "1954" in rows["IDN"].source and rows["IDN"].note is not None
