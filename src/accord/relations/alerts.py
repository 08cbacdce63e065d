"""Tension alerts: a dyad whose relation suddenly falls below its own recent baseline.

For every dyad (unordered pair of countries) and period the measure `x` (net cooperation or
Goldstein mean) is compared with the dyad's own trailing baseline:

- only periods with at least `min_events` events are judged or used as history (fewer events
  are too noisy either way);
- the history is the dyad's previous `window` such periods (at least `min_history` of them);
- the baseline level is the EWMA (span `span`) of the history, i.e. its smoothed value just
  before the period; its spread is the standard deviation of the history (ddof=1), floored at
  `min_std` so a perfectly flat history does not turn a tiny change into an infinite score;
- `z = (x - baseline) / spread`. An alert is raised when `z <= -threshold` (deterioration;
  `direction="up"` looks for `z >= threshold`, `"both"` for either).

Defaults: window 12, span 6, threshold 2.0, min_history 4, min_events 5, min_std 0.05 for net
cooperation (scale -1..1) and 0.5 for the Goldstein mean (scale -10..10). Each alert carries the
events that drove it: the dyad's events of that period with the lowest (or, upwards, highest)
Goldstein scores.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import ibis
import ibis.expr.types as ir
import numpy as np
import pyarrow as pa

from accord.errors import InputError
from accord.jsonable import AsDict
from accord.relations import compiled
from accord.relations.dyad import DIGITS, dyad_filter
from accord.relations.measures import pair_aggregate, select_events
from accord.relations.periods import Period, engine_date, floor, label, next_start, period_start
from accord.relations.smoothing import ewma

Metric = Literal["net_cooperation", "goldstein_mean"]
Direction = Literal["down", "up", "both"]

METRICS: tuple[str, ...] = ("net_cooperation", "goldstein_mean")
_MIN_STD = {"net_cooperation": 0.05, "goldstein_mean": 0.5}


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

    def __post_init__(self) -> None:
        if self.metric not in METRICS:
            raise InputError.at(f"metric must be one of {METRICS}", field="metric")
        if self.window < 2 or self.min_history < 2 or self.min_history > self.window:
            raise InputError.at("need 2 <= min_history <= window", field="window")
        if self.threshold <= 0:
            raise InputError.at("threshold must be positive", field="threshold")
        if self.span < 1:
            raise InputError.at("span must be at least 1", field="span")

    @property
    def spread_floor(self) -> float:
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
class Alert(AsDict):
    """A dyad-period whose measure broke away from the dyad's trailing baseline."""

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


@dataclass(frozen=True)
class Score:
    """The z-score of one observation of a series (before any threshold)."""

    index: int
    value: float
    baseline: float
    spread: float
    z: float
    history: int


def score_series(values: list[float], settings: AlertSettings) -> list[Score]:
    """z-scores of each value against its trailing window (values already filtered)."""
    scores = []
    for i in range(settings.min_history, len(values)):
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
) -> ir.Table:
    """Measures per undirected pair and period, for every pair (or the given ones), ordered."""
    values = _pair_values(end, dataset, run_id, pairs)
    return _pair_series_query(events, values, by=by, pairs=len(pairs or ()), ordered=True)


def pair_series_table(
    events: ir.Table,
    by: Period | str = Period.MONTH,
    *,
    end: dt.date | None = None,
    dataset: str | None = None,
    run_id: str | None = None,
    ordered: bool = True,
) -> pa.Table:
    """The measures of every pair and period as an Arrow table (columns of `pair_series_expr`).

    The bulk form of the dyad series, for analyses over all dyads at once; `ordered=False`
    skips the final sort by pair and period.
    """
    period = Period(by)

    def build(table: ir.Table, p: Mapping[str, Any]) -> ir.Table:
        return _pair_series_query(table, p, by=period, pairs=0, ordered=ordered)

    values = _pair_values(end, dataset, run_id, None)
    return compiled.fetch_table(events, ("pair_series", period, 0, ordered), build, values)


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


def _pair_series_query(
    events: ir.Table, p: Mapping[str, Any], *, by: Period, pairs: int, ordered: bool
) -> ir.Table:
    """Measures per pair and period; `p` holds end, dataset, run_id and, for each of the first
    `pairs` wanted pairs, `pair{i}_a` and `pair{i}_b` (values or placeholders)."""
    t = select_events(events, end=p["end"], dataset=p["dataset"], run_id=p["run_id"])
    if pairs:
        src, tgt = t.source_country, t.target_country
        wanted = [(p[f"pair{i}_a"], p[f"pair{i}_b"]) for i in range(pairs)]
        t = t.filter(
            ibis.or_(*[((src == x) & (tgt == y)) | ((src == y) & (tgt == x)) for x, y in wanted])
        )
    t = t.mutate(period_start=period_start(t.event_date, by))
    grouped = pair_aggregate(t, ("period_start",))
    return grouped.order_by(["a", "b", "period_start"]) if ordered else grouped


def tension_alerts(
    events: ir.Table,
    settings: AlertSettings | None = None,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    dataset: str | None = None,
    run_id: str | None = None,
    pairs: list[tuple[str, str]] | None = None,
) -> list[Alert]:
    """Alerts of every dyad (or of `pairs`) whose period starts within [`start`, `end`].

    The history before `start` is used as baseline; events after `end` are ignored. Alerts are
    sorted by z-score, most extreme first.
    """
    settings = settings or AlertSettings()
    by = Period(settings.by)
    n_pairs = len(pairs or ())

    def build(table: ir.Table, p: Mapping[str, Any]) -> ir.Table:
        return _pair_series_query(table, p, by=by, pairs=n_pairs, ordered=True)

    params = _pair_values(end, dataset, run_id, pairs)
    rows = compiled.fetch(events, ("pair_series", by, n_pairs, True), build, params)
    by_pair: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in rows:
        if int(row["events"]) >= settings.min_events and row[settings.metric] is not None:
            by_pair.setdefault((row["a"], row["b"]), []).append(row)
    found: list[Alert] = []
    for (a, b), series in sorted(by_pair.items()):
        values = [round(float(r[settings.metric]), DIGITS) for r in series]
        for score in score_series(values, settings):
            row = series[score.index]
            first = engine_date(row["period_start"])
            if (start is not None and first < floor(start, by)) or not _fires(score.z, settings):
                continue
            found.append(
                Alert(
                    a=a,
                    b=b,
                    period=label(first, by),
                    start=first,
                    metric=settings.metric,
                    value=score.value,
                    baseline=round(score.baseline, DIGITS),
                    spread=round(score.spread, DIGITS),
                    z=round(score.z, DIGITS),
                    events=int(row["events"]),
                    history=score.history,
                )
            )
    found.sort(key=lambda al: (-abs(al.z), al.a, al.b, al.start))
    return [
        _with_drivers(events, alert, settings, dataset=dataset, run_id=run_id) for alert in found
    ]


def _with_drivers(
    events: ir.Table,
    alert: Alert,
    settings: AlertSettings,
    *,
    dataset: str | None,
    run_id: str | None,
) -> Alert:
    if settings.drivers <= 0:
        return alert
    last = next_start(alert.start, Period(settings.by)) - dt.timedelta(days=1)
    upwards = alert.z > 0
    limit = settings.drivers

    def build(table: ir.Table, p: Mapping[str, Any]) -> ir.Table:
        return _drivers_query(table, p, upwards=upwards, limit=limit)

    values: dict[str, compiled.Value] = {"start": alert.start, "end": last}
    values.update(a=alert.a, b=alert.b)
    values.update(dataset=dataset, run_id=run_id)
    rows = compiled.fetch(events, ("drivers", upwards, limit), build, values)
    drivers = tuple(
        Driver(
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
        for r in rows
    )
    return replace(alert, drivers=drivers)


def _drivers_query(
    events: ir.Table, p: Mapping[str, Any], *, upwards: bool, limit: int
) -> ir.Table:
    """The `limit` events of a dyad-period with the lowest (highest if `upwards`) Goldstein
    scores; `p` holds start, end, a, b, dataset, run_id (values or placeholders)."""
    t = select_events(
        events, start=p["start"], end=p["end"], dataset=p["dataset"], run_id=p["run_id"]
    )
    t = dyad_filter(t, p["a"], p["b"])
    key = t.goldstein.desc() if upwards else t.goldstein.asc()
    t = t.order_by([key, t.event_date, t.event_id]).limit(limit)
    return t.select(
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
