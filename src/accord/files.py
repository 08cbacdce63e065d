"""A user's file read safely: a regular file only, and never more bytes than a limit.

`/dev/zero`, a FIFO or a socket named as a world file, a scenario or a mapping would be read
without end (memory) or block for ever; a file that grows while it is read would pass a size
check made before. Every reader of a whole small file goes through `read_bounded`."""

from __future__ import annotations

import stat
from pathlib import Path

from accord.errors import InputError

NOT_REGULAR = "not a regular file (a device, pipe or socket): save the data to a file"


def control_in_name(name: str) -> bool:
    """Whether a file name (a zip member's, an upload's) holds a control character (C0 or
    DEL), which would reach terminals and the store's log as it is."""
    return any(ord(c) < 32 or ord(c) == 127 for c in name)


def check_regular(path: Path, label: str) -> None:
    """An input error naming `label` unless `path` (followed through links) is a regular
    file; a missing path is left to the caller's open, which says so in its words."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise InputError.at(NOT_REGULAR, file=label)


def read_bounded(path: Path, limit: int, label: str) -> bytes | None:
    """At most `limit` + 1 bytes of the regular file `path` (None when it holds more than
    `limit`: the caller says how large a file it takes). Raises `OSError` as `open` does and
    an input error for a device, pipe or socket."""
    check_regular(path, label)
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    return None if len(data) > limit else data
