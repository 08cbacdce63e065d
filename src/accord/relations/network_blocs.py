"""The signed network of dyads and its blocs as one result: named nodes with their bloc, the
edges, the blocs, how balanced and polarised the partition is, and how stable under a bootstrap.

Stability (net-cooperation weights): `bootstrap` replicates resample the network's events with
replacement (a multinomial draw of as many events over the dyads' cooperation, conflict and
other counts), rebuild each edge with the same minimum support, partition again, and compare
each replicate's co-assignments with the reported partition: `stability` is the share of node
pairs (present in both) that the replicate puts together or apart as the reported partition does
(a Rand index averaged over replicates; 1 = every replicate agrees); each node's `stability` is
the same share over the pairs it belongs to. Below `UNSTABLE_BELOW` a node's placement is weak:
replicates often group it otherwise (a country in a small component unconnected to the rest sits
near 0.5, its bloc arbitrary). Blocs are numbered from 0, their index in `blocs`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import ibis.expr.types as ir
import networkx as nx
import numpy as np

from accord.errors import InputError
from accord.jsonable import AsDict
from accord.relations.blocs import partition, signed_blocs
from accord.relations.measures import DEFAULT_SCOPE, EventScope
from accord.relations.network import EdgeWeight, signed_network
from accord.world import World

__all__ = ["UNSTABLE_BELOW", "NetworkBlocs", "NetworkEdge", "NetworkNode", "network_blocs"]

#: A node's stability below this marks its placement as weak (docs/relations.md).
UNSTABLE_BELOW = 0.6


@dataclass(frozen=True)
class NetworkNode(AsDict):
    """A country of the network, named, with the index of its bloc (from 0) and its stability."""

    code: str
    name: str
    bloc: int
    stability: float | None = None


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
    frustration_share: float = 0.0
    stability: float | None = None
    replicates: int = 0
    min_events: int = 3


def bootstrap_stability(
    graph: nx.Graph,
    blocs: tuple[tuple[str, ...], ...],
    *,
    replicates: int,
    min_events: int,
    seed: int = 0,
) -> tuple[float | None, dict[str, float]]:
    """Co-assignment stability of `blocs` under an event bootstrap (see the module docstring):
    the overall share and each node's, or (None, {}) without replicates or node pairs."""
    nodes = sorted(graph.nodes, key=str)
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[u], index[v], d) for u, v, d in graph.edges(data=True) if u != v]
    if replicates <= 0 or len(nodes) < 2 or not edges:
        return None, {}
    reference = np.zeros(len(nodes), dtype=np.int64)
    for i, bloc in enumerate(blocs):
        for node in bloc:
            reference[index[node]] = i
    cells = np.array(
        [
            [d["cooperation"], d["conflict"], d["events"] - d["cooperation"] - d["conflict"]]
            for _, _, d in edges
        ],
        dtype=np.float64,
    )
    total = int(cells.sum())
    rng = np.random.default_rng(seed)
    ref_same = reference[:, None] == reference[None, :]
    agree = np.zeros((len(nodes), len(nodes)))
    seen = np.zeros((len(nodes), len(nodes)))
    for r in range(replicates):
        draw = rng.multinomial(total, (cells / total).ravel()).reshape(cells.shape)
        w, present = _replicate_matrix(len(nodes), edges, draw, min_events)
        labels = partition(w, restarts=1, seed=seed + r)
        pair = present[:, None] & present[None, :]
        np.fill_diagonal(pair, False)
        same = labels[:, None] == labels[None, :]
        agree += pair & (same == ref_same)
        seen += pair
    overall = float(agree.sum() / seen.sum()) if seen.sum() else None
    per_node = {
        node: round(float(agree[i].sum() / seen[i].sum()), 6)
        for node, i in index.items()
        if seen[i].sum()
    }
    return (None if overall is None else round(overall, 6)), per_node


def _replicate_matrix(
    n: int, edges: list[tuple[int, int, dict[str, int]]], draw: np.ndarray, min_events: int
) -> tuple[np.ndarray, np.ndarray]:
    """The signed matrix of one bootstrap replicate and which nodes keep an edge."""
    w = np.zeros((n, n))
    present = np.zeros(n, dtype=bool)
    for (i, j, _), (coop, conflict, other) in zip(edges, draw, strict=True):
        count = coop + conflict + other
        if count >= min_events:
            w[i, j] = w[j, i] = (coop - conflict) / count
            present[i] = present[j] = True
    return w, present


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
    scope: EventScope = DEFAULT_SCOPE,
    bootstrap: int = 20,
) -> NetworkBlocs:
    """The signed network of the window (`signed_network`), its blocs (`signed_blocs`) and
    their stability over `bootstrap` replicates (net-cooperation weights only); nodes are
    named from `world` when given."""
    if bootstrap < 0:
        raise InputError.at("bootstrap must be 0 or more", field="bootstrap")
    graph = signed_network(
        events,
        start=start,
        end=end,
        min_events=min_events,
        weight=weight,
        dataset=dataset,
        run_id=run_id,
        scope=scope,
    )
    found = signed_blocs(graph, seed=seed)
    replicates = bootstrap if weight == "net_cooperation" else 0
    stability, per_node = bootstrap_stability(
        graph, found.blocs, replicates=replicates, min_events=min_events, seed=seed
    )

    def name(code: str) -> str:
        return world.actor(code).name if world is not None and world.has_actor(code) else code

    nodes = tuple(
        NetworkNode(str(n), name(str(n)), found.bloc_of(n), per_node.get(str(n)))
        for n in sorted(graph.nodes, key=str)
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
        frustration_share=found.frustration_share,
        stability=stability,
        replicates=replicates if stability is not None else 0,
        min_events=min_events,
    )
