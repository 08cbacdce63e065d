"""A user's file read safely: a regular file only, and never more bytes than a limit.

`/dev/zero`, a FIFO or a socket named as a world file, a scenario or a mapping would be read
without end (memory) or block for ever; a file that grows while it is read would pass a size
check made before. Every reader of a whole small file goes through `read_bounded`."""

from __future__ import annotations

import difflib
import stat
from pathlib import Path

from accord.errors import InputError

NOT_REGULAR = "not a regular file (a device, pipe or socket): save the data to a file"


def control_in_name(name: str) -> bool:
    """Whether a file name (a zip member's, an upload's) holds a control character (C0 or
    DEL), which would reach terminals and the store's log as it is."""
    return any(ord(c) < 32 or ord(c) == 127 for c in name)


def named_or_shipped(given: str | Path, folder: Path, what: str) -> Path:
    """The file an argument names: the path itself when it exists or looks like a path, else
    the YAML file of that name shipped in `folder` (`baseline` is `scenarios/baseline.yaml`,
    from any working folder); an input error naming the close match and the shipped names
    of `what` (scenarios, exercises) when neither exists."""
    path = Path(given)
    if path.exists():
        return path
    shipped = folder / f"{path.name}.yaml"
    if not path.suffix and len(path.parts) == 1 and shipped.is_file():
        return shipped
    names = sorted(p.stem for p in folder.glob("*.yaml"))
    near = difflib.get_close_matches(path.stem, names, n=1)
    hint = f" (did you mean {near[0]!r}?)" if near and not path.suffix else ""
    hint += f" (shipped {what}s, by name or file: {', '.join(names)})" if names else ""
    raise InputError.at(f"no such {what} file{hint}", file=str(given))


def why_passed_over(entry: Path, what: str = "the data") -> str | None:
    """Why a folder's entry is passed over, from its metadata alone (it is never opened: a
    pipe waits for a writer); None for a file or a folder. `what` names what the user should
    save to a file instead of a pipe (the data, the case)."""
    try:
        mode = entry.stat().st_mode  # through a link
    except FileNotFoundError:
        return "a symbolic link to nothing (its target does not exist): passed over"
    except OSError as exc:  # a loop of links, a folder that may not be read
        return f"cannot be examined ({exc.strerror or exc}): passed over"
    if stat.S_ISDIR(mode):
        linked = entry.is_symlink()
        return "a link to a folder: not followed (name the folder itself)" if linked else None
    if stat.S_ISREG(mode):
        return None
    kind = (
        "a named pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
    )
    return f"{kind}, not a regular file: passed over, not opened (save {what} to a file)"


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
