"""The signed network of dyads over a window: who cooperates with whom, who is in conflict.

Partitioning the network into blocs (`network_blocs`) costs about nodes^3 per partition: eight
restarts and one per bootstrap replicate. `network_work` counts the nodes and edges before
anything is partitioned, from one group-by of the events; the API refuses a request above
`MAX_NETWORK_WORK` (docs/relations.md, "Limits").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import ibis.expr.types as ir
import networkx as nx

from accord.errors import InputError
from accord.jsonable import AsDict
from accord.relations import compiled
from accord.relations.dyad import DIGITS
from accord.relations.measures import (
    DEFAULT_SCOPE,
    EventScope,
    pair_aggregate,
    pair_columns,
    select_events,
)

EdgeWeight = Literal["net_cooperation", "goldstein_mean"]

#: Most work (`NetworkWork.units`) one network request of the API may ask for: about ten
#: seconds of one core (a unit costs about half a microsecond). `accord relations network`
#: has no limit.
MAX_NETWORK_WORK = 20_000_000
#: The partitions of a network before its bootstrap (`signed_blocs`' restarts).
PARTITIONS = 8


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


@dataclass(frozen=True)
class NetworkWork(AsDict):
    """The size of a network-and-blocs query, counted before it runs (`network_work`): the
    network's nodes and edges and the partitions made of it (restarts and replicates)."""

    nodes: int
    edges: int
    partitions: int

    @property
    def per_partition(self) -> int:
        """Work of one partition: nodes^3 / 100 + edges (units of about half a microsecond)."""
        return self.nodes**3 // 100 + self.edges

    @property
    def units(self) -> int:
        """Work of every partition: partitions x `per_partition`."""
        return self.partitions * self.per_partition

    def most_replicates(self, limit: int) -> int:
        """The most bootstrap replicates that keep the work within `limit` (0 or more)."""
        return max(0, limit // max(self.per_partition, 1) - PARTITIONS)


def network_work(
    events: ir.Table,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    min_events: int = 3,
    dataset: str | None = None,
    run_id: str | None = None,
    scope: EventScope = DEFAULT_SCOPE,
    bootstrap: int = 20,
) -> NetworkWork:
    """The work `network_blocs` would do with the same arguments, from one query of the dyads
    kept (a small share of the work it sizes): for a check before running it."""
    values = {"start": start, "end": end, "dataset": dataset, "run_id": run_id}

    def build(table: ir.Table, p: Mapping[str, Any]) -> ir.Table:
        t = pair_columns(
            select_events(
                table,
                start=p["start"],
                end=p["end"],
                dataset=p["dataset"],
                run_id=p["run_id"],
                scope=scope,
            )
        )
        pairs = t.group_by(["a", "b"]).aggregate(n=t.count())
        return pairs.filter(pairs.n >= p["min"]).select("a", "b")

    rows = compiled.fetch(events, ("network_work", scope), build, {**values, "min": min_events})
    nodes = {r["a"] for r in rows} | {r["b"] for r in rows}
    return NetworkWork(len(nodes), len(rows), PARTITIONS + max(bootstrap, 0))
