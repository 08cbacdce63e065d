"""Tab-separated files whose first line names the columns (ICEWS, POLECAT): the header read and
checked, and each named field as SQL over a line split at tabs (`f`), so column order never
matters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyarrow as pa

from accord.errors import InputError
from accord.events.readers import fields as F


@dataclass(frozen=True)
class NamedFields:
    """Where each column of a header is (1-based, as `f[i]` counts) and the words the file
    writes for a missing value."""

    where: dict[str, int]
    nulls: tuple[str, ...] = ("",)

    @classmethod
    def of(cls, header: Sequence[str], nulls: tuple[str, ...] = ("",)) -> NamedFields:
        return cls({name: i + 1 for i, name in enumerate(header) if name}, nulls)

    def has(self, name: str) -> bool:
        return name in self.where

    def col(self, name: str) -> str:
        """The raw field `name` (NULL when the file has no such column)."""
        return f"f[{self.where[name]}]" if name in self.where else "CAST(NULL AS VARCHAR)"

    def txt(self, name: str) -> str:
        """The field `name` as text, trimmed, the file's null words as NULL."""
        return F.text(self.col(name), self.nulls)


def header_names(lines: pa.Table, file: str, required: Sequence[str], kind: str) -> list[str]:
    """The column names on the first line of `lines` (trimmed); an input error naming the
    file and line 1 when the line is not text, names a column twice, or misses a `required`
    column (`kind` names the format in the message)."""
    problem = lines.column("problem")[0].as_py()
    if problem is not None:
        raise InputError.at(f"unusable header: {problem}", file=file, line=1, field="header")
    header = [h.strip() for h in str(lines.column("text")[0].as_py()).rstrip("\r").split("\t")]
    twice = sorted({name for name in header if name and header.count(name) > 1})
    if twice:  # which of the two would a row's value come from?
        raise InputError.at(
            f"column {twice[0]!r} appears twice in the header",
            file=file,
            line=1,
            field=twice[0],
        )
    missing = [name for name in required if name not in header]
    if missing:
        raise InputError.at(
            f"not a{'n' if kind[0] in 'AEIOU' else ''} {kind} header: missing column(s) "
            f"{', '.join(missing)}",
            file=file,
            line=1,
            field=missing[0],
        )
    return header
