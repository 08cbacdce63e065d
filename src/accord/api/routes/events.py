"""`/api/events/...`: query stored events, see what the store holds, upload and ingest files."""

from __future__ import annotations

import uuid
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, Literal

import pandas as pd
from fastapi import APIRouter, File, Form, Query, Request, UploadFile

from accord.api.jobs import JobSummary, Progress, Work
from accord.api.problems import ApiError, ProblemOut, client_file_name
from accord.api.routes.jobs import JOB_RESPONSES
from accord.api.routes.params import FromDate, OptionalCode, ToDate, resolve
from accord.api.security import Writer
from accord.api.services import Services, Svc
from accord.errors import InputError
from accord.events import (
    FORMATS,
    EventPage,
    EventRecord,
    EventStats,
    IngestProgress,
    compact,
    event_page,
    event_records,
    ingest,
    query,
    stats,
)

router = APIRouter(prefix="/api/events", tags=["events"])

#: Most events one request returns (`limit`); more is a 422 naming `query.limit`.
MAX_EVENT_ROWS = 5000
#: Extensions an uploaded event file may have (the reader is chosen from it or `format`).
UPLOAD_SUFFIXES: tuple[str, ...] = (
    ".csv",
    ".tsv",
    ".tab",
    ".txt",
    ".json",
    ".jsonl",
    ".gz",
    ".zip",
)


def observed_unless_asked(simulated: bool | None, run: str | None) -> bool | None:
    """The `simulated` filter of an events query: False (observed events only) when neither
    `simulated` nor a `run` is given, as every relation measure counts, so a list of a dyad's
    events shows the events its chart counts; a simulation run's invented sanctions never sit
    among the facts unasked."""
    if simulated is None and run is None:
        return False
    return simulated


@router.get("")
def events(
    svc: Svc,
    a: OptionalCode = None,
    b: OptionalCode = None,
    source: OptionalCode = None,
    target: OptionalCode = None,
    dataset: Annotated[str | None, Query(pattern=r"^[a-z0-9_]{1,32}$")] = None,
    start: FromDate = None,
    end: ToDate = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
    simulated: bool | None = None,
    limit: Annotated[
        int, Query(ge=1, le=MAX_EVENT_ROWS, description=f"Rows, at most {MAX_EVENT_ROWS}.")
    ] = 200,
) -> list[EventRecord]:
    """Events by date. `a` alone: events involving that country; `a` and `b`: the dyad, both
    directions; `source` / `target`: one direction. Observed events only unless `simulated`
    says otherwise (`observed_unless_asked`)."""
    world = svc.world
    if b is not None and a is None:
        raise ApiError(422, "invalid input", [ProblemOut(message="b needs a", field="query.b")])
    codes = {
        name: resolve(world, value, f"query.{name}")
        for name, value in (("a", a), ("b", b), ("source", source), ("target", target))
        if value is not None
    }
    common: dict[str, Any] = {
        "dataset": dataset,
        "start": start,
        "end": end,
        "quad_class": quad_class,
        "simulated": observed_unless_asked(simulated, None),
        "limit": limit,
    }
    store = svc.reader()
    if "b" in codes:
        frames = [
            query(store, source=codes["a"], target=codes["b"], **common),
            query(store, source=codes["b"], target=codes["a"], **common),
        ]
        frame = frames[0] if frames[1].empty else frames[1] if frames[0].empty else None
        if frame is None:
            frame = pd.concat(frames).sort_values(["event_date", "dataset", "event_id"])
    else:
        frame = query(
            store,
            country=codes.get("a"),
            source=codes.get("source"),
            target=codes.get("target"),
            **common,
        )
    return event_records(frame, limit)


@router.get("/page")
def events_page(
    svc: Svc,
    a: OptionalCode = None,
    b: OptionalCode = None,
    dataset: Annotated[str | None, Query(pattern=r"^[a-z0-9_]{1,32}$")] = None,
    start: FromDate = None,
    end: ToDate = None,
    simulated: bool | None = None,
    run: Annotated[str | None, Query(max_length=128, pattern=r"^[A-Za-z0-9_.:\-]+$")] = None,
    order: Literal["newest", "oldest"] = "newest",
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
) -> EventPage:
    """One page of events with their total ("50 of N"), newest first by default: `a` alone,
    events involving that country; `a` and `b`, the dyad in both directions. Observed events
    only unless `simulated` or `run` asks for simulated ones (`observed_unless_asked`)."""
    if b is not None and a is None:
        raise ApiError(422, "invalid input", [ProblemOut(message="b needs a", field="query.b")])
    left = resolve(svc.world, a, "query.a") if a is not None else None
    right = resolve(svc.world, b, "query.b") if b is not None else None
    return event_page(
        svc.reader(),
        limit=limit,
        offset=offset,
        newest_first=order == "newest",
        dataset=dataset,
        start=start,
        end=end,
        simulated=observed_unless_asked(simulated, run),
        run_id=run,
        country=left if right is None else None,
        pair=(left, right) if left is not None and right is not None else None,
    )


@router.get("/stats")
def event_stats(svc: Svc) -> EventStats:
    """What the store holds: events per dataset, files ingested, rows rejected."""
    return stats(svc.reader())


def upload_suffix(original: str) -> str:
    """The server-side suffix for an uploaded file: its last known extension, and the one
    before when that is `.gz` or `.zip` (`.tsv.gz`); nothing else of the client's name, so glob
    characters or dots in it never reach a file lookup. 422 when it has no known extension."""
    parts = [p.lower() for p in original.split(".")[1:]]
    if not parts or f".{parts[-1]}" not in UPLOAD_SUFFIXES:
        raise ApiError(
            422,
            "invalid input",
            [
                ProblemOut(
                    message=f"file name must end in one of {', '.join(UPLOAD_SUFFIXES)}",
                    field="file",
                )
            ],
        )
    suffix = f".{parts[-1]}"
    if suffix in (".gz", ".zip") and len(parts) > 1 and f".{parts[-2]}" in UPLOAD_SUFFIXES:
        suffix = f".{parts[-2]}{suffix}"
    return suffix


def renamed(value: Any, path: str, original: str) -> Any:
    """`value` (a job result) with the upload's server path replaced by the client's name."""
    if isinstance(value, str):
        return value.replace(path, original)
    if isinstance(value, dict):
        return {k: renamed(v, path, original) for k, v in value.items()}
    if isinstance(value, list):
        return [renamed(v, path, original) for v in value]
    return value


async def _one_file(request: Request) -> None:
    """An input error for an upload of several `file` parts: the first was taken and the
    others ignored without a word."""
    sent = len((await request.form()).getlist("file"))
    if sent > 1:
        raise InputError.at(
            f"one file per upload, got {sent} `file` parts: send each in its own request",
            field="body.file",
        )


def _ingest_work(
    svc: Services, path: Path, original: str, format: str, encoding: str | None
) -> Work:
    """The job ingesting the upload at `path` (which it removes), named `original` in the
    store, its problems and its result; a cancel interrupts the ingest's store statement (its
    transaction rolls back and its log row says `interrupted`)."""

    def work(progress: Progress) -> dict[str, Any]:
        def report(p: IngestProgress) -> None:
            fraction = p.position / p.size if p.size else 0.0
            # a bulk ingest counts its rows at the end: "0 rows read" stood there for minutes
            done = f"{p.rows:,} rows read" if p.rows else f"{fraction:.0%} of the file read"
            if p.stage == "storing":  # the bar stays at its end while DuckDB sorts and writes
                done = "the file is read; storing its rows in date order"
            # 1.0 only once the file is read (a stop no longer raises: `Progress`)
            progress(fraction if fraction >= 1.0 else min(0.99, fraction), f"{original}: {done}")

        try:
            with svc.locked_store() as store, progress.interruptible(store.con.interrupt):
                result = ingest(
                    store,
                    [path],
                    format=format,
                    progress=report,
                    world=svc.world,
                    encoding=encoding,
                    name=original,
                )
        except InputError as exc:
            raise InputError(
                replace(p, file=original, message=p.message.replace(str(path), original))
                for p in exc.problems
            ) from None
        finally:
            path.unlink(missing_ok=True)
        return {"file": original, **renamed(result.as_dict(), str(path), original)}

    return work


@router.post("/ingest", status_code=202, dependencies=[Writer], responses=JOB_RESPONSES)
async def ingest_upload(
    request: Request,
    svc: Svc,
    file: Annotated[UploadFile, File(description="An event file (GDELT, ICEWS, POLECAT, PLOVER).")],
    format: Annotated[
        str, Form(pattern=r"^(auto|gdelt1|gdelt2|gdelt-bq|icews|plover|polecat)$")
    ] = "auto",
    encoding: Annotated[
        str | None, Form(max_length=40, description="The file's text encoding (default UTF-8).")
    ] = None,
) -> JobSummary:
    """Upload an event file and ingest it in the background; follow the returned job."""
    await _one_file(request)
    original = client_file_name(file.filename, "upload")
    path = svc.data_path("uploads", f"{uuid.uuid4().hex}{upload_suffix(original)}")
    try:
        with path.open("wb") as out:
            while chunk := await file.read(1 << 20):
                out.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    assert format == "auto" or format in FORMATS

    work = _ingest_work(svc, path, original, format, encoding)
    try:
        job = svc.jobs.submit(
            "ingest",
            {"file": original, "format": format},
            work,
            discard=lambda: path.unlink(missing_ok=True),  # cancelled before it ran
        )
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return job.summary()


@router.post("/compact", status_code=202, dependencies=[Writer], responses=JOB_RESPONSES)
def compact_events(
    svc: Svc,
    force: Annotated[bool, Query(description="Rewrite even if already in date order.")] = False,
) -> JobSummary:
    """Store the events in date order (faster date filters and period aggregations), in the
    background and in one transaction; follow the returned job."""

    def work(progress: Progress) -> dict[str, Any]:
        def report(fraction: float) -> None:
            # 1.0 after the commit (a stop no longer raises: `Progress`)
            shown = fraction if fraction >= 1.0 else min(0.99, fraction)
            progress(shown, "rewriting events in date order")

        with svc.locked_store() as store, progress.interruptible(store.con.interrupt):
            return compact(store, force=force, progress=report).as_dict()

    job = svc.jobs.submit("compact", {"force": force}, work)
    return job.summary()
