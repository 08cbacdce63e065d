"""Blocs in a signed network, and how polarised the network is.

Partition: structural-balance partitioning, i.e. blocs that minimise the *frustration* of the
partition, the total |weight| of positive edges between blocs plus negative edges inside blocs
(Doreian & Mrvar 1996, "A partitioning approach to structural balance", Social Networks 18,
with equal weight on both kinds of error; the number of blocs is not fixed in advance). Each
restart begins from one starting partition, moves single nodes to the bloc (or a new bloc) that
lowers the frustration most until no move helps, then merges pairs of blocs while a merge helps;
the best partition over the restarts wins (ties: fewer blocs). The starts are signed spectral
clusterings (Kunegis et al. 2010, "Spectral analysis of signed graphs for clustering, prediction
and visualization", SDM: the signs of the eigenvector of the smallest eigenvalue of the
normalised signed Laplacian `I - D^-1/2 A D^-1/2`, `D` the absolute degrees), the signs of the
leading eigenvector of the signed adjacency matrix, then random partitions from `seed`.

Measures of the result, all relative to `total`, the sum of |weight| over all edges:
- `balance = 1 - frustration / total`: the structural balance ratio of the partition (1 when
  every positive edge is inside a bloc and every negative edge between blocs);
- `polarisation = hostility between blocs / total`: the share of the network's relation weight
  that is conflict *across* blocs. 0 when no conflict separates blocs (e.g. everybody
  cooperates: one bloc); near 1 when the network is made of blocs hostile to each other;
- `frustration_share`: the share of (non-zero) edges that violate balance, counted, not
  weighted.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np

from accord.jsonable import AsDict

_EPS = 1e-12


@dataclass(frozen=True)
class Blocs(AsDict):
    """A partition of a signed network into blocs, with its quality measures."""

    blocs: tuple[tuple[str, ...], ...]
    frustration: float
    total: float
    balance: float
    polarisation: float
    frustration_share: float = 0.0

    def bloc_of(self, node: str) -> int:
        """The index of the bloc holding `node`."""
        for i, bloc in enumerate(self.blocs):
            if node in bloc:
                return i
        raise KeyError(node)


def _frustration(w: np.ndarray, labels: np.ndarray) -> float:
    same = labels[:, None] == labels[None, :]
    bad = np.where(same, np.minimum(w, 0.0), np.maximum(w, 0.0))
    return float(np.abs(np.triu(bad, 1)).sum())


def _local_moves(w: np.ndarray, labels: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Move single nodes while a move lowers the frustration (each move strictly lowers it).

    Keeps, for every node and bloc, the positive and negative weight from the node to the bloc,
    updated on each move, so a sweep over the nodes costs O(n^2)."""
    n = len(labels)
    _, member = np.unique(labels, return_inverse=True)
    labels = member.astype(np.int64)
    positive = np.maximum(w, 0.0)
    negative = np.maximum(-w, 0.0)
    onehot = np.zeros((n, n))
    onehot[np.arange(n), labels] = 1.0
    pos_to = positive @ onehot
    neg_to = negative @ onehot
    outside_all = positive.sum(axis=1)
    sizes = onehot.sum(axis=0)
    for _ in range(100):
        moved = False
        for i in rng.permutation(n):
            # cost of i in bloc c: positive weight to nodes outside c + negative weight inside c
            cost = outside_all[i] - pos_to[i] + neg_to[i]
            here = labels[i]
            occupied = sizes > 0
            best = int(np.argmin(np.where(occupied, cost, np.inf)))
            target = -1
            if cost[best] < cost[here] - _EPS:
                target = best
            elif outside_all[i] < cost[here] - _EPS and sizes[here] > 1:  # alone, in a new bloc
                target = int(np.argmin(occupied))
            if target < 0:
                continue
            pos_to[:, here] -= positive[:, i]
            neg_to[:, here] -= negative[:, i]
            pos_to[:, target] += positive[:, i]
            neg_to[:, target] += negative[:, i]
            sizes[here] -= 1
            sizes[target] += 1
            labels[i] = target
            moved = True
        if not moved:
            break
    return labels


def _merge(w: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Merge two blocs while the net weight between them is positive (that lowers frustration)."""
    labels = labels.copy()
    while True:
        blocs = np.unique(labels)
        best, pair = _EPS, None
        for x in range(len(blocs)):
            for y in range(x + 1, len(blocs)):
                between = w[np.ix_(labels == blocs[x], labels == blocs[y])].sum()
                if between > best:
                    best, pair = between, (blocs[x], blocs[y])
        if pair is None:
            return labels
        labels[labels == pair[1]] = pair[0]


def _spectral_start(w: np.ndarray) -> np.ndarray:
    values, vectors = np.linalg.eigh(w)
    lead = vectors[:, int(np.argmax(values))]
    return (lead < 0).astype(np.int64)


def _signed_laplacian_start(w: np.ndarray) -> np.ndarray:
    """Two blocs from the signs of the eigenvector of the smallest eigenvalue of the
    normalised signed Laplacian (Kunegis et al. 2010); isolated nodes go to bloc 0."""
    degree = np.abs(w).sum(axis=1)
    scale = np.where(degree > 0, 1.0 / np.sqrt(np.where(degree > 0, degree, 1.0)), 0.0)
    laplacian = np.eye(len(w)) - scale[:, None] * w * scale[None, :]
    values, vectors = np.linalg.eigh(laplacian)
    vector = vectors[:, int(np.argmin(values))]
    return (vector < 0).astype(np.int64)


def _violations(w: np.ndarray, labels: np.ndarray) -> float:
    """The share of non-zero edges that violate balance (counted)."""
    same = labels[:, None] == labels[None, :]
    upper = np.triu(np.ones_like(w, dtype=bool), 1) & (w != 0)
    bad = upper & ((same & (w < 0)) | (~same & (w > 0)))
    edges = int(upper.sum())
    return float(bad.sum()) / edges if edges else 0.0


def matrix(graph: nx.Graph, weight: str = "weight") -> tuple[list[str], np.ndarray]:
    """The nodes of `graph` (sorted) and its symmetric signed weight matrix."""
    nodes = sorted(graph.nodes, key=str)
    index = {node: i for i, node in enumerate(nodes)}
    w = np.zeros((len(nodes), len(nodes)))
    for u, v, data in graph.edges(data=True):
        if u != v:
            w[index[u], index[v]] = w[index[v], index[u]] = float(data.get(weight, 1.0))
    return nodes, w


def partition(w: np.ndarray, *, restarts: int = 8, seed: int = 0) -> np.ndarray:
    """Bloc labels of the nodes of the signed matrix `w` minimising frustration."""
    n = len(w)
    rng = np.random.default_rng(seed)
    starts = [_signed_laplacian_start(w)]
    if restarts > 1:
        starts.append(_spectral_start(w))
    for _ in range(max(restarts - 2, 0)):
        starts.append(rng.integers(0, max(2, min(n, 4)), size=n))
    best_labels, best_score = starts[0], None
    for start in starts:
        labels = _merge(w, _local_moves(w, start, rng))
        score = (round(_frustration(w, labels), 9), len(np.unique(labels)))
        if best_score is None or score < best_score:
            best_labels, best_score = labels, score
    return best_labels


def signed_blocs(
    graph: nx.Graph, *, weight: str = "weight", restarts: int = 8, seed: int = 0
) -> Blocs:
    """Partition `graph` into blocs minimising frustration (see the module docstring)."""
    nodes, w = matrix(graph, weight)
    if not nodes:
        return Blocs((), 0.0, 0.0, 1.0, 0.0, 0.0)
    best_labels = partition(w, restarts=restarts, seed=seed)
    groups: dict[int, list[str]] = {}
    for node, label in zip(nodes, best_labels, strict=True):
        groups.setdefault(int(label), []).append(node)
    blocs = tuple(sorted((tuple(g) for g in groups.values()), key=lambda g: (-len(g), str(g[0]))))
    frustration = _frustration(w, best_labels)
    total = float(np.abs(np.triu(w, 1)).sum())
    same = best_labels[:, None] == best_labels[None, :]
    hostile = float(np.triu(np.where(same, 0.0, np.maximum(-w, 0.0)), 1).sum())
    balance = 1.0 - frustration / total if total > 0 else 1.0
    polarisation = hostile / total if total > 0 else 0.0
    return Blocs(
        blocs=blocs,
        frustration=round(frustration, 9),
        total=round(total, 9),
        balance=round(balance, 9),
        polarisation=round(polarisation, 9),
        frustration_share=round(_violations(w, best_labels), 9),
    )
