"""The UN Security Council's elected members of 1946-2018, added in the eleventh pass (issue 14)
from the UN's list of countries elected members of the Council.

The Council had 11 members (5 permanent, 6 elected) until 1965 and 15 (5 and 10) since
1966-01-01. The seven terms of former states (Yugoslavia 1950-1951, 1956, 1972-1973 and
1988-1989, Czechoslovakia 1964 and 1978-1979, the German Democratic Republic 1980-1981) were
pending until those states got their rows in states.csv; they are filed under YUG, CSK and DDR,
so no year has an elected seat left empty (PENDING is empty)."""

from __future__ import annotations

import pytest

from accord.world import Coverage, Role, World
from tests.world.test_organizations import check_change

#: Elected seats a pending former-state term leaves empty here, by year: none since the
#: former states' terms are filed (see the module docstring).
PENDING: dict[int, int] = {}


def _elected(world: World, on: str) -> set[str]:
    return {m.member for m in world.members("UNSC", on, roles=[Role.ELECTED])}


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        # the six first elected members took their seats on their election, 12 Jan 1946
        ("1946-01-11", 5),
        ("1946-01-12", 11),
        ("1947-06-01", 11),
        # Yugoslavia (YUG) in 1950-1951 and in 1956
        ("1950-06-01", 11),
        ("1956-06-01", 11),
        # the Philippines took the second year of Yugoslavia's split seat
        ("1957-06-01", 11),
        # Czechoslovakia (CSK) in 1964; Malaysia took the second year in 1965
        ("1964-06-01", 11),
        ("1965-12-31", 11),
        # enlargement to 15 members
        ("1966-01-01", 15),
        ("1970-06-01", 15),
        # China's seat passes from the Republic of China to the People's Republic
        ("1971-10-25", 15),
        # with the GDR (DDR); 15 less Mexico, elected only on 7 Jan 1980
        ("1980-01-06", 14),
        ("1980-01-07", 15),
        ("1990-06-01", 15),
        ("2000-06-01", 15),
        ("2019-06-01", 15),
    ],
)
def test_council_size(world: World, on: str, expected: int) -> None:
    assert len(world.members("UNSC", on)) == expected


def test_every_year_has_its_elected_seats_filled_but_the_pending_ones(world: World) -> None:
    for year in range(1946, 2027):
        seats = 6 if year < 1966 else 10
        assert len(_elected(world, f"{year}-07-01")) == seats - PENDING.get(year, 0), year


def test_the_first_elected_members(world: World) -> None:
    assert _elected(world, "1946-01-12") == {"AUS", "BRA", "EGY", "MEX", "NLD", "POL"}
    # Egypt, Mexico and the Netherlands had one-year terms
    assert _elected(world, "1947-01-01") == {"AUS", "BEL", "BRA", "COL", "POL", "SYR"}


@pytest.mark.parametrize(
    ("member", "day", "before", "after"),
    [
        ("EGY", "1946-01-12", None, "member"),
        ("EGY", "1947-01-01", "member", None),
        ("PHL", "1957-01-01", None, "member"),
        ("PHL", "1958-01-01", "member", None),
        ("TUR", "1961-01-01", None, "member"),
        ("POL", "1961-01-01", "member", None),
        ("MYS", "1965-01-01", None, "member"),
        ("NZL", "1967-01-01", "member", None),
        ("UGA", "1966-01-01", None, "member"),
        ("JPN", "1958-01-01", None, "member"),
        ("MEX", "1980-01-07", None, "member"),
        ("MEX", "1982-01-01", "member", None),
        ("COD", "1982-01-01", None, "member"),
        ("YEM", "1990-01-01", None, "member"),
        ("ITA", "2018-01-01", "member", None),
        ("NLD", "2018-01-01", None, "member"),
        ("NLD", "2019-01-01", "member", None),
        ("CIV", "2020-01-01", "member", None),
    ],
)
def test_terms_begin_and_end_on_their_day(
    world: World, member: str, day: str, before: str | None, after: str | None
) -> None:
    check_change(world, "UNSC", member, day, before, after)


def test_the_list_is_complete_with_the_former_states_terms(world: World) -> None:
    unsc = next(o for o in world.organizations if o.code == "UNSC")
    assert unsc.coverage is Coverage.COMPLETE and unsc.missing == ()
    # 336 terms begun 1946-2018 on the UN's list, the 7 of former states included
    terms = [
        m
        for m in world.records.memberships
        if m.org == "UNSC" and m.role == Role.ELECTED and m.joined.year <= 2018
    ]
    assert len(terms) == 336
