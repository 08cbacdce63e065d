"""The memory of relations built from real events in the store, before a run starts.

For every dyad with at least `min_events` scored events in the `window` days before the start
(excluding simulated events), the memory is the mean Goldstein score / 10 of those events,
both directions pooled. It enters the relation baseline (rules.attitudes, `memory_weight`).
The measure is `accord.relations`' own (`select_events`, `pair_aggregate`), so it runs on any
Ibis engine and cannot drift from what `accord relations` reports.
"""

from __future__ import annotations

import datetime as dt

import ibis.expr.types as ir
import numpy as np

from accord.relations.engine import duckdb_events
from accord.relations.measures import pair_aggregate, select_events
from accord.simulation.state import FloatArray
from accord.store import Store, first_int


def memory_pairs(
    events: ir.Table, start: dt.date, window: int = 365, min_events: int = 3
) -> ir.Table:
    """Per undirected pair (`a` < `b`): the mean Goldstein score (`goldstein_mean`) of its
    real, scored events in the `window` days before `start`, when it has `min_events`."""
    before = select_events(
        events, start=start - dt.timedelta(days=window), end=start - dt.timedelta(days=1)
    )
    scored = pair_aggregate(before.filter(before.goldstein.notnull()))
    return scored.filter(scored.events >= min_events).select("a", "b", "goldstein_mean")


def event_memory(
    store: Store,
    codes: tuple[str, ...],
    start: dt.date,
    window: int = 365,
    min_events: int = 3,
) -> FloatArray | None:
    """The (n x n) memory matrix, or None when the store holds no real events."""
    tables = "SELECT count(*) FROM information_schema.tables WHERE table_name = 'events'"
    if not first_int(store.con, tables):
        return None
    pairs = memory_pairs(duckdb_events(store.con), start, window, min_events).to_pyarrow()
    if not pairs.num_rows:
        return None
    index = {c: i for i, c in enumerate(codes)}
    memory = np.zeros((len(codes), len(codes)))
    columns = (pairs.column(name).to_pylist() for name in ("a", "b", "goldstein_mean"))
    for a, b, g in zip(*columns, strict=True):
        if a in index and b in index:
            memory[index[a], index[b]] = memory[index[b], index[a]] = float(g) / 10.0
    return memory
