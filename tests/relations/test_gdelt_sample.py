"""Dyad series on the GDELT 1.0 sample (57- and 58-column rows), checked against the raw file."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest

from accord.relations import dyad_series
from accord.relations.engine import duckdb_events
from tests.relations.eventdata import insert_events, new_store

GDELT = Path("gdelt") / "gdelt1-events.sample.tsv"


def _raw(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _rows(path: Path) -> list[dict[str, Any]]:
    """The sample as `events` rows: actor country codes as GDELT wrote them, its own quad class."""
    out = []
    for line, f in enumerate(_raw(path), start=1):
        out.append(
            {
                "dataset": "gdelt1",
                "event_id": f[0],
                "event_date": dt.datetime.strptime(f[1], "%Y%m%d").date(),
                "source_country": f[7] or None,
                "target_country": f[17] or None,
                "cameo_code": f[26],
                "cameo_root": f[28],
                "quad_class": int(f[29]),
                "goldstein": float(f[30]),
                "line": line,
                "url": f[57] if len(f) == 58 else None,
            }
        )
    return out


@pytest.mark.parametrize(("a", "b"), [("USA", "RUS"), ("ISR", "EGY"), ("IRQ", "IRN")])
def test_gdelt_monthly_dyads_match_raw_file(
    shared_data: Path, tmp_path: Path, a: str, b: str
) -> None:
    path = shared_data / GDELT
    raw = _raw(path)
    assert Counter(len(f) for f in raw) == Counter({58: 509, 57: 201})
    want: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for f in raw:
        if {f[7], f[17]} == {a, b}:
            month = f"{f[1][:4]}-{f[1][4:6]}"
            want[month]["events"] += 1
            want[month]["goldstein"] += float(f[30])
            want[month][f"q{f[29]}"] += 1
    assert want
    with new_store(tmp_path / "gdelt.duckdb") as store:
        insert_events(store.con, _rows(path))
        points = dyad_series(duckdb_events(store.con), a, b)
    assert [p.period for p in points] == sorted(want)
    for p in points:
        w = want[p.period]
        assert p.events == w["events"]
        assert p.goldstein_sum == pytest.approx(w["goldstein"], abs=1e-9)
        assert [p.verbal_coop, p.material_coop, p.verbal_conflict, p.material_conflict] == [
            w["q1"],
            w["q2"],
            w["q3"],
            w["q4"],
        ]
