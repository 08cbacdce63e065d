"""What a file's bytes say before (a plain file) or while (a gzip file, a zip member: as it
is decompressed, `scan_stream`) DuckDB reads them: its lines, whether a line holds a control
byte, whether a carriage return ends no line, whether it holds a double quote, whether a
UTF-8 byte-order mark starts a line other than the first. One set of rules for every kind of
file.

Bulk ingest needs the first three before it trusts DuckDB's row numbers as file lines (see
`accord.events.bulk`), the quotes to know whether fields need a look for quotes around them, and
the marks because DuckDB keeps one inside a line's first field (files joined end to end).
The scan is a few NumPy passes over each block (NumPy releases the GIL), so pieces of one file
are scanned side by side on threads, before DuckDB starts, instead of by one thread competing
with DuckDB's: at 5 million GDELT rows (1.6 GB) two threads take about 0.5 s of wall time for
1.0 CPU-s, where the counting thread beside the insert cost the insert about 1.3 s.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import IO

import numpy as np

#: Bytes read at a time by each scanning thread.
CHUNK = 4 << 20
_TAB, _NEWLINE, _RETURN, _DELETE = 9, 10, 13, 127
#: A UTF-8 byte-order mark after a newline: at the start of a line other than the file's first.
LINE_BOM = b"\n\xef\xbb\xbf"
_AHEAD = len(LINE_BOM) - 1


@dataclass(frozen=True, slots=True)
class ByteScan:
    """What a run of bytes holds: newline bytes, whether a control byte is among them (C0 but
    tab, newline and carriage return; DEL), whether a carriage return is followed by no
    newline (`odd`; one ending the file is a line end), whether a double quote is among them
    (`quotes`: a reader then looks for fields wholly in quotes), whether a byte-order mark
    starts a line after the first (`bom`: `LINE_BOM`)."""

    newlines: int = 0
    control: bool = False
    odd: bool = False
    quotes: bool = False
    bom: bool = False

    def __add__(self, other: ByteScan) -> ByteScan:
        return ByteScan(
            self.newlines + other.newlines,
            self.control or other.control,
            self.odd or other.odd,
            self.quotes or other.quotes,
            self.bom or other.bom,
        )


@dataclass(frozen=True, slots=True)
class FileScan:
    """A whole file's scan: its lines (a last line without newline counts) and the flags of
    `ByteScan`."""

    lines: int
    control: bool
    odd: bool
    quotes: bool = True
    bom: bool = False

    @property
    def clean(self) -> bool:
        """No control byte and no carriage return inside a line."""
        return not (self.control or self.odd)


def _chunk_scan(block: np.ndarray, after: int | None) -> ByteScan:
    """The scan of one block; `after` is the byte following it (None at the end of the file)."""
    mask = np.empty(len(block), dtype=bool)
    np.less(block, 32, out=mask)
    low = int(np.count_nonzero(mask))
    np.equal(block, _NEWLINE, out=mask)
    newlines = int(np.count_nonzero(mask))
    np.equal(block, _TAB, out=mask)
    rest = low - newlines - int(np.count_nonzero(mask))
    np.equal(block, _DELETE, out=mask)
    control = bool(mask.any())
    odd = False
    if rest:  # carriage returns or control bytes (rare): look at each return
        returns = np.flatnonzero(block == _RETURN)
        control = control or rest > len(returns)
        if len(returns):
            following = np.append(block, _NEWLINE if after is None else after)[returns + 1]
            odd = bool(np.any(following != _NEWLINE))
    return ByteScan(newlines, control, odd)


def scan_range(path: Path, start: int, end: int) -> ByteScan:
    """The scan of bytes `start`..`end` of `path` (the bytes after `end` looked at for a
    carriage return ending the range and a `LINE_BOM` starting in it)."""
    size = path.stat().st_size
    buffer = bytearray(CHUNK + _AHEAD)
    view = memoryview(buffer)
    array = np.frombuffer(buffer, dtype=np.uint8)
    found = ByteScan()
    fd = os.open(path, os.O_RDONLY)
    try:
        position = start
        while position < end:
            want = min(CHUNK, end - position)
            got = os.preadv(fd, [view[: want + _AHEAD]], position)  # and what follows
            if got <= 0:
                break
            taken = min(got, want)
            after = int(array[taken]) if got > taken else None
            if after is None and position + taken < size:
                after = -1  # the file grew or shrank meanwhile: no newline known to follow
            found = found + _chunk_scan(array[:taken], after) + _searched(buffer, taken, got, found)
            position += taken
    finally:
        os.close(fd)
    return found


def _searched(buffer: bytearray, taken: int, got: int, found: ByteScan) -> ByteScan:
    """The quotes and marks (`LINE_BOM`, one starting in the first `taken` of the `got` bytes
    of `buffer`) not yet `found`, by C searches: a mark is looked for only where its first
    byte is (`memchr`, about 0.01 s a GB; the search for the mark itself costs 20 times that)."""
    quotes = not found.quotes and buffer.find(b'"', 0, taken) >= 0
    end = min(got, taken + _AHEAD)
    bom = (
        not found.bom
        and buffer.find(LINE_BOM[1:2], 1, end) >= 0
        and buffer.find(LINE_BOM, 0, end) >= 0
    )
    return ByteScan(quotes=quotes, bom=bom)


def _has_line_bom(data: bytes, tail: bytes) -> bool:
    """Whether a `LINE_BOM` is in `data` or across its start (`tail`: the bytes before it),
    searched for only when its first byte is there (see `_searched`)."""
    return LINE_BOM in tail + data[:_AHEAD] or (LINE_BOM[1:2] in data and LINE_BOM in data)


def scan_stream(stream: IO[bytes], chunk: int = CHUNK) -> FileScan:
    """Scan what `stream` yields (a gzip file or a zip member, decompressed as it is read),
    block by block of `chunk` bytes, by the same rules as a plain file's scan: each block is
    judged once the first byte of the next is known (a carriage return ending a block; a
    `LINE_BOM` across the edge, looked for in the last bytes of one with the next's first)."""
    found, pending, tail = ByteScan(), None, b""
    while data := stream.read(chunk):
        block = np.frombuffer(data, dtype=np.uint8)
        if pending is not None:
            found = found + _chunk_scan(pending, int(block[0]))
        if not found.quotes and b'"' in data:
            found = found + ByteScan(quotes=True)
        if not found.bom and _has_line_bom(data, tail):
            found = found + ByteScan(bom=True)
        pending, tail = block, (tail + data[-_AHEAD:])[-_AHEAD:]
    if pending is None:
        return FileScan(0, control=False, odd=False, quotes=False)
    found = found + _chunk_scan(pending, None)
    unterminated = int(pending[-1] != _NEWLINE)
    return FileScan(
        found.newlines + unterminated, found.control, found.odd, found.quotes, found.bom
    )


def scan_pieces(path: Path, cuts: Sequence[int]) -> list[ByteScan]:
    """The scans of the pieces of `path` between `cuts` (byte offsets, 0 and the size
    included), one thread per piece."""
    ranges = list(pairwise(cuts))
    if len(ranges) <= 1:
        return [scan_range(path, *piece) for piece in ranges]
    with ThreadPoolExecutor(max_workers=len(ranges)) as pool:
        return list(pool.map(lambda r: scan_range(path, *r), ranges))


def scan_file(path: Path, threads: int = 2) -> FileScan:
    """Scan `path` in `threads` even pieces side by side (one for a file under a chunk)."""
    size = path.stat().st_size
    count = max(1, min(threads, size // CHUNK + 1))
    return whole(path, scan_pieces(path, [size * i // count for i in range(count + 1)]))


def whole(path: Path, pieces: Sequence[ByteScan]) -> FileScan:
    """The scan of the file `path` from the scans of pieces that make it up."""
    total = sum(pieces, ByteScan())
    lines = total.newlines + _unterminated(path)
    return FileScan(lines, total.control, total.odd, total.quotes, total.bom)


def _unterminated(path: Path) -> int:
    """1 when the file's last line has no newline, else 0 (an empty file has no line)."""
    with path.open("rb") as raw:
        if raw.seek(0, os.SEEK_END) == 0:
            return 0
        raw.seek(-1, os.SEEK_END)
        return int(raw.read(1) != b"\n")
