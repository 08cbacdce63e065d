"""Dates and half-open date intervals, the time model every tie in the world uses."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

Date = dt.date

#: The one way a date is written wherever Accord reads one: files, CLI options, API queries.
DATE_FORM = "YYYY-MM-DD"
_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def parse_day(text: str) -> Date:
    """A day written `YYYY-MM-DD` and nothing else (`date.fromisoformat` also takes `20240101`
    and week dates such as `2024-W01-1`). The one message for a bad date, shared by the world
    files, the CLI and the API: it names the value and the form, and says why a day written
    in that form does not exist (`2024-02-30`)."""
    found = _DAY.fullmatch(text)
    if found is None:
        raise ValueError(f"expected a date as {DATE_FORM}, got {text!r}")
    year, month, day = (int(part) for part in found.groups())
    why = None
    if year == 0:
        why = "there is no year 0"
    elif not 1 <= month <= 12:
        why = f"there is no month {month}"
    elif day == 0:
        why = "there is no day 0"
    else:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            why = f"{found[1]}-{found[2]} has {last} days"
    if why is not None:
        raise ValueError(f"expected a date as {DATE_FORM}, got {text!r} ({why})")
    return dt.date(year, month, day)


def parse_date(text: str) -> Date:
    """Parse a `YYYY-MM-DD` date of a file field (surrounding spaces ignored): `parse_day`."""
    return parse_day(text.strip())


def as_date(value: Date | str | None) -> Date:
    """Coerce a date, an ISO string or None (meaning today) to a date."""
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return parse_date(value)


@dataclass(frozen=True, slots=True, order=True)
class Interval:
    """A half-open interval `[start, end)` of dates; a missing bound is unbounded."""

    start: Date | None = None
    end: Date | None = None

    def __post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise ValueError(f"interval ends ({self.end}) on or before it starts ({self.start})")

    def contains(self, day: Date) -> bool:
        """True when `day` lies in the interval (start inclusive, end exclusive)."""
        if self.start is not None and day < self.start:
            return False
        return self.end is None or day < self.end

    def overlaps(self, other: Interval) -> bool:
        """True when the two intervals share at least one day."""
        starts_before_other_ends = other.end is None or self.start is None or self.start < other.end
        other_starts_before_end = self.end is None or other.start is None or other.start < self.end
        return starts_before_other_ends and other_starts_before_end

    def __str__(self) -> str:
        return f"{self.start or ''}..{self.end or ''}"

    @classmethod
    def parse(cls, text: str) -> Interval:
        """Parse `START..END` (either side may be empty)."""
        if ".." not in text:
            raise ValueError(f"expected an interval as START..END, got {text!r}")
        left, right = text.split("..", 1)
        return cls(
            parse_date(left) if left.strip() else None,
            parse_date(right) if right.strip() else None,
        )
