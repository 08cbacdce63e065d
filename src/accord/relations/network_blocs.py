"""The signed network of dyads and its blocs as one result: named nodes with their bloc, the
edges, the blocs and how balanced and polarised the partition is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import ibis.expr.types as ir

from accord.jsonable import AsDict
from accord.relations.blocs import signed_blocs
from accord.relations.network import EdgeWeight, signed_network
from accord.world import World

__all__ = ["NetworkBlocs", "NetworkEdge", "NetworkNode", "network_blocs"]


@dataclass(frozen=True)
class NetworkNode(AsDict):
    """A country of the network, named, with the index of its bloc."""

    code: str
    name: str
    bloc: int


@dataclass(frozen=True)
class NetworkEdge(AsDict):
    """A dyad of the network: its signed weight in [-1, 1] and its event count."""

    a: str
    b: str
    weight: float
    events: int


@dataclass(frozen=True)
class NetworkBlocs(AsDict):
    """The signed network over a window, partitioned into blocs (see `accord.relations.blocs`)."""

    nodes: tuple[NetworkNode, ...]
    edges: tuple[NetworkEdge, ...]
    blocs: tuple[tuple[str, ...], ...]
    frustration: float
    total: float
    balance: float
    polarisation: float


def network_blocs(
    events: ir.Table,
    world: World | None = None,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    min_events: int = 3,
    weight: EdgeWeight = "net_cooperation",
    seed: int = 0,
    dataset: str | None = None,
    run_id: str | None = None,
) -> NetworkBlocs:
    """The signed network of the window (`signed_network`) and its blocs (`signed_blocs`);
    nodes are named from `world` when given."""
    graph = signed_network(
        events,
        start=start,
        end=end,
        min_events=min_events,
        weight=weight,
        dataset=dataset,
        run_id=run_id,
    )
    found = signed_blocs(graph, seed=seed)

    def name(code: str) -> str:
        return world.actor(code).name if world is not None and world.has_actor(code) else code

    nodes = tuple(
        NetworkNode(str(n), name(str(n)), found.bloc_of(n)) for n in sorted(graph.nodes, key=str)
    )
    edges = tuple(
        NetworkEdge(str(u), str(v), float(d["weight"]), int(d["events"]))
        for u, v, d in sorted(graph.edges(data=True), key=lambda e: (str(e[0]), str(e[1])))
    )
    return NetworkBlocs(
        nodes=nodes,
        edges=edges,
        blocs=found.blocs,
        frustration=found.frustration,
        total=found.total,
        balance=found.balance,
        polarisation=found.polarisation,
    )
