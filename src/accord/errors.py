"""The exception tree every Accord layer raises, so callers can catch one family."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

__all__ = [
    "AccordError",
    "InputError",
    "NotFoundError",
    "OutputError",
    "Problem",
    "RemoteError",
    "StoreError",
    "UnknownNameError",
]

#: Known names listed in full in an `UnknownNameError` message up to this many.
_LIST_KNOWN = 20


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


class UnknownNameError(NotFoundError):
    """A name no registry of its kind holds: a model, strategy, format, executor, code...

    Every registry raises this one error, so a caller catches one class whatever it looked up;
    the message suggests close matches and, for short registries, lists every known name, then
    `hint` when the registry has more to say (a stored world: the shipped default has the name).
    """

    def __init__(self, kind: str, name: str, known: Iterable[str], hint: str | None = None) -> None:
        self.kind = kind
        self.name = name
        self.known: tuple[str, ...] = tuple(dict.fromkeys(known))  # once each, in order
        self.hint = hint
        super().__init__(self._render())

    def __reduce__(
        self,
    ) -> tuple[type[UnknownNameError], tuple[str, str, tuple[str, ...], str | None]]:
        # picklable across processes (Dask, process pools) despite the keyword-free signature
        return (type(self), (self.kind, self.name, self.known, self.hint))

    @property
    def close_matches(self) -> list[str]:
        """Known names that look like the unknown one, closest first."""
        return difflib.get_close_matches(self.name, self.known, n=3, cutoff=0.6)

    @staticmethod
    def describe(kind: str, name: str, known: Iterable[str]) -> str:
        """The message for an unknown name, also used by file checks that report it as a
        `Problem` with its line (an `InputError`), so both read the same."""
        names = tuple(dict.fromkeys(known))  # a name listed twice is suggested once
        message = f"unknown {kind} {name!r}"
        near = difflib.get_close_matches(name, names, n=3, cutoff=0.6)
        if near:
            message += f" (did you mean {' or '.join(repr(n) for n in near)}?)"
        if names and len(names) <= _LIST_KNOWN:
            message += f"; known: {', '.join(names)}"
        return message

    def _render(self) -> str:
        message = self.describe(self.kind, self.name, self.known)
        return f"{message}; {self.hint}" if self.hint else message


class RemoteError(AccordError):
    """A remote service (Wikidata, an event publisher) failed or answered something unusable."""


class StoreError(AccordError):
    """The database file could not be opened, migrated or written."""


class OutputError(AccordError):
    """A file Accord was asked to write (a plot, a report) could not be written."""


@contextmanager
def writing(path: str | os.PathLike[str], what: str = "file") -> Iterator[None]:
    """Turn the operating system's refusal to write `path` inside the block into an
    `OutputError` naming the path and the reason (a folder given for a file, a missing or
    read-only folder, a full disk)."""
    try:
        yield
    except IsADirectoryError:
        raise OutputError(f"cannot write the {what} {os.fspath(path)}: it is a folder") from None
    except (FileExistsError, NotADirectoryError):
        raise OutputError(
            f"cannot write the {what} {os.fspath(path)}: a file is in the way (the path, or a "
            "folder on it, is a file)"
        ) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputError(f"cannot write the {what} {os.fspath(path)}: {reason}") from None
