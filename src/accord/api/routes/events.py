"""`/api/events/...`: query stored events, see what the store holds, upload and ingest files."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any

import pandas as pd
from fastapi import APIRouter, File, Form, Query, UploadFile

from accord.api.jobs import JobSummary, Progress
from accord.api.problems import ApiError, ProblemOut
from accord.api.routes.params import OptionalCode, resolve
from accord.api.security import Writer
from accord.api.services import Svc
from accord.events import (
    FORMATS,
    EventRecord,
    EventStats,
    IngestProgress,
    compact,
    event_records,
    ingest,
    query,
    stats,
)

router = APIRouter(prefix="/api/events", tags=["events"])

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


@router.get("")
def events(
    svc: Svc,
    a: OptionalCode = None,
    b: OptionalCode = None,
    source: OptionalCode = None,
    target: OptionalCode = None,
    dataset: Annotated[str | None, Query(pattern=r"^[a-z0-9_]{1,32}$")] = None,
    start: Annotated[dt.date | None, Query(alias="from")] = None,
    end: Annotated[dt.date | None, Query(alias="to")] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
    simulated: bool | None = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 200,
) -> list[EventRecord]:
    """Events by date. `a` alone: events involving that country; `a` and `b`: the dyad, both
    directions; `source` / `target`: one direction."""
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
        "simulated": simulated,
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


@router.get("/stats")
def event_stats(svc: Svc) -> EventStats:
    """What the store holds: events per dataset, files ingested, rows rejected."""
    return stats(svc.reader())


@router.post("/ingest", status_code=202, dependencies=[Writer])
async def ingest_upload(
    svc: Svc,
    file: Annotated[UploadFile, File(description="An event file (GDELT, ICEWS, PLOVER).")],
    format: Annotated[str, Form(pattern=r"^(auto|gdelt1|gdelt2|icews|plover)$")] = "auto",
    encoding: Annotated[
        str | None, Form(max_length=40, description="The file's text encoding (default UTF-8).")
    ] = None,
) -> JobSummary:
    """Upload an event file and ingest it in the background; follow the returned job."""
    original = (file.filename or "upload").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    suffixes = [s.lower() for s in ("." + original).split(".")[2:]]
    suffix = "".join(f".{s}" for s in suffixes[-2:])
    if not suffixes or f".{suffixes[-1]}" not in UPLOAD_SUFFIXES:
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
    path = svc.data_path("uploads", f"{uuid.uuid4().hex}{suffix}")
    with path.open("wb") as out:
        while chunk := await file.read(1 << 20):
            out.write(chunk)
    assert format == "auto" or format in FORMATS

    def work(progress: Progress) -> dict[str, Any]:
        def report(p: IngestProgress) -> None:
            fraction = p.position / p.size if p.size else 0.0
            progress(min(0.99, fraction), f"{original}: {p.rows} rows read")

        try:
            with svc.locked_store() as store:
                result = ingest(
                    store,
                    [path],
                    format=format,
                    progress=report,
                    world=svc.world,
                    encoding=encoding,
                )
        finally:
            path.unlink(missing_ok=True)
        return {"file": original, **result.as_dict()}

    job = svc.jobs.submit("ingest", {"file": original, "format": format}, work)
    return job.summary()


@router.post("/compact", status_code=202, dependencies=[Writer])
def compact_events(
    svc: Svc,
    force: Annotated[bool, Query(description="Rewrite even if already in date order.")] = False,
) -> JobSummary:
    """Store the events in date order (faster date filters and period aggregations), in the
    background and in one transaction; follow the returned job."""

    def work(progress: Progress) -> dict[str, Any]:
        def report(fraction: float) -> None:
            progress(min(0.99, fraction), "rewriting events in date order")

        with svc.locked_store() as store:
            return compact(store, force=force, progress=report).as_dict()

    job = svc.jobs.submit("compact", {"force": force}, work)
    return job.summary()
