"""The exception tree every Accord layer raises, so callers can catch one family."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


class AccordError(Exception):
    """Base of every error Accord raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is (file, line, field) and what is wrong."""

    message: str
    file: str | None = None
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
        if self.field is not None:
            where += f" [{self.field}]" if where else f"[{self.field}]"
        return f"{where}: {self.message}" if where else self.message


class InputError(AccordError, ValueError):
    """Bad input: carries every problem found, each with file, line and field."""

    def __init__(self, problems: Problem | Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = (
            (problems,) if isinstance(problems, Problem) else tuple(problems)
        )
        if not self.problems:
            raise ValueError("InputError needs at least one problem")
        super().__init__(self._render())

    @classmethod
    def at(
        cls,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> InputError:
        """Build an error for a single problem."""
        return cls(Problem(message, file, line, field))

    def _render(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"{len(self.problems)} problems:"]
        lines.extend(f"  {p}" for p in self.problems)
        return "\n".join(lines)

    @property
    def first(self) -> Problem:
        return self.problems[0]


class NotFoundError(AccordError, LookupError):
    """A code, actor or record that the store does not hold."""


class StoreError(AccordError):
    """The database file could not be opened, migrated or written."""
