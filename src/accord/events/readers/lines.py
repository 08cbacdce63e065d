"""Lines of text files read in bounded blocks, strictly decoded, with a verdict per line.

Every line-oriented reader (GDELT, ICEWS, PLOVER JSON lines, mapped CSV) reads through
`line_blocks`: a line that is not valid text in the file's encoding, holds a control character
(C0 but tab, a carriage return not ending the line, DEL) or is longer than `MAX_LINE_BYTES` gets
a `problem` saying why and no text, so the reader rejects it with its line and reads on. Bytes
are never replaced silently, and an over-long line never grows memory: it is skipped up to the
next newline. Clean blocks (the usual case) are split by Arrow in C++; only a block holding a
bad line is looked at line by line in Python.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from accord.errors import InputError
from accord.events.readers.byte_scan import LINE_BOM

#: Longest line read, in bytes (without its newline); longer lines are rejected unread.
MAX_LINE_BYTES = 4 << 20
#: Bounds of the block size (bytes read at a time): memory is about two blocks.
MIN_BLOCK_BYTES = 4 << 10
MAX_BLOCK_BYTES = 1 << 30

_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 13)) + b"\x7f"
_OTHER_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
#: A control character, or half of a UTF-16 surrogate pair on its own (only a JSON escape such
#: as "\ud800" makes one: such text cannot be written as UTF-8 anywhere).
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f\ud800-\udfff]")
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def check_encoding(encoding: str, *, file: str | None = None, field: str = "encoding") -> str:
    """The canonical name of a text encoding Python knows that keeps a newline one `\\n`
    byte (UTF-16 and UTF-32 do not: convert such files to UTF-8), `utf-8` for `utf-8-sig`,
    or an input error."""
    try:
        info = codecs.lookup(encoding)
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        raise InputError.at(f"unknown text encoding {encoding!r}", file=file, field=field) from None
    name = info.name
    if name == "utf-8-sig":  # how Python and Excel users name UTF-8 with a byte-order mark,
        return "utf-8"  # which is skipped anyway (a mapping's `encoding` too)
    # bz2_codec, rot13, base64_codec...: codecs, but not of text
    if not getattr(info, "_is_text_encoding", True):
        raise InputError.at(
            f"{encoding!r} is not a text encoding (utf-8, latin-1, cp1252...)",
            file=file,
            field=field,
        )
    if "\n".encode(name) != b"\n":
        raise InputError.at(
            f"cannot read {name} text line by line: convert the file to UTF-8",
            file=file,
            field=field,
        )
    return name


def check_block_bytes(block_bytes: int) -> int:
    """`block_bytes` when within `MIN_BLOCK_BYTES`..`MAX_BLOCK_BYTES`, else an input error."""
    if not MIN_BLOCK_BYTES <= block_bytes <= MAX_BLOCK_BYTES:
        raise InputError.at(
            f"block size must be from {MIN_BLOCK_BYTES:,} to {MAX_BLOCK_BYTES:,} bytes, "
            f"not {block_bytes:,}",
            field="block_bytes",
        )
    return block_bytes


def has_control(data: bytes) -> bool:
    """Whether `data` holds a control byte (C0 but tab, newline and carriage return; DEL)."""
    return bool(data.translate(None, _OTHER_BYTES))


def control_problem(text: str) -> str | None:
    """Why `text` (one line, without its line end) may not be read: the first control
    character in it, or None."""
    found = _CONTROL.search(text)
    if found is None:
        return None
    point = ord(found.group())
    what = "lone surrogate" if 0xD800 <= point <= 0xDFFF else "control character"
    return f"{what} U+{point:04X} at column {found.start() + 1}"


def decode_line(raw: bytes, encoding: str) -> tuple[str | None, str | None]:
    """(text, None) for one line (a trailing carriage return dropped), or (None, why not):
    bytes not valid in `encoding`, a control character, more than `MAX_LINE_BYTES`."""
    if raw.endswith(b"\r"):
        raw = raw[:-1]
    if len(raw) > MAX_LINE_BYTES:
        return None, too_long()
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        byte = raw[exc.start : exc.start + 1].hex()
        return None, (
            f"not valid {encoding} text: byte 0x{byte} at byte {exc.start + 1} "
            "(declare the file's encoding)"
        )
    problem = control_problem(text)
    return (None, problem) if problem else (text, None)


def too_long() -> str:
    """The problem of a line longer than `MAX_LINE_BYTES`."""
    return f"line longer than {MAX_LINE_BYTES:,} bytes"


@dataclass(frozen=True, slots=True)
class LineBlock:
    """A run of consecutive lines: an Arrow table with `line` (BIGINT, 1-based line number),
    `text` (VARCHAR, without the newline; NULL for a bad line) and `problem` (why a line is
    bad, else NULL). `raw` holds the block's bytes when asked for (an over-long line appears
    there empty); `clean` says no line of the block is bad."""

    lines: pa.Table
    raw: bytes = b""
    clean: bool = True


def _arrow_lines(block: bytes, count: int) -> pa.Array | None:
    """The lines of a UTF-8 `block` (ending with a newline, no control byte) as an Arrow
    string array, parsed in C++; None when Arrow refuses the bytes (invalid UTF-8) or splits
    them otherwise (a lone carriage return)."""
    try:
        table = pacsv.read_csv(
            io.BytesIO(block),
            read_options=pacsv.ReadOptions(column_names=["text"]),
            parse_options=pacsv.ParseOptions(
                delimiter="\x1f",
                quote_char=False,
                escape_char=False,
                newlines_in_values=False,
                ignore_empty_lines=False,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={"text": pa.string()},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid:
        return None
    if table.num_rows != count:
        return None
    text: pa.Array = table.column("text").combine_chunks()
    return text


def _fast_text(block: bytes, count: int, encoding: str) -> pa.Array | None:
    """The lines of `block` when none is bad, else None (look line by line)."""
    if has_control(block) or block.count(b"\r") != block.count(b"\r\n"):
        return None
    if encoding == "utf-8":
        text = _arrow_lines(block, count)
    else:
        try:
            text = pa.array(block.decode(encoding).split("\n")[:count], pa.string())
        except UnicodeDecodeError:
            return None
    if text is None or len(block) <= MAX_LINE_BYTES:
        return text
    longest = pc.max(pc.binary_length(text)).as_py()
    return text if longest is None or longest <= MAX_LINE_BYTES else None


def _block(
    block: bytes, first: int, count: int, encoding: str, skipped: set[int], keep_raw: bool
) -> LineBlock:
    """The `LineBlock` of `count` lines starting at line `first`; `skipped` holds the
    numbers of over-long lines (empty in `block`)."""
    numbers = pa.array(np.arange(first, first + count, dtype=np.int64))
    raw = block if keep_raw else b""
    mine = {n for n in skipped if first <= n < first + count}
    text = None if mine else _fast_text(block, count, encoding)
    if text is not None:
        problem = pa.nulls(count, pa.string())
        return LineBlock(pa.table({"line": numbers, "text": text, "problem": problem}), raw)
    skipped -= mine
    texts: list[str | None] = []
    problems: list[str | None] = []
    for offset, line in enumerate(block.split(b"\n")[:count]):
        decoded: str | None = None
        problem_of: str | None = too_long()
        if first + offset not in mine:
            decoded, problem_of = decode_line(line, encoding)
        texts.append(decoded)
        problems.append(problem_of)
    table = pa.table(
        {
            "line": numbers,
            "text": pa.array(texts, pa.string()),
            "problem": pa.array(problems, pa.string()),
        }
    )
    return LineBlock(table, raw, clean=not any(problems))


def strip_bom(chunk: bytes, encoding: str, name: str | None) -> bytes:
    """The first bytes of a stream without a UTF-8 byte-order mark; an input error for the
    mark of UTF-16 or UTF-32 (text that cannot be read line by line)."""
    if chunk.startswith(_WIDE_BOMS):
        raise InputError.at(
            "the file is UTF-16 or UTF-32 text (byte-order mark): convert it to UTF-8",
            file=name,
            line=1,
        )
    if encoding == "utf-8" and chunk.startswith(codecs.BOM_UTF8):
        return chunk[len(codecs.BOM_UTF8) :]
    return chunk


def _marks_dropped(block: bytes) -> bytes:
    """`block` (whole UTF-8 lines) without the byte-order marks starting its lines, as the
    one starting the file is dropped (files joined end to end: else a mark would be part of
    the first field, an event id or a repeated header's first name). Every mark at a line's
    start goes, as Arrow drops one starting a block: the same text whatever the blocks."""
    if codecs.BOM_UTF8[:1] not in block:  # memchr: the usual block, at once
        return block
    while LINE_BOM in block:
        block = block.replace(LINE_BOM, b"\n")
    while block.startswith(codecs.BOM_UTF8):
        block = block[len(codecs.BOM_UTF8) :]
    return block


def line_blocks(
    stream: IO[bytes],
    block_bytes: int = 32 << 20,
    *,
    keep_raw: bool = False,
    encoding: str = "utf-8",
    name: str | None = None,
    at_start: bool = True,
) -> Iterator[LineBlock]:
    """Stream `stream` as blocks of whole lines (memory bounded by about `block_bytes` plus
    `MAX_LINE_BYTES`), each line strictly decoded with `encoding` and judged (`LineBlock`).
    A line longer than `MAX_LINE_BYTES` is skipped to the next newline and reported.
    `at_start` says the stream is at the start of the file (where a byte-order mark is); in
    UTF-8 a mark starting any other line is dropped too (`_marks_dropped`)."""
    check_block_bytes(block_bytes)
    leftover = b""
    next_line = 1
    skipped: set[int] = set()
    skipping = False
    started = not at_start
    while True:
        chunk = stream.read(block_bytes)
        if not started:
            chunk, started = strip_bom(chunk, encoding, name), True
        eof = not chunk
        if skipping:  # drop the rest of an over-long line; an empty line stands in for it
            cut = chunk.find(b"\n")
            if cut < 0 and not eof:
                continue
            chunk, skipping = b"\n" + (chunk[cut + 1 :] if cut >= 0 else b""), False
        elif eof:
            if not leftover:
                return
            chunk = b"\n"
        data = leftover + chunk
        cut = data.rfind(b"\n")
        leftover = data[cut + 1 :]
        if cut >= 0:
            count = data.count(b"\n", 0, cut + 1)
            lines = data[: cut + 1]
            if encoding == "utf-8":
                lines = _marks_dropped(lines)
            yield _block(lines, next_line, count, encoding, skipped, keep_raw)
            next_line += count
        if len(leftover) > MAX_LINE_BYTES:
            skipped.add(next_line)
            leftover, skipping = b"", True
        if eof:
            return
