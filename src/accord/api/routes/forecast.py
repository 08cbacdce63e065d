"""`/api/forecasts`: post a bargaining case (JSON or an uploaded file), get every model's result.

The case is the `accord.bargaining` one: issues with bounds, stakeholders with capability and a
position and salience per issue. Iterative models (expected utility, exchange) return their
rounds, so the dashboard can draw positions over rounds. The answer is
`accord.bargaining.CaseForecast`, the form `accord forecast --json` prints.

The models run in a worker process (`accord.api.workers`) under a time and memory budget, so the
server keeps answering meanwhile; both ways in share the case limits of `accord.bargaining.case`
(`MAX_STAKEHOLDERS`, `MAX_ISSUES`, `MAX_OPTIONS`).
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, File, Form, UploadFile
from pydantic import BeforeValidator, Field, field_validator

from accord.api.problems import ErrorOut, StrictBody, bad_input, client_file_name
from accord.api.services import Svc
from accord.bargaining import (
    Case,
    CaseForecast,
    Issue,
    Stakeholder,
    forecast_case,
    model_names,
)
from accord.bargaining.case import MAX_ISSUES, MAX_OPTIONS, MAX_STAKEHOLDERS, check_option_bounds
from accord.bargaining.limits import MAX_MAGNITUDE
from accord.bargaining.readers import read_case
from accord.errors import AccordError, InputError, Problem

T = TypeVar("T")

#: The answers a forecast can give besides 200 and 422.
BUDGET_RESPONSES: dict[int | str, dict[str, Any]] = {
    429: {"model": ErrorOut, "description": "Every worker is busy; retry after `Retry-After`."},
    503: {"model": ErrorOut, "description": "Over the memory budget, or the worker failed."},
    504: {"model": ErrorOut, "description": "Over the time budget; the worker was replaced."},
}

router = APIRouter(prefix="/api/forecasts", tags=["forecasts"], responses=BUDGET_RESPONSES)

NAME = r"^[^\x00-\x1f]{1,80}$"
MODELS = tuple(model_names())
CASE_SUFFIXES = (".csv", ".txt", ".yaml", ".yml")


def refuse_bool(value: object) -> object:
    """A JSON `true` or `false` given for a number: refused (pydantic reads it as 1 or 0)."""
    if isinstance(value, bool):
        raise ValueError("expected a number, got a boolean (true or false)")
    return value


#: A JSON number, never a boolean.
Num = Annotated[float, BeforeValidator(refuse_bool)]


#: A number on an issue's scale (checked against the issue's bounds by `Case`), or for a
#: discrete issue an option's name or whole index, as a YAML case writes it.
OnIssue = Annotated[Num, Field(ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE)] | str


class IssueIn(StrictBody):
    name: str = Field(pattern=NAME)
    # a scale's bounds (default 0 and 100); with `options`, left out or 0 and len - 1
    low: Num | None = Field(default=None, ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE)
    high: Num | None = Field(default=None, ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE)
    options: list[Annotated[str, Field(pattern=NAME)]] = Field(default=[], max_length=MAX_OPTIONS)


class StakeholderIn(StrictBody):
    name: str = Field(pattern=NAME)
    # the bound every reader checks (`limits.MAX_MAGNITUDE`), so the schema says what is taken
    capability: Num = Field(ge=0, le=MAX_MAGNITUDE)
    positions: dict[str, OnIssue]
    saliences: dict[str, Annotated[Num, Field(ge=0, le=1)]]
    actor: str | None = Field(default=None, pattern=r"^[A-Z0-9-]{2,16}$")


class CaseIn(StrictBody):
    name: str = Field(default="case", pattern=NAME)
    issues: list[IssueIn] = Field(min_length=1, max_length=MAX_ISSUES)
    # one stakeholder is a case, as in every file format (its forecast: its position)
    stakeholders: list[StakeholderIn] = Field(min_length=1, max_length=MAX_STAKEHOLDERS)
    # per issue: a number on its scale, or for a discrete issue an option's name or index
    status_quo: dict[str, OnIssue] | None = Field(default=None, max_length=MAX_ISSUES)


class ForecastRequest(StrictBody):
    case: CaseIn
    models: list[str] = Field(default=list(MODELS), min_length=1, max_length=len(MODELS))
    rounds: int | None = Field(default=None, strict=True, ge=1, le=50)
    q: Num | None = Field(default=None, ge=0, le=1)

    @field_validator("models")
    @classmethod
    def _known(cls, value: list[str]) -> list[str]:
        unknown = [m for m in value if m not in MODELS]
        if unknown:
            raise ValueError(f"unknown model(s) {unknown}; known: {list(MODELS)}")
        return list(dict.fromkeys(value))


def _issues(data: CaseIn) -> tuple[Issue, ...]:
    """The case's issues; a bad one's problems name the path of the bad value in the body
    (`body.case.issues.0.low`), not the issue's name."""
    out = []
    for k, i in enumerate(data.issues):
        try:
            check_option_bounds(i.name, len(i.options), {"low": i.low, "high": i.high})
            low = 0.0 if i.low is None else i.low
            out.append(Issue(i.name, low, 100.0 if i.high is None else i.high, tuple(i.options)))
        except InputError as exc:
            raise InputError(
                Problem(p.message, None, None, _issue_field(k, i.name, p.field))
                for p in exc.problems
            ) from None
    return tuple(out)


def _issue_field(k: int, name: str, field: str | None) -> str:
    """`body.case.issues.<k>` and the part of the issue an `Issue` problem names (`low`,
    `options`: its field is `<name>.low`)."""
    part = field[len(name) :] if field is not None and field.startswith(name) else ""
    return f"body.case.issues.{k}{part}"


def _case(data: CaseIn) -> Case:
    """The `Case` of a JSON body; every problem names its path in the body
    (`body.case.stakeholders.0.positions.x`)."""
    issues = _issues(data)
    by_name = {i.name: i for i in issues}
    names = [s.name for s in data.stakeholders]
    try:
        people = tuple(
            Stakeholder(
                name=s.name,
                capability=s.capability,
                positions=_on_issues(s.positions, by_name, f"stakeholders.{k}.positions"),
                saliences=dict(s.saliences),
                actor=s.actor,
            )
            for k, s in enumerate(data.stakeholders)
        )
        sq = None if data.status_quo is None else _on_issues(data.status_quo, by_name, "status_quo")
        return Case(name=data.name, issues=issues, stakeholders=people, status_quo=sq)
    except InputError as exc:
        raise InputError(
            Problem(p.message, None, None, _case_field(p.field, names)) for p in exc.problems
        ) from None


def _case_field(field: str | None, names: Sequence[str]) -> str:
    """The body path of a `Case` problem's field: a stakeholder's (`A.positions.x`, as the
    YAML reader names it) becomes its index in the list (`stakeholders.0.positions.x`)."""
    if field is None:
        return "body.case"
    if field.startswith("stakeholders."):
        return f"body.case.{field}"
    for k, name in sorted(enumerate(names), key=lambda kn: -len(kn[1])):  # longest name first
        if field == name or field.startswith(f"{name}."):
            return f"body.case.stakeholders.{k}{field[len(name) :]}"
    return f"body.case.{field}"


def _on_issues(
    given: dict[str, float | str], issues: dict[str, Issue], where: str
) -> dict[str, float]:
    """Positions or a status quo as the YAML reader takes them: on a discrete issue an
    option's name stands for its index; numbers go to `Case`, which checks each against its
    issue (bounds, a whole index), and an unknown issue is its problem too."""
    out: dict[str, float] = {}
    problems: list[Problem] = []
    for name, raw in given.items():
        issue = issues.get(name)
        if not isinstance(raw, str):
            out[name] = float(raw)
        elif issue is not None and raw in issue.options:
            out[name] = float(issue.options.index(raw))
        else:
            known = f"; options: {list(issue.options)}" if issue and issue.discrete else ""
            wrong = f"not a number nor an option: {raw!r}{known}"
            field = f"{where}.{name}"
            problems.append(
                Problem(wrong if issue else f"unknown issue {name!r}", None, None, field)
            )
    if problems:
        raise InputError(problems)
    return out


def check_size(case: Case, file: str | None = None) -> None:
    """Refuse a case over the request limits, naming the field (the same limits as JSON)."""
    problems = []
    if len(case.stakeholders) > MAX_STAKEHOLDERS:
        problems.append(
            Problem(
                f"{len(case.stakeholders)} stakeholders; at most {MAX_STAKEHOLDERS} are allowed",
                file,
                None,
                "stakeholders",
            )
        )
    if len(case.issues) > MAX_ISSUES:
        problems.append(
            Problem(
                f"{len(case.issues)} issues; at most {MAX_ISSUES} are allowed", file, None, "issues"
            )
        )
    for issue in case.issues:
        if len(issue.options) > MAX_OPTIONS:
            problems.append(
                Problem(f"at most {MAX_OPTIONS} options per issue", file, None, issue.name)
            )
    if problems:
        raise InputError(problems)


def read_as_uploaded(read: Callable[[Path], T], path: str, original: str) -> T:
    """`read(path)` for an uploaded file, its problems naming the file as the client called it
    (never the server's path)."""
    try:
        return read(Path(path))
    except InputError as exc:
        raise InputError(
            dataclasses.replace(p, file=original, message=p.message.replace(path, original))
            for p in exc.problems
        ) from None
    except AccordError as exc:
        raise InputError.at(str(exc).replace(path, original), file=original) from None


def forecast_file(path: str, original: str, models: Sequence[str]) -> CaseForecast:
    """Read an uploaded case file and forecast it (runs in a worker process); problems name
    the file as the client called it, never the server's path."""
    case = read_as_uploaded(read_case, path, original)
    check_size(case, original)
    case = dataclasses.replace(case, name=original.rsplit(".", 1)[0], source=original)
    return forecast_case(case, models, keep_going=len(models) > 1)


def forecast_json(
    case: Case, models: Sequence[str], rounds: int | None, q: float | None
) -> CaseForecast:
    """`forecast_case` with positional options (runs in a worker process); with several
    models, one refused for its work is reported (`error`) and the others kept."""
    return forecast_case(case, models, rounds=rounds, q=q, keep_going=len(models) > 1)


@router.post("")
async def forecast(svc: Svc, request: ForecastRequest) -> CaseForecast:
    """Forecast a case given as JSON with the chosen models (default: all)."""
    case = _case(request.case)
    found: CaseForecast = await svc.workers.run(
        forecast_json,
        case,
        request.models,
        request.rounds,
        request.q,
        seconds=svc.settings.forecast_seconds,
    )
    return found


@router.post("/upload")
async def forecast_upload(
    svc: Svc,
    file: Annotated[UploadFile, File(description="A case file: BDM, KTAB, decide, DEU or YAML.")],
    models: Annotated[str, Form(pattern=r"^[a-z,]{1,100}$")] = ",".join(MODELS),
) -> CaseForecast:
    """Forecast a case uploaded as a file; problems name the uploaded file's line and field."""
    wanted = [m for m in models.split(",") if m]
    unknown = [m for m in wanted if m not in MODELS]
    if unknown or not wanted:
        raise bad_input(f"unknown model(s) {unknown}; known: {list(MODELS)}", "body.models")
    original = client_file_name(file.filename, "case.csv")
    suffix = "." + original.rsplit(".", 1)[-1].lower() if "." in original else ""
    if suffix not in CASE_SUFFIXES:
        raise bad_input(f"file name must end in one of {', '.join(CASE_SUFFIXES)}", "body.file")
    path = svc.data_path("uploads", f"{uuid.uuid4().hex}{suffix}")
    try:
        path.write_bytes(await file.read())
        found: CaseForecast = await svc.workers.run(
            forecast_file,
            str(path),
            original,
            wanted,
            seconds=svc.settings.forecast_seconds,
        )
    finally:
        path.unlink(missing_ok=True)
    return found
