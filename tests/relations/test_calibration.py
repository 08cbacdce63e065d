"""Alert calibration on real event mixes: with no change in a dyad's relation, alerts must be rare.

Each dyad of the ICEWS sample (and of the GDELT 1.0 sample) with at least `MIN_EVENTS` events
between two countries is replayed over 18 months: each month draws as many events as the dyad
has, with replacement, from the dyad's own real events. Nothing changes from month to month, so
an alert is a false alarm; at `threshold=2` (one-sided p about 0.023) a calibrated model fires
on about 2% of judged dyad-months or fewer. The rates are printed with `pytest -s`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from accord.relations import AlertSettings, tension_alerts
from accord.relations.engine import duckdb_events
from tests.relations.eventdata import icews_event_rows, insert_events, new_store
from tests.relations.test_gdelt_sample import GDELT
from tests.relations.test_gdelt_sample import _rows as gdelt_rows

MONTHS = 18
MIN_EVENTS = 3


def _replayed(rows: list[dict[str, Any]], seed: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Null months for every dyad with enough events, and the number of dyads replayed."""
    by_dyad: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        src, tgt = row["source_country"], row["target_country"]
        if src and tgt and src != tgt and len(src) == 3 and len(tgt) == 3:
            by_dyad[(min(src, tgt), max(src, tgt))].append(row)
    rng = np.random.default_rng(seed)
    out: list[dict[str, Any]] = []
    dyads = [d for d, events in sorted(by_dyad.items()) if len(events) >= MIN_EVENTS]
    for dyad in dyads:
        pool = by_dyad[dyad]
        for month in range(MONTHS):
            for k, pick in enumerate(rng.integers(0, len(pool), size=len(pool))):
                day = dt.date(2019 + month // 12, month % 12 + 1, 1 + k % 28)
                event_id = f"{dyad[0]}{dyad[1]}-{month}-{k}"
                out.append({**pool[int(pick)], "event_id": event_id, "event_date": day})
    return out, len(dyads)


def _false_alarm_rates(tmp_path: Path, rows: list[dict[str, Any]]) -> dict[str, float]:
    replay, dyads = _replayed(rows)
    judged = dyads * (MONTHS - 4)
    rates = {}
    with new_store(tmp_path / "null.duckdb") as store:
        insert_events(store.con, replay)
        events = duckdb_events(store.con)
        for model in ("count", "spread"):
            settings = AlertSettings(
                min_events=MIN_EVENTS,
                drivers=0,
                event_ids=0,
                model=model,  # type: ignore[arg-type]
            )
            rates[model] = len(tension_alerts(events, settings)) / judged
    print(f"{dyads} dyads, {judged} judged dyad-months: false-alarm rates {rates}")
    return rates


def test_icews_null_replay_false_alarms(tmp_path: Path, icews_path: Path) -> None:
    rates = _false_alarm_rates(tmp_path, icews_event_rows(icews_path))
    # 110 dyads, 1,540 judged dyad-months: 4 false alarms against 28 under the spread rule
    assert rates == {"count": pytest.approx(4 / 1540), "spread": pytest.approx(28 / 1540)}


def test_gdelt_null_replay_false_alarms(tmp_path: Path, icews_path: Path) -> None:
    path = icews_path.parents[1] / GDELT
    if not path.is_file():
        pytest.skip(f"shared GDELT sample not found at {path}")
    rates = _false_alarm_rates(tmp_path, gdelt_rows(path))
    # 7 dyads, 98 judged dyad-months: none against 3
    assert rates == {"count": 0.0, "spread": pytest.approx(3 / 98)}
