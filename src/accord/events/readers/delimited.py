"""Delimited text read line by line with exact line numbers, strict decoding and a verdict per
line: the rows of a file that a user wrote by hand or exported from a spreadsheet.

Nothing here raises on a bad line: a line that is not valid text in the declared encoding, holds
a control character, is longer than `MAX_LINE_CHARS`, breaks CSV quoting or has another number of
fields than the header becomes a row whose `pre_reason` / `pre_field` say why, so ingest rejects
it with its file and line and reads on. Only a file without a usable header is an error.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

import pyarrow as pa

from accord.errors import InputError
from accord.events.readers.lines import MAX_LINE_BYTES, decode_line, line_blocks, strip_bom

#: Longest line read, in characters; longer lines are rejected, not parsed.
MAX_LINE_CHARS = 1_000_000
#: Most fields a header may name.
MAX_COLUMNS = 10_000


@dataclass(frozen=True)
class Header:
    """The file's column names and the delimiter and encoding its lines are read with."""

    names: tuple[str, ...]
    delimiter: str
    encoding: str


def split_line(text: str, delimiter: str) -> tuple[list[str] | None, str | None]:
    """The fields of one line, or why it cannot be split (CSV quoting rules)."""
    if len(text) > MAX_LINE_CHARS:
        return None, f"line longer than {MAX_LINE_CHARS:,} characters"
    try:
        rows = list(csv.reader([text], delimiter=delimiter, strict=True))
    except csv.Error as exc:
        return None, f"not a valid delimited line: {exc}"
    return (rows[0] if rows else []), None


def read_header(stream: IO[bytes], delimiter: str, encoding: str, file: str) -> Header | None:
    """The first line of the file as column names (None for an empty file); an input error
    when it is unusable."""
    raw = strip_bom(stream.readline(MAX_LINE_BYTES + 2), encoding, file)
    if not raw:
        return None
    if not raw.strip():
        raise InputError.at("the first line must name the columns", file=file, line=1)
    if not raw.endswith(b"\n") and len(raw) > MAX_LINE_BYTES:
        raise InputError.at("the header line is too long", file=file, line=1)
    text, problem = decode_line(raw.rstrip(b"\n"), encoding)
    fields: list[str] | None = None
    if text is not None:
        fields, problem = split_line(text, delimiter)
    if fields is None:
        raise InputError.at(f"unusable header: {problem}", file=file, line=1, field="header")
    names = tuple(f.strip() for f in fields)
    if len(names) > MAX_COLUMNS:
        raise InputError.at(f"more than {MAX_COLUMNS:,} columns", file=file, line=1)
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise InputError.at(
                f"the column name {name!r} appears twice", file=file, line=1, field=name
            )
        seen.add(name)
    return Header(names, delimiter, encoding)


def row_blocks(
    stream: IO[bytes], header: Header, block_bytes: int, first_line: int = 2
) -> Iterator[pa.Table]:
    """Blocks of rows after the header: columns `c0..c{n-1}` (text), `line`, `pre_reason`
    and `pre_field` (NULL for a good row). Blank lines are skipped."""
    width = len(header.names)
    for block in line_blocks(stream, block_bytes, encoding=header.encoding, at_start=False):
        columns: list[list[str | None]] = [[] for _ in range(width)]
        numbers: list[int] = []
        reasons: list[str | None] = []
        lines = block.lines
        for number, text, reason in zip(
            lines.column("line").to_pylist(),
            lines.column("text").to_pylist(),
            lines.column("problem").to_pylist(),
            strict=True,
        ):
            if reason is None and not text.strip():
                continue
            values: list[str] | None = None
            if text is not None:
                values, reason = split_line(text, header.delimiter)
            if values is not None and len(values) != width:
                reason = f"expected {width} fields as in the header, found {len(values)}"
                values = None
            numbers.append(number + first_line - 1)
            reasons.append(reason)
            for k in range(width):
                columns[k].append(values[k] if values is not None else None)
        if not numbers:
            continue
        arrays = {f"c{k}": pa.array(col, pa.string()) for k, col in enumerate(columns)}
        arrays["line"] = pa.array(numbers, pa.int64())
        arrays["pre_reason"] = pa.array(reasons, pa.string())
        at = [None if r is None else "line" for r in reasons]
        arrays["pre_field"] = pa.array(at, pa.string())
        yield pa.table(arrays)
