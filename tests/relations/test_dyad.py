"""Dyad series on the ICEWS sample, checked against sums computed here from the raw file."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import ibis.expr.types as ir
import pytest

from accord.errors import InputError
from accord.relations import EventScope, Period, dyad_series
from accord.relations.engine import duckdb_events
from tests.relations.eventdata import (
    gdelt_quad,
    icews_igo_official,
    icews_quad,
    insert_events,
    new_store,
    read_icews,
    synthetic,
)

# ICEWS country names of the dyads checked (as the raw file spells them)
NAMES = {
    "USA": "United States",
    "CHN": "China",
    "PRK": "North Korea",
    "RUS": "Russian Federation",
    "ISR": "Israel",
    "PSE": "Occupied Palestinian Territory",
    "DEU": "Germany",
    "UKR": "Ukraine",
}
DYADS = [("USA", "CHN"), ("USA", "PRK"), ("RUS", "PRK"), ("ISR", "PSE"), ("DEU", "UKR")]


def _expected(
    path: Path,
    a: str,
    b: str,
    *,
    directed: bool = False,
    by_day: bool = False,
    quad: Callable[[str], int] = icews_quad,
) -> dict[str, dict[str, float]]:
    """Counts, quad classes and Goldstein sums of a dyad, straight from the raw rows."""
    out: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    na, nb = NAMES[a], NAMES[b]
    for row in read_icews(path):
        src, tgt = row["Source Country"], row["Target Country"]
        if not ((src, tgt) == (na, nb) or (not directed and (src, tgt) == (nb, na))):
            continue
        if icews_igo_official(row["Source Sectors"]) or icews_igo_official(row["Target Sectors"]):
            continue  # counted for the organisation, not the country
        key = row["Event Date"] if by_day else row["Event Date"][:7]
        cell = out[key]
        cell["events"] += 1
        cell[f"q{quad(row['CAMEO Code'][:2])}"] += 1
        cell["goldstein_sum"] += float(row["Intensity"])
    return out


@pytest.mark.parametrize(("a", "b"), DYADS)
def test_monthly_counts_and_goldstein_match_raw_file(
    icews_events: ir.Table, icews_path: Path, a: str, b: str
) -> None:
    expected = _expected(icews_path, a, b)
    assert expected, "the raw file has events of this dyad"
    points = dyad_series(icews_events, a, b, by="month")
    assert [p.period for p in points] == sorted(expected)
    for p in points:
        want = expected[p.period]
        assert p.events == want["events"]
        assert (p.verbal_coop, p.material_coop) == (want["q1"], want["q2"])
        assert (p.verbal_conflict, p.material_conflict) == (want["q3"], want["q4"])
        assert p.goldstein_sum == pytest.approx(want["goldstein_sum"], abs=1e-6)
        assert p.goldstein_mean == pytest.approx(want["goldstein_sum"] / want["events"])
        coop, conflict = want["q1"] + want["q2"], want["q3"] + want["q4"]
        assert p.net_cooperation == pytest.approx((coop - conflict) / want["events"])


def test_gdelt_convention_reclassifies_icews_roots_09_and_14(
    icews_events: ir.Table, icews_path: Path
) -> None:
    # ISR-PSE in June 2018: ICEWS counts protests (root 14) as material conflict, GDELT as verbal
    own = dyad_series(icews_events, "ISR", "PSE")
    harmonised = dyad_series(icews_events, "ISR", "PSE", scope=EventScope(convention="gdelt"))
    want = _expected(icews_path, "ISR", "PSE", quad=gdelt_quad)["2018-06"]
    [point] = harmonised
    assert (point.verbal_conflict, point.material_conflict) == (want["q3"], want["q4"]) == (8, 35)
    assert (own[0].verbal_conflict, own[0].material_conflict) == (3, 40)
    assert point.events == own[0].events


@pytest.mark.parametrize(("a", "b"), [("USA", "CHN"), ("CHN", "USA"), ("PRK", "USA")])
def test_directed_daily_series_match_raw_file(
    icews_events: ir.Table, icews_path: Path, a: str, b: str
) -> None:
    expected = _expected(icews_path, a, b, directed=True, by_day=True)
    points = dyad_series(icews_events, a, b, by=Period.DAY, directed=True)
    assert {p.period: p.events for p in points} == {
        day: int(v["events"]) for day, v in expected.items()
    }
    for p in points:
        assert p.goldstein_sum == pytest.approx(expected[p.period]["goldstein_sum"], abs=1e-6)


def test_directions_add_up(icews_events: ir.Table) -> None:
    both = dyad_series(icews_events, "USA", "PRK")
    there = dyad_series(icews_events, "USA", "PRK", directed=True)
    back = dyad_series(icews_events, "PRK", "USA", directed=True)
    assert both[0].events == there[0].events + back[0].events
    assert both[0].goldstein_sum == pytest.approx(there[0].goldstein_sum + back[0].goldstein_sum)


def test_date_window_is_inclusive(icews_events: ir.Table, icews_path: Path) -> None:
    expected = _expected(icews_path, "USA", "CHN", by_day=True)
    day = dt.date(2018, 6, 2)
    points = dyad_series(icews_events, "USA", "CHN", by="day", start=day, end=day)
    assert [(p.period, p.events) for p in points] == [
        ("2018-06-02", int(expected["2018-06-02"]["events"]))
    ]
    assert dyad_series(icews_events, "USA", "CHN", end=dt.date(2018, 5, 31)) == []


@pytest.mark.parametrize(
    ("by", "labels"),
    [
        ("day", ["2021-03-31", "2021-04-01", "2022-01-02"]),
        ("week", ["2021-03-29", "2021-12-27"]),
        ("month", ["2021-03", "2021-04", "2022-01"]),
        ("quarter", ["2021-Q1", "2021-Q2", "2022-Q1"]),
        ("year", ["2021", "2022"]),
    ],
)
def test_period_labels_and_buckets(tmp_path: Path, by: str, labels: list[str]) -> None:
    # 2021-03-31 is a Wednesday, 2021-04-01 a Thursday (same ISO week starting Monday 03-29);
    # 2022-01-02 is a Sunday in the week starting Monday 2021-12-27.
    days = [dt.date(2021, 3, 31), dt.date(2021, 4, 1), dt.date(2022, 1, 2)]
    rows = [synthetic(day, "FRA", "DEU", 1, 3.0, event_id=f"e{i}") for i, day in enumerate(days)]
    with new_store(tmp_path / "s.duckdb") as store:
        insert_events(store.con, rows)
        points = dyad_series(duckdb_events(store.con), "DEU", "FRA", by=by)
    assert [p.period for p in points] == labels
    assert sum(p.events for p in points) == 3


def test_simulated_events_and_nulls(tmp_path: Path) -> None:
    day = dt.date(2020, 5, 5)
    rows = [
        synthetic(day, "FRA", "DEU", 1, 2.0, event_id="a"),
        synthetic(day, "DEU", "FRA", 4, -10.0, event_id="b"),
        synthetic(day, "DEU", "FRA", 3, None, event_id="c"),  # type: ignore[arg-type]
        synthetic(day, "DEU", "FRA", 4, -9.0, event_id="d", simulated=True, run_id="r1"),
        synthetic(day, "DEU", None, 4, -9.0, event_id="e"),  # type: ignore[arg-type]
    ]
    with new_store(tmp_path / "s.duckdb") as store:
        insert_events(store.con, rows)
        events = duckdb_events(store.con)
        [real] = dyad_series(events, "FRA", "DEU")
        [run] = dyad_series(events, "FRA", "DEU", run_id="r1")
    assert (real.events, real.verbal_coop, real.verbal_conflict, real.material_conflict) == (
        3,
        1,
        1,
        1,
    )
    assert real.goldstein_sum == -8.0
    assert real.goldstein_mean == -4.0  # the event without a score is skipped
    assert real.net_cooperation == pytest.approx((1 - 2) / 3, abs=1e-9)
    assert (run.events, run.goldstein_sum) == (1, -9.0)
    assert list(real.as_dict()) == [
        "period",
        "start",
        "events",
        "verbal_coop",
        "material_coop",
        "verbal_conflict",
        "material_conflict",
        "goldstein_sum",
        "goldstein_mean",
        "net_cooperation",
    ]


@pytest.mark.parametrize(
    ("a", "b", "field"), [("USA", "USA", "b"), ("US", "CHN", "a"), ("USA", "12X", "b")]
)
def test_bad_dyads_name_the_field(icews_events: ir.Table, a: str, b: str, field: str) -> None:
    with pytest.raises(InputError) as info:
        dyad_series(icews_events, a, b)
    assert info.value.first.field == field


def test_from_after_to_is_rejected(icews_events: ir.Table) -> None:
    with pytest.raises(InputError) as info:
        dyad_series(icews_events, "USA", "CHN", start=dt.date(2018, 7, 1), end=dt.date(2018, 6, 1))
    assert info.value.first.field == "from"
