"""The dyad series on DuckDB as fixed SQL text with bound parameters (no Ibis per request).

On the store's small `events` table DuckDB spends more time binding and planning the SQL Ibis
generates (a subquery passing every column through, casts, the scope's regular expressions)
than running it. For the hot HTTP read, the dyad series, this module writes the same query by
hand: one statement per *shape* (period, direction, scope and which filters are given), built
from the code's own constants (column names, sector patterns, convention tables) and never from
input; the values (countries, dates, dataset, run) are `$name` parameters DuckDB binds, and
the rows are read as plain tuples (no Arrow or pandas step).

A server answering many requests can also take the IGO-official rule (regular expressions over
the actor sectors, about a fifth of the statement's cost) out of every request:
`igo_official_sectors` evaluates it once over the store's distinct sector texts,
`keep_igo_sectors` keeps the ones it holds for in a variable of a connection (`IGO_VARIABLE`;
`load_igo_sectors` does both), and a statement built with `igo_known` tests membership in that
list instead. The caller decides when the list is stale (`accord.api.services` finds it again
when the store's write generation moves).

The Ibis expression (`accord.relations.dyad.dyad_series_expr`) stays the definition: it runs on
any other engine (Spark) and tests/relations/test_fastsql.py checks both give equal series over
the ICEWS and GDELT samples and the curated timeline, for many dyads, windows, periods and scopes.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import duckdb
import ibis.expr.types as ir

from accord.events.ontology import GOLDSTEIN_DIFFERENCES, NATIONAL_ROLES, QUAD_BREAKS, SECTORS
from accord.events.ontology import sector_pattern as _pattern
from accord.relations import compiled
from accord.relations._compat import raw_connection
from accord.relations.measures import EventScope
from accord.relations.periods import Period

#: The connection variable holding the store's IGO-official sector texts (`load_igo_sectors`).
IGO_VARIABLE = "accord_igo_sectors"

_ROOTS = tuple(f"{r:02d}" for r in range(1, 21))
_TRUNC = {
    Period.WEEK: "week",
    Period.MONTH: "month",
    Period.QUARTER: "quarter",
    Period.YEAR: "year",
}


def _text(value: str) -> str:
    """A SQL string literal of one of the code's constants."""
    return "'" + value.replace("'", "''") + "'"


def _one_of(column: str, values: tuple[str, ...] | list[str]) -> str:
    return f"{column} IN ({', '.join(_text(v) for v in values)})" if values else "FALSE"


def _matches(column: str, names: tuple[str, ...]) -> str:
    return f"regexp_matches({column}, {_text(_pattern(names))})"


def _igo_official(column: str) -> str:
    """As `measures._igo_official`: CAMEO type IGO, or ICEWS IGO sectors without a national
    government role."""
    igo = SECTORS["igo"]
    cameo = _one_of(f"upper({column})", sorted(igo.cameo))
    icews = f"({_matches(column, igo.icews)} AND NOT {_matches(column, NATIONAL_ROLES)})"
    return f"coalesce({cameo} OR {icews}, FALSE)"


def _sector_in(column: str, names: tuple[str, ...]) -> str:
    """As `measures._sector_in`: the column names one of the sectors' CAMEO codes or ICEWS items."""
    codes = sorted({code for name in names for code in SECTORS[name].cameo})
    patterns = tuple(p for name in names for p in SECTORS[name].icews)
    found = f"regexp_matches({column}, {_text(_pattern(patterns))})"
    return f"coalesce({_one_of(f'upper({column})', codes)} OR {found}, FALSE)"


def _quad(convention: str) -> str:
    """As `measures.with_convention`'s quad class: the class of a valid CAMEO root (of ICEWS
    rows only under "dataset") looked up in a constant list, else the row's own class.

    A list lookup, not Ibis's `IN` of twenty roots and nested `CASE`: DuckDB plans it in about
    half a millisecond less (an unknown root's position is NULL, so the row keeps its class)."""
    breaks = QUAD_BREAKS["icews" if convention == "dataset" else "gdelt"]
    classes = [1 + sum(int(root) >= b for b in breaks) for root in _ROOTS]
    roots = ", ".join(_text(root) for root in _ROOTS)
    lookup = f"coalesce({classes}[list_position([{roots}], cameo_root)], quad_class)"
    if convention == "dataset":
        return f"CASE WHEN dataset = 'icews' THEN {lookup} ELSE quad_class END"
    return lookup


def _goldstein(convention: str) -> str:
    """As `measures.with_convention`'s Goldstein weight (GDELT's for ICEWS rows under "gdelt")."""
    if convention == "dataset":
        return "goldstein"
    weights = " ".join(
        f"WHEN {_text(code)} THEN CAST({g!r} AS DOUBLE)"
        for code, (_, g) in sorted(GOLDSTEIN_DIFFERENCES.items())
    )
    icews = f"CASE cameo_code {weights} ELSE goldstein END"
    return f"CAST(CASE WHEN dataset = 'icews' THEN {icews} ELSE goldstein END AS DOUBLE)"


def _conditions(
    directed: bool, scope: EventScope, given: frozenset[str], igo_known: bool
) -> list[str]:
    """The WHERE conditions, the pair first (DuckDB then runs the patterns on its rows only)."""
    pair = "(source_country = $a AND target_country = $b)"
    if not directed:
        pair = f"({pair} OR (source_country = $b AND target_country = $a))"
    where = [pair]
    where.append("run_id = $run_id" if "run_id" in given else "NOT coalesce(simulated, FALSE)")
    where += [f"dataset = ${n}" for n in ("dataset",) if n in given]
    where += [f"event_date {op} ${n}" for n, op in (("start", ">="), ("end", "<=")) if n in given]
    # `select_events` also asks for two different known countries: the pair's equalities with
    # two different codes (`dyad._checked`) already say so
    if not scope.igo_as_state and igo_known:
        # `list_has_any` skips NULLs: a row with no sector is no official, as under the rule
        # (an error, never a silently wider answer, on a connection that has not loaded them)
        kept = f"getvariable('{IGO_VARIABLE}')"
        missing = _text(f"{IGO_VARIABLE} is not loaded on this connection")
        found = f"list_has_any({kept}, [source_sector, target_sector])"
        where += [f"({kept} IS NOT NULL OR error({missing}))", f"NOT coalesce({found}, FALSE)"]
    elif not scope.igo_as_state:
        where += [f"NOT {_igo_official(side)}" for side in ("source_sector", "target_sector")]
    if scope.sectors:
        where += [_sector_in(side, scope.sectors) for side in ("source_sector", "target_sector")]
    return where


@functools.lru_cache(maxsize=256)
def dyad_sql(
    by: Period,
    directed: bool,
    scope: EventScope,
    given: frozenset[str],
    igo_known: bool = False,
) -> str:
    """The dyad series statement of one shape; `given` names the parameters bound besides the
    pair (`start`, `end`, `dataset`, `run_id`); `igo_known`: the IGO-official rule reads the
    connection's `IGO_VARIABLE` (`load_igo_sectors`). Columns: the period's start, the events,
    the four quad-class counts, the Goldstein sum and mean (`dyad.points_from_tuples`).

    Every cast or expression the result does not need is left out: binding and planning them
    costs more than running the query on a small store."""
    start = "event_date" if by is Period.DAY else f"date_trunc('{_TRUNC[by]}', event_date)"
    inner = (
        f"SELECT {start} AS period_start, {_quad(scope.convention)} AS q, "
        f"{_goldstein(scope.convention)} AS g FROM events WHERE "
        + " AND ".join(_conditions(directed, scope, given, igo_known))
    )
    quads = ", ".join(f"count(*) FILTER (WHERE q = {k})" for k in range(1, 5))
    return (
        f"SELECT period_start, count(*), {quads}, coalesce(sum(g), 0.0), avg(g) "
        f"FROM ({inner}) GROUP BY period_start ORDER BY period_start"
    )


def run(
    con: duckdb.DuckDBPyConnection, sql: str, values: Mapping[str, Any]
) -> list[tuple[Any, ...]]:
    """The rows of `sql` with `values` bound, as tuples.

    Run on `con` itself: the server gives each request thread its own connection
    (`accord.api.services`), so threads do not queue on one. (A cursor kept per thread here
    would outlive the store's connection and keep the file open.)"""
    rows: list[tuple[Any, ...]] = con.execute(sql, dict(values)).fetchall()
    return rows


def igo_official_sectors(events: ir.Table) -> list[str] | None:
    """The distinct sector texts of `events` (either side) that the IGO-official rule holds
    for, sorted; None when `events` is not a DuckDB table. One scan of the two sector columns."""
    source = compiled.duckdb_source(events)
    if source is None:
        return None
    official = _igo_official("sector")
    rows = (
        raw_connection(source.con)
        .execute(
            "SELECT DISTINCT sector FROM (SELECT source_sector AS sector FROM events UNION "
            f"SELECT target_sector FROM events) WHERE sector IS NOT NULL AND {official} "
            "ORDER BY sector"
        )
        .fetchall()
    )
    return [str(row[0]) for row in rows]


def keep_igo_sectors(events: ir.Table, sectors: list[str]) -> bool:
    """Keep `sectors` (from `igo_official_sectors`) in the `IGO_VARIABLE` of the DuckDB
    connection `events` reads from, for statements built with `igo_known`; False when `events`
    is not a DuckDB table."""
    source = compiled.duckdb_source(events)
    if source is None:
        return False
    con = raw_connection(source.con)
    # read to the end: DuckDB 2 keeps a connection busy until its result is
    con.execute(f"SET VARIABLE {IGO_VARIABLE} = $sectors::VARCHAR[]", {"sectors": sectors})
    con.fetchall()
    return True


def load_igo_sectors(events: ir.Table) -> int | None:
    """`igo_official_sectors` kept on the connection of `events` (`keep_igo_sectors`): how
    many there are, or None when `events` is not a DuckDB table. Valid until the events
    change."""
    sectors = igo_official_sectors(events)
    if sectors is None or not keep_igo_sectors(events, sectors):
        return None
    return len(sectors)
