"""Properties of the relation measures over events ingested from generated records (through
`FakeReader` and the one ingest path): quad-class counts add up to the event count, the two
directions of a dyad add up to the undirected series, partners agree with dyad totals, and an
EWMA stays within the range of what it smooths.
"""

from __future__ import annotations

import datetime as dt
import importlib
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import ibis.expr.types as ir
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.events import ingest
from accord.events.readers import FakeReader
from accord.relations import Period, duckdb_events, dyad_series, ewma, partners
from accord.store import Store

#: The module, not the function `accord.events.ingest` re-exports under the same name.
ingest_module = importlib.import_module("accord.events.ingest")

COUNTRIES = ("USA", "CHN", "RUS", "FRA")
#: One CAMEO code per quad class (verbal / material cooperation, verbal / material conflict).
CODES = ("042", "071", "111", "190")
PROPERTY = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])

record = st.fixed_dictionaries(
    {
        "event_date": st.dates(dt.date(2020, 1, 1), dt.date(2020, 12, 31)),
        "source_country": st.sampled_from(COUNTRIES),
        "target_country": st.sampled_from(COUNTRIES),
        "cameo_code": st.sampled_from(CODES),
        "goldstein": st.floats(-10, 10, allow_nan=False).map(lambda g: round(g, 1)),
    }
)
records = st.lists(record, min_size=1, max_size=40)


@contextmanager
def stored(rows: list[dict[str, Any]]) -> Iterator[ir.Table]:
    """The events of `rows` ingested into a fresh store, as an Ibis table."""
    numbered = [{"event_id": f"g{i}", **row} for i, row in enumerate(rows)]
    reader = FakeReader(numbered, dataset="csv")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "generated"
        path.write_bytes(b"in memory\n")  # a file to name (not blank); the fake ignores it
        with (
            mock.patch.object(ingest_module, "reader_for", lambda *a, **k: reader),
            Store(Path(tmp) / "store.duckdb") as store,
        ):
            report = ingest(store, path, format="fake")
            assert report.stored == len(rows)
            yield duckdb_events(store.con)


def between(rows: list[dict[str, Any]], a: str, b: str) -> list[dict[str, Any]]:
    return [r for r in rows if {r["source_country"], r["target_country"]} == {a, b} and a != b]


@PROPERTY
@given(rows=records, by=st.sampled_from(list(Period)))
def test_quad_counts_sum_to_events(rows: list[dict[str, Any]], by: Period) -> None:
    with stored(rows) as events:
        for a, b in [("USA", "CHN"), ("RUS", "FRA")]:
            series = dyad_series(events, a, b, by=by)
            for p in series:
                quads = p.verbal_coop + p.material_coop + p.verbal_conflict + p.material_conflict
                assert quads == p.events > 0
            assert sum(p.events for p in series) == len(between(rows, a, b))


@PROPERTY
@given(rows=records)
def test_both_directions_add_up_to_the_dyad(rows: list[dict[str, Any]]) -> None:
    with stored(rows) as events:
        both = {p.start: p for p in dyad_series(events, "USA", "CHN")}
        ab = {p.start: p for p in dyad_series(events, "USA", "CHN", directed=True)}
        ba = {p.start: p for p in dyad_series(events, "CHN", "USA", directed=True)}
    assert set(both) == set(ab) | set(ba)
    for start, point in both.items():
        parts = [d[start] for d in (ab, ba) if start in d]
        assert point.events == sum(p.events for p in parts)
        assert point.material_conflict == sum(p.material_conflict for p in parts)
        # each sum is rounded to 4 digits, so the parts may differ by their rounding
        assert point.goldstein_sum == pytest.approx(sum(p.goldstein_sum for p in parts), abs=1e-3)


@PROPERTY
@given(rows=records)
def test_partners_agree_with_dyad_totals(rows: list[dict[str, Any]]) -> None:
    with stored(rows) as events:
        profile = partners(events, "USA", top=len(COUNTRIES))
        totals = {
            other: dyad_series(events, "USA", other, by=Period.YEAR)
            for other in COUNTRIES
            if other != "USA"
        }
    ranked = {p.partner: p for p in (*profile.by_cooperation, *profile.by_conflict)}
    for other, series in totals.items():
        events_total = sum(p.events for p in series)
        if other not in ranked:
            assert events_total == 0
            continue
        partner = ranked[other]
        assert partner.events == events_total
        assert partner.cooperation == sum(p.verbal_coop + p.material_coop for p in series)
        assert partner.conflict == sum(p.verbal_conflict + p.material_conflict for p in series)
        assert partner.cooperation + partner.conflict == partner.events
    coop = [(-p.cooperation, -p.events, p.partner) for p in profile.by_cooperation]
    assert coop == sorted(coop)


@given(
    values=st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=50),
    span=st.floats(1, 100),
)
def test_ewma_stays_within_the_range_seen_so_far(values: list[float], span: float) -> None:
    smoothed = ewma(values, span)
    assert smoothed[0] == values[0]
    for i, level in enumerate(smoothed):
        seen = values[: i + 1]
        assert min(seen) - 1e-6 <= level <= max(seen) + 1e-6


@PROPERTY
@given(rows=records)
def test_ewma_of_a_dyad_series_stays_within_its_values(rows: list[dict[str, Any]]) -> None:
    with stored(rows) as events:
        series = [p.goldstein_sum for p in dyad_series(events, "USA", "RUS")]
    smoothed = ewma(series, 3)
    if series:
        assert min(series) - 1e-9 <= smoothed.min() and smoothed.max() <= max(series) + 1e-9
