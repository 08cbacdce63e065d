"""ICEWS and POLECAT on Harvard Dataverse, through its native API.

`GET {server}/api/datasets/:persistentId/?persistentId=<doi>` lists a dataset's latest version
with each file's id, name, size and checksum (MD5 or a SHA); `GET {server}/api/access/datafile/
{id}` downloads one (Dataverse API guide, 2024). The days a file covers are read from its name:
ICEWS names its yearly files `events.YYYY.<stamp>.tab.zip`, POLECAT its weekly files by date.
Files without a date in their name (documentation, codebooks) are not fetched.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from typing import Any
from urllib.parse import quote

from accord.errors import RemoteError
from accord.events.feeds.download import Client
from accord.events.feeds.remote import RemoteFile

#: Names of event files: text, tab, CSV or JSON data, plain or compressed.
_DATA = re.compile(r"\.(tab|tsv|txt|csv|json|jsonl)(\.zip|\.gz)?$|\.zip$", re.IGNORECASE)
_DAY = re.compile(r"(?<!\d)(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)")
_YEAR = re.compile(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)")
#: Dataverse checksum types -> hashlib names.
_ALGORITHMS = {"MD5": "md5", "SHA-1": "sha1", "SHA-256": "sha256", "SHA-512": "sha512"}


def days_of(name: str, weekly: bool) -> tuple[dt.date, dt.date] | None:
    """The days a file covers, from its name: weekly files (POLECAT) the week from the date in
    it; yearly files (ICEWS, `events.1995.20150313082510.tab.zip`) the year named first, else
    the day in it. None when the name holds no date."""
    year = _YEAR.search(name)
    if not weekly and year is not None:
        y = int(year.group(1))
        return dt.date(y, 1, 1), dt.date(y, 12, calendar.monthrange(y, 12)[1])
    found = _DAY.search(name)
    if found is None:
        return None
    try:
        day = dt.date(*(int(g) for g in found.groups()))
    except ValueError:
        return None
    return day, day + dt.timedelta(days=6 if weekly else 0)


def _remote(server: str, entry: dict[str, Any], weekly: bool) -> RemoteFile | None:
    data = entry.get("dataFile") or {}
    name = str(data.get("originalFileName") or data.get("filename") or entry.get("label") or "")
    days = days_of(name, weekly)
    if not name or days is None or not _DATA.search(name) or "id" not in data:
        return None
    checksum = data.get("checksum") or {}
    algorithm = _ALGORITHMS.get(str(checksum.get("type", "")).upper())
    size = data.get("originalFileSize") or data.get("filesize")
    original = "?format=original" if data.get("originalFileName") else ""
    return RemoteFile(
        name=name,
        url=f"{server}/api/access/datafile/{data['id']}{original}",
        size=int(size) if size is not None else None,
        checksum=str(checksum["value"]) if algorithm and checksum.get("value") else None,
        algorithm=algorithm or "md5",
        first=days[0],
        last=days[1],
    )


def list_files(
    client: Client, doi: str, start: dt.date, end: dt.date, *, weekly: bool = False
) -> list[RemoteFile]:
    """The dataset's event files whose days meet [start, end], in date order."""
    server = client.settings.dataverse_url.rstrip("/")
    url = f"{server}/api/datasets/:persistentId/?persistentId={quote(doi, safe=':/')}"
    try:
        answer = json.loads(client.text(url))
        files = answer["data"]["latestVersion"]["files"]
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise RemoteError(f"{url}: not a Dataverse dataset answer ({exc!r})") from None
    found = [r for e in files if (r := _remote(server, e, weekly)) is not None]
    return sorted((r for r in found if r.overlaps(start, end)), key=lambda r: (r.first, r.name))
