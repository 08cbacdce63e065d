"""`/api/forecasts`: post a bargaining case (JSON or an uploaded file), get every model's result.

The case is the `accord.bargaining` one: issues with bounds, stakeholders with capability and a
position and salience per issue. Iterative models (expected utility, exchange) return their
rounds, so the dashboard can draw positions over rounds.
"""

from __future__ import annotations

import dataclasses
import uuid
from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile
from pydantic import BaseModel, Field, field_validator

from accord.api.problems import bad_input
from accord.api.services import Svc
from accord.bargaining import Case, Forecast, Issue, Stakeholder, make_model, model_names
from accord.bargaining.readers import read_case
from accord.errors import InputError, Problem

router = APIRouter(prefix="/api/forecasts", tags=["forecasts"])

NAME = r"^[^\x00-\x1f]{1,80}$"
MODELS = tuple(model_names())
CASE_SUFFIXES = (".csv", ".txt", ".yaml", ".yml")


class IssueIn(BaseModel):
    name: str = Field(pattern=NAME)
    low: float = Field(default=0.0, ge=-1e9, le=1e9)
    high: float = Field(default=100.0, ge=-1e9, le=1e9)
    options: list[Annotated[str, Field(pattern=NAME)]] = Field(default=[], max_length=50)


class StakeholderIn(BaseModel):
    name: str = Field(pattern=NAME)
    capability: float = Field(ge=0, le=1e12)
    positions: dict[str, Annotated[float, Field(ge=-1e9, le=1e9)]]
    saliences: dict[str, Annotated[float, Field(ge=0, le=1)]]
    actor: str | None = Field(default=None, pattern=r"^[A-Z0-9-]{2,16}$")


class CaseIn(BaseModel):
    name: str = Field(default="case", pattern=NAME)
    issues: list[IssueIn] = Field(min_length=1, max_length=20)
    stakeholders: list[StakeholderIn] = Field(min_length=2, max_length=300)


class ForecastRequest(BaseModel):
    case: CaseIn
    models: list[str] = Field(default=list(MODELS), min_length=1, max_length=len(MODELS))
    rounds: int | None = Field(default=None, ge=1, le=50)
    q: float | None = Field(default=None, ge=0, le=1)

    @field_validator("models")
    @classmethod
    def _known(cls, value: list[str]) -> list[str]:
        unknown = [m for m in value if m not in MODELS]
        if unknown:
            raise ValueError(f"unknown model(s) {unknown}; known: {list(MODELS)}")
        return list(dict.fromkeys(value))


class RoundOut(BaseModel):
    round: int
    median: float
    mean: float
    positions: dict[str, float]


class IssueForecastOut(BaseModel):
    issue: str
    forecast: float
    label: str
    rounds: list[RoundOut] = []


class ModelResultOut(BaseModel):
    model: str
    iterative: bool
    issues: list[IssueForecastOut]


class StakeholderOut(BaseModel):
    name: str
    capability: float
    positions: dict[str, float]
    saliences: dict[str, float]


class ForecastOut(BaseModel):
    case: str
    issues: list[IssueIn]
    stakeholders: list[StakeholderOut]
    results: list[ModelResultOut]


def _case(data: CaseIn) -> Case:
    try:
        issues = tuple(Issue(i.name, i.low, i.high, options=tuple(i.options)) for i in data.issues)
        people = tuple(
            Stakeholder(
                name=s.name,
                capability=s.capability,
                positions=dict(s.positions),
                saliences=dict(s.saliences),
                actor=s.actor,
            )
            for s in data.stakeholders
        )
        return Case(name=data.name, issues=issues, stakeholders=people)
    except InputError as exc:
        raise InputError(
            Problem(p.message, None, None, f"body.case.{p.field}" if p.field else "body.case")
            for p in exc.problems
        ) from None


def _result(case: Case, forecast: Forecast) -> ModelResultOut:
    return ModelResultOut(
        model=forecast.model,
        iterative=forecast.iterative,
        issues=[
            IssueForecastOut(
                issue=f.issue,
                forecast=f.forecast,
                label=case.issue(f.issue).label(f.forecast),
                rounds=[RoundOut.model_validate(r.to_dict()) for r in f.rounds],
            )
            for f in forecast.issues
        ],
    )


def run_models(case: Case, models: list[str], rounds: int | None, q: float | None) -> ForecastOut:
    """Every requested model's forecast of `case`, in the request's order."""
    results = [_result(case, make_model(m, rounds=rounds, q=q).forecast(case)) for m in models]
    return ForecastOut(
        case=case.name,
        issues=[
            IssueIn(name=i.name, low=i.low, high=i.high, options=list(i.options))
            for i in case.issues
        ],
        stakeholders=[
            StakeholderOut(
                name=s.name,
                capability=s.capability,
                positions=dict(s.positions),
                saliences=dict(s.saliences),
            )
            for s in case.stakeholders
        ],
        results=results,
    )


@router.post("", response_model=ForecastOut)
def forecast(request: ForecastRequest) -> ForecastOut:
    """Forecast a case given as JSON with the chosen models (default: all)."""
    return run_models(_case(request.case), request.models, request.rounds, request.q)


@router.post("/upload", response_model=ForecastOut)
async def forecast_upload(
    svc: Svc,
    file: Annotated[UploadFile, File(description="A case file: BDM, KTAB, decide, DEU or YAML.")],
    models: Annotated[str, Form(pattern=r"^[a-z,]{1,100}$")] = ",".join(MODELS),
) -> ForecastOut:
    """Forecast a case uploaded as a file; problems name the uploaded file's line and field."""
    wanted = [m for m in models.split(",") if m]
    unknown = [m for m in wanted if m not in MODELS]
    if unknown or not wanted:
        raise bad_input(f"unknown model(s) {unknown}; known: {list(MODELS)}", "body.models")
    original = (file.filename or "case.csv").replace("\\", "/").rsplit("/", 1)[-1]
    suffix = "." + original.rsplit(".", 1)[-1].lower() if "." in original else ""
    if suffix not in CASE_SUFFIXES:
        raise bad_input(f"file name must end in one of {', '.join(CASE_SUFFIXES)}", "body.file")
    path = svc.data_path("uploads", f"{uuid.uuid4().hex}{suffix}")
    try:
        path.write_bytes(await file.read())
        try:
            case = read_case(path)
        except InputError as exc:
            raise InputError(dataclasses.replace(p, file=original) for p in exc.problems) from None
    finally:
        path.unlink(missing_ok=True)
    case = dataclasses.replace(case, name=original.rsplit(".", 1)[0], source=original)
    return run_models(case, wanted, None, None)
