"""The in-memory dyad index answers exactly as the SQL statement it stands in for.

Over the store of tests/relations/test_fastsql.py (ICEWS and GDELT samples, the curated
timeline and a simulated run) and over random small tables, `DyadIndex.series` must give the
points `dyad_series` (on DuckDB: `fastsql`'s statement) gives, for every period, window,
direction, dataset, convention and IGO rule; it declines sector scopes and large stores.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import ibis.expr.types as ir
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.relations import duckdb_events
from accord.relations.dyad import dyad_series, points_from_tuples
from accord.relations.dyad_index import DyadIndex, build_dyad_index
from accord.relations.measures import EventScope, event_scope
from accord.relations.periods import Period
from tests.relations.eventdata import insert_events, new_store
from tests.relations.test_fastsql import WINDOWS, _pairs, events, mixed_db  # noqa: F401

#: The scopes the index covers: both conventions, officials of IGOs counted or not.
COVERED = [
    EventScope(),
    event_scope(igo_as_state=True),
    event_scope(convention="gdelt"),
    event_scope(convention="gdelt", igo_as_state=True),
]
DATASETS = [None, "icews", "gdelt1", "curated", "nosuch"]


def _from_index(index: DyadIndex, a: str, b: str, by: Period, **options: Any) -> Any:
    rows = index.series(a, b, by=by, **options)
    return None if rows is None else points_from_tuples(rows, by)


def test_the_index_equals_the_sql_path(events: ir.Table) -> None:  # noqa: F811
    index = build_dyad_index(events)
    assert index is not None and index.events == 2549  # the store's observed events (2026-12)
    pairs = [pair for name in ("icews", "gdelt1", "curated") for pair in _pairs(events, name, 6)]
    pairs += [("ISL", "NZL"), ("USA", "XKX")]
    rng = random.Random(5)
    compared = nonempty = 0
    for i in range(400):
        a, b = pairs[i % len(pairs)]
        start, end = rng.choice(WINDOWS)
        case = {
            "start": start,
            "end": end,
            "directed": rng.random() < 0.3,
            "dataset": rng.choice(DATASETS),
            "scope": COVERED[i % len(COVERED)],
        }
        by = list(Period)[(i // 4) % len(Period)]
        want = dyad_series(events, a, b, by=by, **case)
        assert _from_index(index, a, b, by, **case) == want, (a, b, by, case)
        compared += len(want)
        nonempty += bool(want)
    assert compared > 900 and nonempty > 150


def test_every_period_of_the_busiest_pairs(events: ir.Table) -> None:  # noqa: F811
    index = build_dyad_index(events)
    assert index is not None
    for a, b in _pairs(events, None, 8):
        for by in Period:
            for directed in (False, True):
                want = dyad_series(events, a, b, by=by, directed=directed)
                assert want and _from_index(index, a, b, by, directed=directed) == want


def test_sector_scopes_are_left_to_sql(events: ir.Table) -> None:  # noqa: F811
    index = build_dyad_index(events)
    assert index is not None
    assert index.series("USA", "RUS", by=Period.MONTH, scope=event_scope("government")) is None
    assert index.series("USA", "RUS", by=Period.MONTH, scope=EventScope()) != []


def test_above_the_cap_there_is_no_index(events: ir.Table) -> None:  # noqa: F811
    assert build_dyad_index(events, max_events=2548) is None
    found = build_dyad_index(events, max_events=2549)
    assert found is not None and found.events == 2549


SECTORS = (None, "Government", "International Government Organization", "Business", "IGO")
row = st.fixed_dictionaries(
    {
        "dataset": st.sampled_from(("icews", "gdelt1", "csv")),
        "event_date": st.dates(dt.date(1969, 11, 1), dt.date(1971, 3, 31)),
        "source_country": st.sampled_from(("USA", "CHN", "RUS", None)),
        "target_country": st.sampled_from(("USA", "CHN", "RUS")),
        "cameo_code": st.sampled_from(("042", "0234", "071", "111", "190", "1823", "99", None)),
        "quad_class": st.sampled_from((1, 2, 3, 4, None)),
        "goldstein": st.one_of(st.none(), st.integers(-100, 100).map(lambda g: g / 10)),
        "source_sector": st.sampled_from(SECTORS),
        "target_sector": st.sampled_from(SECTORS),
        "simulated": st.booleans(),
    }
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(row, min_size=0, max_size=30),
    by=st.sampled_from(list(Period)),
    directed=st.booleans(),
    scope=st.sampled_from(COVERED),
    dataset=st.sampled_from((None, "icews", "gdelt1")),
    window=st.sampled_from([(None, None), (dt.date(1970, 1, 1), dt.date(1970, 12, 31))]),
)
def test_random_tables(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[dict[str, Any]],
    by: Period,
    directed: bool,
    scope: EventScope,
    dataset: str | None,
    window: tuple[dt.date | None, dt.date | None],
) -> None:
    path = tmp_path_factory.mktemp("random") / "events.duckdb"
    for i, item in enumerate(rows):
        code = item["cameo_code"]
        item.update(event_id=f"e{i}", cameo_root=None if code is None else code[:2])
    with new_store(path) as store:
        insert_events(store.con, rows)
        table = duckdb_events(store.con)
        index = build_dyad_index(table)
        assert index is not None
        assert index.events == sum(
            not r["simulated"] and r["source_country"] not in (None, r["target_country"])
            for r in rows
        )
        options = {"directed": directed, "scope": scope, "dataset": dataset}
        start, end = window
        for a, b in (("USA", "CHN"), ("CHN", "RUS")):
            want = dyad_series(table, a, b, by=by, start=start, end=end, **options)
            assert _from_index(index, a, b, by, start=start, end=end, **options) == want


def test_a_table_on_another_engine_has_no_index() -> None:
    import ibis

    memtable = ibis.memtable({"source_country": ["USA"]})
    assert build_dyad_index(memtable) is None
