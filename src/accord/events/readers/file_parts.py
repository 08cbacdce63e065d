"""A plain text file cut at line ends into copies DuckDB can number side by side.

Numbering rows in file order (`row_number() OVER ()`) keeps a DuckDB scan on one thread: at a
million GDELT rows the row-numbered scan took 2.3 s of wall time against 1.1 s unnumbered on two
threads. Cut into parts, each part is numbered by a scan of its own, the scans run side by side,
and a part's lines start after the lines of the parts before it, counted here. The parts are
copies made by the kernel (`os.copy_file_range`: no bytes through Python): DuckDB cannot read a
byte range of a file, and skipping lines (`read_csv(skip=...)`) reads them, which made every
part's scan re-read the parts before it (the design this replaced).
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import accumulate, pairwise
from pathlib import Path
from typing import BinaryIO

from accord.events.readers.byte_scan import ByteScan, scan_pieces
from accord.events.readers.sources import is_gzip

#: Files smaller than this are read in one scan: cutting saves less than it costs.
SPLIT_BYTES = 32 << 20
#: How far past an even cut a newline is looked for (longer lines are rejected by the readers).
_LOOK = 8 << 20
#: Bytes read at a time while looking for that newline.
_STEP = 64 << 10
#: Errors of `copy_file_range` that mean "not between these files" (another file system).
_NO_RANGE_COPY = {errno.EXDEV, errno.ENOSYS, errno.EOPNOTSUPP, errno.EINVAL}


@dataclass(frozen=True, slots=True)
class FilePart:
    """One part of a file: where its copy is, how many lines of the file come before it, and
    what its bytes hold (`byte_scan.ByteScan`)."""

    path: Path
    lines_before: int
    scan: ByteScan = field(default_factory=ByteScan)


def _line_end_after(raw: BinaryIO, at: int) -> int | None:
    """The offset just after the first newline at or after byte `at` of `raw`, looking at most
    `_LOOK` bytes ahead (None: no newline there, or the end of the file)."""
    raw.seek(at)
    looked = 0
    while looked < _LOOK and (window := raw.read(min(_STEP, _LOOK - looked))):
        found = window.find(b"\n")
        if found >= 0:
            return at + looked + found + 1
        looked += len(window)
    return None


def _cuts(path: Path, parts: int) -> list[int]:
    """Byte offsets cutting `path` into at most `parts` pieces of about equal size, each cut
    just after a newline (0 and the size included; fewer pieces where no newline is near)."""
    size = path.stat().st_size
    cuts = [0]
    with path.open("rb") as raw:
        for i in range(1, parts):
            at = _line_end_after(raw, max(size * i // parts, cuts[-1]))
            if at is not None and cuts[-1] < at < size:
                cuts.append(at)
    cuts.append(size)
    return cuts


def _copy_range(source: int, target: int, start: int, end: int) -> None:
    """Copy bytes `start`..`end` of the file `source` into `target` in the kernel:
    `copy_file_range`, or `sendfile` where the two files' file systems refuse it."""
    position = start
    copy: Callable[[int, int, int, int], int] = _range_copy
    while position < end:
        try:
            copied = copy(source, target, end - position, position)
        except OSError as exc:
            if copy is _sendfile or exc.errno not in _NO_RANGE_COPY:
                raise
            copy = _sendfile
            continue
        if copied <= 0:
            raise OSError(f"the copy stopped at byte {position}")
        position += copied


def _range_copy(source: int, target: int, count: int, offset: int) -> int:
    """`os.copy_file_range` from `offset` of `source` to where `target` stands."""
    return os.copy_file_range(source, target, count, offset)


def _sendfile(source: int, target: int, count: int, offset: int) -> int:
    """`os.sendfile` with `copy_file_range`'s argument order."""
    return os.sendfile(target, source, offset, count)


def _write_parts(path: Path, cuts: list[int], folder: Path) -> list[FilePart]:
    """Copy the pieces of `path` between `cuts` into `folder`, each with its lines before and
    its scan (`byte_scan.scan_pieces`, one thread per piece, while the copies are made: both
    wait on the kernel or NumPy without the GIL)."""
    pieces = list(pairwise(cuts))
    with path.open("rb") as raw, ThreadPoolExecutor(max_workers=1) as pool:
        fd = raw.fileno()
        scans = pool.submit(scan_pieces, path, cuts)
        targets = []
        for index, (start, end) in enumerate(pieces):
            target = folder / f"part{index}{path.suffix}"
            with target.open("wb") as out:
                _copy_range(fd, out.fileno(), start, end)
            targets.append(target)
        found = scans.result()
    # every piece but the last ends with a newline
    before = [0, *accumulate(scan.newlines for scan in found[:-1])]
    return [
        FilePart(target, lines, scan)
        for target, lines, scan in zip(targets, before, found, strict=True)
    ]


@contextmanager
def line_parts(
    path: Path,
    parts: int,
    *,
    min_bytes: int | None = None,
    folder: Path | None = None,
    prefix: str = "accord-parts-",
) -> Iterator[list[FilePart]]:
    """Copies of the plain file `path` cut into `parts` pieces at line ends, removed on exit;
    an empty list when it is not worth it (`parts` < 2, a file under `min_bytes`, default
    `SPLIT_BYTES`, or lines too long to cut), for a gzip file, or when the copies cannot be
    made (the temporary folder has less than twice the file's size free, or the copy fails):
    the caller then reads the file whole. The copies go into a new folder whose name starts
    with `prefix`, inside `folder` (the system's temporary folder when None)."""
    floor = SPLIT_BYTES if min_bytes is None else min_bytes
    if parts < 2 or not hasattr(os, "copy_file_range") or path.stat().st_size < floor:
        yield []
        return
    if is_gzip(path):  # compressed bytes cannot be cut at line ends
        yield []
        return
    cuts = _cuts(path, parts)
    where = folder if folder is not None else Path(tempfile.gettempdir())
    room = shutil.disk_usage(where).free
    if len(cuts) < 3 or room < 2 * cuts[-1]:  # keep as much free as the copies take
        yield []
        return
    try:
        made = Path(tempfile.mkdtemp(prefix=prefix, dir=where))
    except OSError:  # a folder we may not write in: read the file whole
        yield []
        return
    try:
        try:
            written = _write_parts(path, cuts, made)
        except OSError:
            written = []
        yield written
    finally:
        shutil.rmtree(made, ignore_errors=True)
