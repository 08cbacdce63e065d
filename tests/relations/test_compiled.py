"""Compiled relation queries: the cached, parameterised DuckDB path answers like plain Ibis.

On a plain DuckDB `events` table the measures run SQL compiled once per query shape, with the
values bound as parameters; on any other table expression they run the Ibis expression. Both
paths must give the same results, and the bulk pair series must match sums computed here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ibis.expr.types as ir
import pytest

from accord.relations import (
    AlertSettings,
    dyad_series,
    event_scope,
    fastsql,
    partners,
    signed_network,
    tension_alerts,
)
from accord.relations.alerts import pair_series_table
from accord.relations.compiled import CACHE, QueryCache
from accord.relations.engine import duckdb_events
from tests.relations.eventdata import insert_events, new_store, synthetic

PAIRS = [("DEU", "FRA"), ("ESP", "ITA"), ("GBR", "IRL"), ("FRA", "ITA")]


def _rows() -> list[dict[str, Any]]:
    """Two years of events: both directions, all quad classes, some without a score, a
    simulated run, a second dataset, and a collapse of DEU-FRA relations in 2020-04."""
    rows: list[dict[str, Any]] = []
    n = 0
    for month in range(24):
        day = dt.date(2019 + month // 12, month % 12 + 1, 1 + month % 20)
        for p, (x, y) in enumerate(PAIRS):
            for k in range(3 + (month + p) % 5):
                quad = 1 + (k + month + p) % 4
                if (x, month) == ("DEU", 15):
                    quad = 4
                src, tgt = (x, y) if k % 2 == 0 else (y, x)
                score = None if k == 2 and month % 3 == 0 else round(-9.5 + (k * 7 + month) % 19, 1)
                extra: dict[str, Any] = {"dataset": "icews" if k % 3 == 0 else "gdelt1"}
                if k == 4:
                    extra.update(simulated=True, run_id="run-1")
                event_day = day + dt.timedelta(days=k)
                rows.append(synthetic(event_day, src, tgt, quad, score, event_id=f"e{n}", **extra))  # type: ignore[arg-type]
                n += 1
    return rows


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    return _rows()


@pytest.fixture
def events(rows: list[dict[str, Any]], tmp_path: Path) -> Iterator[ir.Table]:
    with new_store(tmp_path / "compiled.duckdb") as store:
        insert_events(store.con, rows)
        yield duckdb_events(store.con)


def _ibis_only(events: ir.Table) -> ir.Table:
    """The same events as a table expression, which the compiled path leaves to Ibis."""
    return events.select(*events.columns)


def test_dyad_series_same_on_both_paths(events: ir.Table) -> None:
    plain = _ibis_only(events)
    options: list[dict[str, Any]] = [
        {},
        {"directed": True},
        {"start": dt.date(2019, 6, 1), "end": dt.date(2020, 5, 31)},
        {"dataset": "icews"},
        {"run_id": "run-1"},
    ]
    for by in ("day", "week", "month", "quarter", "year"):
        for a, b in PAIRS:
            for kwargs in options:
                fast = dyad_series(events, a, b, by=by, **kwargs)
                assert fast == dyad_series(plain, a, b, by=by, **kwargs)
                assert fast or kwargs.get("run_id")


def test_partners_network_and_alerts_same_on_both_paths(events: ir.Table) -> None:
    plain = _ibis_only(events)
    window = {"start": dt.date(2019, 3, 1), "end": dt.date(2020, 8, 31)}
    for country in ("FRA", "ITA", "GBR"):
        assert partners(events, country) == partners(plain, country)
        assert partners(events, country, **window) == partners(plain, country, **window)
    network = signed_network(events, min_events=20)
    assert sorted(network.edges(data=True)) == sorted(
        signed_network(plain, min_events=20).edges(data=True)
    )
    settings = AlertSettings(min_events=3, threshold=1.0, direction="both", drivers=3)
    alerts = tension_alerts(events, settings)
    assert alerts and any(a.drivers for a in alerts)
    assert alerts == tension_alerts(plain, settings)
    chosen = [("FRA", "DEU"), ("IRL", "GBR")]
    assert tension_alerts(events, settings, pairs=chosen) == tension_alerts(
        plain, settings, pairs=chosen
    )


def test_pair_series_table_matches_sums_of_the_rows(
    events: ir.Table, rows: list[dict[str, Any]]
) -> None:
    want: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0.0])
    for r in rows:
        if r.get("simulated"):
            continue
        a, b = sorted((r["source_country"], r["target_country"]))
        cell = want[(a, b, r["event_date"].strftime("%Y-%m"))]
        cell[0] += 1
        cell[r["quad_class"]] += 1
        cell[5] += r["goldstein"] or 0.0
    table = pair_series_table(events, "month")
    got = {
        (r["a"], r["b"], r["period_start"].strftime("%Y-%m")): [
            r["events"],
            r["verbal_coop"],
            r["material_coop"],
            r["verbal_conflict"],
            r["material_conflict"],
            round(r["goldstein_sum"], 6),
        ]
        for r in table.to_pylist()
    }
    assert got == {key: [*v[:5], round(v[5], 6)] for key, v in want.items()}
    keys = [(r["a"], r["b"], r["period_start"]) for r in table.to_pylist()]
    assert keys == sorted(keys)
    assert table.schema.field("period_start").type == "date32[day]"
    assert table.schema.field("events").type == "int64"
    assert table.equals(pair_series_table(_ibis_only(events), "month"))
    years = pair_series_table(events, "year", ordered=False).to_pylist()
    assert {(r["a"], r["b"], r["period_start"]) for r in years} == {
        (a, b, dt.date(year, 1, 1)) for a, b in PAIRS for year in (2019, 2020)
    }


def test_one_compiled_query_serves_every_value(events: ir.Table) -> None:
    CACHE.clear()
    first = partners(events, "DEU")
    second = partners(events, "ITA")
    assert len(CACHE) == 1  # the same shape, other values
    assert first != second
    assert [p.partner for p in first.by_cooperation] == ["FRA"]
    partners(events, "DEU", start=dt.date(2020, 1, 1))
    partners(events, "DEU", scope=event_scope(igo_as_state=True))
    assert len(CACHE) == 3  # a start date and another scope are other shapes


def test_dyad_statement_is_built_once_per_shape(events: ir.Table) -> None:
    fastsql.dyad_sql.cache_clear()
    first = dyad_series(events, "DEU", "FRA")
    second = dyad_series(events, "ITA", "ESP")
    assert fastsql.dyad_sql.cache_info().currsize == 1
    assert first != second
    assert sum(p.events for p in second) == sum(p.events for p in dyad_series(events, "ESP", "ITA"))
    dyad_series(events, "DEU", "FRA", start=dt.date(2020, 1, 1))
    dyad_series(events, "DEU", "FRA", by="year")
    assert fastsql.dyad_sql.cache_info().currsize == 3


def test_values_are_bound_not_spliced(events: ir.Table) -> None:
    hostile = "x' OR 1=1 OR dataset <> 'x"
    assert dyad_series(events, "DEU", "FRA", dataset=hostile) == []
    assert dyad_series(events, "DEU", "FRA", run_id=hostile) == []


def test_cache_keeps_the_most_recent_shapes() -> None:
    cache = QueryCache(size=2)
    for key in ("a", "b", "c"):
        cache.put(key, None)
    assert len(cache) == 2
    assert cache.get("a") == (False, None)
    assert cache.get("c") == (True, None)
