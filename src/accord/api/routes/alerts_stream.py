"""`/api/alerts/stream`: new relation alerts as server-sent events, as a follower finds them.

`AlertHub` fans each announcement (see `accord.relations.live`) out to every connected stream
from whichever thread made it; a client that reconnects with `Last-Event-ID` gets what it
missed from the last `RECENT` announcements. `start_following` runs a follower (`accord serve
--follow gdelt2`) in a background thread for the life of the app: it writes through the app's
store under its lock, announces on the hub and, when set, to a webhook.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from collections import deque
from collections.abc import AsyncIterator, Callable
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import StreamingResponse

from accord.api.services import Services
from accord.errors import AccordError
from accord.events.feeds import FeedSettings, Webhook
from accord.jsonable import jsonable

router = APIRouter(prefix="/api/alerts", tags=["relations"])

#: Announcements kept for clients that reconnect.
RECENT = 200
#: Seconds between keep-alive comments on an idle stream.
KEEPALIVE = 15.0
#: Announcements a slow client may fall behind by before it misses some.
BACKLOG = 1000


class AlertHub:
    """Announcements numbered in order and handed to every subscribed stream."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._next = 1
        self.recent: deque[tuple[int, dict[str, Any]]] = deque(maxlen=RECENT)
        self._subscribers: set[tuple[asyncio.AbstractEventLoop, asyncio.Queue[Any]]] = set()

    def publish(self, message: dict[str, Any]) -> int:
        """Number `message` and send it to every stream (callable from any thread)."""
        with self._lock:
            number = self._next
            self._next += 1
            item = (number, jsonable(message))
            self.recent.append(item)
            subscribers = list(self._subscribers)
        for loop, queue in subscribers:
            try:
                loop.call_soon_threadsafe(_offer, queue, item)
            except RuntimeError:  # its loop has closed
                self._drop(loop, queue)
        return number

    def _drop(self, loop: asyncio.AbstractEventLoop, queue: asyncio.Queue[Any]) -> None:
        with self._lock:
            self._subscribers.discard((loop, queue))

    def subscribe(self, after: int | None) -> tuple[asyncio.Queue[Any], Callable[[], None]]:
        """A queue receiving each announcement from now on (first those numbered after `after`
        still held), and the function that ends the subscription."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[Any] = asyncio.Queue(BACKLOG)
        with self._lock:
            if after is not None:
                for item in self.recent:
                    if item[0] > after:
                        _offer(queue, item)
            self._subscribers.add((loop, queue))
        return queue, lambda: self._drop(loop, queue)


def _offer(queue: asyncio.Queue[Any], item: Any) -> None:
    # a client too slow to keep up misses what overflows (it can reconnect with Last-Event-ID)
    with contextlib.suppress(asyncio.QueueFull):
        queue.put_nowait(item)


def _event(number: int, message: dict[str, Any]) -> str:
    kind = str(message.get("kind", "message"))
    data = json.dumps(message, ensure_ascii=False)
    return f"id: {number}\nevent: {kind}\ndata: {data}\n\n"


def _last_id(request: Request) -> int | None:
    raw = request.headers.get("last-event-id", "")
    return int(raw) if raw.isdigit() else None


class EventStream(StreamingResponse):
    """A server-sent-events response (documented as `text/event-stream` in the OpenAPI)."""

    media_type = "text/event-stream"


_STREAM_DOC: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Server-sent events: `event: alert` or `event: files`, `data:` JSON.",
        "content": {"text/event-stream": {"schema": {"type": "string"}}},
    }
}


@router.get("/stream", response_class=EventStream, responses=_STREAM_DOC)
async def alert_stream(request: Request) -> EventStream:
    """New alerts (`event: alert`) and fetched files (`event: files`) as server-sent events;
    each `data` line is one JSON announcement."""
    hub: AlertHub = request.app.state.alerts
    queue, unsubscribe = hub.subscribe(_last_id(request))

    async def events() -> AsyncIterator[str]:
        try:
            yield "retry: 3000\n: connected\n\n"
            while not await request.is_disconnected():
                try:
                    number, message = await asyncio.wait_for(queue.get(), KEEPALIVE)
                except TimeoutError:
                    yield ": keep-alive\n\n"
                    continue
                yield _event(number, message)
        finally:
            unsubscribe()

    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    return EventStream(events(), headers=headers)


def start_following(app: FastAPI, svc: Services) -> Callable[[], None]:
    """Start the follower the settings ask for (if any) in a background thread; returns the
    function that stops it (and flushes the webhook)."""
    settings = svc.settings
    if settings.follow is None:
        return lambda: None
    from accord.relations.live import following

    hub: AlertHub = app.state.alerts
    hook = Webhook(settings.webhook) if settings.webhook else None

    def announce(message: dict[str, Any]) -> None:
        hub.publish(message)
        if hook is not None:
            hook.send(message)

    def failed(exc: AccordError) -> None:
        hub.publish({"kind": "error", "source": settings.follow, "message": str(exc)})

    follower = following(
        svc.locked_store,
        announce,
        source=settings.follow,
        settings=FeedSettings.from_env(settings.db),
        every=settings.follow_every,
        on_error=failed,
    )
    svc.capabilities.add("live-alerts")  # the dashboard listens to the stream when it sees this
    stop = threading.Event()
    thread = threading.Thread(target=follower.run, args=(stop,), name="accord-follow", daemon=True)
    thread.start()

    def halt() -> None:
        stop.set()
        thread.join(30)
        if hook is not None:
            hook.close()

    return halt
