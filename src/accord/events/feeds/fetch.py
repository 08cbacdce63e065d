"""`fetch`: bring a publisher's files for a date range into the store, as they arrive.

Files the ingest log already holds (by archive name, status ok) are skipped; the rest download
side by side (bounded by `FeedSettings.concurrency`), each checked against the publisher's
checksum, and each is ingested through `accord.events.ingest` (the one write path) as soon as
it is complete, while the others still download. A file that cannot be fetched or read is
reported with why; the others go on.
"""

from __future__ import annotations

import datetime as dt
import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from accord.errors import AccordError, InputError, UnknownNameError
from accord.events.feeds import dataverse, gdelt1, gdelt2
from accord.events.feeds.download import Client, Downloaded, DownloadProgress, download_all
from accord.events.feeds.remote import RemoteFile
from accord.events.feeds.settings import FeedSettings
from accord.events.ingest import IngestError, ingest
from accord.events.schema import EVENTS_SCHEMA, STATUS_OK
from accord.jsonable import AsDict
from accord.store import Store

#: Sources `fetch` knows, each with the reader format its files are ingested with.
SOURCES: dict[str, str] = {
    "gdelt1": "gdelt1",
    "gdelt2": "gdelt2",
    "icews": "icews",
    "polecat": "auto",
}
#: The first day each source has events for.
FIRST_DAYS = {
    "gdelt1": gdelt1.FIRST_DAY,
    "gdelt2": gdelt2.FIRST_DAY,
    "icews": dt.date(1995, 1, 1),
    "polecat": dt.date(2018, 1, 1),
}

INGESTED = "ingested"
SKIPPED = "skipped"
FAILED = "failed"

#: Something that lends the store for a block (the server lends it under its lock).
StoreAccess = Callable[[], AbstractContextManager[Store]]


@dataclass
class FetchedFile(AsDict):
    """What happened to one remote file: ingested (with its counts), skipped or failed."""

    name: str
    status: str
    size: int | None = None
    path: str | None = None
    stored: int = 0
    duplicate: int = 0
    rejected: int = 0
    first: dt.date | None = None
    last: dt.date | None = None
    reason: str | None = None


@dataclass
class FetchReport(AsDict):
    """A fetch: the source, the days asked for, and every file with what happened to it."""

    source: str
    start: dt.date
    end: dt.date
    files: list[FetchedFile] = field(default_factory=list)

    def count(self, status: str) -> int:
        """How many files ended with `status`."""
        return sum(1 for f in self.files if f.status == status)

    @property
    def failed(self) -> list[FetchedFile]:
        return [f for f in self.files if f.status == FAILED]


@dataclass(frozen=True, slots=True)
class FetchProgress:
    """Where a fetch is: files finished of all, bytes received of all known, and the file
    that just moved (`stage`: download, ingested, skipped or failed)."""

    files_done: int
    files_total: int
    bytes_done: int
    bytes_total: int
    file: str
    stage: str


FetchCallback = Callable[[FetchProgress], None]


def check_range(source: str, start: dt.date, end: dt.date) -> None:
    """Refuse an unknown source (`UnknownNameError`), or a range that is empty or ends before
    the source starts (`InputError`)."""
    if source not in SOURCES:
        raise UnknownNameError("feed source", source, tuple(SOURCES))
    if start > end:
        raise InputError.at(f"the range ends ({end}) before it starts ({start})", field="--to")
    if end < FIRST_DAYS[source]:
        raise InputError.at(
            f"{source} starts on {FIRST_DAYS[source]}; the range ends on {end}", field="--to"
        )


def list_remote(client: Client, source: str, start: dt.date, end: dt.date) -> list[RemoteFile]:
    """The publisher's files of `source` whose days meet [start, end]."""
    check_range(source, start, end)
    if source == "gdelt1":
        return gdelt1.list_files(client, start, end)
    if source == "gdelt2":
        return gdelt2.list_files(client, start, end)
    settings = client.settings
    if source == "icews":
        return dataverse.list_files(client, settings.icews_doi, start, end)
    return dataverse.list_files(client, settings.polecat_doi, start, end, weekly=True)


def archive_name(file: str) -> str:
    """The downloaded file's own name in an ingest-log entry (`/dir/a.zip!member` -> a.zip)."""
    return Path(file.split("!", 1)[0]).name


def ingested_names(store: Store) -> set[str]:
    """Names of the archives the ingest log holds as stored (status ok)."""
    store.ensure(EVENTS_SCHEMA)
    rows = store.con.execute("SELECT DISTINCT file FROM ingest_log WHERE status = ?", [STATUS_OK])
    return {archive_name(str(r[0])) for r in rows.fetchall()}


class _Tally:
    """Progress across threads: bytes per file and files finished, under a lock."""

    def __init__(self, remotes: list[RemoteFile], callback: FetchCallback | None) -> None:
        self.callback = callback
        self.total_files = len(remotes)
        self.total_bytes = sum(r.size or 0 for r in remotes)
        self.received: dict[str, int] = {}
        self.finished = 0
        self.lock = threading.Lock()

    def bytes(self, p: DownloadProgress) -> None:
        with self.lock:
            self.received[p.file] = p.received
            self._emit(p.file, "download")

    def done(self, name: str, stage: str) -> None:
        with self.lock:
            self.finished += 1
            self._emit(name, stage)

    def _emit(self, name: str, stage: str) -> None:
        if self.callback is not None:
            done = sum(self.received.values())
            self.callback(
                FetchProgress(self.finished, self.total_files, done, self.total_bytes, name, stage)
            )


@contextmanager
def _lent(store: Store) -> Iterator[Store]:
    yield store


def _ingest_ready(
    access: StoreAccess, ready: list[tuple[RemoteFile, Path]], fmt: str
) -> list[FetchedFile]:
    """Ingest verified downloads in one call (one world, one context: less per-file cost); a
    file that cannot be read fails alone (`IngestError` reports every file)."""
    out = {
        r.name: FetchedFile(r.name, INGESTED, r.size, str(p), first=r.first, last=r.last)
        for r, p in ready
    }
    try:
        with access() as store:
            report = ingest(store, [p for _, p in ready], format=fmt)
    except IngestError as exc:
        report = exc.report
    except AccordError as exc:  # before any file was read (e.g. a damaged archive)
        if len(ready) > 1:
            return [f for item in ready for f in _ingest_ready(access, [item], fmt)]
        only = out[ready[0][0].name]
        only.status, only.reason = FAILED, str(exc)
        return [only]
    for part in report.files:
        done = out[archive_name(part.file)]
        done.stored += part.stored
        done.duplicate += part.duplicate
        done.rejected += part.rejected
        if part.status != STATUS_OK:
            done.status = FAILED
            done.reason = "; ".join(str(e) for e in part.errors) or part.status
    return list(out.values())


def _batches(
    client: Client, todo: list[RemoteFile], directory: Path, tally: _Tally
) -> Iterator[list[Downloaded]]:
    """Finished downloads, in batches of those ready at once: while one batch is ingested the
    next ones keep downloading (a thread drives the downloads)."""
    ready: queue.Queue[Downloaded | None] = queue.Queue()

    def drive() -> None:
        try:
            for item in download_all(client, todo, directory, tally.bytes):
                ready.put(item)
        finally:
            ready.put(None)

    threading.Thread(target=drive, name="accord-fetch", daemon=True).start()
    finished = False
    while not finished:
        batch = [ready.get()]
        while not ready.empty():
            batch.append(ready.get_nowait())
        finished = batch[-1] is None
        items = [b for b in batch if b is not None]
        if items:
            yield items


def fetch_files(
    access: StoreAccess,
    client: Client,
    remotes: list[RemoteFile],
    fmt: str,
    directory: Path,
    *,
    progress: FetchCallback | None = None,
) -> list[FetchedFile]:
    """Download `remotes` into `directory` and ingest them as they complete (in the calling
    thread: one writer), skipping those the ingest log holds; one `FetchedFile` each."""
    with access() as store:
        done = ingested_names(store)
    todo = [r for r in remotes if r.name not in done]
    tally = _Tally(todo, progress)
    results = [FetchedFile(r.name, SKIPPED, r.size) for r in remotes if r.name in done]
    for batch in _batches(client, todo, directory, tally):
        for item in batch:
            if item.path is None:
                reason = str(item.error) or type(item.error).__name__
                failed = FetchedFile(item.remote.name, FAILED, item.remote.size, reason=reason)
                results.append(failed)
                tally.done(item.remote.name, FAILED)
        ready = [(i.remote, i.path) for i in batch if i.path is not None]
        for ingested in _ingest_ready(access, ready, fmt) if ready else []:
            results.append(ingested)
            tally.done(ingested.name, ingested.status)
    order = {r.name: i for i, r in enumerate(remotes)}
    return sorted(results, key=lambda f: order.get(f.name, len(order)))


def fetch(
    store: Store,
    source: str,
    start: dt.date,
    end: dt.date,
    *,
    settings: FeedSettings | None = None,
    progress: FetchCallback | None = None,
) -> FetchReport:
    """Fetch and ingest the files of `source` (gdelt1, gdelt2, icews, polecat) whose days meet
    [start, end]; see the module docstring."""
    check_range(source, start, end)
    settings = settings or FeedSettings.from_env(store.path)
    client = Client(settings)
    remotes = list_remote(client, source, start, end)
    directory = settings.cache_dir / source
    files = fetch_files(
        lambda: _lent(store), client, remotes, SOURCES[source], directory, progress=progress
    )
    return FetchReport(source, start, end, files)
