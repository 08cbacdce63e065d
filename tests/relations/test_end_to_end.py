"""Through `accord.events.ingest`: the stored ICEWS sample gives the raw file's dyad figures."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest

from accord.relations import dyad_series
from accord.relations.engine import duckdb_events
from accord.store import Store
from tests.relations.eventdata import read_icews

ingest_module = pytest.importorskip("accord.events.ingest")


@pytest.mark.parametrize(
    ("a", "b", "names"),
    [
        ("USA", "CHN", {"United States", "China"}),
        ("RUS", "UKR", {"Russian Federation", "Ukraine"}),
    ],
)
def test_ingested_icews_dyads(
    icews_path: Path, db_path: Path, a: str, b: str, names: set[str]
) -> None:
    events: Counter[str] = Counter()
    goldstein: defaultdict[str, float] = defaultdict(float)
    for row in read_icews(icews_path):
        if {row["Source Country"], row["Target Country"]} == names:
            events[row["Event Date"]] += 1
            goldstein[row["Event Date"]] += float(row["Intensity"])
    assert events
    with Store(db_path) as store:
        ingest_module.ingest(store, icews_path, format="icews")
        points = dyad_series(duckdb_events(store.con), a, b, by="day")
    assert {p.period: p.events for p in points} == dict(events)
    for p in points:
        assert p.goldstein_sum == pytest.approx(goldstein[p.period], abs=1e-6)
