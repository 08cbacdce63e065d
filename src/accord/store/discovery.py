"""Where a running Accord server announces the store it holds, so other processes can find it.

DuckDB lets one process at a time open a store file for writing. `accord serve` keeps its store
open for as long as it runs, so every other `accord` command on that file sends its work to the
server instead (the CLI's `accord.cli.remote`). To find it, the server writes a small JSON
record beside the store, `<store>.serve.json` (readable by its owner only: it holds the token
that lets a local client run commands), and removes it when it stops. A record whose process is
gone is stale: `serving` ignores and deletes it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: What the record's file name adds to the store's.
SUFFIX = ".serve.json"


@dataclass(frozen=True, slots=True)
class ServerRecord:
    """A running server of one store: its address, process, client token and start time."""

    db: str
    url: str
    pid: int
    token: str
    started_at: str

    def as_dict(self) -> dict[str, Any]:
        """The record as written to its file."""
        return {
            "db": self.db,
            "url": self.url,
            "pid": self.pid,
            "token": self.token,
            "started_at": self.started_at,
        }


def record_path(db: str | os.PathLike[str]) -> Path:
    """The record's file beside store `db` (absolute, whatever the caller's directory)."""
    path = Path(db).expanduser().absolute()
    return path.with_name(path.name + SUFFIX)


def announce(db: str | os.PathLike[str], url: str, token: str) -> ServerRecord:
    """Write the record of this process serving `db` at `url` (owner-only file, replaced whole)."""
    record = ServerRecord(
        db=str(Path(db).expanduser().absolute()),
        url=url.rstrip("/"),
        pid=os.getpid(),
        token=token,
        started_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )
    target = record_path(db)
    temporary = target.with_name(f".{target.name}.{os.getpid()}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(record.as_dict(), out)
    os.replace(temporary, target)
    return record


def withdraw(db: str | os.PathLike[str]) -> None:
    """Remove this process's record of `db` (a record another process wrote is left alone)."""
    found = read_record(db)
    if found is not None and found.pid == os.getpid():
        record_path(db).unlink(missing_ok=True)


def read_record(db: str | os.PathLike[str]) -> ServerRecord | None:
    """The record beside `db` as written, or None when there is none or it is unreadable."""
    try:
        data = json.loads(record_path(db).read_text(encoding="utf-8"))
        return ServerRecord(**{k: data[k] for k in ServerRecord.__slots__})
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, but another user's
        return True
    return True


def serving(db: str | os.PathLike[str]) -> ServerRecord | None:
    """The live server of store `db`, or None; a record whose process is gone is deleted."""
    if str(db) == ":memory:":
        return None
    record = read_record(db)
    if record is None:
        return None
    if record.pid == os.getpid() or not _alive(record.pid):
        if record.pid != os.getpid():
            record_path(db).unlink(missing_ok=True)
        return None
    return record
