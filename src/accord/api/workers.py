"""Worker processes for heavy request work (forecasts), each task under a time and memory budget.

A forecast can cost seconds of CPU and gigabytes of memory; run in the server process it would
hold the GIL and the event loop's threads while `/api/health` and every read wait. So the API
hands it to a `WorkerPool`: a few worker processes started on first use from a `forkserver`
(spawned, never forked from the threaded server), each running one task at a time.

- **Memory budget.** Each worker caps its own address space with `resource.setrlimit(RLIMIT_AS,
  Settings.worker_memory)` before it takes work; an allocation past it raises `MemoryError`
  inside the worker, which answers 503 "over budget" and stays usable.
- **Time budget.** The server waits `Settings.forecast_seconds` for the answer; past it the
  worker is killed (SIGKILL), a fresh one takes its place and the client gets 504.
- **Queue.** A task waits at most `queue_seconds` for a free worker, else 429 (`WorkersBusy`);
  at most `2 * size` tasks wait at once, the next is refused at once. Waiting happens on threads
  of the pool's own (`run`), never on the threads that serve reads.

Errors cross the process boundary as plain data (`InputError` problems, a message), never as
pickled exception objects, and a worker's traceback is logged by the worker, never sent on.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import resource
import threading
import traceback
from collections.abc import Callable
from dataclasses import astuple
from functools import partial
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Any

import anyio
import anyio.to_thread

from accord.errors import AccordError, InputError, Problem

log = logging.getLogger("accord.api.workers")

#: Modules the fork server imports once, so a replacement worker starts in milliseconds.
PRELOAD = ["accord.api.routes.forecast", "accord.api.routes.negotiation"]


class WorkersBusy(AccordError):
    """Every worker process is taken and none freed up within the queue wait (HTTP 429)."""


class OverBudget(AccordError):
    """A task passed its time or memory budget (HTTP 504 for time, 503 for memory)."""

    def __init__(self, message: str, *, timed_out: bool) -> None:
        super().__init__(message)
        self.timed_out = timed_out


class WorkerFailed(AccordError):
    """A worker died or failed unexpectedly (HTTP 503); the traceback is in the server log."""


def _limit_memory(limit: int) -> None:
    """Cap this process's address space at `limit` bytes (both soft and hard)."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def _serve(conn: Connection, memory: int) -> None:
    """A worker's loop: take `(function, args)`, answer `(kind, payload)` until the pipe closes."""
    _limit_memory(memory)
    while True:
        try:
            fn, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer: tuple[str, Any] = ("ok", fn(*args))
        except InputError as exc:
            answer = ("input", [astuple(p) for p in exc.problems[:500]])
        except MemoryError:
            answer = ("memory", "")
        except AccordError as exc:
            answer = ("error", str(exc))
        except Exception:
            log.error("worker task failed:\n%s", traceback.format_exc())
            answer = ("internal", "")
        try:
            conn.send(answer)
        except MemoryError:
            conn.send(("memory", ""))


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, ctx: BaseContext, memory: int) -> None:
        self.conn, child = ctx.Pipe()
        self.proc: BaseProcess = ctx.Process(  # type: ignore[attr-defined]
            target=_serve, args=(child, memory), daemon=True, name="accord-worker"
        )
        self.proc.start()
        child.close()

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class WorkerPool:
    """`size` worker processes, started on first use, each with `memory` bytes of address space."""

    def __init__(self, size: int, memory: int, *, queue_seconds: float = 10.0) -> None:
        self.size = size
        self.memory = memory
        self.queue_seconds = queue_seconds
        self._ctx = multiprocessing.get_context("forkserver")
        self._ctx.set_forkserver_preload(PRELOAD)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._started = 0
        self._lock = threading.Lock()
        self._closed = False
        self._threads: anyio.CapacityLimiter | None = None

    async def run(self, fn: Callable[..., Any], *args: Any, seconds: float) -> Any:
        """`call` from async code, on a thread of the pool's own (`size` running plus `2 *
        size` waiting), so forecasts never take the threads that serve other requests."""
        if self._threads is None:
            self._threads = anyio.CapacityLimiter(3 * self.size)
        if self._threads.borrowed_tokens >= self._threads.total_tokens:
            raise WorkersBusy(
                f"all {self.size} worker processes are busy and {2 * self.size} tasks wait; "
                "try again in a few seconds"
            )
        work = partial(self.call, fn, *args, seconds=seconds)
        return await anyio.to_thread.run_sync(work, limiter=self._threads)

    def _take(self) -> _Worker:
        with self._lock:
            if self._closed:
                raise WorkerFailed("the server is shutting down")
            if self._idle.empty() and self._started < self.size:
                self._started += 1
                return _Worker(self._ctx, self.memory)
        try:
            return self._idle.get(timeout=self.queue_seconds)
        except queue.Empty:
            raise WorkersBusy(
                f"all {self.size} worker processes are busy; try again in a few seconds"
            ) from None

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            if self._closed:
                worker.kill()
            else:
                self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            if not self._closed:
                self._idle.put(_Worker(self._ctx, self.memory))

    def call(self, fn: Callable[..., Any], *args: Any, seconds: float) -> Any:
        """`fn(*args)` in a worker, within `seconds`; blocks the calling thread (not the loop).

        `fn` must be a module-level function and its arguments and result picklable.
        """
        worker = self._take()
        try:
            worker.conn.send((fn, args))
            ready = worker.conn.poll(seconds)
            kind, payload = worker.conn.recv() if ready else ("timeout", "")
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            log.error("worker process %s died", worker.proc.pid)
            raise WorkerFailed("the worker process died; see the server log") from None
        if kind == "timeout":
            self._replace(worker)
            raise OverBudget(f"the work took longer than its {seconds:g} s budget", timed_out=True)
        self._give_back(worker)
        if kind == "ok":
            return payload
        if kind == "input":
            raise InputError(Problem(*p) for p in payload)
        if kind == "memory":
            mib = self.memory >> 20
            raise OverBudget(
                f"the work needed more than its {mib} MiB memory budget", timed_out=False
            )
        if kind == "error":
            raise InputError.at(str(payload))
        raise WorkerFailed("the work failed unexpectedly; see the server log")

    def close(self) -> None:
        """Stop every worker (idle ones now; busy ones when their task comes back)."""
        with self._lock:
            self._closed = True
            while not self._idle.empty():
                self._idle.get_nowait().kill()
