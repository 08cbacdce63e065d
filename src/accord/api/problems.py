"""Every error answer has one shape: `{"error": summary, "problems": [...]}`.

Each problem says what is wrong and where (`field`, and `file` / `line` for uploaded files), so
a client can show the user exactly what to fix. Accord's own errors map to status codes here:
bad input is 422, an unknown code is 404, a full job queue or busy workers 429, a store that
cannot be used 503, work over its memory budget 503 and over its time budget 504. Anything else
is a 500 with the same shape; its traceback goes to the server log only. No answer names a path
of the server: the store's and the data directory's are replaced by their last part.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException

from accord.api.jobs import TooManyJobs
from accord.api.workers import OverBudget, WorkerFailed, WorkersBusy
from accord.errors import (
    AccordError,
    InputError,
    NotFoundError,
    Problem,
    StoreError,
    UnknownNameError,
)
from accord.files import control_in_name

log = logging.getLogger("accord.api")


class StrictBody(BaseModel):
    """A request body that refuses keys it does not define (a misspelt `statusquo` or
    `steps` was dropped silently, and the request answered as if it were not there)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class ProblemOut(BaseModel):
    """One thing wrong with a request."""

    message: str
    field: str | None = None
    file: str | None = None
    line: int | None = None


class ErrorOut(BaseModel):
    """The body of every 4xx and 5xx answer."""

    error: str
    problems: list[ProblemOut] = []


class ApiError(AccordError):
    """An error a route raises to answer with `status` and the given problems."""

    def __init__(self, status: int, error: str, problems: Iterable[ProblemOut] = ()) -> None:
        super().__init__(error)
        self.status = status
        self.error = error
        self.problems = list(problems)


def bad_input(message: str, field: str | None = None) -> ApiError:
    """A 422 for one problem with one field."""
    return ApiError(422, "invalid input", [ProblemOut(message=message, field=field)])


#: The summary of every 413: a request body over its limit (`security.LimitBodySize`).
TOO_LARGE = "request body too large"


def body_too_large(limit: int) -> ErrorOut:
    """The answer to a body over its limit of `limit` bytes: one shape whether the body was
    refused by its declared length or while it streamed (chunked, no Content-Length)."""
    message = f"the body is larger than {limit} bytes"
    return ErrorOut(error=TOO_LARGE, problems=[ProblemOut(message=message, field="body")])


def too_much_work(message: str, field: str | None = None) -> ApiError:
    """A 422 for a request whose work, estimated before it starts, is over the API's limit
    (`message` says by how much and which parameters narrow it)."""
    return ApiError(422, "too much work", [ProblemOut(message=message, field=field)])


def client_file_name(filename: str | None, default: str) -> str:
    """The last part of an uploaded file's name as the client gave it (logs and messages name
    the file by it), or `default`; a 422 when it holds a control character, which would reach
    terminals and the store's log as it is."""
    name = (filename or default).replace("\\", "/").rsplit("/", 1)[-1] or default
    if control_in_name(name):
        raise bad_input("the file's name holds a control character", "body.file")
    return name


def error_response(
    status: int,
    error: str,
    problems: Sequence[ProblemOut] = (),
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = ErrorOut(error=error, problems=list(problems))
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def _from_problem(p: Problem) -> ProblemOut:
    return ProblemOut(message=p.message, field=p.field, file=p.file, line=p.line)


def _field_of(loc: Sequence[Any]) -> str:
    return ".".join(str(part) for part in loc)


#: The error type of a bad date parameter (`accord.api.routes.params.iso_date`): its message
#: is the CLI's, prefixed like the CLI's with the parameter it is about.
DATE_ERROR = "accord_date"


def _message(error: dict[str, Any]) -> str:
    message = str(error.get("msg", "invalid value"))
    loc = error.get("loc", ())
    if error.get("type") == DATE_ERROR and loc:
        return f"invalid value for {str(loc[-1])!r}: {message}"
    return message


async def _validation(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = [
        ProblemOut(message=_message(e), field=_field_of(e.get("loc", ()))) for e in exc.errors()
    ]
    return error_response(422, "invalid input", problems)


async def _input(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, InputError)
    paths = private_paths(request)
    problems = [_from_problem(p) for p in exc.problems[:500]]
    for p in problems:
        p.message = scrub(p.message, paths)
        p.file = scrub(p.file, paths) if p.file is not None else None
    return error_response(422, "invalid input", problems)


async def _not_found(request: Request, exc: Exception) -> JSONResponse:
    """404, naming the request's parameter that holds the unknown name when one does
    (`query.run` for an unknown simulation run: the field was null)."""
    return error_response(
        404, "not found", [ProblemOut(message=str(exc), field=_field_naming(request, exc))]
    )


def _field_naming(request: Request, exc: Exception) -> str | None:
    """`path.NAME` or `query.NAME` of the parameter whose value is the unknown name."""
    if not isinstance(exc, UnknownNameError):
        return None
    for where, params in (("path", request.path_params), ("query", request.query_params)):
        for key, value in params.items():
            if str(value) == exc.name:
                return f"{where}.{key}"
    return None


def private_paths(request: Request) -> list[str]:
    """The server's own directories, which no answer may show (longest first)."""
    services = getattr(request.app.state, "services", None)
    if services is None:
        return []
    settings = services.settings
    roots = {str(settings.db.parent), str(settings.data_root)}
    roots |= {str(settings.db.parent.resolve()), str(settings.data_root.resolve())}
    return sorted(roots, key=len, reverse=True)


def scrub(text: str, paths: Sequence[str]) -> str:
    """`text` with every server directory in `paths` cut to the name after it."""
    for path in paths:
        if path and path != "." and path in text:
            text = text.replace(path.rstrip("/") + "/", "").replace(path, "")
    return text


async def _store(request: Request, exc: Exception) -> JSONResponse:
    log.error("store error: %s", exc)
    message = scrub(str(exc), private_paths(request))
    return error_response(503, "store unavailable", [ProblemOut(message=message)])


async def _busy(_: Request, exc: Exception) -> JSONResponse:
    """Every job slot or worker is taken: the client should come back in a few seconds."""
    error = "too many jobs" if isinstance(exc, TooManyJobs) else "workers busy"
    return error_response(429, error, [ProblemOut(message=str(exc))], headers={"Retry-After": "5"})


async def _budget(_: Request, exc: Exception) -> JSONResponse:
    """Work over its time (504) or memory (503) budget, or a worker that failed (503)."""
    if isinstance(exc, OverBudget):
        status = 504 if exc.timed_out else 503
        return error_response(status, "over budget", [ProblemOut(message=str(exc))])
    return error_response(503, "worker failed", [ProblemOut(message=str(exc))])


async def _internal(request: Request, exc: Exception) -> JSONResponse:
    """Any other exception: a 500 in the documented shape; the traceback stays in the log."""
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(
        500, "internal error", [ProblemOut(message="internal error (see the server log)")]
    )


async def _api(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.error, exc.problems)


def allowed_methods(request: Request) -> list[str]:
    """The documented methods of the request's path (a path may have one route per method, so
    `Allow` must name them all, not only those of the first route that matched the path)."""
    found: set[str] = set()
    for template, operations in request.app.openapi().get("paths", {}).items():
        parts = re.split(r"(\{[^/}]+\})", template)
        pattern = "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
        if re.fullmatch(pattern, request.url.path):
            found |= {m.upper() for m in operations if m.upper() in _METHODS}
    return sorted(found)


_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})


async def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else "request refused"
    if exc.status_code == 405:
        headers = dict(exc.headers or {})
        documented = allowed_methods(request)
        if documented:
            headers["Allow"] = ", ".join(documented)
        return error_response(405, detail, [ProblemOut(message=detail)], headers=headers)
    if exc.status_code == 400:
        # Only body parsing raises 400 (a body not UTF-8, a broken form): bad input like any
        # other, so 422 in the same shape.
        message = "the body could not be parsed" if "parsing the body" in detail else detail
        return error_response(422, "invalid input", [ProblemOut(message=message, field="body")])
    if exc.status_code == 413:  # a body over its limit, found while it streamed
        return error_response(413, TOO_LARGE, [ProblemOut(message=detail, field="body")])
    return error_response(
        exc.status_code,
        detail,
        [ProblemOut(message=detail)],
        headers=dict(exc.headers) if exc.headers else None,
    )


def install_handlers(app: FastAPI) -> None:
    """Register the handlers that give every error answer the `ErrorOut` shape."""
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(InputError, _input)
    app.add_exception_handler(NotFoundError, _not_found)
    app.add_exception_handler(StoreError, _store)
    app.add_exception_handler(TooManyJobs, _busy)
    app.add_exception_handler(WorkersBusy, _busy)
    app.add_exception_handler(OverBudget, _budget)
    app.add_exception_handler(WorkerFailed, _budget)
    app.add_exception_handler(Exception, _internal)
    app.add_exception_handler(ApiError, _api)
    app.add_exception_handler(StarletteHTTPException, _http)
