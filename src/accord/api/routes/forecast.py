"""`/api/forecasts`: post a bargaining case (JSON or an uploaded file), get every model's result.

The case is the `accord.bargaining` one: issues with bounds, stakeholders with capability and a
position and salience per issue. Iterative models (expected utility, exchange) return their
rounds, so the dashboard can draw positions over rounds. The answer is
`accord.bargaining.CaseForecast`, the form `accord forecast --json` prints.
"""

from __future__ import annotations

import dataclasses
import uuid
from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile
from pydantic import BaseModel, Field, field_validator

from accord.api.problems import bad_input
from accord.api.services import Svc
from accord.bargaining import (
    Case,
    CaseForecast,
    Issue,
    Stakeholder,
    forecast_case,
    model_names,
)
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


@router.post("")
def forecast(request: ForecastRequest) -> CaseForecast:
    """Forecast a case given as JSON with the chosen models (default: all)."""
    return forecast_case(_case(request.case), request.models, rounds=request.rounds, q=request.q)


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
    return forecast_case(case, wanted)
