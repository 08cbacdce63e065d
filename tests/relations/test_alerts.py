"""EWMA smoothing and tension alerts on synthetic series with known spikes."""

from __future__ import annotations

import datetime as dt
import statistics
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from accord.errors import InputError
from accord.relations import AlertSettings, ewma, tension_alerts
from accord.relations.engine import duckdb_events
from tests.relations.eventdata import insert_events, new_store, synthetic

SPIKE_MONTH = 15  # index of the month where FRA-DEU relations collapse


def _month(i: int) -> dt.date:
    return dt.date(2019 + i // 12, i % 12 + 1, 10)


def _month_rows(pair: tuple[str, str], i: int, coop: int, conflict: int) -> list[dict[str, Any]]:
    src, tgt = pair
    rows = []
    for k in range(coop):
        rows.append(synthetic(_month(i), src, tgt, 1, 3.0, event_id=f"{src}{tgt}-{i}-c{k}"))
    for k in range(conflict):
        # the spike's conflict events get distinct, very low scores so the drivers are known
        rows.append(
            synthetic(
                _month(i) + dt.timedelta(days=k),
                tgt,
                src,
                4,
                -10.0 + k * 0.5,
                event_id=f"{src}{tgt}-{i}-x{k}",
                url=f"https://example.org/{i}/{k}",
            )
        )
    return rows


def _net(coop: int, conflict: int) -> float:
    return (coop - conflict) / (coop + conflict)


def _plan() -> dict[tuple[str, str], list[tuple[int, int]]]:
    calm = [(9, 1) if i % 2 else (8, 2) for i in range(24)]
    spike = list(calm)
    spike[SPIKE_MONTH] = (1, 9)
    hostile = [(1, 9) if i % 2 else (2, 8) for i in range(24)]
    hostile[23] = (10, 0)  # a sudden thaw in the last month
    return {("DEU", "FRA"): spike, ("ESP", "ITA"): calm, ("GBR", "IRL"): hostile}


@pytest.fixture
def events(tmp_path: Path):  # type: ignore[no-untyped-def]
    rows = []
    for pair, months in _plan().items():
        for i, (coop, conflict) in enumerate(months):
            rows.extend(_month_rows(pair, i, coop, conflict))
    with new_store(tmp_path / "alerts.duckdb") as store:
        insert_events(store.con, rows)
        yield duckdb_events(store.con)


def _hand_ewma(values: list[float], span: float) -> float:
    alpha = 2 / (span + 1)
    level = values[0]
    for v in values[1:]:
        level = alpha * v + (1 - alpha) * level
    return level


def test_ewma_matches_pandas_definition() -> None:
    values = [0.5, -0.2, 0.9, 0.9, 0.1, -0.7, 0.3]
    for span in (1, 2.5, 6):
        want = pd.Series(values).ewm(span=span, adjust=False).mean().to_list()
        assert ewma(values, span).tolist() == pytest.approx(want)
    assert ewma(values, 1).tolist() == values
    assert ewma([], 3).tolist() == []
    with pytest.raises(ValueError):
        ewma(values, 0.5)


def test_spike_raises_one_alert_with_its_z_score_and_drivers(events) -> None:  # type: ignore[no-untyped-def]
    settings = AlertSettings(
        window=12, span=6, threshold=2.0, min_history=4, drivers=3, model="spread"
    )
    alerts = tension_alerts(events, settings)
    assert [(a.a, a.b, a.period) for a in alerts] == [("DEU", "FRA", "2020-04")]
    [alert] = alerts
    series = [_net(c, x) for c, x in _plan()[("DEU", "FRA")]]
    history = series[SPIKE_MONTH - 12 : SPIKE_MONTH]
    baseline = _hand_ewma(history, 6)
    spread = statistics.stdev(history)
    assert alert.value == pytest.approx(-0.8)
    assert alert.baseline == pytest.approx(baseline, abs=1e-8)
    assert alert.spread == pytest.approx(spread, abs=1e-8)
    assert alert.z == pytest.approx((-0.8 - baseline) / spread, abs=1e-6)
    assert alert.events == 10 and alert.history == 12
    assert [d.event_id for d in alert.drivers] == [f"DEUFRA-{SPIKE_MONTH}-x{k}" for k in range(3)]
    assert [d.goldstein for d in alert.drivers] == [-10.0, -9.5, -9.0]
    assert alert.drivers[0].url == f"https://example.org/{SPIKE_MONTH}/0"
    assert alert.as_dict()["drivers"][0]["source"] == "FRA"


def test_goldstein_metric_and_window_start(events) -> None:  # type: ignore[no-untyped-def]
    settings = AlertSettings(metric="goldstein_mean", drivers=0)
    [alert] = tension_alerts(events, settings)
    assert (alert.a, alert.period, alert.metric) == ("DEU", "2020-04", "goldstein_mean")
    conflict_scores = [-10.0 + k * 0.5 for k in range(9)]
    assert alert.value == pytest.approx((3.0 + sum(conflict_scores)) / 10)
    assert alert.drivers == ()
    # reporting only from May 2020 on: the April spike is history, not an alert
    assert tension_alerts(events, settings, start=dt.date(2020, 5, 1)) == []
    # a partial first period still counts: from the 20th of April
    assert len(tension_alerts(events, settings, start=dt.date(2020, 4, 20))) == 1
    # ignoring events from March 2020 on leaves nothing to alert about
    assert tension_alerts(events, settings, end=dt.date(2020, 2, 29)) == []


def test_direction_up_and_pairs(events) -> None:  # type: ignore[no-untyped-def]
    up = tension_alerts(events, AlertSettings(direction="up", drivers=1))
    assert [(a.a, a.b, a.period) for a in up] == [("GBR", "IRL", "2020-12")]
    assert up[0].z >= 2.0 and up[0].value == 1.0
    assert up[0].drivers[0].goldstein == 3.0  # upwards, the highest-scored events drove it
    both = tension_alerts(events, AlertSettings(direction="both", drivers=0))
    assert {(a.a, a.period) for a in both} == {("DEU", "2020-04"), ("GBR", "2020-12")}
    only_calm = tension_alerts(events, AlertSettings(), pairs=[("ITA", "ESP")])
    assert only_calm == []


def test_min_events_hides_thin_periods(events) -> None:  # type: ignore[no-untyped-def]
    assert tension_alerts(events, AlertSettings(min_events=11)) == []


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"metric": "tone"}, "metric"),
        ({"window": 3, "min_history": 4}, "min_history"),  # the field at fault (was `window`)
        ({"window": 1, "min_history": 2}, "window"),
        ({"threshold": 0}, "threshold"),
        ({"span": 0.5}, "span"),
    ],
)
def test_bad_settings(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(InputError) as info:
        AlertSettings(**kwargs)
    assert info.value.first.field == field
