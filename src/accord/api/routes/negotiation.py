"""`/api/negotiations`: play a negotiation out (alternating offers or mediated), judge the deal.

A scenario comes as JSON (the fields of the scenario YAML `accord negotiate` reads: issues with
bounds; parties with ideal points, weights, reservation value, discount and strategy; protocol,
steps, seed and mediator) or as an uploaded YAML file. Both are checked by the same core code
as the CLI's file (`accord.bargaining.protocols.scenario`), within `accord.bargaining.limits`,
and run in a worker process under the forecasts' time and memory budget. The answer is
`accord.bargaining.NegotiationReport`, the form `accord negotiate --json` prints.
`GET /api/negotiations/catalogue` says what every model, protocol and strategy does.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, UploadFile
from pydantic import Field

from accord.api.problems import StrictBody, bad_input, client_file_name
from accord.api.routes.forecast import BUDGET_RESPONSES, Num, read_as_uploaded
from accord.api.services import Svc
from accord.bargaining import Catalogue, NegotiationReport, catalogue, negotiate
from accord.bargaining.limits import (
    MAX_ISSUES,
    MAX_MEDIATOR_ITERATIONS,
    MAX_NEGOTIATION_STEPS,
    MAX_PARTIES,
    MAX_SEED,
)
from accord.bargaining.protocols.scenario import read_scenario, scenario_from_data
from accord.errors import InputError, Problem

router = APIRouter(prefix="/api/negotiations", tags=["negotiations"])

NAME = r"^[^\x00-\x1f]{1,80}$"
SCENARIO_SUFFIXES = (".yaml", ".yml")
Value = Annotated[Num, Field(ge=-1e9, le=1e9)]


class IssueIn(StrictBody):
    """An issue and the range of its outcomes."""

    name: str = Field(pattern=NAME)
    low: Num = Field(default=0.0, ge=-1e9, le=1e9)
    high: Num = Field(default=1.0, ge=-1e9, le=1e9)


class PartyIn(StrictBody):
    """A party: its ideal outcome, issue weights (1 unless given), reservation utility,
    discount per step and strategy (a name from the catalogue)."""

    name: str = Field(pattern=NAME)
    ideal: dict[str, Value] = Field(max_length=MAX_ISSUES)
    weights: dict[str, Annotated[Num, Field(ge=0, le=1e9)]] = Field(
        default={}, max_length=MAX_ISSUES
    )
    reservation: Num = Field(default=0.0, ge=0, le=1)
    discount: Num = Field(default=1.0, ge=0, le=1)
    strategy: str = Field(default="linear", pattern=r"^[a-z_]{1,40}$")


class MediatorIn(StrictBody):
    """The mediator of a mediated negotiation (`favour`: the party its bias leans to)."""

    iterations: int = Field(default=500, strict=True, ge=1, le=MAX_MEDIATOR_ITERATIONS)
    step: Num = Field(default=0.05, gt=0, le=1)
    bias: Num = Field(default=0.0, ge=0, le=1)
    favour: str | None = Field(default=None, pattern=NAME)


class ScenarioIn(StrictBody):
    """A negotiation scenario, as in the YAML files `accord negotiate` reads."""

    name: str = Field(default="scenario", pattern=NAME)
    protocol: Literal["alternating", "mediated"] = "alternating"
    steps: int = Field(default=100, strict=True, ge=1, le=MAX_NEGOTIATION_STEPS)
    seed: int | None = Field(default=None, strict=True, ge=0, le=MAX_SEED)
    issues: list[IssueIn] = Field(min_length=1, max_length=MAX_ISSUES)
    parties: list[PartyIn] = Field(min_length=2, max_length=MAX_PARTIES)
    mediator: MediatorIn | None = None


def negotiate_data(data: dict[str, Any], name: str) -> NegotiationReport:
    """Check a scenario given as data and play it out (runs in a worker process); problems
    name the request body's fields."""
    try:
        scenario = scenario_from_data(data)
    except InputError as exc:
        raise InputError(
            Problem(p.message, None, None, f"body.{p.field}" if p.field else "body")
            for p in exc.problems
        ) from None
    return negotiate(scenario, name)


def negotiate_file(path: str, original: str) -> NegotiationReport:
    """Read an uploaded scenario file and play it out (runs in a worker process); problems name
    the file as the client called it, never the server's path."""
    scenario = read_as_uploaded(read_scenario, path, original)
    return negotiate(scenario, original.rsplit(".", 1)[0])


@router.get("/catalogue")
def negotiation_catalogue() -> Catalogue:
    """Every forecast model, protocol and strategy: what it does in one line, and its source."""
    return catalogue()


@router.post("", responses=BUDGET_RESPONSES)
async def negotiation(svc: Svc, request: ScenarioIn) -> NegotiationReport:
    """Play a scenario given as JSON out with its protocol and judge the agreement."""
    data = request.model_dump(exclude={"name"}, exclude_none=True)
    found: NegotiationReport = await svc.workers.run(
        negotiate_data, data, request.name, seconds=svc.settings.forecast_seconds
    )
    return found


@router.post("/upload", responses=BUDGET_RESPONSES)
async def negotiation_upload(
    svc: Svc,
    file: Annotated[UploadFile, File(description="A negotiation scenario YAML file.")],
) -> NegotiationReport:
    """Play an uploaded scenario YAML out; problems name the uploaded file's line and field."""
    original = client_file_name(file.filename, "scenario.yaml")
    suffix = "." + original.rsplit(".", 1)[-1].lower() if "." in original else ""
    if suffix not in SCENARIO_SUFFIXES:
        raise bad_input(f"file name must end in one of {', '.join(SCENARIO_SUFFIXES)}", "body.file")
    path = svc.data_path("uploads", f"{uuid.uuid4().hex}{suffix}")
    try:
        path.write_bytes(await file.read())
        found: NegotiationReport = await svc.workers.run(
            negotiate_file, str(path), original, seconds=svc.settings.forecast_seconds
        )
    finally:
        path.unlink(missing_ok=True)
    return found
