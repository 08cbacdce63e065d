"""What a publisher lists: one `RemoteFile` per archive, with the checksum it publishes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from accord.jsonable import AsDict


@dataclass(frozen=True)
class RemoteFile(AsDict):
    """One file a publisher offers: where it is, how big, its published checksum (hex digest
    by `algorithm`, a `hashlib` name) and the days its events cover."""

    name: str
    url: str
    size: int | None = None
    checksum: str | None = None
    algorithm: str = "md5"
    first: dt.date | None = None
    last: dt.date | None = None

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        """True when the file's days meet [start, end] (a file of unknown days always does)."""
        if self.first is None or self.last is None:
            return True
        return self.first <= end and self.last >= start
