"""Background jobs: long work (ingest, simulation, ensembles) runs in a worker thread with an id.

A job reports progress through the `Progress` callable it is handed; every report becomes a
numbered `JobEvent` that clients follow by server-sent events (`/api/jobs/{id}/events`) or by
polling (`/api/jobs/{id}`). The server stays responsive meanwhile: request handlers never wait
for a job. Finished jobs keep their result until `max_jobs` newer ones push them out; with a
`JobHistory` they are also kept in the store, so they outlive the server (jobs it left unfinished
come back `interrupted`).

A job can be stopped (`JobManager.cancel`, and every job at `JobManager.shutdown`): a queued one
ends at once and never runs; a running one ends at its next progress report, which raises
`_JobStopped`, and a store statement it marked interruptible (`Progress.interruptible`) is
interrupted, so its transaction rolls back.
"""

from __future__ import annotations

import asyncio
import builtins
import logging
import queue
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

from accord.api.history import INTERRUPTED, JobHistory
from accord.errors import AccordError, InputError, NotFoundError, Problem
from accord.jsonable import AsDict

log = logging.getLogger("accord.api.jobs")

#: Seconds a server stopping waits, in all, for its running jobs to stop (`JobManager.shutdown`).
STOP_WAIT = 5.0


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    #: Left unfinished by a server that stopped (read back from the history, or stopped by
    #: `JobManager.shutdown`).
    INTERRUPTED = "interrupted"
    #: Stopped at a client's request (`JobManager.cancel`).
    CANCELLED = "cancelled"

    @property
    def finished(self) -> bool:
        return self not in (JobState.QUEUED, JobState.RUNNING)


#: What a stopped job's message and problem say, by the state it ends in.
STOPPED: dict[JobState, str] = {
    JobState.CANCELLED: "cancelled: a client asked to stop the job",
    JobState.INTERRUPTED: INTERRUPTED,
}


class _JobStopped(KeyboardInterrupt):
    """Raised by a stopped job's progress report, to end its work; private control flow, caught
    by the job's thread (`_work`). A `KeyboardInterrupt`, as Ctrl-C is to the CLI: no `except
    Exception` in the work swallows it, and the store's write paths roll back and log the write
    `interrupted` (`accord.events.write.logged`)."""


@dataclass(frozen=True)
class JobEvent:
    """One step in a job's life: its state, progress (0..1) and a message, numbered from 1."""

    seq: int
    state: JobState
    progress: float
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "state": self.state.value,
            "progress": self.progress,
            "message": self.message,
        }


@dataclass(frozen=True)
class JobSummary(AsDict):
    """A job as the API shows it: kind, parameters, state, progress, problems (no result)."""

    id: str
    kind: str
    params: dict[str, Any]
    state: JobState
    progress: float
    message: str
    #: when the job was created and finished: seconds since 1970-01-01 UTC (Unix time)
    created: float
    finished: float | None
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class JobResult(AsDict):
    """A finished job's result (the `as_dict()` of the result its work returned)."""

    id: str
    kind: str
    result: dict[str, Any]


@dataclass
class Job:
    """A unit of background work and everything known about it so far."""

    id: str
    kind: str
    params: dict[str, Any]
    created: float = field(default_factory=time.time)
    state: JobState = JobState.QUEUED
    progress: float = 0.0
    message: str = "queued"
    result: dict[str, Any] | None = None
    problems: list[dict[str, Any]] = field(default_factory=list)
    events: list[JobEvent] = field(default_factory=list)
    finished_at: float | None = None
    #: the state a stop asked of the job ends it in (`request_stop`); None while none was
    stop_as: JobState | None = None
    #: what to clean up when the job is stopped before it runs (an upload its work would read)
    discard: Callable[[], None] | None = field(default=None, repr=False)
    _interrupts: list[Callable[[], None]] = field(default_factory=list, repr=False)
    _ended: threading.Event = field(default_factory=threading.Event, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def _append(self, state: JobState, progress: float, message: str) -> None:
        """Move the job on and append the event that says so (the caller holds the lock); a
        finished job stays as it ended (a watcher thread may report after its end)."""
        if self.state.finished:
            return
        self.state = state
        self.progress = min(1.0, max(self.progress, progress))
        self.message = message
        if state.finished:
            self.finished_at = time.time()
            self._ended.set()
        self.events.append(JobEvent(len(self.events) + 1, state, self.progress, message))

    def record(self, state: JobState, progress: float, message: str) -> None:
        """Move the job on and append the event that says so (thread-safe)."""
        with self._lock:
            self._append(state, progress, message)

    def start(self) -> bool:
        """Mark the job running; False when it was stopped while queued (it must not run)."""
        with self._lock:
            if self.stop_as is not None:
                return False
            self._append(JobState.RUNNING, 0.0, "started")
            return True

    def request_stop(self, end: JobState) -> Literal["finished", "ended", "asked"]:
        """Ask the job to stop and end `end` (a later request keeps the first one's state):
        a queued job has `ended` now; a running one was `asked` (its interrupts called); a
        `finished` one is left as it is."""
        with self._lock:
            if self.state.finished:
                return "finished"
            if self.stop_as is None:
                self.stop_as = end
                for interrupt in self._interrupts:  # under the lock: see `interruptible`
                    interrupt()
            if self.state is JobState.QUEUED:
                self._end_stopped()
                return "ended"
            return "asked"

    def end_stopped(self) -> None:
        """End a running job whose work stopped at a `request_stop`."""
        with self._lock:
            self._end_stopped()

    def _end_stopped(self) -> None:
        assert self.stop_as is not None
        message = STOPPED[self.stop_as]
        self.problems = [{"message": message, "field": None, "file": None, "line": None}]
        self._append(self.stop_as, self.progress, message)

    @contextmanager
    def interruptible(self, interrupt: Callable[[], None]) -> Iterator[None]:
        """Call `interrupt` if a stop is asked while the block runs. The interrupt is added and
        removed under the lock `request_stop` calls it under, so it is never called once the
        block has ended (a store connection interrupted then may run another job's write)."""
        with self._lock:
            self._interrupts.append(interrupt)
        try:
            yield
        finally:
            with self._lock:
                self._interrupts.remove(interrupt)

    def wait(self, timeout: float) -> bool:
        """Wait at most `timeout` seconds for the job to finish; whether it has."""
        return self._ended.wait(max(0.0, timeout))

    def events_after(self, seq: int) -> list[JobEvent]:
        with self._lock:
            return self.events[seq:]

    def summary(self) -> JobSummary:
        """The job as the API shows it (without its result, which can be large)."""
        with self._lock:
            return JobSummary(
                id=self.id,
                kind=self.kind,
                params=self.params,
                state=self.state,
                progress=self.progress,
                message=self.message,
                created=self.created,
                finished=self.finished_at,
                problems=tuple(Problem(**p) for p in self.problems),
            )


class Progress:
    """What a job's work reports its progress to: `progress(fraction, message)`.

    Once the job is asked to stop, a report made on the job's own thread raises `_JobStopped`
    (every kind of job stops at its next report), unless it says the work is complete
    (`fraction` 1: past the point of no return, a bulk ingest reports it after its commit).
    Reports from other threads (a thread watching a DuckDB statement) never raise; a statement
    run inside `interruptible(con.interrupt)` is interrupted when the stop is asked. DuckDB
    interrupts only a statement under way: a stop asked between two statements with no report
    after it lets the work finish (the job then ends `done`).
    """

    def __init__(self, job: Job) -> None:
        self._job = job
        self._thread = threading.get_ident()

    def __call__(self, fraction: float, message: str = "") -> None:
        if fraction < 1.0:
            self.check()
        self._job.record(JobState.RUNNING, float(fraction), message or self._job.message)

    def check(self) -> None:
        """Raise `_JobStopped` when the job was asked to stop (on the job's thread only)."""
        end = self._job.stop_as
        if end is not None and threading.get_ident() == self._thread:
            raise _JobStopped(f"job {end.value}")

    @contextmanager
    def interruptible(self, interrupt: Callable[[], None]) -> Iterator[None]:
        """Run the block so that a stop calls `interrupt` (`connection.interrupt` of the store
        connection the block writes with, held by this job for the block); raises
        `_JobStopped` at once when the stop came before."""
        with self._job.interruptible(interrupt):
            self.check()
            yield


Work = Callable[[Progress], dict[str, Any]]


class TooManyJobs(AccordError):
    """Every job slot is taken by queued or running work."""


class _Workers:
    """`count` daemon threads running submitted calls in order, started on first use. Not a
    `ThreadPoolExecutor`: Python joins its threads at exit, so a job that did not stop held a
    stopping server's process (SIGTERM) until it ended."""

    def __init__(self, count: int) -> None:
        self.count = count
        self._calls: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []

    def submit(self, call: Callable[[], None]) -> None:
        if not self._threads:
            for k in range(self.count):
                thread = threading.Thread(target=self._serve, name=f"accord-job-{k}", daemon=True)
                thread.start()
                self._threads.append(thread)
        self._calls.put(call)

    def close(self) -> None:
        """Let each thread end once the calls before are done."""
        for _ in self._threads:
            self._calls.put(None)

    def _serve(self) -> None:
        while (call := self._calls.get()) is not None:
            call()


class JobManager:
    """Runs jobs on a small pool of threads and keeps the latest `max_jobs` of them."""

    def __init__(
        self,
        workers: int = 2,
        max_jobs: int = 200,
        max_pending: int = 16,
        history: JobHistory | None = None,
    ) -> None:
        self._pool = _Workers(workers)
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self.max_jobs = max_jobs
        self.max_pending = max_pending
        #: seconds `shutdown` waits for running jobs to stop
        self.stop_wait = STOP_WAIT
        self.history = history
        if history is not None:
            history.interrupt_unfinished()
            for row in history.load(max_jobs):
                job = _restored(row)
                self._jobs[job.id] = job

    def _save(self, job: Job) -> None:
        """Write the job to the history (a failure is logged: the job itself goes on)."""
        if self.history is None:
            return
        try:
            saved = self.history.save({**job.summary().as_dict(), "result": job.result})
        except Exception:
            log.exception("could not record job %s in the store", job.id)
            return
        if not saved:  # a job that ended after the server closed the store: nothing to trace
            log.warning("job %s ended %s after the store closed: not recorded", job.id, job.state)

    def submit(
        self,
        kind: str,
        params: dict[str, Any],
        work: Work,
        discard: Callable[[], None] | None = None,
    ) -> Job:
        """Queue `work`; it gets a `Progress` callable and returns the job's JSON result.
        `discard` is called instead if the job is stopped before it runs."""
        job = Job(id=uuid.uuid4().hex, kind=kind, params=params, discard=discard)
        with self._lock:
            pending = sum(1 for j in self._jobs.values() if not j.state.finished)
            if pending >= self.max_pending:
                raise TooManyJobs(f"{pending} jobs are already queued or running; try later")
            self._jobs[job.id] = job
            gone = self._evict()
        job.record(JobState.QUEUED, 0.0, "queued")
        self._save(job)
        if self.history is not None and gone:
            self.history.forget(gone)
        self._pool.submit(lambda: self._run(job, work))
        return job

    def get(self, job_id: str) -> Job:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise NotFoundError(f"no job with id {job_id!r}")
        return job

    def list(self) -> list[Job]:
        with self._lock:
            return list(reversed(self._jobs.values()))

    def cancel(self, job_id: str) -> bool:
        """Cancel a job: a queued one ends `cancelled` now and never runs, a running one is
        asked to stop (`Progress`) and ends `cancelled` when it does. False when it had
        already finished; `NotFoundError` for an unknown id."""
        return self._stop(self.get(job_id), JobState.CANCELLED)

    def _stop(self, job: Job, end: JobState) -> bool:
        """Ask `job` to stop and end `end`; one stopped while queued is recorded now and its
        `discard` called. False when it had finished."""
        outcome = job.request_stop(end)
        if outcome == "ended":
            if job.discard is not None:
                job.discard()
            self._save(job)
        return outcome != "finished"

    def shutdown(self) -> int:
        """Stop every job for the server's exit: queued ones end `interrupted` now, running
        ones are asked to stop (as `cancel`, ending `interrupted`) and waited for at most
        `stop_wait` seconds in all; how many still run then (their threads are daemons, so
        they do not hold the process; the next server marks them interrupted)."""
        unfinished = [job for job in self.list() if not job.state.finished]
        for job in unfinished:
            self._stop(job, JobState.INTERRUPTED)
        self._pool.close()
        deadline = time.monotonic() + self.stop_wait
        running = [job for job in unfinished if not job.wait(deadline - time.monotonic())]
        if running:
            log.warning(
                "%d job(s) did not stop within %g s: left to the process exit (%s)",
                len(running),
                self.stop_wait,
                ", ".join(f"{job.kind} {job.id}" for job in running),
            )
        return len(running)

    def _evict(self) -> builtins.list[str]:
        finished = [j.id for j in self._jobs.values() if j.state.finished]
        gone = []
        while len(self._jobs) > self.max_jobs and finished:
            gone.append(finished.pop(0))
            del self._jobs[gone[-1]]
        return gone

    def _run(self, job: Job, work: Work) -> None:
        if not job.start():  # stopped while queued
            return
        self._save(job)
        try:
            _work(job, work)
        finally:
            self._save(job)


def _work(job: Job, work: Work) -> None:
    """Run `work` on this thread and record how it ended (a work that raises after a stop was
    asked ended because of it, whatever it raised: a DuckDB interrupt, `_JobStopped`)."""
    try:
        result = work(Progress(job))
    except BaseException as exc:
        if job.stop_as is not None:
            log.info("job %s (%s) stopped: %s", job.id, job.kind, type(exc).__name__)
            job.end_stopped()
            return
        _fail(job, exc)
        return
    job.result = result
    late = " (the stop came too late: the work had finished)" if job.stop_as else ""
    job.record(JobState.DONE, 1.0, f"done{late}")


def _fail(job: Job, exc: BaseException) -> None:
    """Record the job failed with the problems of `exc`."""
    if isinstance(exc, InputError):
        job.problems = [
            {"message": p.message, "field": p.field, "file": p.file, "line": p.line}
            for p in exc.problems[:500]
        ]
        job.record(JobState.FAILED, job.progress, f"invalid input: {exc.first.message}")
        return
    if isinstance(exc, AccordError):
        job.problems = [{"message": str(exc), "field": None, "file": None, "line": None}]
        job.record(JobState.FAILED, job.progress, str(exc))
        return
    log.error("job %s (%s) failed", job.id, job.kind, exc_info=exc)
    job.problems = [{"message": "internal error", "field": None, "file": None, "line": None}]
    job.record(JobState.FAILED, job.progress, "internal error (see the server log)")


def _restored(row: dict[str, Any]) -> Job:
    """A job read back from the history, finished or interrupted, with its last event."""
    job = Job(
        id=row["id"],
        kind=row["kind"],
        params=row["params"],
        created=row["created"],
        progress=row["progress"],
        result=row["result"],
        problems=row["problems"],
    )
    job.state = JobState(row["state"])
    job.message = row["message"]
    job.finished_at = row["finished"]
    job._ended.set()
    job.events.append(JobEvent(1, job.state, job.progress, job.message))
    return job


async def follow(job: Job, after: int = 0, poll: float = 0.05) -> AsyncIterator[JobEvent]:
    """Yield the job's events after number `after` as they happen, until it finishes; a
    follower that asks after the end gets the final event again (a browser reconnecting after
    `done` got nothing, closed, and reconnected every second)."""
    seen = after
    while True:
        fresh = job.events_after(seen)
        for event in fresh:
            seen = event.seq
            yield event
        if fresh and fresh[-1].state.finished:
            return
        if not fresh and job.state.finished and seen >= len(job.events):
            if seen == after and job.events:  # nothing new for this follower: say how it ended
                yield job.events[-1]
            return
        await asyncio.sleep(poll)
