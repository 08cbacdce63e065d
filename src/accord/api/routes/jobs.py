"""`/api/jobs/...`: background work: its state, its progress as server-sent events, its result,
and `POST /api/jobs/{id}/cancel` to stop it.

Cancelling is a POST to a `cancel` action, not a DELETE of the job: the job is not removed, it
stays listed (and in the history) with state `cancelled`, as in Google's API design guide
(AIP-136 custom methods) and GitHub's `POST .../runs/{id}/cancel`."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Query
from fastapi.responses import StreamingResponse

from accord.api.jobs import JobResult, JobState, JobSummary, follow
from accord.api.problems import ApiError, ErrorOut, ProblemOut
from accord.api.security import Writer
from accord.api.services import Svc

router = APIRouter(prefix="/api/jobs", tags=["jobs"])
#: What a route that starts a job may answer besides 202 (documented in the OpenAPI schema).
JOB_RESPONSES: dict[int | str, dict[str, Any]] = {
    429: {"model": ErrorOut, "description": "Every job slot is taken; retry after `Retry-After`."}
}
JobId = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$", description="Job id (32 hex digits).")]


@router.get("")
def list_jobs(svc: Svc) -> list[JobSummary]:
    """Every job this server remembers, newest first."""
    return [j.summary() for j in svc.jobs.list()]


@router.get("/{job_id}")
def get_job(svc: Svc, job_id: JobId) -> JobSummary:
    """A job's state and progress."""
    return svc.jobs.get(job_id).summary()


#: States of a finished job without a result: its result answers 422 with its problems.
NO_RESULT = (JobState.FAILED, JobState.INTERRUPTED, JobState.CANCELLED)


@router.get("/{job_id}/result")
def get_result(svc: Svc, job_id: JobId) -> JobResult:
    """A finished job's result; 409 while it runs, 422 with its problems if it failed, was
    interrupted by a server stop or was cancelled."""
    job = svc.jobs.get(job_id)
    if job.state in NO_RESULT:
        error = f"job {job.state.value}"
        raise ApiError(422, error, [ProblemOut.model_validate(p) for p in job.problems])
    if job.state is not JobState.DONE or job.result is None:
        raise ApiError(409, "job not finished", [ProblemOut(message=f"job is {job.state.value}")])
    return JobResult(id=job.id, kind=job.kind, result=job.result)


@router.post(
    "/{job_id}/cancel",
    status_code=202,
    dependencies=[Writer],
    responses={409: {"model": ErrorOut, "description": "The job has already finished."}},
)
def cancel_job(svc: Svc, job_id: JobId) -> JobSummary:
    """Cancel a job: a queued one is `cancelled` at once and never runs; a running one is asked
    to stop (at its next progress report; an ingest's store statement is interrupted and rolled
    back, an ensemble stops between runs) and ends `cancelled`, which its event stream and
    state say. Asking again while it stops is harmless; 409 once it has finished."""
    if not svc.jobs.cancel(job_id):
        state = svc.jobs.get(job_id).state.value
        message = f"job is {state}: only a queued or running job can be cancelled"
        raise ApiError(409, f"job {state}", [ProblemOut(message=message)])
    return svc.jobs.get(job_id).summary()


@router.get(
    "/{job_id}/events",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}}},
)
def job_events(
    svc: Svc,
    job_id: JobId,
    after: Annotated[int, Query(ge=0, le=1_000_000, description="Skip events up to this seq.")] = 0,
    last_event_id: Annotated[str | None, Header(pattern=r"^[0-9]{1,7}$")] = None,
) -> StreamingResponse:
    """Progress as server-sent events (`event: progress`, then `done`, `failed`, `cancelled` or
    `interrupted`); resumes after `Last-Event-ID` when the browser reconnects."""
    job = svc.jobs.get(job_id)
    start = int(last_event_id) if last_event_id is not None else after

    async def stream() -> AsyncIterator[str]:
        yield "retry: 1000\n\n"
        async for event in follow(job, start):
            kind = event.state.value if event.state.finished else "progress"
            yield f"id: {event.seq}\nevent: {kind}\ndata: {json.dumps(event.as_dict())}\n\n"

    return StreamingResponse(
        stream(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
