"""Interval logic: half-open spells, overlaps, parsing."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.world.dates import Interval, as_date, parse_date

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
