"""What bulk ingest stores, pinned: counts and a checksum of every stored row (and of their
stored order) for the shared GDELT sample and a seeded synthetic file, so that a change made
for speed (issue 17) cannot change the stored results unnoticed.

The checksums were taken with the code before the ingest speed work and must not change: a
change of the stored values or of the order rows are stored in (date, then dyad) breaks them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.events.generate import generate_gdelt1

from accord.events import ingest
from accord.events.schema import EVENT_COLUMN_NAMES, raw_country
from accord.store import Store

#: Every stored column but `file` (a path under the test's temporary directory); the raw actor
#: countries as the file wrote them (`raw_country`: ingest no longer stores a copy equal to the
#: ISO3, so the checksums taken before prove the values are all still there).
_COLUMNS = [
    raw_country(c.removesuffix("_country_raw")) if c.endswith("_country_raw") else c
    for c in EVENT_COLUMN_NAMES
    if c != "file"
]
_ROW = " || '|' || ".join(f"coalesce(CAST({c} AS VARCHAR), '~')" for c in _COLUMNS)
#: md5 of every row's text in key order (the values), and of the dates and dyads in stored
#: order (the layout: rows with an equal date and dyad may come in any order).
_SUMMARY = f"""
SELECT count(*), count(DISTINCT event_date), count(source_country), count(location_country),
    md5(string_agg({_ROW}, chr(10) ORDER BY dataset, event_id, event_date)),
    md5(string_agg(CAST(event_date AS VARCHAR) || coalesce(source_country, '~')
        || coalesce(target_country, '~'), chr(10) ORDER BY rowid))
FROM events
"""


def _summary(path: Path, tmp_path: Path) -> tuple[object, ...]:
    with Store(tmp_path / "store.duckdb") as store:
        report = ingest(store, path)
        row = store.con.execute(_SUMMARY).fetchone()
    assert row is not None
    return (report.rows_read, report.stored, report.rejected, report.duplicate, *row)


def test_shared_gdelt_sample_stores_the_same_rows(shared_data: Path, tmp_path: Path) -> None:
    summary = _summary(shared_data / "gdelt" / "gdelt1-events.sample.tsv", tmp_path)
    assert summary == (
        710,
        710,
        0,
        0,
        710,
        9,
        437,
        684,  # 678 before GDELT's own country names (6 places in Viet Nam and the West Bank)
        "56064f3b002006363627ebd1f5ab7700",
        "27156e2e7485695b729a0c2b1a1fe802",
    )


@pytest.mark.parametrize("events", [20_000])
def test_synthetic_gdelt_stores_the_same_rows(events: int, tmp_path: Path) -> None:
    data = generate_gdelt1(tmp_path / "synthetic.tsv", events, seed=3)
    summary = _summary(data, tmp_path)
    assert summary == (
        events,
        events,
        0,
        0,
        events,
        3220,
        13879,
        15997,
        "891275d9bbd1dc42dc4f7f85aa274343",
        "4de417661bc7913ac58998877942efa0",
    )


def test_raw_countries_are_kept_only_where_they_are_not_the_iso3(
    shared_data: Path, tmp_path: Path
) -> None:
    """Of the shared sample's 437 source countries, only the regional codes that name no
    state keep a raw copy (8 rows); every other raw value is the stored ISO3 itself."""
    with Store(tmp_path / "store.duckdb") as store:
        ingest(store, shared_data / "gdelt" / "gdelt1-events.sample.tsv")
        row = store.con.execute(
            "SELECT count(source_country), count(source_country_raw), count(target_country_raw), "
            "list(DISTINCT source_country_raw ORDER BY source_country_raw) "
            "FILTER (WHERE source_country_raw IS NOT NULL), "
            "count(*) FILTER (WHERE source_country_raw = source_country "
            "OR target_country_raw = target_country) FROM events"
        ).fetchone()
    assert row == (437, 8, 10, ["AFR", "EUR", "MEA", "WST"], 0)
