"""Blocs of signed networks: planted partitions are recovered; polarisation 0 versus high."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from accord.relations import signed_blocs, signed_network
from accord.relations.engine import duckdb_events
from tests.relations.eventdata import insert_events, new_store, synthetic


def _planted(sizes: list[int], flip: float, seed: int) -> tuple[nx.Graph, list[set[str]]]:
    """Complete signed graph: positive inside blocs, negative across; a share of signs flipped."""
    rng = np.random.default_rng(seed)
    blocs = []
    start = 0
    for size in sizes:
        blocs.append({f"N{i:02d}" for i in range(start, start + size)})
        start += size
    home = {n: i for i, bloc in enumerate(blocs) for n in bloc}
    graph = nx.Graph()
    for u, v in itertools.combinations(sorted(home), 2):
        magnitude = float(rng.uniform(0.3, 1.0))
        sign = 1.0 if home[u] == home[v] else -1.0
        if rng.random() < flip:
            sign = -sign
        graph.add_edge(u, v, weight=sign * magnitude)
    return graph, blocs


def _measures(graph: nx.Graph, blocs: list[set[str]]) -> tuple[float, float]:
    """Frustration and cross-bloc hostility of a given partition, computed edge by edge."""
    home = {n: i for i, bloc in enumerate(blocs) for n in bloc}
    frustration = hostile = 0.0
    for u, v, w in graph.edges(data="weight"):
        same = home[u] == home[v]
        if (same and w < 0) or (not same and w > 0):
            frustration += abs(w)
        if not same and w < 0:
            hostile += abs(w)
    return frustration, hostile


@pytest.mark.parametrize(("sizes", "seed"), [([8, 8], 1), ([10, 6], 2), ([6, 5, 5], 3)])
def test_planted_blocs_are_recovered(sizes: list[int], seed: int) -> None:
    graph, planted = _planted(sizes, flip=0.05, seed=seed)
    result = signed_blocs(graph, seed=0)
    assert sorted(map(set, result.blocs), key=min) == sorted(planted, key=min)
    frustration, hostile = _measures(graph, planted)
    total = sum(abs(w) for _, _, w in graph.edges(data="weight"))
    assert result.frustration == pytest.approx(frustration, abs=1e-8)
    assert result.total == pytest.approx(total, abs=1e-8)
    assert result.polarisation == pytest.approx(hostile / total, abs=1e-8)
    assert result.balance == pytest.approx(1 - frustration / total, abs=1e-8)
    assert result.polarisation > 0.4


def test_cooperative_network_has_one_bloc_and_no_polarisation() -> None:
    graph, _ = _planted([12], flip=0.0, seed=4)
    result = signed_blocs(graph)
    assert len(result.blocs) == 1 and len(result.blocs[0]) == 12
    assert (result.polarisation, result.frustration, result.balance) == (0.0, 0.0, 1.0)


def test_blocs_are_deterministic_and_sorted() -> None:
    graph, _ = _planted([5, 9], flip=0.1, seed=5)
    first = signed_blocs(graph, seed=7)
    assert first == signed_blocs(graph, seed=7)
    assert len(first.blocs[0]) >= len(first.blocs[1])
    assert first.bloc_of(first.blocs[1][0]) == 1
    assert signed_blocs(nx.Graph()).blocs == ()


def test_blocs_from_events(tmp_path: Path) -> None:
    west, east = ["DEU", "FRA", "ITA"], ["BLR", "IRN", "RUS"]
    rows = []
    n = 0
    day = dt.date(2022, 3, 1)
    for group in (west, east):
        for a, b in itertools.combinations(group, 2):
            for _ in range(4):
                rows.append(synthetic(day, a, b, 1, 4.0, event_id=f"e{n}"))
                n += 1
    for a in west:
        for b in east:
            for quad in (3, 4, 4):
                rows.append(synthetic(day, a, b, quad, -6.0, event_id=f"e{n}"))
                n += 1
    rows.append(synthetic(day, "DEU", "USA", 1, 4.0, event_id="thin"))  # below min_events
    with new_store(tmp_path / "blocs.duckdb") as store:
        insert_events(store.con, rows)
        events = duckdb_events(store.con)
        graph = signed_network(events, min_events=3)
        by_goldstein = signed_network(events, min_events=3, weight="goldstein_mean")
        later = signed_network(events, start=dt.date(2022, 3, 2))
    assert sorted(graph.nodes) == sorted(west + east)
    assert graph["DEU"]["FRA"] == {"weight": 1.0, "events": 4, "cooperation": 4, "conflict": 0}
    assert graph["DEU"]["RUS"] == {"weight": -1.0, "events": 3, "cooperation": 0, "conflict": 3}
    assert by_goldstein["DEU"]["RUS"]["weight"] == pytest.approx(-0.6)
    assert later.number_of_nodes() == 0
    result = signed_blocs(graph)
    assert {frozenset(b) for b in result.blocs} == {frozenset(west), frozenset(east)}
    # 6 cooperative edges of weight 1 inside, 9 hostile edges of weight -1 across
    assert result.polarisation == pytest.approx(9 / 15)
    assert result.frustration == 0.0
