"""Tension alerts: a dyad whose relation suddenly breaks away from its own recent history.

For every dyad (unordered pair of countries) and period the measure `x` (net cooperation or
Goldstein mean) is judged against the dyad's own trailing history:

- only periods with at least `min_events` events are judged or used as history;
- the history is the dyad's previous `window` such periods (at least `min_history` of them);
- `model="count"` (the default) scores the period with a count model (`accord.relations.
  surprise`): the conflict count of net cooperation against a beta-binomial predictive shrunk
  towards the conflict share of all dyads; the Goldstein mean against a normal whose spread adds
  the sampling variance of a mean of `n` events. Each alert carries its p-value and `z`, the
  normal quantile of that p-value, so small counts cannot produce huge scores;
- `model="spread"` (the earlier rule, kept for comparison): baseline the EWMA (span `span`) of
  the history, spread its standard deviation floored at `min_std`, `z = (x - baseline) /
  spread` and the p-value of `z` under a standard normal. On few events this z explodes.

An alert is raised when `z <= -threshold` (deterioration; `direction="up"` looks for
`z >= threshold`, `"both"` for either). Each alert names the events behind it (their dataset,
id and date, up to `event_ids` of them) and the drivers: the period's events with the lowest
(or, upwards, highest) Goldstein scores.

The work of a query grows with the dyad-periods it reads (every one up to `end`: the history)
and those it judges (from `start`), each against up to `window` earlier ones. `alert_work`
counts them before anything is scored, from one group-by of the events without measures; the
API refuses a request above `MAX_ALERT_WORK` (docs/relations.md, "Limits").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from statistics import NormalDist
from typing import Any, Literal

import ibis
import ibis.expr.types as ir
import numpy as np
import pyarrow as pa

from accord.errors import InputError
from accord.jsonable import AsDict
from accord.relations import compiled
from accord.relations.dyad import DIGITS
from accord.relations.measures import (
    DEFAULT_SCOPE,
    EventScope,
    pair_aggregate,
    pair_columns,
    select_events,
)
from accord.relations.periods import Period, engine_date, floor, label, next_start, period_start
from accord.relations.smoothing import ewma
from accord.relations.surprise import (
    CountHistory,
    MeanHistory,
    Surprise,
    count_surprise,
    mean_surprise,
)

Metric = Literal["net_cooperation", "goldstein_mean"]
Direction = Literal["down", "up", "both"]
Model = Literal["count", "spread"]

METRICS: tuple[str, ...] = ("net_cooperation", "goldstein_mean")
_MIN_STD = {"net_cooperation": 0.05, "goldstein_mean": 0.5}

#: Most work (`AlertWork.units`) one alerts request of the API may ask for: about ten seconds
#: of one core (a unit costs about half a microsecond). `accord relations alerts` has no limit.
MAX_ALERT_WORK = 20_000_000


@dataclass(frozen=True)
class AlertSettings:
    """How alerts are judged (see the module docstring)."""

    metric: Metric = "net_cooperation"
    by: Period = Period.MONTH
    window: int = 12
    span: float = 6.0
    threshold: float = 2.0
    min_history: int = 4
    min_events: int = 5
    min_std: float | None = None
    direction: Direction = "down"
    drivers: int = 5
    model: Model = "count"
    prior_strength: float = 10.0
    history_cap: float = 50.0
    event_ids: int = 100

    def __post_init__(self) -> None:
        if self.model not in ("count", "spread"):
            raise InputError.at("model must be count or spread", field="model")
        if self.prior_strength <= 0 or self.history_cap <= 0:
            raise InputError.at("prior_strength and history_cap must be positive", field="model")
        if self.metric not in METRICS:
            raise InputError.at(f"metric must be one of {METRICS}", field="metric")
        if self.window < 2:
            raise InputError.at(f"window must be at least 2, got {self.window}", field="window")
        if not 2 <= self.min_history <= self.window:
            raise InputError.at(
                f"min_history must be from 2 to the window ({self.window}), got {self.min_history}",
                field="min_history",
            )
        if self.threshold <= 0:
            raise InputError.at("threshold must be positive", field="threshold")
        if self.span < 1:
            raise InputError.at("span must be at least 1", field="span")

    @property
    def spread_floor(self) -> float:
        """The floor of the spread under the `spread` model."""
        return self.min_std if self.min_std is not None else _MIN_STD[self.metric]


@dataclass(frozen=True)
class Driver(AsDict):
    """One event behind an alert."""

    event_id: str
    date: dt.date
    source: str
    target: str
    cameo_code: str | None
    quad_class: int | None
    goldstein: float | None
    dataset: str
    url: str | None


@dataclass(frozen=True)
class EventRef(AsDict):
    """One event behind an alert, by its key in the store (dataset, id, date)."""

    dataset: str
    event_id: str
    date: dt.date


@dataclass(frozen=True)
class Alert(AsDict):
    """A dyad-period whose measure broke away from the dyad's trailing history.

    `p_value` is the probability, under the model, of a value at least as extreme; `event_ids`
    lists the period's events (up to the settings' `event_ids`, oldest first)."""

    a: str
    b: str
    period: str
    start: dt.date
    metric: str
    value: float
    baseline: float
    spread: float
    z: float
    events: int
    history: int
    drivers: tuple[Driver, ...] = field(default=())
    p_value: float = 1.0
    model: str = "count"
    event_ids: tuple[EventRef, ...] = field(default=())


@dataclass(frozen=True)
class Score:
    """The z-score of one observation of a series (before any threshold)."""

    index: int
    value: float
    baseline: float
    spread: float
    z: float
    history: int


def score_series(values: list[float], settings: AlertSettings, since: int = 0) -> list[Score]:
    """z-scores of each value from index `since` on against its trailing window (values
    already filtered; the earlier ones are history only)."""
    scores = []
    for i in range(max(settings.min_history, since), len(values)):
        history = np.asarray(values[max(0, i - settings.window) : i], dtype=np.float64)
        if history.size < settings.min_history:
            continue
        baseline = float(ewma(history, settings.span)[-1])
        spread = max(float(np.std(history, ddof=1)), settings.spread_floor)
        z = (values[i] - baseline) / spread
        scores.append(Score(i, values[i], baseline, spread, z, int(history.size)))
    return scores


def _fires(z: float, settings: AlertSettings) -> bool:
    if settings.direction == "down":
        return z <= -settings.threshold
    if settings.direction == "up":
        return z >= settings.threshold
    return abs(z) >= settings.threshold


def pair_series_expr(
    events: ir.Table,
    by: Period,
    *,
    end: dt.date | None = None,
    dataset: str | None = None,
    run_id: str | None = None,
    pairs: list[tuple[str, str]] | None = None,
    scope: EventScope = DEFAULT_SCOPE,
) -> ir.Table:
    """Measures per undirected pair and period, for every pair (or the given ones), ordered."""
    values = _pair_values(end, dataset, run_id, pairs)
    shape = _Shape(by, len(pairs or ()), True, scope, False)
    return _pair_series_query(events, values, shape)


def pair_series_table(
    events: ir.Table,
    by: Period | str = Period.MONTH,
    *,
    end: dt.date | None = None,
    dataset: str | None = None,
    run_id: str | None = None,
    ordered: bool = True,
    scope: EventScope = DEFAULT_SCOPE,
) -> pa.Table:
    """The measures of every pair and period as an Arrow table (columns of `pair_series_expr`).

    The bulk form of the dyad series, for analyses over all dyads at once; `ordered=False`
    skips the final sort by pair and period.
    """
    shape = _Shape(Period(by), 0, ordered, scope, False)

    def build(table: ir.Table, p: Mapping[str, Any]) -> ir.Table:
        return _pair_series_query(table, p, shape)

    values = _pair_values(end, dataset, run_id, None)
    return compiled.fetch_table(events, ("pair_series", shape), build, values)


def _pair_values(
    end: dt.date | None,
    dataset: str | None,
    run_id: str | None,
    pairs: list[tuple[str, str]] | None,
) -> dict[str, Any]:
    values: dict[str, Any] = {"end": end, "dataset": dataset, "run_id": run_id}
    for i, (x, y) in enumerate(pairs or ()):
        values[f"pair{i}_a"], values[f"pair{i}_b"] = min(x, y), max(x, y)
    return values


@dataclass(frozen=True)
class _Shape:
    """The structural options of a pair-series query (part of its compiled-query key)."""

    by: Period
    pairs: int
    ordered: bool
    scope: EventScope
    moments: bool


def _pair_series_query(events: ir.Table, p: Mapping[str, Any], shape: _Shape) -> ir.Table:
    """Measures per pair and period; `p` holds end, dataset, run_id and, for each of the first
    `shape.pairs` wanted pairs, `pair{i}_a` and `pair{i}_b` (values or placeholders). With
    `shape.moments`, also the number of scored events and the sum of squared Goldstein scores."""
    t = _period_events_of_pairs(events, p, shape)
    if shape.moments:
        t = t.mutate(goldstein_sq=t.goldstein * t.goldstein)
        grouped = pair_aggregate(t, ("period_start",), extra=_moments)
    else:
        grouped = pair_aggregate(t, ("period_start",))
    return grouped.order_by(["a", "b", "period_start"]) if shape.ordered else grouped


def _period_events_of_pairs(events: ir.Table, p: Mapping[str, Any], shape: _Shape) -> ir.Table:
    """The events a pair-series query reads (up to `end`, of the wanted pairs when given),
    each with the start of its period."""
    t = select_events(
        events, end=p["end"], dataset=p["dataset"], run_id=p["run_id"], scope=shape.scope
    )
    if shape.pairs:
        src, tgt = t.source_country, t.target_country
        wanted = [(p[f"pair{i}_a"], p[f"pair{i}_b"]) for i in range(shape.pairs)]
        t = t.filter(
            ibis.or_(*[((src == x) & (tgt == y)) | ((src == y) & (tgt == x)) for x, y in wanted])
        )
    return t.mutate(period_start=period_start(t.event_date, shape.by))


def _work_query(events: ir.Table, p: Mapping[str, Any], shape: _Shape) -> ir.Table:
    """One row: the dyad-periods a pair-series query reads, and those of them it judges (from
    `start` when given, with at least `min` events); `p` as `_pair_series_query`'s."""
    t = pair_columns(_period_events_of_pairs(events, p, shape))
    cells = t.group_by(["a", "b", "period_start"]).aggregate(n=t.count())
    judged = cells.n >= p["min"]
    if p["start"] is not None:
        judged = judged & (cells.period_start >= p["start"])
    return cells.aggregate(
        events=cells.n.sum(), read=cells.count(), judged=cells.count(where=judged)
    )


@dataclass(frozen=True)
class AlertWork(AsDict):
    """The size of an alerts query, counted before it runs (`alert_work`): the events and
    dyad-periods it reads, the dyad-periods it judges, the most earlier ones each is judged
    against (`window`) and the alerts whose events it looks up (`lookups`: one scan of the
    events read for all of them, then a rank within each)."""

    events: int
    read: int
    judged: int
    window: int
    lookups: int

    @property
    def units(self) -> int:
        """Work in units of about half a microsecond: 10 per dyad-period read, 16 + window
        per dyad-period judged, and for the lookups one per 40 events and 100 per alert."""
        scans = self.events // 40 + 100 * self.lookups if self.lookups else 0
        return 10 * self.read + self.judged * (16 + self.window) + scans


def alert_work(
    events: ir.Table,
    settings: AlertSettings | None = None,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    dataset: str | None = None,
    run_id: str | None = None,
    pairs: list[tuple[str, str]] | None = None,
    scope: EventScope = DEFAULT_SCOPE,
    limit: int | None = None,
) -> AlertWork:
    """The work `tension_alerts` would do with the same arguments (at most: every judged
    period counted as a possible alert), from one count query over the events (a small share
    of the work it sizes): for a check before running it."""
    settings = settings or AlertSettings()
    by = Period(settings.by)
    shape = _Shape(by, len(pairs or ()), False, scope, False)

    def build(table: ir.Table, p: Mapping[str, Any]) -> ir.Table:
        return _work_query(table, p, shape)

    values = _pair_values(end, dataset, run_id, pairs)
    values.update(start=None if start is None else floor(start, by), min=settings.min_events)
    [row] = compiled.fetch(events, ("alert_work", shape), build, values) or [{}]
    judged = int(row.get("judged") or 0)
    alerts = judged if limit is None else min(limit, judged)
    looked = alerts if settings.drivers > 0 or settings.event_ids > 0 else 0
    counted = int(row.get("events") or 0), int(row.get("read") or 0)
    return AlertWork(counted[0], counted[1], judged, settings.window, looked)


def _moments(t: ir.Table) -> dict[str, Any]:
    return {
        "scored": t.goldstein.count(),
        "goldstein_sq": t.goldstein_sq.sum().fill_null(0.0).cast("float64"),
    }


@dataclass(frozen=True)
class _Pooled:
    """What every dyad's judgement shares: the conflict share and per-event Goldstein variance
    over all judged dyad-periods of the query."""

    conflict_share: float
    goldstein_variance: float


def _pooled(series: list[dict[str, Any]]) -> _Pooled:
    conflict = sum(int(r["verbal_conflict"]) + int(r["material_conflict"]) for r in series)
    trials = conflict + sum(int(r["verbal_coop"]) + int(r["material_coop"]) for r in series)
    n = sum(int(r["scored"]) for r in series)
    total = sum(float(r["goldstein_sum"]) for r in series)
    squares = sum(float(r["goldstein_sq"]) for r in series)
    variance = squares / n - (total / n) ** 2 if n else 1.0
    return _Pooled(conflict / trials if trials else 0.5, max(variance, 1e-6))


def _counts(row: dict[str, Any]) -> CountHistory:
    conflict = int(row["verbal_conflict"]) + int(row["material_conflict"])
    return CountHistory(conflict, conflict + int(row["verbal_coop"]) + int(row["material_coop"]))


def _mean(row: dict[str, Any]) -> MeanHistory:
    n = int(row["scored"])
    mean = float(row["goldstein_mean"]) if row["goldstein_mean"] is not None else 0.0
    variance = float(row["goldstein_sq"]) / n - mean * mean if n else 0.0
    return MeanHistory(mean, n, max(variance * n / (n - 1), 0.0) if n > 1 else 0.0)


def score_pair(
    series: list[dict[str, Any]], settings: AlertSettings, pooled: _Pooled, since: int = 0
) -> list[tuple[int, Surprise, int]]:
    """(index, surprise, history length) of each judged period of one dyad's rows, from
    index `since` on (the earlier rows are history only)."""
    if settings.model == "spread":
        values = [round(float(r[settings.metric]), DIGITS) for r in series]
        scored = score_series(values, settings, since)
        return [(sc.index, _spread_surprise(sc), sc.history) for sc in scored]
    found = []
    for i in range(max(settings.min_history, since), len(series)):
        history = series[max(0, i - settings.window) : i]
        if settings.metric == "net_cooperation":
            current = _counts(series[i])
            if current.n == 0:
                continue
            surprise = count_surprise(
                current,
                [_counts(r) for r in history],
                pooled_share=pooled.conflict_share,
                prior_strength=settings.prior_strength,
                history_cap=settings.history_cap,
                direction=settings.direction,
            )
        else:
            means = [_mean(r) for r in history]
            surprise = mean_surprise(
                _mean(series[i]),
                means,
                baseline=float(ewma([m.mean for m in means], settings.span)[-1]),
                pooled_variance=pooled.goldstein_variance,
                direction=settings.direction,
            )
        found.append((i, surprise, len(history)))
    return found


def _spread_surprise(score: Score) -> Surprise:
    normal = NormalDist()
    p_low, p_high = normal.cdf(score.z), 1.0 - normal.cdf(score.z)
    return Surprise(score.value, score.baseline, score.spread, min(p_low, p_high), score.z)


def tension_alerts(
    events: ir.Table,
    settings: AlertSettings | None = None,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    dataset: str | None = None,
    run_id: str | None = None,
    pairs: list[tuple[str, str]] | None = None,
    scope: EventScope = DEFAULT_SCOPE,
    limit: int | None = None,
) -> list[Alert]:
    """Alerts of every dyad (or of `pairs`) whose period starts within [`start`, `end`].

    The history before `start` is used as baseline; events after `end` are ignored. Alerts are
    sorted by z-score, most extreme first; with `limit`, only the first `limit` (the events
    behind an alert are looked up for those only).
    """
    settings = settings or AlertSettings()
    by = Period(settings.by)
    shape = _Shape(by, len(pairs or ()), True, scope, True)

    def build(table: ir.Table, p: Mapping[str, Any]) -> ir.Table:
        return _pair_series_query(table, p, shape)

    params = _pair_values(end, dataset, run_id, pairs)
    rows = compiled.fetch(events, ("pair_series", shape), build, params)
    by_pair: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in rows:
        if int(row["events"]) >= settings.min_events and row[settings.metric] is not None:
            by_pair.setdefault((row["a"], row["b"]), []).append(row)
    found = _judged(by_pair, settings, None if start is None else floor(start, by))
    found.sort(key=lambda al: (-abs(al.z), al.a, al.b, al.start))
    where = {"dataset": dataset, "run_id": run_id}
    return _with_events(events, found[:limit], settings, scope, where)


def _judged(
    by_pair: Mapping[tuple[str, str], list[dict[str, Any]]],
    settings: AlertSettings,
    first: dt.date | None,
) -> list[Alert]:
    """The alerts of every dyad's periods starting on `first` or later (all when None): the
    earlier periods are only history, and are not scored."""
    pooled = _pooled([r for series in by_pair.values() for r in series])
    found: list[Alert] = []
    for (a, b), series in sorted(by_pair.items()):
        since = 0
        if first is not None:
            since = next(
                (i for i, r in enumerate(series) if engine_date(r["period_start"]) >= first),
                len(series),
            )
        for index, surprise, history in score_pair(series, settings, pooled, since):
            if _fires(surprise.z, settings):
                row = series[index]
                start = engine_date(row["period_start"])
                found.append(_alert(a, b, start, row, surprise, history, settings))
    return found


def _alert(
    a: str,
    b: str,
    first: dt.date,
    row: dict[str, Any],
    surprise: Surprise,
    history: int,
    settings: AlertSettings,
) -> Alert:
    return Alert(
        a=a,
        b=b,
        period=label(first, Period(settings.by)),
        start=first,
        metric=settings.metric,
        value=round(float(row[settings.metric]), DIGITS),
        baseline=round(surprise.baseline, DIGITS),
        spread=round(surprise.spread, DIGITS),
        z=round(surprise.z, DIGITS),
        events=int(row["events"]),
        history=history,
        p_value=float(f"{surprise.p_value:.9g}"),
        model=settings.model,
    )


def _with_events(
    events: ir.Table,
    alerts: list[Alert],
    settings: AlertSettings,
    scope: EventScope,
    where: Mapping[str, str | None],
) -> list[Alert]:
    """The alerts with their drivers and the ids of the events behind them, looked up for all
    of them at once: one scan of the events of their pairs and periods, ranked within each
    alert (one query per alert cost a scan each: 22 ms per alert over a million events)."""
    if not alerts or (settings.drivers <= 0 and settings.event_ids <= 0):
        return alerts
    ranked = _ranked_events(events, alerts, settings, scope, where).to_pyarrow().to_pylist()
    drivers: dict[int, list[tuple[int, Driver]]] = {}
    ids: dict[int, list[EventRef]] = {}
    for r in ranked:  # ordered by alert, then rank as an event behind it
        if r["driver_rank"] <= settings.drivers:
            drivers.setdefault(r["alert"], []).append((r["driver_rank"], _driver(r)))
        if r["id_rank"] <= settings.event_ids:
            ref = EventRef(r["dataset"], str(r["event_id"]), engine_date(r["event_date"]))
            ids.setdefault(r["alert"], []).append(ref)
    out = []
    for k, alert in enumerate(alerts):
        if settings.drivers > 0:
            alert = replace(alert, drivers=tuple(d for _, d in sorted(drivers.get(k, []))))
        if settings.event_ids > 0:
            alert = replace(alert, event_ids=tuple(ids.get(k, [])))
        out.append(alert)
    return out


def _ranked_events(
    events: ir.Table,
    alerts: list[Alert],
    settings: AlertSettings,
    scope: EventScope,
    where: Mapping[str, str | None],
) -> ir.Table:
    """The events of each alert's pair and period (`alert`: its index) with their rank as a
    driver (by Goldstein score: lowest first, highest for an alert upwards; then date and id)
    and as an event behind it (by date, dataset and id), keeping those ranked within the
    wanted numbers."""
    spans = _spans(alerts, Period(settings.by))
    t = select_events(
        events,
        start=min(al.start for al in alerts),
        end=spans.max_last,
        dataset=where["dataset"],
        run_id=where["run_id"],
        scope=scope,
    )
    t = pair_columns(t)
    keys = spans.table
    j = t.join(
        keys,
        [
            t.a == keys.pair_a,
            t.b == keys.pair_b,
            t.event_date >= keys["first"],
            t.event_date <= keys["last"],
        ],
    )
    by_driver = ibis.window(
        group_by=j.alert, order_by=[(j.goldstein * j.sign).asc(), j.event_date, j.event_id]
    )
    by_id = ibis.window(group_by=j.alert, order_by=[j.event_date, j.dataset, j.event_id])
    j = j.mutate(
        driver_rank=ibis.row_number().over(by_driver) + 1,
        id_rank=ibis.row_number().over(by_id) + 1,
    )
    j = j.filter((j.driver_rank <= settings.drivers) | (j.id_rank <= settings.event_ids))
    return j.select("alert", "driver_rank", "id_rank", *_DRIVER_COLUMNS).order_by(
        ["alert", "id_rank"]
    )


#: The columns of an event shown as an alert's driver or as an event behind it.
_DRIVER_COLUMNS = (
    "event_id",
    "event_date",
    "source_country",
    "target_country",
    "cameo_code",
    "quad_class",
    "goldstein",
    "dataset",
    "url",
)


@dataclass(frozen=True)
class _Spans:
    """The alerts' pairs and periods as a table to join the events with, and the last day."""

    table: ir.Table
    max_last: dt.date


def _spans(alerts: list[Alert], by: Period) -> _Spans:
    """Each alert's index, pair, first and last day, and the sign that ranks its drivers
    lowest Goldstein first (-1 for an alert upwards: highest first)."""
    ends = [next_start(al.start, by) - dt.timedelta(days=1) for al in alerts]
    table = pa.table(
        {
            "alert": pa.array(range(len(alerts)), pa.int64()),
            "pair_a": [al.a for al in alerts],
            "pair_b": [al.b for al in alerts],
            "first": pa.array([al.start for al in alerts], pa.date32()),
            "last": pa.array(ends, pa.date32()),
            "sign": pa.array([-1.0 if al.z > 0 else 1.0 for al in alerts], pa.float64()),
        }
    )
    return _Spans(ibis.memtable(table), max(ends))


def _driver(r: dict[str, Any]) -> Driver:
    return Driver(
        event_id=str(r["event_id"]),
        date=engine_date(r["event_date"]),
        source=r["source_country"],
        target=r["target_country"],
        cameo_code=r["cameo_code"],
        quad_class=None if r["quad_class"] is None else int(r["quad_class"]),
        goldstein=None if r["goldstein"] is None else float(r["goldstein"]),
        dataset=r["dataset"],
        url=r["url"],
    )
