"""Shared helpers of the case readers: number parsing that records where a value came from."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from accord.errors import InputError, Problem


@dataclass
class Problems:
    """Collects every problem of one file so the user sees them all at once."""

    file: str
    items: list[Problem] = field(default_factory=list)

    def add(self, message: str, line: int | None = None, column: str | None = None) -> None:
        """Record one problem at (line, field)."""
        self.items.append(Problem(message, self.file, line, column))

    def number(
        self,
        text: object,
        line: int | None,
        column: str,
        *,
        low: float | None = None,
        high: float | None = None,
    ) -> float | None:
        """Parse a finite number within [low, high]; record a problem and return None if not."""
        raw = str(text).strip().strip("'\"") if text is not None else ""
        try:
            value = float(raw)
        except ValueError:
            self.add(f"expected a number, got {raw!r}", line, column)
            return None
        if not math.isfinite(value):
            self.add(f"expected a finite number, got {raw!r}", line, column)
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            self.add(f"{value:g} is outside [{low}, {high}]", line, column)
            return None
        return value

    def raise_if_any(self) -> None:
        """Raise one InputError carrying every recorded problem."""
        if self.items:
            raise InputError(self.items)


def read_text(path: Path) -> str:
    """Read a text file, turning I/O and encoding failures into InputError."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError.at("file not found", file=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError.at(f"cannot read file: {exc}", file=str(path)) from None
