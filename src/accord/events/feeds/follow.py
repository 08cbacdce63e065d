"""`Follower`: keep a store current with GDELT 2.0 as the publisher updates it.

Each step reads `lastupdate.txt`; a new event export is downloaded, checked and ingested (the
same path as `fetch`). The follower's state is the ingest log alone: the newest export it holds
says where to go on, so a follower stopped for a while catches up from `masterfilelist.txt` on
its next step, and nothing is fetched twice. A step ends by handing a `FollowStep` (the files and
the days of the events they stored) to `on_step`, where relation alerts are updated.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from accord.errors import AccordError, InputError, UnknownNameError
from accord.events.feeds import gdelt2
from accord.events.feeds.download import Client
from accord.events.feeds.fetch import (
    INGESTED,
    FetchCallback,
    FetchedFile,
    StoreAccess,
    fetch_files,
    ingested_names,
)
from accord.events.feeds.remote import RemoteFile
from accord.events.feeds.settings import FeedSettings
from accord.jsonable import AsDict
from accord.store import Store

#: Sources a follower can follow (those that publish a "latest files" list).
FOLLOWABLE: tuple[str, ...] = ("gdelt2",)
#: Seconds between polls unless told otherwise: GDELT 2.0 updates every 15 minutes.
DEFAULT_EVERY = 15 * 60.0
_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*$")
_UNIT = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_every(text: str) -> float:
    """Seconds in a poll interval such as '15m', '30s', '1h' or '90' (seconds)."""
    found = _EVERY.match(text.lower())
    seconds = float(found.group(1)) * _UNIT[found.group(2)] if found else 0.0
    if seconds <= 0:
        raise InputError.at(
            f"expected an interval like 15m, 30s or 1h, got {text!r}", field="--every"
        )
    return seconds


@dataclass
class FollowStep(AsDict):
    """One poll: when, the files it fetched, and the first and last day of the events they
    stored (None when nothing new was stored)."""

    at: dt.datetime
    files: list[FetchedFile] = field(default_factory=list)
    first: dt.date | None = None
    last: dt.date | None = None

    @property
    def stored(self) -> int:
        return sum(f.stored for f in self.files)


def last_stamp(store: Store) -> str | None:
    """The timestamp of the newest GDELT 2.0 event export the ingest log holds as stored."""
    stamps = [s for n in ingested_names(store) if (s := gdelt2.stamp_of(n)) is not None]
    return max(stamps, default=None)


def _moment(stamp: str) -> dt.datetime:
    return dt.datetime.strptime(stamp, "%Y%m%d%H%M%S")


def _event_days(store: Store, files: list[FetchedFile]) -> tuple[dt.date | None, dt.date | None]:
    """The first and last event day of the rows `files` stored."""
    paths = [f.path for f in files if f.status == INGESTED and f.stored and f.path]
    if not paths:
        return None, None
    clauses = " OR ".join("(file = ? OR starts_with(file, ?))" for _ in paths)
    params = [v for p in paths for v in (p, p + "!")]
    row = store.con.execute(
        f"SELECT min(event_date), max(event_date) FROM events WHERE {clauses}", params
    ).fetchone()
    return (row[0], row[1]) if row is not None else (None, None)


class Follower:
    """Polls a publisher and ingests each new file; see the module docstring."""

    def __init__(
        self,
        access: StoreAccess,
        *,
        source: str = "gdelt2",
        settings: FeedSettings | None = None,
        every: float = DEFAULT_EVERY,
        on_step: Callable[[FollowStep], None] | None = None,
        on_error: Callable[[AccordError], None] | None = None,
        progress: FetchCallback | None = None,
    ) -> None:
        if source not in FOLLOWABLE:
            raise UnknownNameError("followable source", source, FOLLOWABLE)
        if every <= 0:
            raise InputError.at("the poll interval must be positive", field="--every")
        self.access = access
        self.source = source
        self.settings = settings or FeedSettings.from_env()
        self.client = Client(self.settings)
        self.every = every
        self.on_step = on_step
        self.on_error = on_error
        self.progress = progress

    def wanted(self) -> list[RemoteFile]:
        """The exports to fetch now: the latest, and any missed since the newest ingested."""
        latest = gdelt2.latest(self.client)
        if not latest:
            return []
        newest = max(gdelt2.stamp_of(f.name) or "" for f in latest)
        with self.access() as store:
            last = last_stamp(store)
        if last is None:
            return latest
        if newest <= last:
            return []
        gap = _moment(newest) - _moment(last)
        if gap <= dt.timedelta(minutes=gdelt2.STEP_MINUTES):
            return latest
        missed = {f.name: f for f in gdelt2.after(self.client, last, newest)}
        missed.update({f.name: f for f in latest})
        return sorted(missed.values(), key=lambda f: f.name)

    def step(self) -> FollowStep:
        """One poll: fetch and ingest what is new; `on_step` gets the result."""
        at = dt.datetime.now(dt.UTC)
        files = fetch_files(
            self.access,
            self.client,
            self.wanted(),
            "gdelt2",
            self.settings.cache_dir / self.source,
            progress=self.progress,
        )
        with self.access() as store:
            first, last = _event_days(store, files)
        result = FollowStep(at, files, first, last)
        if self.on_step is not None:
            self.on_step(result)
        return result

    def run(self, stop: threading.Event, *, steps: int | None = None) -> None:
        """Poll every `every` seconds until `stop` is set (or after `steps` polls). A failed
        poll goes to `on_error` (or is raised when there is none) and the next one retries."""
        done = 0
        while not stop.is_set():
            try:
                self.step()
            except AccordError as exc:
                if self.on_error is None:
                    raise
                self.on_error(exc)
            done += 1
            if steps is not None and done >= steps:
                return
            stop.wait(self.every)
