"""Interval logic: half-open spells, overlaps, parsing."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.world.dates import Interval, as_date, parse_date, parse_day

days = st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2100, 1, 1))


@st.composite
def intervals(draw: st.DrawFn) -> Interval:
    start = draw(st.one_of(st.none(), days))
    end = draw(st.one_of(st.none(), days))
    if start is not None and end is not None and end <= start:
        start, end = end, start + dt.timedelta(days=1) if end == start else start
    return Interval(start, end)


def test_half_open() -> None:
    spell = Interval(dt.date(2023, 4, 4), dt.date(2024, 1, 1))
    assert spell.contains(dt.date(2023, 4, 4))
    assert not spell.contains(dt.date(2023, 4, 3))
    assert not spell.contains(dt.date(2024, 1, 1))
    assert spell.contains(dt.date(2023, 12, 31))


def test_adjacent_spells_do_not_overlap() -> None:
    first = Interval(dt.date(2016, 11, 4), dt.date(2020, 11, 4))
    second = Interval(dt.date(2020, 11, 4), None)
    assert not first.overlaps(second)
    assert not second.overlaps(first)
    assert first.overlaps(Interval(dt.date(2020, 11, 3), None))


def test_empty_interval_rejected() -> None:
    with pytest.raises(ValueError, match="on or before"):
        Interval(dt.date(2020, 1, 2), dt.date(2020, 1, 2))


def test_parse() -> None:
    assert Interval.parse("2021-06-01..") == Interval(dt.date(2021, 6, 1), None)
    assert Interval.parse("..2000-01-01") == Interval(None, dt.date(2000, 1, 1))
    with pytest.raises(ValueError, match=r"START\.\.END"):
        Interval.parse("2021-06-01")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_date("1 June 2021")
    assert as_date("2020-02-01") == dt.date(2020, 2, 1)


@given(intervals(), intervals())
def test_overlap_is_symmetric(a: Interval, b: Interval) -> None:
    assert a.overlaps(b) == b.overlaps(a)


@given(intervals(), intervals(), days)
def test_common_day_implies_overlap(a: Interval, b: Interval, day: dt.date) -> None:
    if a.contains(day) and b.contains(day):
        assert a.overlaps(b)


@given(intervals(), days)
def test_contains_matches_bounds(a: Interval, day: dt.date) -> None:
    expected = (a.start is None or a.start <= day) and (a.end is None or day < a.end)
    assert a.contains(day) == expected


@given(intervals())
def test_str_parse_round_trip(a: Interval) -> None:
    assert Interval.parse(str(a)) == a


#: Every bad date and the one message every face gives for it (the API and the CLI prefix it
#: with the parameter or option); `date.fromisoformat` alone took 20240101 and 2024-W01-1.
BAD_DAYS = [
    ("24-01-01", ""),
    ("20240101", ""),
    ("2024-W01-1", ""),
    ("2024-1-1", ""),
    ("", ""),
    (" 2024-01-01", ""),
    ("\u0662\u0660\u0662\u0664-01-01", ""),  # Arabic-Indic digits: \d would take them
    ("2024-13-01", " (there is no month 13)"),
    ("2024-00-10", " (there is no month 0)"),
    ("2024-02-30", " (2024-02 has 29 days)"),
    ("2023-02-29", " (2023-02 has 28 days)"),
    ("2024-04-31", " (2024-04 has 30 days)"),
    ("2024-01-00", " (there is no day 0)"),
    ("0000-01-01", " (there is no year 0)"),
]


@pytest.mark.parametrize(("text", "why"), BAD_DAYS)
def test_a_bad_day_names_the_value_the_form_and_why(text: str, why: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_day(text)
    assert str(info.value) == f"expected a date as YYYY-MM-DD, got {text!r}{why}"


def test_good_days_and_file_fields() -> None:
    assert parse_day("2024-02-29") == dt.date(2024, 2, 29)
    assert parse_day("0001-01-01") == dt.date(1, 1, 1)
    assert parse_date(" 2024-12-31 ") == dt.date(2024, 12, 31)  # a file field's spaces go
    with pytest.raises(ValueError, match=r"got '20240101'$"):
        parse_date("20240101")


@given(days)
def test_every_day_reads_back(day: dt.date) -> None:
    assert parse_day(day.isoformat()) == day
