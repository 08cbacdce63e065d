"""Country profile: a country's top partners by cooperation and by conflict over a window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import ibis.expr.types as ir

from accord.jsonable import AsDict
from accord.relations import compiled
from accord.relations.dyad import DIGITS
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


@dataclass(frozen=True)
class Partner(AsDict):
    """A country's relation with one partner over the window (both directions)."""

    partner: str
    events: int
    cooperation: int
    conflict: int
    goldstein_sum: float
    goldstein_mean: float | None
    net_cooperation: float


@dataclass(frozen=True)
class Profile(AsDict):
    """Top partners of `country`, ranked by cooperative and by conflictual event counts."""

    country: str
    start: dt.date | None
    end: dt.date | None
    by_cooperation: tuple[Partner, ...]
    by_conflict: tuple[Partner, ...]


def partners_expr(
    events: ir.Table,
    country: str,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    dataset: str | None = None,
    run_id: str | None = None,
    scope: EventScope = DEFAULT_SCOPE,
) -> ir.Table:
    """Measures of `country` with every partner: one row per partner."""
    values = {"country": country, "start": start, "end": end, "dataset": dataset}
    return _partners_query(events, {**values, "run_id": run_id}, scope)


def _partners_query(
    events: ir.Table, p: Mapping[str, Any], scope: EventScope = DEFAULT_SCOPE
) -> ir.Table:
    """The partners query; `p` holds country, start, end, dataset, run_id (values or
    placeholders)."""
    country: TextArg = p["country"]
    # the country's events first, and only the columns the measures read: a narrow query that
    # runs the scope's regular expressions on those rows only
    t = events.select(*SCOPE_COLUMNS)
    t = t.filter((t.source_country == country) | (t.target_country == country))
    t = select_events(
        t,
        start=p["start"],
        end=p["end"],
        dataset=p["dataset"],
        run_id=p["run_id"],
        scope=scope,
    )
    t = t.mutate(partner=(t.source_country == country).ifelse(t.target_country, t.source_country))
    grouped = with_net_cooperation(t.group_by("partner").aggregate(**counts(t)))
    return grouped.mutate(
        cooperation=grouped.verbal_coop + grouped.material_coop,
        conflict=grouped.verbal_conflict + grouped.material_conflict,
    )


def _partner(row: dict[str, Any]) -> Partner:
    mean = row["goldstein_mean"]
    return Partner(
        partner=row["partner"],
        events=int(row["events"]),
        cooperation=int(row["cooperation"]),
        conflict=int(row["conflict"]),
        goldstein_sum=round(float(row["goldstein_sum"]), DIGITS),
        goldstein_mean=None if mean is None else round(float(mean), DIGITS),
        net_cooperation=round(float(row["net_cooperation"]), DIGITS),
    )


def partners(
    events: ir.Table,
    country: str,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    top: int = 10,
    dataset: str | None = None,
    run_id: str | None = None,
    scope: EventScope = DEFAULT_SCOPE,
) -> Profile:
    """The `top` partners of `country` by cooperation count and by conflict count.

    Ties are broken by the larger event count, then by the partner's code; partners with no
    cooperative (conflictual) event are left out of that ranking.
    """
    country = check_country(country, "country")
    values = {"country": country, "start": start, "end": end, "dataset": dataset}

    def build(table: ir.Table, p: Mapping[str, Any]) -> ir.Table:
        return _partners_query(table, p, scope)

    rows = compiled.fetch(events, ("partners", scope), build, {**values, "run_id": run_id})
    every = [_partner(r) for r in rows]
    by_coop = sorted(
        (p for p in every if p.cooperation > 0),
        key=lambda p: (-p.cooperation, -p.events, p.partner),
    )
    by_conflict = sorted(
        (p for p in every if p.conflict > 0), key=lambda p: (-p.conflict, -p.events, p.partner)
    )
    return Profile(country, start, end, tuple(by_coop[:top]), tuple(by_conflict[:top]))
