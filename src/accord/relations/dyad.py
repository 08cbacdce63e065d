"""Dyad series: how two countries treat each other, period by period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import ibis.expr.types as ir

from accord.errors import InputError
from accord.jsonable import AsDict
from accord.relations import compiled, fastsql
from accord.relations._compat import raw_connection
from accord.relations.measures import (
    DEFAULT_SCOPE,
    SCOPE_COLUMNS,
    EventScope,
    TextArg,
    check_country,
    counts,
    select_events,
    with_net_cooperation,
)
from accord.relations.periods import Period, engine_date, label, period_start

#: Decimal places kept in floating-point measures, so engines that sum in different orders agree.
DIGITS = 9


@dataclass(frozen=True)
class DyadPoint(AsDict):
    """The measures of one dyad over one period."""

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


@dataclass(frozen=True)
class DyadSeries(AsDict):
    """A dyad's series: the pair, the period length, the direction and one point per period."""

    a: str
    b: str
    by: Period
    directed: bool
    points: tuple[DyadPoint, ...]


def dyad_filter(events: ir.Table, a: TextArg, b: TextArg, *, directed: bool = False) -> ir.Table:
    """Events from `a` to `b`, and from `b` to `a` unless `directed`."""
    forward = (events.source_country == a) & (events.target_country == b)
    if directed:
        return events.filter(forward)
    backward = (events.source_country == b) & (events.target_country == a)
    return events.filter(forward | backward)


def dyad_series_expr(
    events: ir.Table,
    a: str,
    b: str,
    *,
    by: Period = Period.MONTH,
    start: dt.date | None = None,
    end: dt.date | None = None,
    directed: bool = False,
    dataset: str | None = None,
    run_id: str | None = None,
    scope: EventScope = DEFAULT_SCOPE,
) -> ir.Table:
    """The dyad series as an Ibis expression: one row per period with events, ordered."""
    values = _checked(a, b, start, end)
    values.update(start=start, end=end, dataset=dataset, run_id=run_id)
    return _dyad_query(events, values, by=Period(by), directed=directed, scope=scope)


def _checked(a: str, b: str, start: dt.date | None, end: dt.date | None) -> dict[str, Any]:
    a = check_country(a, "a")
    b = check_country(b, "b")
    if a == b:
        raise InputError.at(f"a dyad needs two different countries, got {a} twice", field="b")
    if start is not None and end is not None and start > end:
        raise InputError.at(f"the window starts ({start}) after it ends ({end})", field="from")
    return {"a": a, "b": b}


def _dyad_query(
    events: ir.Table, p: Mapping[str, Any], *, by: Period, directed: bool, scope: EventScope
) -> ir.Table:
    """The dyad series query; `p` holds a, b, start, end, dataset, run_id (values or
    placeholders)."""
    # the pair first: DuckDB then runs the scope's regular expressions on the pair's rows only;
    # only the columns the measures read, so the engine plans a narrow query
    t = select_events(
        dyad_filter(events.select(*SCOPE_COLUMNS), p["a"], p["b"], directed=directed),
        start=p["start"],
        end=p["end"],
        dataset=p["dataset"],
        run_id=p["run_id"],
        scope=scope,
    )
    t = t.mutate(period_start=period_start(t.event_date, by))
    grouped = t.group_by("period_start").aggregate(**counts(t))
    return with_net_cooperation(grouped).order_by("period_start")


def points_from_tuples(rows: list[tuple[Any, ...]], by: Period) -> list[DyadPoint]:
    """`DyadPoint`s from rows of `period_start`, the events, the four quad-class counts, the
    Goldstein sum and mean; net cooperation as the engines compute it (a double division)."""
    points = []
    for start, n, c1, c2, c3, c4, total, mean in rows:
        day = engine_date(start)
        points.append(
            DyadPoint(
                label(day, by),
                day,
                int(n),
                int(c1),
                int(c2),
                int(c3),
                int(c4),
                round(float(total), DIGITS),
                None if mean is None else round(float(mean), DIGITS),
                round(float((c1 + c2) - (c3 + c4)) / int(n), DIGITS),
            )
        )
    return points


def points_from_rows(rows: list[dict[str, Any]], by: Period) -> list[DyadPoint]:
    """Turn fetched rows (with `period_start` and the measures) into `DyadPoint`s."""
    points = []
    for row in rows:
        start = engine_date(row["period_start"])
        mean = row["goldstein_mean"]
        points.append(
            DyadPoint(
                period=label(start, by),
                start=start,
                events=int(row["events"]),
                verbal_coop=int(row["verbal_coop"]),
                material_coop=int(row["material_coop"]),
                verbal_conflict=int(row["verbal_conflict"]),
                material_conflict=int(row["material_conflict"]),
                goldstein_sum=round(float(row["goldstein_sum"]), DIGITS),
                goldstein_mean=None if mean is None else round(float(mean), DIGITS),
                net_cooperation=round(float(row["net_cooperation"]), DIGITS),
            )
        )
    return points


def dyad_series(
    events: ir.Table,
    a: str,
    b: str,
    *,
    by: Period | str = Period.MONTH,
    start: dt.date | None = None,
    end: dt.date | None = None,
    directed: bool = False,
    dataset: str | None = None,
    run_id: str | None = None,
    scope: EventScope = DEFAULT_SCOPE,
    igo_known: bool = False,
) -> list[DyadPoint]:
    """The series of dyad `a`-`b` per period (only periods with events), oldest first.

    Both directions count unless `directed` (then only `a` as source and `b` as target).
    `igo_known`: on DuckDB, the connection holds the store's IGO-official sector texts
    (`fastsql.load_igo_sectors`, loaded by the caller since the events last changed).
    """
    period = Period(by)
    values = _checked(a, b, start, end)
    values.update(start=start, end=end, dataset=dataset, run_id=run_id)

    source = compiled.duckdb_source(events)
    if source is not None:  # the hand-written statement of `fastsql` (same results)
        bound = {name: value for name, value in values.items() if value is not None}
        given = frozenset(bound) - {"a", "b"}
        sql = fastsql.dyad_sql(period, directed, scope, given, igo_known)
        return points_from_tuples(fastsql.run(raw_connection(source.con), sql, bound), period)

    def build(table: ir.Table, p: Mapping[str, Any]) -> ir.Table:
        return _dyad_query(table, p, by=period, directed=directed, scope=scope)

    rows = compiled.fetch(events, ("dyad_series", period, directed, scope), build, values)
    return points_from_rows(rows, period)


def dyad_report(
    events: ir.Table,
    a: str,
    b: str,
    *,
    by: Period | str = Period.MONTH,
    start: dt.date | None = None,
    end: dt.date | None = None,
    directed: bool = False,
    dataset: str | None = None,
    run_id: str | None = None,
    scope: EventScope = DEFAULT_SCOPE,
    igo_known: bool = False,
) -> DyadSeries:
    """`dyad_series` with the pair, period length and direction it answers (the form the CLI
    and the HTTP API show)."""
    points = dyad_series(
        events,
        a,
        b,
        by=by,
        start=start,
        end=end,
        directed=directed,
        dataset=dataset,
        run_id=run_id,
        scope=scope,
        igo_known=igo_known,
    )
    pair = (check_country(a, "a"), check_country(b, "b"))
    return DyadSeries(*pair, Period(by), directed, tuple(points))
