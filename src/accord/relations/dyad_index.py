"""The dyad series from an in-memory index of the store's events (no SQL per request).

DuckDB binds and plans even the hand-written dyad statement (`accord.relations.fastsql`) in
about 1.5 ms, most of a served request's CPU. A server answers the common case from memory
instead: `build_dyad_index` reads the store's observed (not simulated) events once, sorted by
(source, target, date), into NumPy arrays holding per row what the dyad series aggregates under
both conventions (quad class and Goldstein weight, as `fastsql` computes them: the same SQL
expressions), whether either actor is an official of an international organisation, and the
dataset; a dict maps each directed pair to its slice. `DyadIndex.series` then filters the one
or two slices, groups by period with `np.add.reduceat` and returns the rows `fastsql` would
(`dyad.points_from_tuples` turns them into points).

It covers every parameter of the dyad series but a run (simulated events) and a sector scope;
`series` answers None for those, and the caller asks SQL. The caller also decides when the
index is stale (`accord.api.services` builds it again after a store write). Memory: 25 bytes
per event (day, dataset, flag, two quad classes, two Goldstein weights) plus about 200 bytes
per directed pair; `build_dyad_index` gives None above a cap on the events.

tests/relations/test_dyad_index.py checks the index gives the SQL path's rows over the ICEWS and
GDELT samples, the curated timeline and random small tables.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any

import ibis.expr.types as ir
import numpy as np
import numpy.typing as npt

from accord.relations import compiled
from accord.relations._compat import raw_connection
from accord.relations.fastsql import _goldstein, _igo_official, _quad
from accord.relations.measures import DEFAULT_SCOPE, EventScope
from accord.relations.periods import Period

#: Bytes of the arrays per indexed event (int32 day, int16 dataset, bool official, two int8
#: quad classes, two float64 Goldstein weights).
BYTES_PER_EVENT = 25
#: Events indexed at most by default (about 120 MB of arrays); above it `build_dyad_index`
#: declines and the series is asked of SQL.
DEFAULT_MAX_EVENTS = 5_000_000

_EPOCH = dt.date(1970, 1, 1)
_OBSERVED = (
    "NOT coalesce(simulated, FALSE) AND source_country IS NOT NULL "
    "AND target_country IS NOT NULL AND source_country <> target_country"
)

Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class _Rows:
    """The indexed rows (all arrays of one length), in (source, target, date, rowid) order."""

    day: npt.NDArray[np.int32]
    dataset: npt.NDArray[np.int16]
    official: npt.NDArray[np.bool_]
    quad: dict[str, npt.NDArray[np.int8]]
    goldstein: dict[str, npt.NDArray[np.float64]]

    def take(self, where: Ints | slice, convention: str) -> tuple[Any, ...]:
        """Day, dataset, official flag, quad class and Goldstein weight of some rows."""
        return (
            self.day[where],
            self.dataset[where],
            self.official[where],
            self.quad[convention][where],
            self.goldstein[convention][where],
        )


@dataclass(frozen=True)
class DyadIndex:
    """The store's observed events as arrays, with each directed pair's slice."""

    rows: _Rows
    pairs: dict[tuple[str, str], tuple[int, int]]
    datasets: dict[str, int]

    @property
    def events(self) -> int:
        """How many events the index holds."""
        return len(self.rows.day)

    def series(
        self,
        a: str,
        b: str,
        *,
        by: Period,
        start: dt.date | None = None,
        end: dt.date | None = None,
        directed: bool = False,
        dataset: str | None = None,
        scope: EventScope = DEFAULT_SCOPE,
    ) -> list[tuple[Any, ...]] | None:
        """The rows `fastsql.dyad_sql` gives for the dyad (period start, events, the four
        quad-class counts, Goldstein sum and mean), or None when the scope names sectors (the
        index does not hold them; ask SQL). `a` and `b` are checked, different codes."""
        if scope.sectors:
            return None
        code = None if dataset is None else self.datasets.get(dataset, -1)
        sides = [self.pairs.get((a, b))] + ([] if directed else [self.pairs.get((b, a))])
        found = [s for s in sides if s is not None]
        if not found or code == -1:
            return []
        if len(found) == 1:
            day, ds, official, quad, goldstein = self.rows.take(slice(*found[0]), scope.convention)
        else:  # both directions, merged by date (a stable sort keeps each one's order)
            both = np.concatenate([np.arange(*s) for s in found])
            both = both[np.argsort(self.rows.day[both], kind="stable")]
            day, ds, official, quad, goldstein = self.rows.take(both, scope.convention)
        keep = np.ones(len(day), dtype=np.bool_)
        if not scope.igo_as_state:
            keep &= ~official
        if code is not None:
            keep &= ds == code
        if start is not None:
            keep &= day >= (start - _EPOCH).days
        if end is not None:
            keep &= day <= (end - _EPOCH).days
        if not keep.all():
            day, quad, goldstein = day[keep], quad[keep], goldstein[keep]
        return _aggregate(day, quad, goldstein, by)


def _period_key(day: npt.NDArray[np.int32], by: Period) -> Ints:
    """A number per row that orders and names its period (days or months since 1970)."""
    days = day.astype(np.int64)
    if by is Period.DAY:
        return days
    if by is Period.WEEK:  # ISO weeks start on Monday; 1970-01-01 was a Thursday
        return days - (days + 3) % 7
    months = days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    return {Period.MONTH: months, Period.QUARTER: months // 3, Period.YEAR: months // 12}[by]


def _start(key: int, by: Period) -> dt.date:
    """The first day of the period `_period_key` numbered `key`."""
    if by in (Period.DAY, Period.WEEK):
        return _EPOCH + dt.timedelta(days=key)
    months = {Period.MONTH: key, Period.QUARTER: 3 * key, Period.YEAR: 12 * key}[by]
    return dt.date(1970 + months // 12, months % 12 + 1, 1)


def _aggregate(
    day: npt.NDArray[np.int32],
    quad: npt.NDArray[np.int8],
    goldstein: npt.NDArray[np.float64],
    by: Period,
) -> list[tuple[Any, ...]]:
    """One row per period of date-ordered rows, as `fastsql.dyad_sql` gives them."""
    if len(day) == 0:
        return []
    key = _period_key(day, by)
    first = np.concatenate([[0], np.flatnonzero(np.diff(key)) + 1])
    events = np.diff(np.concatenate([first, [len(key)]]))
    classes = [np.add.reduceat((quad == k).astype(np.int64), first) for k in range(1, 5)]
    known = ~np.isnan(goldstein)  # a NULL weight: counted, but in neither sum nor mean
    total = np.add.reduceat(np.where(known, goldstein, 0.0), first)
    weighed = np.add.reduceat(known.astype(np.int64), first)
    return [
        (
            _start(int(key[i]), by),
            int(events[j]),
            *(int(c[j]) for c in classes),
            float(total[j]),
            float(total[j]) / int(weighed[j]) if weighed[j] else None,
        )
        for j, i in enumerate(first)
    ]


def _select() -> str:
    """The statement reading the rows to index, with `fastsql`'s per-row expressions."""
    columns = [
        "source_country",
        "target_country",
        "CAST(event_date - DATE '1970-01-01' AS INTEGER)",
        "dataset",
        f"({_igo_official('source_sector')} OR {_igo_official('target_sector')})",
    ]
    for convention in ("dataset", "gdelt"):
        columns.append(f"CAST(coalesce({_quad(convention)}, 0) AS TINYINT)")
        columns.append(f"coalesce(CAST({_goldstein(convention)} AS DOUBLE), 'NaN'::DOUBLE)")
    return (
        f"SELECT {', '.join(columns)} FROM events WHERE {_OBSERVED} "
        "ORDER BY source_country, target_country, event_date, rowid"
    )


def build_dyad_index(events: ir.Table, max_events: int = DEFAULT_MAX_EVENTS) -> DyadIndex | None:
    """The index of the store's observed events, or None when `events` is not a DuckDB table
    or holds more than `max_events` of them (the caller then asks SQL)."""
    source = compiled.duckdb_source(events)
    if source is None:
        return None
    con = raw_connection(source.con)
    counted = con.execute(f"SELECT count(*) FROM events WHERE {_OBSERVED}").fetchone()
    if counted is None or int(counted[0]) > max_events:
        return None
    cols = list(con.execute(_select()).fetchnumpy().values())
    names, codes = np.unique(np.asarray(cols[3], dtype=object).astype(str), return_inverse=True)
    rows = _Rows(
        day=np.asarray(cols[2], dtype=np.int32),
        dataset=codes.astype(np.int16),
        official=np.asarray(cols[4], dtype=np.bool_),
        quad={"dataset": np.asarray(cols[5], np.int8), "gdelt": np.asarray(cols[7], np.int8)},
        goldstein={
            "dataset": np.asarray(cols[6], np.float64),
            "gdelt": np.asarray(cols[8], np.float64),
        },
    )
    return DyadIndex(rows, _pairs(cols[0], cols[1]), {str(n): i for i, n in enumerate(names)})


def _pairs(sources: Any, targets: Any) -> dict[tuple[str, str], tuple[int, int]]:
    """Each directed pair's (first, past-last) row of the sorted rows."""
    src, tgt = np.asarray(sources, dtype=object), np.asarray(targets, dtype=object)
    if len(src) == 0:
        return {}
    cuts = np.flatnonzero((src[1:] != src[:-1]) | (tgt[1:] != tgt[:-1])) + 1
    bounds = np.concatenate([[0], cuts, [len(src)]]).tolist()
    return {(str(src[lo]), str(tgt[lo])): (lo, hi) for lo, hi in itertools.pairwise(bounds)}
