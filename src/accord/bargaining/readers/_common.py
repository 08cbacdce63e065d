"""Shared helpers of the case readers: number parsing that records where a value came from,
text and CSV reading that turn encoding and CSV failures into errors with a file and line."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from accord.bargaining.limits import MAX_ISSUES, MAX_MAGNITUDE, MAX_STAKEHOLDERS
from accord.errors import InputError, Problem
from accord.files import read_bounded

#: Most bytes a case file may hold: a case at its limits (300 stakeholders, 20 issues) takes a
#: few hundred kB in any format; checked before the file is read whole.
MAX_CASE_BYTES = 4 << 20
#: Most CSV rows a case file may hold: one per stakeholder and issue (the decide layout), plus
#: headers and declarations.
MAX_CASE_ROWS = MAX_STAKEHOLDERS * MAX_ISSUES + 1_000


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
        """Parse a finite number within [low, high]; record a problem and return None if not
        (a boolean, from parsed YAML or JSON, is no number: not read as 1 or 0)."""
        if isinstance(text, bool):
            self.add(f"expected a number, got the boolean {str(text).lower()}", line, column)
            return None
        raw = str(text).strip().strip("'\"") if text is not None else ""
        try:
            value = float(raw)
        except ValueError:
            self.add(f"expected a number, got {shorten(raw)!r}", line, column)
            return None
        if not math.isfinite(value):
            self.add(f"expected a finite number, got {shorten(raw)!r}", line, column)
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            if low == 0 and value < 0:  # saliences, capabilities: no upper bound to cite
                self.add(f"{value:g}: must be 0 or more", line, column)
            elif high is None:
                self.add(f"{value:g} is below the minimum {low:g}", line, column)
            elif low is None:
                self.add(f"{value:g} is above the maximum {high:g}", line, column)
            else:
                self.add(f"{value:g} is outside [{low:g}, {high:g}]", line, column)
            return None
        return value

    def magnitude(
        self, value: float | None, line: int | None, column: str, what: str
    ) -> float | None:
        """`value`, or None with a problem at (line, column) when it is larger than
        `MAX_MAGNITUDE` (past it a model's sums overflow: 1e308 squared is infinite); `what`
        begins the message, worded as the case's own check (which knows no line) words it."""
        if value is None or abs(value) <= MAX_MAGNITUDE:
            return value
        self.add(f"{what}, got {value:g}", line, column)
        return None

    def raise_if_any(self) -> None:
        """Raise one InputError carrying every recorded problem."""
        if self.items:
            raise InputError(self.items)


def shorten(text: str, limit: int = 40) -> str:
    """`text`, cut to `limit` characters with an ellipsis, so a huge value stays readable in a
    message."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def read_text(path: Path) -> str:
    """Read a UTF-8 text file, turning I/O failures into InputError and an undecodable byte
    into InputError at its line."""
    try:
        data = read_bounded(path, MAX_CASE_BYTES, str(path))
    except FileNotFoundError:
        raise InputError.at("file not found", file=str(path)) from None
    except IsADirectoryError:
        raise InputError.at("is a folder: name one case file in it", file=str(path)) from None
    except OSError as exc:
        raise InputError.at(f"cannot read file: {exc}", file=str(path)) from None
    if data is None:
        raise InputError.at(
            f"larger than {MAX_CASE_BYTES:,} bytes: a case holds at most {MAX_STAKEHOLDERS} "
            f"stakeholders and {MAX_ISSUES} issues",
            file=str(path),
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start : exc.start + 1].hex()
        raise InputError.at(
            f"not UTF-8 text: byte 0x{byte} cannot be decoded (save the file as UTF-8)",
            file=str(path),
            line=line,
        ) from None


def csv_rows(text: str, path: Path, delimiter: str = ",") -> list[tuple[int, list[str]]]:
    """The rows of CSV text with the line each starts on (blank lines before the first row
    skipped, as format detection skips them); a CSV failure (a field over the csv
    module's limit, a NUL byte) is an InputError naming the file and line."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            if len(rows) == MAX_CASE_ROWS:
                raise InputError.at(
                    f"more than {MAX_CASE_ROWS:,} rows: a case holds at most "
                    f"{MAX_STAKEHOLDERS} stakeholders and {MAX_ISSUES} issues",
                    file=str(path),
                    line=start,
                )
            if rows or "".join(row).strip():  # blank lines before the header are no rows
                rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        limit = csv.field_size_limit()
        message = (
            f"a field is longer than {limit:,} characters: not a case file, or a quote is"
            " not closed"
            if "field limit" in str(exc)
            else f"malformed CSV: {exc}"
        )
        raise InputError.at(message, file=str(path), line=start) from None
    return rows


def salience_scale(saliences: Iterable[float], problems: Problems, line: int | None) -> float:
    """100 when the file writes saliences as percentages (one is above 1), else 1; a problem
    when it mixes both, percentages above 1 and fractions strictly between 0 and 1 (50, 70 and
    0.5: the 0.5 would silently be read as 0.5 percent)."""
    values = list(saliences)
    if not any(v > 1 for v in values):
        return 1.0
    fractions = sorted({v for v in values if 0 < v < 1})
    if fractions:
        problems.add(
            f"saliences mix percentages (above 1) and fractions ({fractions[0]:g}): write them "
            "all one way, 0-100 or 0-1",
            line,
            "Salience",
        )
    return 100.0
