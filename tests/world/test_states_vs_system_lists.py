"""The states' start and end dates and COW numbers, cross-checked against the two state-system
membership lists (issue 14, wave 14x): the Correlates of War Project, State System Membership
List v2016 (2017), and Gleditsch and Ward, 'Interstate System Membership: A Revised List of the
Independent States since 1816', International Interactions 25 (1999), 2017 version, both as
shipped in the R package peacesciencer (data/cow_states.rda, data/gw_states.rda).

No row needed a fix: every COW number matches the COW list, every former state ends the day after
its last day in both lists, and where a start is earlier than both lists (which date some states
from system entry: recognition by the former ruler, UN admission, the end of a war) it is the
state's own independence date, as its row says. These checks pin those days (the day before and
the day of each), so a later "correction" towards the lists' entry dates fails here."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.world import State, World
from tests.world.test_organizations import check_change


def _state(world: World, code: str) -> State:
    found = [s for s in world.states if s.code == code]
    assert len(found) == 1, code
    return found[0]


def _exists(world: World, code: str, day: dt.date) -> bool:
    return any(s.code == code for s in world.states_on(day))


#: (state, day, exists the day before, exists that day)
EXISTENCE = [
    # former states: the day after their last day in both lists (CoW and GW agree)
    ("DDR", "1990-10-03", True, False),  # last day 2 Oct 1990; accession to the FRG
    ("CSK", "1993-01-01", True, False),  # last day 31 Dec 1992
    ("YMD", "1990-05-22", True, False),  # last day 21 May 1990; unification
    ("YUG", "1992-04-27", True, False),  # both lists continue 345 into the FRY: SRB here
    # successors begin the day the predecessor ends
    ("CZE", "1993-01-01", False, True),
    ("SVK", "1993-01-01", False, True),
    ("SRB", "1992-04-27", False, True),
    # starts on which both lists agree with the row
    ("ERI", "1993-05-24", False, True),
    ("NAM", "1990-03-21", False, True),
    ("SSD", "2011-07-09", False, True),
    ("TLS", "2002-05-20", False, True),  # GW; CoW from UN admission, 27 Sep 2002
    ("MNE", "2006-06-03", False, True),  # GW; CoW from 12 Jun 2006
    # earlier than both lists, kept: the state's own independence day
    ("BGD", "1971-03-26", False, True),  # both lists: 16 Dec 1971, the Pakistani surrender
    ("GNB", "1973-09-24", False, True),  # both lists: 10 Sep 1974, Portugal's recognition
    ("GEO", "1991-04-09", False, True),  # Act of Restoration; lists: Dec 1991
    ("ARM", "1991-09-21", False, True),  # referendum and declaration; lists: Dec 1991
    ("AZE", "1991-10-18", False, True),  # Constitutional Act; lists: Dec 1991
    # later than both lists, kept: both count Rhodesia from its 1965 declaration
    ("ZWE", "1980-04-18", False, True),
]


@pytest.mark.parametrize(("code", "day", "before", "after"), EXISTENCE)
def test_state_exists_day_before_and_day_of(
    world: World, code: str, day: str, before: bool, after: bool
) -> None:
    on = dt.date.fromisoformat(day)
    assert _exists(world, code, on - dt.timedelta(days=1)) is before
    assert _exists(world, code, on) is after


@pytest.mark.parametrize(
    ("code", "day"),
    [("DDR", "1990-10-03"), ("CSK", "1993-01-01"), ("YMD", "1990-05-22"), ("YUG", "1992-04-27")],
)
def test_former_state_leaves_the_un_with_its_end(world: World, code: str, day: str) -> None:
    check_change(world, "UN", code, day, "member", None)
    assert _state(world, code).ended_by(dt.date.fromisoformat(day))


#: COW numbers checked against the CoW list where its name differs from the row's, and the
#: series the rows map (CoW gives the FRG 260 and the Yemen Arab Republic 678; united Germany is
#: 255 and united Yemen 679; Yugoslavia and Serbia are one series, 345, held by SRB).
COW = {
    "CIV": 437,  # Ivory Coast
    "CPV": 402,  # Cape Verde
    "FSM": 987,  # Federated States of Micronesia
    "KNA": 60,  # St. Kitts and Nevis
    "LCA": 56,  # St. Lucia
    "VCT": 57,  # St. Vincent and the Grenadines
    "MKD": 343,  # Macedonia
    "STP": 403,  # Sao Tome and Principe
    "SWZ": 572,  # Swaziland
    "TLS": 860,  # East Timor
    "YMD": 680,  # Yemen People's Republic
    "DDR": 265,
    "CSK": 315,
    "CZE": 316,
    "DEU": 255,
    "YEM": 679,
    "SRB": 345,
    "RUS": 365,
}


@pytest.mark.parametrize(("code", "ccode"), sorted(COW.items()))
def test_cow_numbers_match_the_cow_list(world: World, code: str, ccode: int) -> None:
    assert _state(world, code).cow == ccode


def test_cow_numbers_are_unique_and_yugoslavia_has_none(world: World) -> None:
    numbers = [s.cow for s in world.states if s.cow is not None]
    assert len(numbers) == len(set(numbers))
    assert _state(world, "YUG").cow is None
