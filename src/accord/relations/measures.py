"""The relation measures every view shares, as Ibis expressions over the `events` table.

Quad classes follow the store's `quad_class` column (1 verbal cooperation, 2 material cooperation,
3 verbal conflict, 4 material conflict), whatever convention the reader applied. Cooperation is
classes 1 + 2, conflict 3 + 4, and net cooperation is `(cooperation - conflict) / events`, in
[-1, 1]. Goldstein sums and means skip events without a score.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeAlias

import ibis.expr.types as ir

from accord.errors import InputError, UnknownNameError

#: Names of the measure columns, in output order.
MEASURES: tuple[str, ...] = (
    "events",
    "verbal_coop",
    "material_coop",
    "verbal_conflict",
    "material_conflict",
    "goldstein_sum",
    "goldstein_mean",
    "net_cooperation",
)


#: A date bound given as a value or as an Ibis expression (a query parameter's placeholder).
DateArg: TypeAlias = dt.date | ir.Value | None
#: A string given as a value or as an Ibis expression (a query parameter's placeholder).
TextArg: TypeAlias = str | ir.Value | None


def select_events(
    events: ir.Table,
    *,
    start: DateArg = None,
    end: DateArg = None,
    dataset: TextArg = None,
    run_id: TextArg = None,
) -> ir.Table:
    """Events between two different known countries, within the dates (inclusive).

    Without `run_id` only real (non-simulated) events count; with it, only that simulation run's.
    """
    t = events
    own_run = events.run_id == run_id if run_id is not None else ~events.simulated.fill_null(False)
    t = t.filter(own_run)
    if dataset is not None:
        t = t.filter(t.dataset == dataset)
    if start is not None:
        t = t.filter(t.event_date >= start)
    if end is not None:
        t = t.filter(t.event_date <= end)
    return t.filter(
        t.source_country.notnull()
        & t.target_country.notnull()
        & (t.source_country != t.target_country)
    )


def check_filters(
    events: ir.Table, *, dataset: str | None = None, run_id: str | None = None
) -> None:
    """`UnknownNameError` for a dataset or a simulation run that `events` do not hold, so a
    typo in a filter is an error naming it, never an empty answer."""
    if dataset is not None:
        known = _distinct(events, events.dataset)
        if dataset not in known:
            raise UnknownNameError("dataset", dataset, known)
    if run_id is not None:
        runs = events.filter(events.run_id == run_id).limit(1).count().execute()
        if not runs:
            some = _distinct(events.filter(events.run_id.notnull()), events.run_id)
            raise UnknownNameError("simulation run", run_id, some)


def _distinct(t: ir.Table, column: ir.Column) -> list[str]:
    """The distinct non-null values of a text column, sorted."""
    name = column.get_name()
    rows = t.select(name).filter(t[name].notnull()).distinct().order_by(name).to_pyarrow()
    return [str(v) for v in rows.column(0).to_pylist()]


def counts(t: ir.Table) -> dict[str, Any]:
    """Aggregations: events, the four quad-class counts, Goldstein sum and mean."""
    q = t.quad_class
    return {
        "events": t.count(),
        "verbal_coop": t.count(where=q == 1),
        "material_coop": t.count(where=q == 2),
        "verbal_conflict": t.count(where=q == 3),
        "material_conflict": t.count(where=q == 4),
        "goldstein_sum": t.goldstein.sum().fill_null(0.0).cast("float64"),
        "goldstein_mean": t.goldstein.mean().cast("float64"),
    }


def with_net_cooperation(t: ir.Table) -> ir.Table:
    """Add `net_cooperation` to a table of `counts` aggregations."""
    coop = t.verbal_coop + t.material_coop
    conflict = t.verbal_conflict + t.material_conflict
    return t.mutate(net_cooperation=(coop - conflict).cast("float64") / t.events)


def pair_columns(t: ir.Table) -> ir.Table:
    """Add the undirected pair `a` < `b` (alphabetical ISO3 codes) of each row.

    Written as one comparison and two conditionals rather than `least`/`greatest`: on DuckDB
    the generic `LEAST`/`GREATEST` on strings cost more than the whole aggregation that follows.
    """
    src, tgt = t.source_country, t.target_country
    first = src < tgt
    return t.mutate(a=first.ifelse(src, tgt), b=first.ifelse(tgt, src))


def pair_aggregate(t: ir.Table, keys: tuple[str, ...] = ()) -> ir.Table:
    """`counts` and net cooperation per undirected pair `a`, `b` and the extra `keys`."""
    pairs = pair_columns(t)
    return with_net_cooperation(pairs.group_by(["a", "b", *keys]).aggregate(**counts(pairs)))


def check_country(code: str, field: str) -> str:
    """An ISO3 code as given (upper-cased), or an `InputError` naming the field."""
    value = code.strip().upper()
    if len(value) != 3 or not value.isalpha():
        raise InputError.at(f"expected an ISO3 country code, got {code!r}", field=field)
    return value
