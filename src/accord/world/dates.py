"""Dates and half-open date intervals, the time model every tie in the world uses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

Date = dt.date


def parse_date(text: str) -> Date:
    """Parse an ISO `YYYY-MM-DD` date, with a message that says what was expected."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


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
