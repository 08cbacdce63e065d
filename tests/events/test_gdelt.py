"""GDELT 1.0 sample: what the store holds equals what the raw file says (csv module)."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from accord.events import ingest, query
from accord.store import Store


@pytest.fixture
def gdelt_file(shared_data: Path) -> Path:
    return shared_data / "gdelt" / "gdelt1-events.sample.tsv"


def _raw(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_counts_and_goldstein_per_dyad_month(gdelt_file: Path, db_path: Path) -> None:
    rows = _raw(gdelt_file)
    expected: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    for r in rows:
        expected[(r[7], r[17], r[1][:6])].append(float(r[30]))
    with Store(db_path) as store:
        report = ingest(store, gdelt_file)
        assert report.stored == len(rows) == 710
        for dyad in [("USA", "RUS", "201607"), ("ISR", "EGY", "198201"), ("USA", "USA", "201607")]:
            a, b, month = dyad
            start = f"{month[:4]}-{month[4:]}-01"
            df = query(store, source=a, target=b, start=start, end=f"{start[:8]}31")
            assert len(df) == len(expected[dyad]), dyad
            assert df["goldstein"].sum() == pytest.approx(sum(expected[dyad]))
        total = store.con.execute("SELECT sum(goldstein) FROM events").fetchone()
        assert total is not None
        assert total[0] == pytest.approx(sum(float(r[30]) for r in rows))


def test_row_widths_detected_per_row(gdelt_file: Path, db_path: Path) -> None:
    rows = _raw(gdelt_file)
    widths = defaultdict(int)
    for r in rows:
        widths[len(r)] += 1
    with Store(db_path) as store:
        ingest(store, gdelt_file)
        with_url, without = store.con.execute(
            "SELECT count(url), count(*) - count(url) FROM events"
        ).fetchone() or (0, 0)
    assert widths == {58: 509, 57: 201}
    assert with_url == sum(1 for r in rows if len(r) == 58 and r[57])
    assert without == 710 - with_url


def test_fields_of_one_event(gdelt_file: Path, db_path: Path) -> None:
    first = _raw(gdelt_file)[0]
    with Store(db_path) as store:
        ingest(store, gdelt_file)
        df = query(store, dataset="gdelt1")
    row = df[df.event_id == first[0]].iloc[0]
    assert str(row.event_date)[:10] == f"{first[1][:4]}-{first[1][4:6]}-{first[1][6:]}"
    assert row.source_actor == first[5] and row.source_country == first[7]
    assert row.cameo_code == first[26] and row.cameo_root == first[28]
    assert row.quad_class == int(first[29])
    assert row.mentions == int(first[31]) and row.tone == pytest.approx(float(first[34]))
    assert row.lat == pytest.approx(float(first[53])) and row.line == 1
    assert row.url == first[57]


def test_regional_codes_are_kept_raw_and_counted(gdelt_file: Path, db_path: Path) -> None:
    rows = _raw(gdelt_file)
    regions = {"EUR", "AFR", "WST", "MEA"}
    expected = sum((r[7] in regions) + (r[17] in regions) for r in rows)
    with Store(db_path) as store:
        report = ingest(store, gdelt_file)
        kept = store.con.execute(
            "SELECT count(*) FROM events WHERE source_country IS NULL AND source_country_raw "
            "IN ('EUR', 'AFR', 'WST', 'MEA')"
        ).fetchone()
    assert sum(report.unmapped[c] for c in regions) == expected > 0
    assert kept is not None and kept[0] == sum(r[7] in regions for r in rows)
