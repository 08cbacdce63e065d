"""The relation measures every view shares, as Ibis expressions over the `events` table.

Quad classes follow the store's `quad_class` column (1 verbal cooperation, 2 material cooperation,
3 verbal conflict, 4 material conflict), whatever convention the reader applied. Cooperation is
classes 1 + 2, conflict 3 + 4, and net cooperation is `(cooperation - conflict) / events`, in
[-1, 1]. Goldstein sums and means skip events without a score.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeAlias

import ibis
import ibis.expr.types as ir

from accord.errors import InputError

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


def directed_counts(t: ir.Table) -> dict[str, Any]:
    """Partial aggregations that `combined_counts` can merge: counts, Goldstein sum and count.

    Aggregating per direction first and merging the directions afterwards is much cheaper than
    normalising the pair of every event: the merge runs on one row per group, not per event.
    """
    q = t.quad_class
    return {
        "events": t.count(),
        "verbal_coop": t.count(where=q == 1),
        "material_coop": t.count(where=q == 2),
        "verbal_conflict": t.count(where=q == 3),
        "material_conflict": t.count(where=q == 4),
        "goldstein_total": t.goldstein.sum(),
        "goldstein_scored": t.goldstein.count(),
    }


def combined_counts(t: ir.Table) -> dict[str, Any]:
    """The `counts` aggregations computed from groups of `directed_counts` rows."""
    scored = t.goldstein_scored.sum()
    return {
        "events": t.events.sum().cast("int64"),
        "verbal_coop": t.verbal_coop.sum().cast("int64"),
        "material_coop": t.material_coop.sum().cast("int64"),
        "verbal_conflict": t.verbal_conflict.sum().cast("int64"),
        "material_conflict": t.material_conflict.sum().cast("int64"),
        "goldstein_sum": t.goldstein_total.sum().fill_null(0.0).cast("float64"),
        "goldstein_mean": (t.goldstein_total.sum() / scored.nullif(0)).cast("float64"),
    }


def with_net_cooperation(t: ir.Table) -> ir.Table:
    """Add `net_cooperation` to a table of `counts` aggregations."""
    coop = t.verbal_coop + t.material_coop
    conflict = t.verbal_conflict + t.material_conflict
    return t.mutate(net_cooperation=(coop - conflict).cast("float64") / t.events)


def pair_columns(t: ir.Table) -> ir.Table:
    """Add the undirected pair `a` < `b` (alphabetical ISO3 codes) of each row."""
    return t.mutate(
        a=ibis.least(t.source_country, t.target_country),
        b=ibis.greatest(t.source_country, t.target_country),
    )


def pair_aggregate(t: ir.Table, keys: tuple[str, ...] = ()) -> ir.Table:
    """`counts` (and net cooperation) per undirected pair `a`, `b` and the extra `keys`.

    Events are first aggregated per direction (source, target, keys), then the two directions
    of each pair are merged; the result equals grouping by the normalised pair directly.
    """
    directed = t.group_by(["source_country", "target_country", *keys]).aggregate(
        **directed_counts(t)
    )
    pairs = pair_columns(directed)
    merged = pairs.group_by(["a", "b", *keys]).aggregate(**combined_counts(pairs))
    return with_net_cooperation(merged)


def check_country(code: str, field: str) -> str:
    """An ISO3 code as given (upper-cased), or an `InputError` naming the field."""
    value = code.strip().upper()
    if len(value) != 3 or not value.isalpha():
        raise InputError.at(f"expected an ISO3 country code, got {code!r}", field=field)
    return value
