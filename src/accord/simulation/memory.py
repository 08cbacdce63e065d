"""The memory of relations built from real events in the store, before a run starts.

For every dyad with at least `min_events` events in the `window` days before the start
(excluding simulated events), the memory is the mean Goldstein score / 10 of those events,
both directions pooled. It enters the relation baseline (rules.relations, `memory_weight`).
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from accord.simulation.state import FloatArray
from accord.store import Store, first_int


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
    rows = store.con.execute(
        """
        SELECT least(source_country, target_country) AS a,
               greatest(source_country, target_country) AS b,
               avg(goldstein) AS g, count(*) AS n
        FROM events
        WHERE NOT simulated AND goldstein IS NOT NULL
          AND source_country IS NOT NULL AND target_country IS NOT NULL
          AND source_country <> target_country
          AND event_date < ? AND event_date >= ?
        GROUP BY 1, 2 HAVING count(*) >= ?
        """,
        [start, start - dt.timedelta(days=window), min_events],
    ).fetchall()
    if not rows:
        return None
    index = {c: i for i, c in enumerate(codes)}
    memory = np.zeros((len(codes), len(codes)))
    for a, b, g, _ in rows:
        if a in index and b in index:
            memory[index[a], index[b]] = memory[index[b], index[a]] = float(g) / 10.0
    return memory
