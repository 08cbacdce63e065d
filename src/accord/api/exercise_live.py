"""Live exercise sessions: the hub that fans moves out to each viewer's stream, and the clock.

`SessionHub` keeps, per session, the last move number announced and the streams listening.
`sync` reads the moves stored since then (whoever wrote them: a route, the clock, the CLI) and
hands each one to the streams whose identity may read it (`accord.exercises.session.visible`,
the inbox's rule), so a stream never sees what its token could not fetch. Notes (the clock,
a turn adjudicated) carry no move number and go to every stream of the session.

`run_clock` is the small scheduler of a running app: every `TICK` seconds it fires the minute
injects that fell due and advances the sessions whose turn clock ran out (`accord.exercises
.clock.tick`), then announces what changed.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import logging
import threading
from collections.abc import Callable
from typing import Any

import anyio.to_thread
import duckdb

from accord.api.services import Services
from accord.errors import AccordError
from accord.exercises.controls import tick
from accord.exercises.session import Access, visible
from accord.exercises.store_io import Move, last_seq, moves
from accord.exercises.turns import TurnReport
from accord.jsonable import jsonable

log = logging.getLogger("accord.api")

#: Seconds between two looks of the scheduler at the sessions' clocks.
TICK = 1.0
#: Items a slow stream may fall behind by before it misses some (it reconnects with
#: Last-Event-ID and gets them from the store).
BACKLOG = 1000

#: What a stream receives: the move number (None for a note) and the event's text.
Item = tuple[int | None, str]


def sse(number: int | None, kind: str, data: Any) -> str:
    """One server-sent event (`id` only for moves: notes do not move `Last-Event-ID`)."""
    head = f"id: {number}\n" if number is not None else ""
    return f"{head}event: {kind}\ndata: {json.dumps(jsonable(data), ensure_ascii=False)}\n\n"


def _offer(queue: asyncio.Queue[Item], item: Item) -> None:
    with contextlib.suppress(asyncio.QueueFull):
        queue.put_nowait(item)


class _Listener:
    """One connected stream: its loop, its queue and who it is."""

    def __init__(self, access: Access) -> None:
        self.loop = asyncio.get_running_loop()
        self.queue: asyncio.Queue[Item] = asyncio.Queue(BACKLOG)
        self.access = access

    def send(self, item: Item) -> bool:
        """Queue `item` from any thread; False when the stream's loop has closed."""
        try:
            self.loop.call_soon_threadsafe(_offer, self.queue, item)
        except RuntimeError:
            return False
        return True


class SessionHub:
    """The streams of every session and the last move announced to them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._announced: dict[str, int] = {}
        self._listeners: dict[str, set[_Listener]] = {}

    def subscribe(self, session_id: str, access: Access) -> tuple[_Listener, Callable[[], None]]:
        """A listener for `access` on `session_id`, and the function that removes it."""
        listener = _Listener(access)
        with self._lock:
            self._listeners.setdefault(session_id, set()).add(listener)

        def drop() -> None:
            with self._lock:
                self._listeners.get(session_id, set()).discard(listener)

        return listener, drop

    def listening(self) -> int:
        """How many streams are connected."""
        with self._lock:
            return sum(len(v) for v in self._listeners.values())

    def _targets(self, session_id: str) -> list[_Listener]:
        with self._lock:
            return list(self._listeners.get(session_id, ()))

    def announce(self, session_id: str, found: list[Move]) -> None:
        """Hand each move after the last announced to the streams that may read it."""
        with self._lock:
            after = self._announced.get(session_id, 0)
            fresh = [m for m in found if m.seq > after]
            if not fresh:
                return
            self._announced[session_id] = max(m.seq for m in fresh)
        listeners = self._targets(session_id)
        for m in fresh:
            item: Item = (m.seq, sse(m.seq, "move", m.as_dict()))  # written once for all
            for listener in listeners:
                if visible(listener.access, m) and not listener.send(item):
                    self._discard(session_id, listener)

    def note(
        self,
        session_id: str,
        kind: str,
        data: dict[str, Any],
        full: dict[str, Any] | None = None,
    ) -> None:
        """Send a note (`clock`, `turn`) to every stream of the session: `full` (when given)
        to the facilitator's, `data` to the others."""
        public: Item = (None, sse(None, kind, data))
        whole: Item = public if full is None else (None, sse(None, kind, full))
        for listener in self._targets(session_id):
            if not listener.send(whole if listener.access.facilitator else public):
                self._discard(session_id, listener)

    def _discard(self, session_id: str, listener: _Listener) -> None:
        with self._lock:
            self._listeners.get(session_id, set()).discard(listener)

    def announced(self, session_id: str) -> int | None:
        """The last move number announced for the session (None: none yet)."""
        with self._lock:
            return self._announced.get(session_id)

    def start_at(self, session_id: str, seq: int) -> None:
        """Announce only moves after `seq` (the stored ones are history, read from the store)."""
        with self._lock:
            self._announced.setdefault(session_id, seq)


def sync(svc: Services, hub: SessionHub, session_id: str) -> None:
    """Announce the moves of `session_id` stored since the last announcement (call it after
    anything that may have written moves). A read on this thread's own connection, so a
    stream opening during an ingest does not wait for it; `announce` hands on each move
    once, whichever of two concurrent calls finds it first."""
    con = svc.reader().con
    after = hub.announced(session_id)
    if after is None:
        hub.start_at(session_id, last_seq(con, session_id))
        return
    hub.announce(session_id, moves(con, session_id, since=after))


def _tick_once(svc: Services, hub: SessionHub) -> None:
    """One look at the sessions' clocks; none while a write holds the store (an ingest): the
    next tick, a moment later, looks again, and the request thread is not kept waiting."""
    with svc.store_if_free() as store:
        if store is None:
            return
        report = tick(store)
    for sid in report.changed:
        sync(svc, hub, sid)
    for turn in report.advanced:
        announce_turn(hub, turn)
    for sid, why in report.failed:
        log.error("exercise clock: session %s: %s", sid, why)


def announce_turn(hub: SessionHub, report: TurnReport) -> None:
    """Tell a session's streams that a turn was adjudicated; the players' note leaves out the
    next turn's injects (their ids would tell of injects for other roles)."""
    public = dataclasses.replace(report, injects=())
    hub.note(report.session_id, "turn", public.as_dict(), report.as_dict())


async def run_clock(svc: Services, hub: SessionHub, stop: asyncio.Event) -> None:
    """The scheduler: fire due minute injects and end the turns whose clock ran out, until
    `stop` is set."""
    while not stop.is_set():
        try:
            await anyio.to_thread.run_sync(_tick_once, svc, hub)
        except AccordError as exc:  # a session that cannot advance must not stop the others
            log.error("exercise clock: %s", exc)
        except duckdb.Error:  # nor a store error of one tick (the next tick tries again)
            log.exception("exercise clock: the store failed this tick")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), TICK)
