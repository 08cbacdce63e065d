"""Background jobs: long work (ingest, simulation, ensembles) runs in a worker thread with an id.

A job reports progress through the `Progress` callable it is handed; every report becomes a
numbered `JobEvent` that clients follow by server-sent events (`/api/jobs/{id}/events`) or by
polling (`/api/jobs/{id}`). The server stays responsive meanwhile: request handlers never wait
for a job. Finished jobs keep their result until `max_jobs` newer ones push them out; with a
`JobHistory` they are also kept in the store, so they outlive the server (jobs it left unfinished
come back `interrupted`).
"""

from __future__ import annotations

import asyncio
import builtins
import logging
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from accord.api.history import JobHistory
from accord.errors import AccordError, InputError, NotFoundError, Problem
from accord.jsonable import AsDict

log = logging.getLogger("accord.api.jobs")


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    #: Left unfinished by a server that stopped (read back from the history).
    INTERRUPTED = "interrupted"

    @property
    def finished(self) -> bool:
        return self in (JobState.DONE, JobState.FAILED, JobState.INTERRUPTED)


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


Progress = Callable[[float, str], None]
Work = Callable[[Progress], dict[str, Any]]


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
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record(self, state: JobState, progress: float, message: str) -> None:
        """Move the job on and append the event that says so (thread-safe)."""
        with self._lock:
            self.state = state
            self.progress = min(1.0, max(self.progress, progress))
            self.message = message
            if state.finished:
                self.finished_at = time.time()
            self.events.append(JobEvent(len(self.events) + 1, state, self.progress, message))

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


class TooManyJobs(AccordError):
    """Every job slot is taken by queued or running work."""


class JobManager:
    """Runs jobs on a small thread pool and keeps the latest `max_jobs` of them."""

    def __init__(
        self,
        workers: int = 2,
        max_jobs: int = 200,
        max_pending: int = 16,
        history: JobHistory | None = None,
    ) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="accord-job")
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self.max_jobs = max_jobs
        self.max_pending = max_pending
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
            self.history.save({**job.summary().as_dict(), "result": job.result})
        except Exception:
            log.exception("could not record job %s in the store", job.id)

    def submit(self, kind: str, params: dict[str, Any], work: Work) -> Job:
        """Queue `work`; it gets a `Progress` callable and returns the job's JSON result."""
        job = Job(id=uuid.uuid4().hex, kind=kind, params=params)
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
        self._pool.submit(self._run, job, work)
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

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _evict(self) -> builtins.list[str]:
        finished = [j.id for j in self._jobs.values() if j.state.finished]
        gone = []
        while len(self._jobs) > self.max_jobs and finished:
            gone.append(finished.pop(0))
            del self._jobs[gone[-1]]
        return gone

    def _run(self, job: Job, work: Work) -> None:
        job.record(JobState.RUNNING, 0.0, "started")
        self._save(job)
        try:
            self._work(job, work)
        finally:
            self._save(job)

    @staticmethod
    def _work(job: Job, work: Work) -> None:

        def progress(fraction: float, message: str = "") -> None:
            job.record(JobState.RUNNING, float(fraction), message or job.message)

        try:
            result = work(progress)
        except InputError as exc:
            job.problems = [
                {"message": p.message, "field": p.field, "file": p.file, "line": p.line}
                for p in exc.problems[:500]
            ]
            job.record(JobState.FAILED, job.progress, f"invalid input: {exc.first.message}")
            return
        except AccordError as exc:
            job.problems = [{"message": str(exc), "field": None, "file": None, "line": None}]
            job.record(JobState.FAILED, job.progress, str(exc))
            return
        except Exception:
            log.exception("job %s (%s) failed", job.id, job.kind)
            job.problems = [
                {"message": "internal error", "field": None, "file": None, "line": None}
            ]
            job.record(JobState.FAILED, job.progress, "internal error (see the server log)")
            return
        job.result = result
        job.record(JobState.DONE, 1.0, "done")


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
