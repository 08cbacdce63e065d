"""GDELT 2.0 15-minute event exports as the GDELT Project publishes them (folder `gdeltv2/`).

Every 15 minutes `<YYYYMMDDHHMMSS>.export.CSV.zip` (events), `.mentions.CSV.zip` and
`.gkg.csv.zip` appear, the series starting at 20150218230000 (GDELT 2.0 documentation, 2015).
`masterfilelist.txt` lists every file ever published and `lastupdate.txt` the latest three, one
`<bytes> <md5> <url>` line each. Only the event exports are fetched.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from urllib.parse import urljoin

from accord.events.feeds.download import Client
from accord.events.feeds.remote import RemoteFile

FIRST_DAY = dt.date(2015, 2, 18)
#: Minutes between two GDELT 2.0 updates.
STEP_MINUTES = 15
_EXPORT = re.compile(r"^(\d{14})\.export\.CSV\.zip$")


def stamp_of(name: str) -> str | None:
    """The UTC timestamp `YYYYMMDDHHMMSS` of an event export's name (None for other files)."""
    found = _EXPORT.match(name)
    return found.group(1) if found else None


def parse(lines: Iterable[str]) -> list[RemoteFile]:
    """The event exports of `<bytes> <md5> <url>` lines (other files and odd lines skipped)."""
    files = []
    for line in lines:
        parts = line.split()
        if len(parts) != 3 or not parts[0].isdigit():
            continue
        name = parts[2].rsplit("/", 1)[-1]
        stamp = stamp_of(name)
        if stamp is None:
            continue
        try:
            day = dt.datetime.strptime(stamp, "%Y%m%d%H%M%S").date()
        except ValueError:
            continue
        files.append(RemoteFile(name, parts[2], int(parts[0]), parts[1], "md5", day, day))
    return files


def list_files(client: Client, start: dt.date, end: dt.date) -> list[RemoteFile]:
    """The event exports published on the days [start, end], from `masterfilelist.txt`."""
    listed = client.lines(urljoin(client.settings.gdelt2_url, "masterfilelist.txt"))
    return sorted((f for f in parse(listed) if f.overlaps(start, end)), key=lambda f: f.name)


def latest(client: Client) -> list[RemoteFile]:
    """The newest event export(s), from `lastupdate.txt`."""
    return parse(client.text(urljoin(client.settings.gdelt2_url, "lastupdate.txt")).splitlines())


def after(client: Client, stamp: str, until: str) -> list[RemoteFile]:
    """The event exports published after `stamp` up to `until` (both `YYYYMMDDHHMMSS`), from
    `masterfilelist.txt`: what a follower missed while it was stopped."""
    listed = client.lines(urljoin(client.settings.gdelt2_url, "masterfilelist.txt"))
    found = [f for f in parse(listed) if stamp < (stamp_of(f.name) or "") <= until]
    return sorted(found, key=lambda f: f.name)
