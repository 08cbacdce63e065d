"""Real-event memory is `accord.relations`' pair measure, equal to the SQL it replaced."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from accord.events.schema import EVENT_COLUMN_NAMES, EVENTS_SCHEMA
from accord.simulation.memory import event_memory
from accord.store import Store

START = dt.date(2024, 3, 4)
CODES = ("CHN", "PHL", "USA", "VNM")

#: The raw SQL `event_memory` ran before it used `accord.relations` (kept as the reference).
OLD_SQL = """
SELECT least(source_country, target_country) AS a,
       greatest(source_country, target_country) AS b,
       avg(goldstein) AS g, count(*) AS n
FROM events
WHERE NOT simulated AND goldstein IS NOT NULL
  AND source_country IS NOT NULL AND target_country IS NOT NULL
  AND source_country <> target_country
  AND event_date < ? AND event_date >= ?
GROUP BY 1, 2 HAVING count(*) >= ?
"""

# (source, target, days before START, goldstein, simulated)
EVENTS = [
    ("CHN", "PHL", 1, -10.0, False),
    ("PHL", "CHN", 30, -5.0, False),
    ("CHN", "PHL", 365, 3.0, False),  # first day of the window
    ("CHN", "PHL", 366, 9.0, False),  # outside the window
    ("CHN", "PHL", 0, 9.0, False),  # on the start date: not before it
    ("CHN", "PHL", 2, None, False),  # unscored: neither counted nor averaged
    ("USA", "VNM", 5, 4.0, False),
    ("VNM", "USA", 6, 2.0, False),
    ("USA", "VNM", 7, 7.0, True),  # simulated
    ("USA", "VNM", 8, 1.0, False),
    ("USA", "USA", 3, 5.0, False),  # within a country
    ("USA", "PHL", 3, 5.0, False),  # too few
    ("USA", "PHL", 4, 5.0, False),
]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "s.duckdb")
    store.ensure(EVENTS_SCHEMA)
    given = ("dataset", "event_id", "event_date", "source_country", "target_country")
    given += ("goldstein", "simulated")
    columns = ", ".join(given)
    for k, (src, tgt, days, gold, simulated) in enumerate(EVENTS):
        store.con.execute(
            f"INSERT INTO events ({columns}) VALUES ('csv', ?, ?, ?, ?, ?, ?)",
            [str(k), START - dt.timedelta(days=days), src, tgt, gold, simulated],
        )
    assert len(EVENT_COLUMN_NAMES) > len(given)
    return store


def test_memory_values(store: Store) -> None:
    with store:
        memory = event_memory(store, CODES, START)
    assert memory is not None
    chn, phl, usa, vnm = range(4)
    assert memory[chn, phl] == memory[phl, chn] == pytest.approx(-0.4)  # (-10 - 5 + 3) / 3 / 10
    assert memory[usa, vnm] == memory[vnm, usa] == pytest.approx(7.0 / 30)  # (4 + 2 + 1) / 3 / 10
    assert np.count_nonzero(memory) == 4


def test_memory_equals_the_old_sql(store: Store) -> None:
    with store:
        memory = event_memory(store, CODES, START, window=400, min_events=2)
        old = store.con.execute(OLD_SQL, [START, START - dt.timedelta(days=400), 2]).fetchall()
    assert memory is not None
    expected = np.zeros_like(memory)
    for a, b, g, _ in old:
        i, j = CODES.index(a), CODES.index(b)
        expected[i, j] = expected[j, i] = g / 10.0
    assert len(old) == 3  # CHN-PHL (with the 366-day event), USA-VNM, PHL-USA
    np.testing.assert_allclose(memory, expected, rtol=0, atol=1e-12)


def test_no_real_events_no_memory(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.duckdb") as store:
        assert event_memory(store, CODES, START) is None
        store.ensure(EVENTS_SCHEMA)
        assert event_memory(store, CODES, START) is None
