"""HTTP for the feeds, on the standard library: retried requests, resumable downloads checked
against the publisher's checksum before anything is kept, and bounded concurrency.

A download is written to `<name>.part` in the cache; a broken transfer resumes from where it
stopped with an HTTP `Range` request (or starts again when the server ignores ranges). 5xx
answers, time-outs and broken connections are retried with exponential backoff; 4xx answers
are not. Only a file whose size and digest match what the publisher lists is renamed to its
final name: a mismatch deletes the part and fails, so nothing of it is ever ingested.
"""

from __future__ import annotations

import hashlib
import http.client
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from accord import __version__
from accord.errors import RemoteError
from accord.events.feeds.remote import RemoteFile
from accord.events.feeds.settings import FeedSettings

USER_AGENT = f"accord/{__version__} (event feeds)"
_CHUNK = 1 << 20


class ChecksumError(RemoteError):
    """A downloaded file is not what the publisher lists (size or digest): refused."""


class _Retry(Exception):
    """A failure worth another attempt (5xx, time-out, broken transfer)."""


@dataclass(frozen=True, slots=True)
class DownloadProgress:
    """Bytes of one file received so far (`size` None when the publisher gives none)."""

    file: str
    received: int
    size: int | None
    done: bool = False


ProgressCallback = Callable[[DownloadProgress], None]


class Client:
    """Requests to one set of publishers, with the settings' retries, backoff and time-out."""

    def __init__(self, settings: FeedSettings) -> None:
        self.settings = settings

    def _open(self, url: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **(headers or {})})
        try:
            response = urllib.request.urlopen(request, timeout=self.settings.timeout)
        except urllib.error.HTTPError as exc:
            exc.close()
            if exc.code >= 500 or exc.code == 429:
                raise _Retry(f"HTTP {exc.code} {exc.reason}") from None
            raise RemoteError(f"{url}: HTTP {exc.code} {exc.reason}") from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            reason = getattr(exc, "reason", exc)
            raise _Retry(f"cannot reach the server: {reason}") from None
        assert isinstance(response, http.client.HTTPResponse)
        return response

    def retrying(self, url: str, attempt: Callable[[], object]) -> object:
        """Run `attempt` until it succeeds, retrying `_Retry` failures with backoff; then a
        `RemoteError` saying how many attempts failed and the last reason."""
        tries = self.settings.retries + 1
        for number in range(1, tries + 1):
            try:
                return attempt()
            except _Retry as exc:
                if number == tries:
                    raise RemoteError(
                        f"{url}: failed after {tries} attempt(s); last: {exc}"
                    ) from None
                time.sleep(self.settings.backoff * 2 ** (number - 1))
        raise AssertionError("unreachable")

    def text(self, url: str) -> str:
        """The body of `url` as text (for file lists), retried."""

        def attempt() -> str:
            with self._open(url) as response:
                return _read_all(response).decode("utf-8", errors="replace")

        return str(self.retrying(url, attempt))

    def lines(self, url: str) -> Iterator[str]:
        """The lines of `url`, streamed (for lists too large to hold, like GDELT's
        masterfilelist.txt); the request is retried, the stream is not."""

        def attempt() -> http.client.HTTPResponse:
            return self._open(url)

        response = self.retrying(url, attempt)
        assert isinstance(response, http.client.HTTPResponse)
        with response:
            try:
                for raw in response:
                    yield raw.decode("utf-8", errors="replace").rstrip("\r\n")
            except (http.client.HTTPException, OSError) as exc:
                raise RemoteError(f"{url}: the list broke off: {exc}") from None

    def download(
        self, remote: RemoteFile, directory: Path, progress: ProgressCallback | None = None
    ) -> Path:
        """`remote` saved in `directory` under its name once its size and checksum match;
        resumed from a `.part` file left by an earlier broken transfer."""
        directory.mkdir(parents=True, exist_ok=True)
        final = directory / remote.name
        part = directory / (remote.name + ".part")
        if final.exists() and _matches(remote, final):
            return final  # downloaded before (e.g. by a fetch stopped before its ingest)

        def attempt() -> None:
            _transfer(self, remote, part, progress)

        self.retrying(remote.url, attempt)
        _verify(remote, part)
        part.replace(final)
        if progress is not None:
            progress(DownloadProgress(remote.name, final.stat().st_size, remote.size, True))
        return final


def _read_all(response: IO[bytes]) -> bytes:
    try:
        return response.read()
    except (http.client.IncompleteRead, TimeoutError, ConnectionError) as exc:
        raise _Retry(f"the transfer broke off: {exc!r}") from None


def _transfer(
    client: Client, remote: RemoteFile, part: Path, progress: ProgressCallback | None
) -> None:
    """One attempt: fetch the rest of `remote` into `part` (appending from its length)."""
    have = part.stat().st_size if part.exists() else 0
    if remote.size is not None and have > remote.size:
        part.unlink()
        have = 0
    if remote.size is not None and have == remote.size:
        return
    headers = {"Range": f"bytes={have}-"} if have else {}
    with client._open(remote.url, headers) as response:
        resumed = have > 0 and response.status == 206
        mode = "ab" if resumed else "wb"
        received = have if resumed else 0
        with part.open(mode) as out:
            try:
                while chunk := response.read(_CHUNK):
                    out.write(chunk)
                    received += len(chunk)
                    if progress is not None:
                        progress(DownloadProgress(remote.name, received, remote.size))
            except (http.client.IncompleteRead, TimeoutError, OSError) as exc:
                raise _Retry(f"the transfer broke off after {received:,} bytes: {exc!r}") from None
    if remote.size is not None and received < remote.size:
        raise _Retry(f"the transfer ended after {received:,} of {remote.size:,} bytes")


def _mismatch(remote: RemoteFile, path: Path) -> str | None:
    """How the file at `path` differs from what the publisher lists (None when it matches)."""
    size = path.stat().st_size
    if remote.size is not None and size != remote.size:
        return f"size {size:,} bytes, the publisher lists {remote.size:,}"
    if remote.checksum is not None:
        digest = hashlib.new(remote.algorithm)
        with path.open("rb") as data:
            while block := data.read(1 << 20):
                digest.update(block)
        if digest.hexdigest().lower() != remote.checksum.lower():
            return f"{remote.algorithm} {digest.hexdigest()}, the publisher lists {remote.checksum}"
    return None


def _matches(remote: RemoteFile, path: Path) -> bool:
    return remote.checksum is not None and _mismatch(remote, path) is None


def _verify(remote: RemoteFile, part: Path) -> None:
    """Refuse (and delete) a downloaded file whose size or digest is not the published one."""
    problem = _mismatch(remote, part)
    if problem is not None:
        part.unlink()
        raise ChecksumError(f"{remote.name}: refused, {problem}; nothing of it was kept")


@dataclass(frozen=True, slots=True)
class Downloaded:
    """How one download ended: the saved `path`, or the `error` that stopped it."""

    remote: RemoteFile
    path: Path | None = None
    error: Exception | None = None


def download_all(
    client: Client,
    remotes: Iterable[RemoteFile],
    directory: Path,
    progress: ProgressCallback | None = None,
    stop: threading.Event | None = None,
) -> Iterator[Downloaded]:
    """Download `remotes` with at most `settings.concurrency` transfers at once, yielding
    each as it completes (so the caller can ingest one while others still download)."""
    pending = list(remotes)
    if not pending:
        return
    with ThreadPoolExecutor(client.settings.concurrency, thread_name_prefix="accord-feed") as pool:
        futures: dict[Future[Path], RemoteFile] = {}
        for remote in pending:
            futures[pool.submit(client.download, remote, directory, progress)] = remote
        try:
            for future in as_completed(futures):
                remote = futures[future]
                error = future.exception()
                if error is None:
                    yield Downloaded(remote, future.result())
                elif isinstance(error, Exception):
                    yield Downloaded(remote, error=error)
                else:
                    raise error
                if stop is not None and stop.is_set():
                    break
        finally:
            for future in futures:
                future.cancel()
