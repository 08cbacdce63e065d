"""Tab-separated files whose first line names the columns (ICEWS, POLECAT): the header read and
checked, and each named field as SQL over a line split at tabs (`f`), so column order never
matters. Names are matched whatever their case and with '_' for a space ('event_id' is
'Event ID'); blank lines (spaces and tabs only) before the header are skipped. A field wholly
in double quotes is read without them (`""` inside is one quote), as Excel's "Text (Tab
delimited)" and R's `write.table` write text; a quote elsewhere in a field is kept as it is, and
a tab is always a field's end (a quoted field holding a tab is split there)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import pyarrow as pa

from accord.errors import InputError
from accord.events.readers import fields as F
from accord.events.readers.base import Batch, ReadContext, fetch_arrow
from accord.events.readers.delimited import MAX_COLUMNS
from accord.events.readers.lines import line_blocks
from accord.events.readers.normalise import normalise
from accord.events.readers.sources import Source

#: SQL: the split line's text is blank (nothing but spaces, tabs and a carriage return).
BLANK_LINE = "trim(text, chr(32) || chr(9) || chr(13)) = ''"

_SPLIT = "string_split(rtrim(text, chr(13)), chr(9))"


def unquoted_sql(field: str) -> str:
    """SQL: the text `field` without the double quotes wholly around it (`unquote`)."""
    return (
        f"CASE WHEN length({field}) >= 2 AND starts_with({field}, '\"') "
        f"AND ends_with({field}, '\"') THEN replace({field}[2:-2], '\"\"', '\"') "
        f"ELSE {field} END"
    )


_UNQUOTED = unquoted_sql("x")
#: SQL: the fields of `_lines`' `text` (a list, `f`): split at tabs, a field wholly in double
#: quotes without them (only lines holding a quote pay for the look).
SPLIT_FIELDS = (
    f"CASE WHEN contains(text, '\"') THEN list_transform({_SPLIT}, lambda x: {_UNQUOTED}) "
    f"ELSE {_SPLIT} END"
)


def unquote(field: str) -> str:
    """`field` without the double quotes around it, if it is wholly in them (`""` inside is
    one quote), as `SPLIT_FIELDS` reads a row's fields."""
    if len(field) >= 2 and field.startswith('"') and field.endswith('"'):
        return field[1:-1].replace('""', '"')
    return field


def key(name: str) -> str:
    """A column name as it is matched: case folded, '_' as a space, spaces collapsed."""
    return " ".join(name.replace("_", " ").split()).casefold()


def is_blank(text: str | None) -> bool:
    """Whether a line's text holds nothing but spaces, tabs and a carriage return (a line
    that is not text is not blank: it is reported)."""
    return text is not None and not text.strip(" \t\r")


@dataclass(frozen=True)
class NamedFields:
    """Where each column of a header is (1-based, as `f[i]` counts), by `key`, and the words
    the file writes for a missing value."""

    where: dict[str, int]
    nulls: tuple[str, ...] = ("",)

    @classmethod
    def of(cls, header: Sequence[str], nulls: tuple[str, ...] = ("",)) -> NamedFields:
        return cls({key(name): i + 1 for i, name in enumerate(header) if name}, nulls)

    def has(self, name: str) -> bool:
        return key(name) in self.where

    def col(self, name: str) -> str:
        """The raw field `name` (NULL when the file has no such column)."""
        at = self.where.get(key(name))
        return f"f[{at}]" if at is not None else "CAST(NULL AS VARCHAR)"

    def txt(self, name: str) -> str:
        """The field `name` as text, trimmed, the file's null words as NULL."""
        return F.text(self.col(name), self.nulls)


def first_line(lines: pa.Table) -> int | None:
    """The index in `lines` of the first line that is not blank (None: every line is)."""
    for index, text in enumerate(lines.column("text").to_pylist()):
        if not is_blank(text):
            return index
    return None


#: A required column: its name, or the names of columns any one of which will do.
Column = str | tuple[str, ...]


def _present(keys: Iterable[str], wanted: Column) -> bool:
    """Whether header `keys` hold the column `wanted` (one of its names, for a tuple)."""
    names = (wanted,) if isinstance(wanted, str) else wanted
    return any(key(name) in keys for name in names)


def _first_name(wanted: Column) -> str:
    return wanted if isinstance(wanted, str) else wanted[0]


def _named(wanted: Column) -> str:
    """A required column as a message names it: 'CAMEO Code (or Event Text)'."""
    if isinstance(wanted, str):
        return wanted
    return f"{wanted[0]} (or {' or '.join(wanted[1:])})"


def header_names(
    lines: pa.Table, file: str, required: Sequence[Column], kind: str, at: int = 0
) -> list[str]:
    """The column names on line `at` of `lines` (trimmed); an input error naming the file and
    line when the line is not text, names more than `MAX_COLUMNS` columns (as a mapped CSV
    may not), misses a `required` column (`kind` names the format), or names a column twice."""
    number = int(lines.column("line")[at].as_py())
    problem = lines.column("problem")[at].as_py()
    if problem is not None:
        raise InputError.at(f"unusable header: {problem}", file=file, line=number, field="header")
    text = str(lines.column("text")[at].as_py())
    _check_width(text, file, number)
    header = [unquote(h.strip()).strip() for h in text.rstrip("\r").split("\t")]
    keys = [key(name) for name in header]
    missing = [wanted for wanted in required if not _present(keys, wanted)]
    if missing:
        article = "an" if kind[0] in "AEIOU" else "a"
        hint = " (is the header line missing?)" if len(missing) == len(required) else ""
        names = ", ".join(_named(wanted) for wanted in missing)
        why = _other_delimiter(text, required, kind) or f"missing column(s) {names}{hint}"
        raise InputError.at(
            f"not {article} {kind} header: {why}",
            file=file,
            line=number,
            field=_first_name(missing[0]),
        )
    twice = _repeated(header, keys)
    if twice is not None:  # which of the two would a row's value come from?
        raise InputError.at(
            f"column {twice!r} appears twice in the header", file=file, line=number, field=twice
        )
    return header


def _check_width(text: str, file: str, line: int) -> None:
    """An input error when the header `text` names more than `MAX_COLUMNS` columns, checked
    before any work per column (a header of a million names would otherwise take minutes)."""
    columns = text.count("\t") + 1
    if columns > MAX_COLUMNS:
        raise InputError.at(
            f"the header names {columns:,} columns, more than the {MAX_COLUMNS:,} allowed",
            file=file,
            line=line,
            field="header",
        )


def _other_delimiter(text: str, required: Sequence[Column], kind: str) -> str | None:
    """Why a header fails that has every column, separated by something else than tabs (an
    Excel or R 'CSV'), and what to do; None for any other header."""
    for delimiter, name in ((",", "comma"), (";", "semicolon"), ("|", "bar")):
        names = [unquote(h.strip()).strip() for h in text.rstrip("\r").split(delimiter)]
        if len(names) > 1 and has_columns(names, required):
            return (
                f"its columns are {name}-separated, and {kind} files are tab-separated: save "
                "the file as tab-delimited text, or ingest it with --mapping (docs/events.md, "
                "'A CSV of your own')"
            )
    return None


def _repeated(header: Iterable[str], keys: Sequence[str]) -> str | None:
    """The first name (sorted) whose key the header gives twice, or None (one count of the
    keys: linear in the number of columns)."""
    counts = Counter(keys)
    twice = [name for name, k in zip(header, keys, strict=True) if k and counts[k] > 1]
    return min(twice) if twice else None


def has_columns(names: Iterable[str], wanted: Iterable[Column]) -> bool:
    """Whether a header of `names` has every column of `wanted` (matched by `key`; one name
    of a tuple will do)."""
    keys = {key(name) for name in names}
    return all(_present(keys, column) for column in wanted)


#: Builds a reader's staging SQL from the header and the first lines after it.
StagedSql = Callable[[list[str], pa.Table], str]


def named_batches(
    source: Source,
    context: ReadContext,
    *,
    required: Sequence[Column],
    kind: str,
    staged_sql: StagedSql,
    fields: dict[str, str],
) -> Iterator[Batch]:
    """The batches of a tab-separated file with a header row: the header found and checked
    (`header_names`), each block of lines after it staged by the SQL `staged_sql` builds once
    (over `_lines`), then normalised; `fields` name the file's id, date, code and quad fields
    for rejections (`normalise`)."""
    con = context.con
    header: list[str] | None = None
    sql: str | None = None
    with source.open() as opened:
        blocks = line_blocks(
            opened.stream, context.block_bytes, encoding=context.text_encoding, name=source.name
        )
        for block in blocks:
            lines = block.lines
            if header is None:
                at = first_line(lines)
                if at is None:  # blank lines before the header
                    continue
                header = header_names(lines, source.name, required, kind, at)
                lines = lines.slice(at + 1)
            if sql is None:
                if not lines.num_rows:
                    continue
                sql = staged_sql(header, lines)
            con.register("_lines", lines)
            try:
                staged = fetch_arrow(con, sql)
            finally:
                con.unregister("_lines")
            yield Batch(normalise(context, staged, **fields), opened.position())
