"""`Webhook`: POST JSON announcements to a URL from a background thread.

`send` only queues the payload and returns, so a slow or failing receiver never holds up the
follower; each POST is retried with backoff on 5xx answers, time-outs and refused connections,
then dropped and counted in `failed`. The queue is bounded: when it is full the oldest waiting
payload is dropped (and counted) to make room.
"""

from __future__ import annotations

import json
import queue
import threading
import time
import urllib.error
import urllib.request
from typing import Any

from accord.events.feeds.download import USER_AGENT
from accord.jsonable import jsonable

_STOP = object()


class Webhook:
    """A receiver URL and the thread that posts to it."""

    def __init__(
        self,
        url: str,
        *,
        retries: int = 4,
        backoff: float = 0.5,
        timeout: float = 10.0,
        capacity: int = 1000,
    ) -> None:
        self.url = url
        self.retries = retries
        self.backoff = backoff
        self.timeout = timeout
        self.sent = 0
        self.failed = 0
        self._queue: queue.Queue[object] = queue.Queue(capacity)
        self._thread = threading.Thread(target=self._work, name="accord-webhook", daemon=True)
        self._thread.start()

    def send(self, payload: Any) -> None:
        """Queue `payload` (made JSON-able) for posting; never blocks."""
        item = jsonable(payload)
        while True:
            try:
                self._queue.put_nowait(item)
                return
            except queue.Full:
                try:
                    self._queue.get_nowait()
                    self.failed += 1
                except queue.Empty:
                    pass

    def close(self, timeout: float = 5.0) -> None:
        """Post what is queued (waiting at most `timeout` seconds), then stop the thread."""
        try:
            self._queue.put(_STOP, timeout=timeout)
        except queue.Full:
            return
        self._thread.join(timeout)

    def _work(self) -> None:
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            if self._post(item):
                self.sent += 1
            else:
                self.failed += 1

    def _post(self, item: object) -> bool:
        body = json.dumps(item, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT}
        for attempt in range(self.retries + 1):
            request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                    answer.read()
                return True
            except urllib.error.HTTPError as exc:
                exc.close()
                if exc.code < 500 and exc.code != 429:
                    return False
            except (urllib.error.URLError, TimeoutError, ConnectionError, OSError):
                pass
            if attempt < self.retries:
                time.sleep(self.backoff * 2**attempt)
        return False
