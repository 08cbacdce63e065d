"""`/api/relations/...`: dyad series, partners, tension alerts and the signed network's blocs,
computed from the store's events by `accord.relations`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel

from accord.api.problems import bad_input
from accord.api.routes.params import CodeQuery, OptionalCode, resolve
from accord.api.services import Services, Svc
from accord.relations import (
    AlertSettings,
    Period,
    dyad_series,
    partners,
    signed_blocs,
    signed_network,
    tension_alerts,
)

router = APIRouter(prefix="/api/relations", tags=["relations"])
From = Annotated[dt.date | None, Query(alias="from", description="First day (inclusive).")]
To = Annotated[dt.date | None, Query(alias="to", description="Last day (inclusive).")]


class DyadPointOut(BaseModel):
    period: str
    start: dt.date
    events: int
    verbal_coop: int
    material_coop: int
    verbal_conflict: int
    material_conflict: int
    goldstein_sum: float
    goldstein_mean: float | None
    net_cooperation: float


class DyadOut(BaseModel):
    a: str
    b: str
    by: Period
    directed: bool
    points: list[DyadPointOut]


class PartnerOut(BaseModel):
    partner: str
    events: int
    cooperation: int
    conflict: int
    goldstein_sum: float
    goldstein_mean: float | None
    net_cooperation: float


class PartnersOut(BaseModel):
    country: str
    by_cooperation: list[PartnerOut]
    by_conflict: list[PartnerOut]


class AlertOut(BaseModel):
    a: str
    b: str
    period: str
    metric: str
    value: float
    baseline: float
    spread: float
    z: float
    events: int
    history: int
    drivers: list[dict[str, Any]]


class NodeOut(BaseModel):
    code: str
    name: str
    bloc: int


class EdgeOut(BaseModel):
    a: str
    b: str
    weight: float
    events: int


class NetworkOut(BaseModel):
    nodes: list[NodeOut]
    edges: list[EdgeOut]
    blocs: list[list[str]]
    balance: float
    polarisation: float


def _check_window(start: dt.date | None, end: dt.date | None) -> None:
    if start is not None and end is not None and start > end:
        raise bad_input(f"from {start} is after to {end}", "query.from")


@router.get("/dyad", response_model=DyadOut)
def dyad(
    svc: Svc,
    a: CodeQuery,
    b: CodeQuery,
    by: Period = Period.MONTH,
    start: From = None,
    end: To = None,
    directed: bool = False,
    run: Annotated[
        str | None,
        Query(
            max_length=128,
            pattern=r"^[A-Za-z0-9_.:\-]+$",
            description="A simulation run id: the series of that simulated world instead.",
        ),
    ] = None,
) -> DyadOut:
    """Events, quad-class counts, Goldstein and net cooperation of a pair, per period."""
    left, right = resolve(svc.world, a, "query.a"), resolve(svc.world, b, "query.b")
    if left == right:
        raise bad_input("a dyad needs two different countries", "query.b")
    _check_window(start, end)
    points = dyad_series(
        svc.events(), left, right, by=by, start=start, end=end, directed=directed, run_id=run
    )
    return DyadOut(
        a=left,
        b=right,
        by=by,
        directed=directed,
        points=[DyadPointOut(start=p.start, **p.as_dict()) for p in points],
    )


@router.get("/partners/{code}", response_model=PartnersOut)
def top_partners(
    svc: Svc,
    code: str,
    start: From = None,
    end: To = None,
    top: Annotated[int, Query(ge=1, le=200)] = 10,
) -> PartnersOut:
    """A country's top partners by cooperation and by conflict over the window."""
    found = resolve(svc.world, code, "path.code", kind="state")
    _check_window(start, end)
    profile = partners(svc.events(), found, start=start, end=end, top=top)
    return PartnersOut(
        country=found,
        by_cooperation=[PartnerOut(**p.as_dict()) for p in profile.by_cooperation],
        by_conflict=[PartnerOut(**p.as_dict()) for p in profile.by_conflict],
    )


@router.get("/alerts", response_model=list[AlertOut])
def alerts(
    svc: Svc,
    start: From = None,
    end: To = None,
    a: OptionalCode = None,
    b: OptionalCode = None,
    metric: Literal["net_cooperation", "goldstein_mean"] = "net_cooperation",
    by: Period = Period.MONTH,
    threshold: Annotated[float, Query(gt=0, le=10)] = 2.0,
    min_events: Annotated[int, Query(ge=1, le=10_000)] = 5,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> list[AlertOut]:
    """Dyad-periods whose relation fell below the dyad's own trailing baseline (z-score)."""
    _check_window(start, end)
    pairs = None
    if a is not None or b is not None:
        if a is None or b is None:
            raise bad_input("give both a and b, or neither", "query.b" if a else "query.a")
        left, right = resolve(svc.world, a, "query.a"), resolve(svc.world, b, "query.b")
        pairs = [(min(left, right), max(left, right))]
    settings = AlertSettings(metric=metric, by=by, threshold=threshold, min_events=min_events)
    found = tension_alerts(svc.events(), settings, start=start, end=end, pairs=pairs)
    return [AlertOut.model_validate(x.as_dict()) for x in found[:limit]]


def _network(
    svc: Services, start: dt.date | None, end: dt.date | None, min_events: int
) -> NetworkOut:
    _check_window(start, end)
    graph = signed_network(svc.events(), start=start, end=end, min_events=min_events)
    blocs = signed_blocs(graph, seed=0)
    world = svc.world
    nodes = [
        NodeOut(
            code=str(n),
            name=world.actor(str(n)).name if world.has_actor(str(n)) else str(n),
            bloc=blocs.bloc_of(n),
        )
        for n in sorted(graph.nodes, key=str)
    ]
    edges = [
        EdgeOut(a=str(u), b=str(v), weight=float(d["weight"]), events=int(d["events"]))
        for u, v, d in sorted(graph.edges(data=True), key=lambda e: (str(e[0]), str(e[1])))
    ]
    return NetworkOut(
        nodes=nodes,
        edges=edges,
        blocs=[list(b) for b in blocs.blocs],
        balance=blocs.balance,
        polarisation=blocs.polarisation,
    )


@router.get("/network", response_model=NetworkOut)
def network(
    svc: Svc,
    start: From = None,
    end: To = None,
    min_events: Annotated[int, Query(ge=1, le=10_000)] = 3,
) -> NetworkOut:
    """The signed network of dyads over the window, its blocs, balance and polarisation."""
    return _network(svc, start, end, min_events)
