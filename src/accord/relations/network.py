"""The signed network of dyads over a window: who cooperates with whom, who is in conflict."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import ibis.expr.types as ir
import networkx as nx

from accord.errors import InputError
from accord.relations.dyad import DIGITS, fetch_rows
from accord.relations.measures import counts, pair_columns, select_events, with_net_cooperation

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
    t = pair_columns(select_events(events, start=start, end=end, dataset=dataset, run_id=run_id))
    grouped = with_net_cooperation(t.group_by(["a", "b"]).aggregate(**counts(t)))
    grouped = grouped.filter(grouped.events >= min_events).order_by(["a", "b"])
    graph = nx.Graph()
    for row in fetch_rows(grouped):
        value = row[weight]
        if value is None:
            continue
        w = float(value) / (10.0 if weight == "goldstein_mean" else 1.0)
        graph.add_edge(row["a"], row["b"], weight=round(w, DIGITS), events=int(row["events"]))
    return graph
