"""The names states were known by on a past date: the Soviet Union for RUS in 1970, Zaire for
COD in 1980, Burma for MMR in 1985.

Codes and aliases never change with the date (RUS is RUS, and 'Soviet Union' already resolves
to it); only the name an answer shows for a past date does. The names ship with Accord,
each with its source (`former_names.csv`, compiled from public facts).
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

#: The shipped table of former names.
FORMER_NAMES_FILE = Path(__file__).with_name("former_names.csv")


@dataclass(frozen=True, slots=True)
class FormerName:
    """A name state `code` was known by from `start` (None: since it began) until the day
    before `until`, with the source of the dates."""

    code: str
    name: str
    start: dt.date | None
    until: dt.date
    source: str

    def applies(self, on: dt.date) -> bool:
        """Whether the state was known by this name on `on`."""
        return (self.start is None or self.start <= on) and on < self.until


@cache
def former_names() -> tuple[FormerName, ...]:
    """Every shipped former name, in file order."""
    with FORMER_NAMES_FILE.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return tuple(
            FormerName(
                row["code"],
                row["name"],
                dt.date.fromisoformat(row["from"]) if row["from"] else None,
                dt.date.fromisoformat(row["until"]),
                row["source"],
            )
            for row in rows
        )


@cache
def _by_code() -> dict[str, tuple[FormerName, ...]]:
    out: dict[str, list[FormerName]] = {}
    for entry in former_names():
        out.setdefault(entry.code, []).append(entry)
    return {code: tuple(entries) for code, entries in out.items()}


def former_name(code: str, on: dt.date) -> FormerName | None:
    """The former name state `code` was known by on `on`, or None (its current name then)."""
    return next((f for f in _by_code().get(code, ()) if f.applies(on)), None)


def name_on(code: str, current: str, on: dt.date) -> str:
    """The name to show for `code` on `on`: its former name then, else `current`."""
    found = former_name(code, on)
    return found.name if found is not None else current
