"""Calendar periods of a series (day, week, month, quarter, year): bucket start and label.

Weeks start on Monday (ISO 8601). Labels: `YYYY-MM-DD` for days and weeks (the week's Monday),
`YYYY-MM` for months, `YYYY-Qn` for quarters, `YYYY` for years.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import ibis.expr.types as ir


class Period(StrEnum):
    """The length of one step of a relation series."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


_TRUNC_UNIT = {Period.WEEK: "W", Period.MONTH: "M", Period.QUARTER: "Q", Period.YEAR: "Y"}


def period_start(date: ir.DateValue, period: Period) -> ir.DateValue:
    """An Ibis expression for the first day of the period holding `date`."""
    if period is Period.DAY:
        return date
    return date.truncate(_TRUNC_UNIT[period]).cast("date")  # type: ignore[arg-type,no-any-return]


def floor(day: dt.date, period: Period) -> dt.date:
    """The first day of the period holding `day` (the Python twin of `period_start`)."""
    if period is Period.DAY:
        return day
    if period is Period.WEEK:
        return day - dt.timedelta(days=day.weekday())
    if period is Period.MONTH:
        return day.replace(day=1)
    if period is Period.QUARTER:
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return dt.date(day.year, 1, 1)


def next_start(start: dt.date, period: Period) -> dt.date:
    """The first day of the period after the one starting on `start`."""
    if period is Period.DAY:
        return start + dt.timedelta(days=1)
    if period is Period.WEEK:
        return start + dt.timedelta(days=7)
    months = {Period.MONTH: 1, Period.QUARTER: 3, Period.YEAR: 12}[period]
    index = start.year * 12 + start.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def label(start: dt.date, period: Period) -> str:
    """The period's label as the JSON output writes it."""
    if period in (Period.DAY, Period.WEEK):
        return start.isoformat()
    if period is Period.MONTH:
        return f"{start.year:04d}-{start.month:02d}"
    if period is Period.QUARTER:
        return f"{start.year:04d}-Q{(start.month - 1) // 3 + 1}"
    return f"{start.year:04d}"


def engine_date(value: object) -> dt.date:
    """A date fetched from an engine (date, datetime or pandas Timestamp) as a date.

    Unlike `accord.world.dates.as_date` (user input), None and strings are refused.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    to_pydatetime = getattr(value, "to_pydatetime", None)
    if to_pydatetime is not None:
        result: dt.datetime = to_pydatetime()
        return result.date()
    raise TypeError(f"not a date: {value!r}")
