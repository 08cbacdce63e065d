"""Dated membership facts of UNESCO (issue 14): joins, withdrawals and returns, each checked the
day before and the day of the change, member counts on dates the sources give, and the notes on
withdrawals notified but not yet in effect."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.world import World


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# (member, day of the change, member the day before, member that day)
CHANGES = [
    ("FRA", "1946-11-04", False, True),
    ("GBR", "1946-11-04", False, True),
    ("USA", "1946-11-04", False, True),
    ("ZAF", "1956-12-31", True, False),
    ("ZAF", "1994-12-12", False, True),
    ("USA", "1984-12-31", True, False),
    ("GBR", "1985-12-31", True, False),
    ("GBR", "1997-07-01", False, True),
    ("USA", "2003-10-01", False, True),
    ("SGP", "2007-10-08", False, True),
    ("PRT", "1974-09-11", False, True),
    ("RUS", "1954-04-21", False, True),
    ("UKR", "1954-05-12", False, True),
    ("DEU", "1951-07-11", False, True),
    ("JPN", "1951-07-02", False, True),
    ("PRK", "1974-10-18", False, True),
    ("PSE", "2011-11-23", False, True),
    ("SSD", "2011-10-27", False, True),
    ("MNE", "2007-03-01", False, True),
    ("SRB", "2000-12-20", False, True),
    ("COK", "1989-10-25", False, True),
    ("ISR", "1949-09-16", False, True),
    ("ISR", "2018-12-31", True, False),
    ("USA", "2018-12-31", True, False),
    ("USA", "2023-07-10", False, True),
]


@pytest.mark.parametrize(("member", "day", "before", "after"), CHANGES)
def test_unesco_change_the_day_before_and_the_day_of(
    world: World, member: str, day: str, before: bool, after: bool
) -> None:
    on = _day(day)
    assert world.is_member(member, "UNESCO", on - dt.timedelta(days=1)) == before
    assert world.is_member(member, "UNESCO", on) == after


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        # Palestine the 195th Member (23 Nov 2011)
        ("2011-11-22", 194),
        ("2011-11-23", 195),
        # the United States and Israel out at the end of 2018: 193
        ("2019-01-01", 193),
        # the United States the 194th Member State (10 Jul 2023)
        ("2023-07-09", 193),
        ("2023-07-10", 194),
        ("2026-12-06", 194),
    ],
)
def test_unesco_member_counts(world: World, on: str, expected: int) -> None:
    assert len(world.members("UNESCO", on)) == expected


def test_notified_withdrawals_stay_open_with_a_note(world: World) -> None:
    """The United States (notice of 22 Jul 2025) and Nicaragua (May 2025) leave on 31 Dec 2026."""
    rows = {m.member: m for m in world.members("UNESCO", "2026-12-06")}
    for code in ("USA", "NIC"):
        assert rows[code].note is not None and "31 Dec 2026" in rows[code].note
    assert not world.is_member("LIE", "UNESCO", "2024-01-01")


def test_chinas_seat_passes_to_the_peoples_republic(world: World) -> None:
    """The Republic of China held China's seat until UNESCO's Executive Board recognised the
    People's Republic on 1971-10-29 (the WHO's passed by WHA25.1 on 1972-05-10)."""
    for org, day, before in (
        ("UNESCO", "1971-10-29", "1971-10-28"),
        ("WHO", "1972-05-10", "1972-05-09"),
    ):
        assert world.is_member("TWN", org, before) and not world.is_member("CHN", org, before)
        assert world.is_member("CHN", org, day) and not world.is_member("TWN", org, day)


def test_unesco_rows_are_sourced_known_states(world: World) -> None:
    states = {s.code for s in world.states}
    rows = [m for m in world.records.memberships if m.org == "UNESCO"]
    # 194 Members today, Israel, the Republic of China (China's seat until 1971-10-29) and the
    # former states Czechoslovakia, Yugoslavia, South Yemen and the German Democratic Republic
    assert len({m.member for m in rows}) == 200
    for m in rows:
        assert m.member in states, m.member
        assert "unesco" in m.source.lower(), m.member
