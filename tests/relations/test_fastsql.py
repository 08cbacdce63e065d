"""The hand-written DuckDB dyad statement answers exactly as the Ibis expression it stands for.

One store holds the ICEWS and GDELT samples, the curated timeline and a simulated run; for many
dyads, windows, periods, directions, datasets, runs and event scopes `dyad_series` (which takes
`accord.relations.fastsql` on DuckDB) must equal the Ibis expression `dyad_series_expr` executed
by Ibis.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ibis.expr.types as ir
import pytest

from accord.events.timeline import load_timeline
from accord.relations import fastsql
from accord.relations.dyad import dyad_series, dyad_series_expr, points_from_rows
from accord.relations.engine import duckdb_events
from accord.relations.measures import SECTOR_NAMES, EventScope, event_scope
from accord.relations.periods import Period
from accord.store import Store
from tests.relations.conftest import SHARED
from tests.relations.eventdata import icews_event_rows, insert_events, new_store
from tests.relations.test_gdelt_sample import GDELT
from tests.relations.test_gdelt_sample import _rows as gdelt_rows

SCOPES = [
    EventScope(),
    event_scope(igo_as_state=True),
    event_scope(convention="gdelt"),
    event_scope(convention="gdelt", igo_as_state=True),
    event_scope("government,military"),
    event_scope("igo", igo_as_state=True),
    *(event_scope(name) for name in SECTOR_NAMES),
]
WINDOWS = [
    (None, None),
    (dt.date(2018, 3, 1), None),
    (None, dt.date(2018, 6, 30)),
    (dt.date(2018, 2, 10), dt.date(2018, 2, 20)),
    (dt.date(2014, 1, 1), dt.date(2023, 12, 31)),
]
DATASETS = [None, "icews", "gdelt1", "curated"]


@pytest.fixture(scope="module")
def mixed_db(icews_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """ICEWS and GDELT samples, the curated timeline, and the GDELT rows again as a run."""
    path = tmp_path_factory.mktemp("fastsql") / "mixed.duckdb"
    gdelt = gdelt_rows(SHARED / GDELT)
    run = [
        {**row, "event_id": f"sim-{row['event_id']}", "simulated": True, "run_id": "run-1"}
        for row in gdelt[::3]
    ]
    with new_store(path) as store:
        insert_events(store.con, icews_event_rows(icews_path))
        insert_events(store.con, gdelt + run)
    with Store(path) as store:
        load_timeline(store)
    return path


@pytest.fixture
def events(mixed_db: Path) -> Iterator[ir.Table]:
    with Store(mixed_db, read_only=True) as store:
        yield duckdb_events(store.con)


def _pairs(events: ir.Table, dataset: str | None, count: int) -> list[tuple[str, str]]:
    """The most frequent directed country pairs (of one dataset), busiest first."""
    t = events.filter(events.source_country.notnull() & events.target_country.notnull())
    t = t.filter(t.source_country != t.target_country)
    if dataset is not None:
        t = t.filter(t.dataset == dataset)
    top = t.group_by(["source_country", "target_country"]).aggregate(n=t.count())
    rows = top.order_by([top.n.desc(), "source_country", "target_country"]).limit(count)
    return [(r["source_country"], r["target_country"]) for r in rows.to_pyarrow().to_pylist()]


def _ibis(events: ir.Table, a: str, b: str, by: Period, **options: Any) -> list[Any]:
    rows = dyad_series_expr(events, a, b, by=by, **options).to_pyarrow().to_pylist()
    return points_from_rows(rows, by)


def _cases(events: ir.Table) -> list[dict[str, Any]]:
    """About 300 combinations of pair, window, period, direction, dataset, run and scope."""
    pairs = [(name, pair) for name in DATASETS[1:] for pair in _pairs(events, name, 6)]
    pairs.append((None, ("ISL", "NZL")))
    rng = random.Random(17)
    cases = []
    for i in range(300):
        start, end = rng.choice(WINDOWS)
        dataset, pair = pairs[i % len(pairs)]
        cases.append(
            {
                "pair": pair,
                "by": list(Period)[i % len(Period)],
                "start": start,
                "end": end,
                "directed": rng.random() < 0.3,
                "dataset": rng.choice([None, dataset]),
                "run_id": "run-1" if dataset == "gdelt1" and rng.random() < 0.5 else None,
                "scope": SCOPES[i % len(SCOPES)],
            }
        )
    return cases


@pytest.mark.slow  # 300 random cases, 24 s: the per-scope test below is the default run's
def test_fast_dyad_series_equals_the_ibis_expression(
    events: ir.Table, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    run = fastsql.run
    monkeypatch.setattr(fastsql, "run", lambda con, sql, v: calls.append(sql) or run(con, sql, v))
    compared = nonempty = 0
    for case in _cases(events):
        a, b = case.pop("pair")
        by = case.pop("by")
        want = _ibis(events, a, b, by, **case)
        got = dyad_series(events, a, b, by=by, **case)
        assert got == want, (a, b, by, case)
        compared += len(want)
        nonempty += bool(want)
    assert len(calls) == 300  # every call took the hand-written statement
    assert compared > 600 and nonempty > 60  # 679 points in 71 non-empty series (2026-12)


@pytest.mark.parametrize(
    "scope", SCOPES, ids=lambda s: f"{s.sectors}-{s.convention}-{s.igo_as_state}"
)
def test_fast_dyad_series_equals_ibis_for_every_scope(events: ir.Table, scope: EventScope) -> None:
    for a, b in _pairs(events, None, 4):
        want = _ibis(events, a, b, Period.MONTH, scope=scope)
        assert dyad_series(events, a, b, scope=scope) == want


def test_the_kept_igo_sector_texts_give_the_same_series(events: ir.Table) -> None:
    loaded = fastsql.load_igo_sectors(events)
    assert loaded is not None and loaded > 0
    compared = 0
    for case in _cases(events)[:120]:
        a, b = case.pop("pair")
        by = case.pop("by")
        want = dyad_series(events, a, b, by=by, **case)
        assert dyad_series(events, a, b, by=by, igo_known=True, **case) == want, (a, b, case)
        compared += len(want)
    assert compared > 200


def test_curated_dyad_yearly_is_not_empty_and_equal(events: ir.Table) -> None:
    want = _ibis(events, "USA", "RUS", Period.YEAR, dataset="curated")
    assert len(want) >= 5
    assert dyad_series(events, "USA", "RUS", by="year", dataset="curated") == want
