"""The signed network of dyads over a window: who cooperates with whom, who is in conflict."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Literal

import ibis.expr.types as ir
import networkx as nx

from accord.errors import InputError
from accord.relations import compiled
from accord.relations.dyad import DIGITS
from accord.relations.measures import DEFAULT_SCOPE, EventScope, pair_aggregate, select_events

EdgeWeight = Literal["net_cooperation", "goldstein_mean"]


def signed_network(
    events: ir.Table,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    min_events: int = 3,
    weight: EdgeWeight = "net_cooperation",
    dataset: str | None = None,
    run_id: str | None = None,
    scope: EventScope = DEFAULT_SCOPE,
) -> nx.Graph:
    """An undirected graph: one edge per dyad with at least `min_events` events in the window.

    The edge attribute `weight` is the dyad's net cooperation (in [-1, 1]) or its Goldstein mean
    divided by 10 (also in [-1, 1]); positive means cooperation, negative conflict. Edges also
    carry `events`. Dyads whose weight is exactly zero are kept (they weigh nothing).
    """
    if weight not in ("net_cooperation", "goldstein_mean"):
        raise InputError.at(f"unknown edge weight {weight!r}", field="weight")
    if min_events < 1:
        raise InputError.at("min_events must be at least 1", field="min_events")
    values = {"start": start, "end": end, "dataset": dataset, "run_id": run_id}

    def build(table: ir.Table, p: Mapping[str, Any]) -> ir.Table:
        return _network_query(table, p, scope)

    rows = compiled.fetch(events, ("signed_network", scope), build, {**values, "min": min_events})
    graph = nx.Graph()
    for row in rows:
        value = row[weight]
        if value is None:
            continue
        w = float(value) / (10.0 if weight == "goldstein_mean" else 1.0)
        graph.add_edge(
            row["a"],
            row["b"],
            weight=round(w, DIGITS),
            events=int(row["events"]),
            cooperation=int(row["verbal_coop"]) + int(row["material_coop"]),
            conflict=int(row["verbal_conflict"]) + int(row["material_conflict"]),
        )
    return graph


def _network_query(
    events: ir.Table, p: Mapping[str, Any], scope: EventScope = DEFAULT_SCOPE
) -> ir.Table:
    """Measures per dyad with at least `min` events; `p` holds start, end, dataset, run_id,
    min (values or placeholders)."""
    t = select_events(
        events,
        start=p["start"],
        end=p["end"],
        dataset=p["dataset"],
        run_id=p["run_id"],
        scope=scope,
    )
    grouped = pair_aggregate(t)
    return grouped.filter(grouped.events >= p["min"]).order_by(["a", "b"])
