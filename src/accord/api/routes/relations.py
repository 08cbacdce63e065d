"""`/api/relations/...`: dyad series, partners, tension alerts and the signed network's blocs,
computed from the store's events by `accord.relations`, answered as its result dataclasses.

Alerts and the network can ask for minutes of work (alerts by day over millions of events, a
large network with many bootstrap replicates): their work is estimated first from one count
query (`alert_work`, `network_work`) and a request over the limit (`MAX_ALERT_WORK`,
`MAX_NETWORK_WORK`) is refused with a 422 naming the parameters that narrow it, before any
request thread is held for it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import ibis.expr.types as ir
from fastapi import APIRouter, Query, Response
from pydantic import TypeAdapter

from accord.api.problems import bad_input, too_much_work
from accord.api.routes.params import CodeQuery, FromDate, OptionalCode, RunQuery, ToDate, resolve
from accord.api.services import Services, Svc
from accord.errors import InputError
from accord.relations import (
    Alert,
    AlertSettings,
    DyadSeries,
    EventScope,
    NetworkBlocs,
    Period,
    Profile,
    dyad_report,
    event_scope,
    network_blocs,
    partners,
    tension_alerts,
)
from accord.relations.alerts import MAX_ALERT_WORK, AlertWork, alert_work
from accord.relations.dyad import points_from_tuples
from accord.relations.measures import check_filters
from accord.relations.network import MAX_NETWORK_WORK, NetworkWork, network_work

router = APIRouter(prefix="/api/relations", tags=["relations"])
From = FromDate
To = ToDate
Dataset = Annotated[
    str | None,
    Query(pattern=r"^[a-z0-9_]{1,32}$", description="Only the events of this dataset."),
]


Sector = Annotated[
    str | None,
    Query(
        max_length=200,
        pattern=r"^[a-z,]+$",
        description="Only events whose both actors are in these sectors (comma-separated).",
    ),
]
Convention = Annotated[
    Literal["dataset", "gdelt"],
    Query(description="Quad classes and Goldstein: each dataset's own, or GDELT's."),
]
IgoAsState = Annotated[
    bool, Query(description="Count officials of international organisations for their state.")
]


def _scope(sector: str | None, convention: str, igo_as_state: bool) -> EventScope:
    try:
        return event_scope(sector, convention, igo_as_state)
    except InputError as error:
        raise bad_input(str(error.first.message), "query.sector") from None


def _check_filters(events: ir.Table, dataset: str | None, run: str | None = None) -> None:
    """`check_filters`, its 422 for a dataset of simulated events only (which count only for
    one run) naming the query parameter `dataset`."""
    try:
        check_filters(events, dataset=dataset, run_id=run)
    except InputError as error:
        field = error.first.field
        raise bad_input(error.first.message, f"query.{field}" if field else None) from None


def _check_window(start: dt.date | None, end: dt.date | None) -> None:
    if start is not None and end is not None and start > end:
        raise bad_input(f"from {start} is after to {end}", "query.from")


#: The dyad answer's JSON encoder: the one FastAPI's response model would use, called directly.
_DYAD_JSON = TypeAdapter(DyadSeries)


def _indexed(
    svc: Services,
    asked: DyadSeries,
    start: dt.date | None,
    end: dt.date | None,
    dataset: str | None,
    scope: EventScope,
) -> Response | None:
    """The answer from the in-memory dyad index (`Services.dyad_index`), or None when there is
    none for the current store write, it does not cover the scope, or a write committed or
    began meanwhile (the caller then asks SQL). `asked`: the pair, period and direction."""
    indexed = svc.dyad_index()
    if indexed is None:
        return None
    generation, index = indexed
    a, b, by, directed = asked.a, asked.b, asked.by, asked.directed
    rows = index.series(
        a, b, by=by, start=start, end=end, directed=directed, dataset=dataset, scope=scope
    )
    if rows is None or not svc.unchanged_since(generation):
        return None
    series = DyadSeries(a, b, by, directed, tuple(points_from_tuples(rows, by)))
    return Response(_DYAD_JSON.dump_json(series), media_type="application/json")


@router.get("/dyad", response_model=DyadSeries)
def dyad(
    svc: Svc,
    a: CodeQuery,
    b: CodeQuery,
    by: Period = Period.MONTH,
    start: From = None,
    end: To = None,
    directed: bool = False,
    run: RunQuery = None,
    dataset: Dataset = None,
    sector: Sector = None,
    convention: Convention = "dataset",
    igo_as_state: IgoAsState = False,
) -> Response:
    """Events, quad-class counts, Goldstein and net cooperation of a pair, per period."""
    left, right = resolve(svc.world, a, "query.a"), resolve(svc.world, b, "query.b")
    if left == right:
        raise bad_input("a dyad needs two different countries", "query.b")
    _check_window(start, end)
    scope = _scope(sector, convention, igo_as_state)
    events = svc.events()
    _check_filters(events, dataset, run)

    def report(igo_known: bool) -> DyadSeries:
        return dyad_report(
            events,
            left,
            right,
            by=by,
            start=start,
            end=end,
            directed=directed,
            run_id=run,
            dataset=dataset,
            scope=scope,
            igo_known=igo_known,
        )

    # from the in-memory index of the events (built once per store write) when it covers the
    # request and no write has committed since it was built
    if run is None:
        found = _indexed(svc, DyadSeries(left, right, by, directed, ()), start, end, dataset, scope)
        if found is not None:
            return found
    # the IGO-official rule read from the sector texts this thread's connection keeps (loaded
    # once per store write), unless a write committed meanwhile: then the rule itself
    generation = None if scope.igo_as_state else svc.igo_sectors()
    series = report(generation is not None)
    if generation is not None and not svc.unchanged_since(generation):
        series = report(False)
    # the series is already a `DyadSeries`: encoded directly, not validated again (FastAPI
    # would rebuild it, on one more trip through the thread pool); the schema is the model's
    return Response(_DYAD_JSON.dump_json(series), media_type="application/json")


@router.get("/partners/{code}")
def top_partners(
    svc: Svc,
    code: str,
    start: From = None,
    end: To = None,
    top: Annotated[int, Query(ge=1, le=200)] = 10,
    sector: Sector = None,
    convention: Convention = "dataset",
    igo_as_state: IgoAsState = False,
) -> Profile:
    """A country's top partners by cooperation and by conflict over the window."""
    found = resolve(svc.world, code, "path.code", kind="state")
    _check_window(start, end)
    scope = _scope(sector, convention, igo_as_state)
    return partners(svc.events(), found, start=start, end=end, top=top, scope=scope)


@router.get("/alerts")
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
    window: Annotated[int, Query(ge=2, le=520)] = 12,
    span: Annotated[float, Query(ge=1, le=520)] = 6.0,
    min_history: Annotated[int, Query(ge=2, le=520)] = 4,
    direction: Literal["down", "up", "both"] = "down",
    drivers: Annotated[int, Query(ge=0, le=50)] = 5,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    dataset: Dataset = None,
    run: RunQuery = None,
    model: Literal["count", "spread"] = "count",
    sector: Sector = None,
    convention: Convention = "dataset",
    igo_as_state: IgoAsState = False,
) -> list[Alert]:
    """Dyad-periods whose relation broke away from the dyad's own trailing baseline (a count
    model's p-value as a z-score by default): the settings of `accord relations alerts`, by the
    same names (`min_history` <= `window`); `run`: one simulation run's events instead.
    Refused (422) when its estimated work is over `MAX_ALERT_WORK` (docs/relations.md)."""
    _check_window(start, end)
    pairs = _pair(svc, a, b)
    settings = AlertSettings(
        metric=metric,
        by=by,
        window=window,
        span=span,
        threshold=threshold,
        min_history=min_history,
        min_events=min_events,
        direction=direction,
        drivers=drivers,
        model=model,
    )
    scope = _scope(sector, convention, igo_as_state)
    events = svc.events()
    _check_filters(events, dataset, run)
    work = alert_work(
        events, settings, start=start, end=end, pairs=pairs, scope=scope, dataset=dataset,
        run_id=run, limit=limit,
    )  # fmt: skip
    _check_alert_work(work)
    return tension_alerts(
        events, settings, start=start, end=end, pairs=pairs, scope=scope, dataset=dataset,
        run_id=run, limit=limit,
    )  # fmt: skip


def _pair(svc: Services, a: str | None, b: str | None) -> list[tuple[str, str]] | None:
    """The one pair `a`, `b` of an alerts request, or None for every pair."""
    if a is None and b is None:
        return None
    if a is None or b is None:
        raise bad_input("give both a and b, or neither", "query.b" if a else "query.a")
    left, right = resolve(svc.world, a, "query.a"), resolve(svc.world, b, "query.b")
    return [(min(left, right), max(left, right))]


def _check_alert_work(work: AlertWork) -> None:
    """A 422 naming what narrows the request when its work is over `MAX_ALERT_WORK`."""
    if work.units <= MAX_ALERT_WORK:
        return
    raise too_much_work(
        f"these alerts would read {work.read:,} dyad-periods ({work.events:,} events) and judge "
        f"{work.judged:,} of them against up to {work.window} earlier ones: about "
        f"{work.units:,} units of work, more than the {MAX_ALERT_WORK:,} one request may ask "
        "for. Narrow it: an earlier 'to' or a later 'from', one 'dataset', one pair ('a' and "
        "'b'), a longer period 'by', a higher 'min_events', a smaller 'window' or 'limit'; "
        "or run `accord relations alerts`, which has no limit"
    )


@router.get("/network")
def network(
    svc: Svc,
    start: From = None,
    end: To = None,
    min_events: Annotated[int, Query(ge=1, le=10_000)] = 3,
    dataset: Dataset = None,
    run: RunQuery = None,
    bootstrap: Annotated[int, Query(ge=0, le=200)] = 20,
    sector: Sector = None,
    convention: Convention = "dataset",
    igo_as_state: IgoAsState = False,
) -> NetworkBlocs:
    """The signed network of dyads over the window, its blocs, balance, polarisation,
    frustration and bootstrap stability. Refused (422) when its estimated work is over
    `MAX_NETWORK_WORK` (docs/relations.md)."""
    _check_window(start, end)
    scope = _scope(sector, convention, igo_as_state)
    _check_filters(svc.events(), dataset, run)
    work = network_work(
        svc.events(), start=start, end=end, min_events=min_events, dataset=dataset, run_id=run,
        scope=scope, bootstrap=bootstrap,
    )  # fmt: skip
    _check_network_work(work)
    return network_blocs(
        svc.events(),
        svc.world,
        start=start,
        end=end,
        min_events=min_events,
        dataset=dataset,
        run_id=run,
        bootstrap=bootstrap,
        scope=scope,
    )


def _check_network_work(work: NetworkWork) -> None:
    """A 422 naming what narrows the request when its work is over `MAX_NETWORK_WORK`."""
    if work.units <= MAX_NETWORK_WORK:
        return
    most = work.most_replicates(MAX_NETWORK_WORK)
    raise too_much_work(
        f"this network has {work.nodes:,} countries and {work.edges:,} dyads; its "
        f"{work.partitions:,} partitions (restarts and bootstrap replicates) are about "
        f"{work.units:,} units of work, more than the {MAX_NETWORK_WORK:,} one request may ask "
        f"for. Narrow it: at most {most} bootstrap replicates, a higher 'min_events', a "
        "shorter window ('from', 'to') or one 'dataset'; or run `accord relations network`, "
        "which has no limit",
        field="query.bootstrap",
    )
