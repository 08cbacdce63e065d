"""GDELT 1.0 event archives as the GDELT Project publishes them (folder `events/`).

One archive per year `YYYY.zip` for 1979-2005, per month `YYYYMM.zip` for January 2006 to March
2013, per day `YYYYMMDD.export.CSV.zip` from 1 April 2013 (GDELT 1.0 event documentation, 2013).
`md5sums` lists `<md5>  <name>` per archive and `filesizes` `<bytes> <name>`: both are read, and
every download is checked against them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from urllib.parse import urljoin

from accord.errors import RemoteError
from accord.events.feeds.download import Client
from accord.events.feeds.remote import RemoteFile

FIRST_DAY = dt.date(1979, 1, 1)
_NAME = re.compile(r"^(\d{4})(\d{2})?(\d{2})?(?:\.export\.CSV)?\.zip$")


def days_of(name: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day an archive covers, from its name (None for other files)."""
    found = _NAME.match(name)
    if found is None:
        return None
    year, month, day = found.groups()
    y = int(year)
    try:
        if month is None:
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        m = int(month)
        if day is None:
            return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])
        one = dt.date(y, m, int(day))
    except ValueError:
        return None
    return one, one


def _pairs(text: str) -> dict[str, str]:
    """name -> value of a `<value> <name>` list (`md5sums`, `filesizes`)."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2:
            out[parts[1]] = parts[0]
    return out


def list_files(client: Client, start: dt.date, end: dt.date) -> list[RemoteFile]:
    """The archives whose days meet [start, end], in date order, with size and MD5."""
    base = client.settings.gdelt1_url
    sums = _pairs(client.text(urljoin(base, "md5sums")))
    try:
        sizes = _pairs(client.text(urljoin(base, "filesizes")))
    except RemoteError:  # sizes are a second check only; the MD5 decides
        sizes = {}
    files = []
    for name, md5 in sums.items():
        days = days_of(name)
        if days is None:
            continue
        size = sizes.get(name)
        remote = RemoteFile(
            name=name,
            url=urljoin(base, name),
            size=int(size) if size and size.isdigit() else None,
            checksum=md5,
            first=days[0],
            last=days[1],
        )
        if remote.overlaps(start, end):
            files.append(remote)
    return sorted(files, key=lambda f: (f.first or FIRST_DAY, f.name))
