"""Memberships known to the year only say so wherever they show: a joined date of 1 January
that stands for a year is not read as a day (the Non-Aligned Movement's 1964 admissions, OPEC's
1967, the UKUSA agreement's 1948 and 1956 parties)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from accord.world import World

NOTE = "Year only (the day is not known)"
MONTH = "Month only (the day is not known)"
LEFT = "left: month only (the day is not known)"
#: How the sources say that a row's day is a placeholder for its year.
SAYS_YEAR_ONLY = re.compile(
    r"year of joining only|1 January of that year used|day set to 1 January", re.IGNORECASE
)
#: Lists whose headers say that only the founding meeting has a day (and, in the Non-Aligned
#: Movement, Burma's return at the Jakarta summit of 1992).
YEARS_ONLY_LISTS = {"NONALIGNED": ("1961-09-01", "1992-09-01"), "OIC": ("1969-09-25",)}


def test_every_row_whose_source_gives_a_year_only_says_so(world: World) -> None:
    flagged = [
        m
        for m in world.records.memberships
        if SAYS_YEAR_ONLY.search(m.source) and m.joined.month == m.joined.day == 1
    ]
    assert len(flagged) >= 24  # OPEC, the Pacific Islands Forum, Five Eyes, ...
    assert [(m.org, m.member) for m in flagged if not (m.note or "").startswith(NOTE)] == []


@pytest.mark.parametrize(("org", "founded"), sorted(YEARS_ONLY_LISTS.items()))
def test_lists_known_to_the_year_flag_every_later_admission(
    world: World, org: str, founded: tuple[str, ...]
) -> None:
    rows = [m for m in world.records.memberships if m.org == org]
    later = [m for m in rows if m.joined.isoformat() not in founded]
    assert later and all(m.joined.month == m.joined.day == 1 for m in later)
    assert {m.note for m in later} == {NOTE}  # none of them has left by a month only
    assert all(m.note != NOTE for m in rows if m.joined.isoformat() in founded)


def test_the_note_marks_only_placeholder_days(world: World) -> None:
    marked = [m for m in world.records.memberships if (m.note or "").startswith(NOTE)]
    assert marked and all(m.joined.month == m.joined.day == 1 for m in marked)
    by_month = [m for m in world.records.memberships if (m.note or "").startswith(MONTH)]
    assert {(m.org, m.member, m.joined.isoformat()) for m in by_month} >= {
        ("BIMSTEC", "NPL", "2004-02-01"),
        ("SICA", "BLZ", "2000-12-01"),
        ("PIF", "KIR", "2023-02-01"),
    }
    assert all(m.joined.day == 1 for m in by_month)
    left = [m for m in world.records.memberships if LEFT in (m.note or "").lower()]
    assert {(m.org, m.member) for m in left} == {
        ("ECOWAS", "MRT"),
        ("OPEC", "IDN"),
        ("OPEC", "ECU"),
        ("OPEC", "GAB"),
    }
    assert all(m.left is not None and m.left.day == 1 for m in left)


@pytest.mark.parametrize(
    ("org", "member", "year"),
    [
        ("OPEC", "ARE", 1967),
        ("FVEY", "CAN", 1948),
        ("NONALIGNED", "BDI", 1964),
        ("PIF", "PNG", 1974),
    ],
)
def test_examples_show_the_note_in_the_members_answer(
    world: World, org: str, member: str, year: int
) -> None:
    from accord.world.reports import members_on

    rows = {r.code: r for r in members_on(world, org, dt.date(year, 12, 31))}
    assert rows[member].joined.year == year
    assert rows[member].note == NOTE


def test_a_treaty_instrument_known_to_the_month_says_so(world: World) -> None:
    """Equatorial Guinea's CTBT ratification: September 2022 (the CTBTO), no day found."""
    row = next(p for p in world.records.treaty_parties if (p.treaty, p.party) == ("CTBT", "GNQ"))
    assert row.ratified == dt.date(2022, 9, 1)
    assert row.note is not None and row.note.startswith("Month only")
