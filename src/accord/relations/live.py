"""Alerts as events arrive: after a follower stores new events, judge the periods they touch
and announce each tension alert once.

The new window runs from the first day of the new events, but not further back than the period
before the one holding their last day (GDELT 2.0 files carry a few events dated months or years
back; re-judging those periods would announce old news as new). Alerts already announced are
remembered by key (metric, dyad, period) in a small state file, so a restarted follower neither
repeats an alert nor loses one raised while it was down. `following` builds a GDELT 2.0 follower
that does all this and hands each announcement to the face that runs it (the CLI prints JSON
lines; the server streams server-sent events and posts webhooks).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ibis.expr.types as ir

from accord.errors import AccordError
from accord.events.feeds import DEFAULT_EVERY, FeedSettings, Follower, FollowStep, StoreAccess
from accord.events.schema import EVENTS_SCHEMA
from accord.relations.alerts import Alert, AlertSettings, tension_alerts
from accord.relations.engine import duckdb_events
from accord.relations.periods import Period, floor
from accord.store import Store


def alert_key(alert: Alert) -> str:
    """What makes an alert the same alert on a later update: metric, dyad and period."""
    return f"{alert.metric}|{alert.a}|{alert.b}|{alert.period}"


def window_start(first: dt.date, last: dt.date, by: Period) -> dt.date:
    """The first period start judged for new events dated `first`..`last`."""
    previous = floor(floor(last, by) - dt.timedelta(days=1), by)
    return max(floor(first, by), previous)


class AlertWatch:
    """The alerts announced so far, and the judgement of each new window against them."""

    def __init__(self, settings: AlertSettings | None = None, state: Path | None = None) -> None:
        self.settings = settings or AlertSettings()
        self.state = state
        self._lock = threading.Lock()
        self.seen: set[str] = set()
        if state is not None and state.exists():
            self.seen = {k for k in state.read_text(encoding="utf-8").splitlines() if k}

    def update(self, events: ir.Table, first: dt.date, last: dt.date) -> list[Alert]:
        """The alerts of the window of new events `first`..`last` not announced before
        (most extreme first), remembered from now on."""
        start = window_start(first, last, Period(self.settings.by))
        found = tension_alerts(events, self.settings, start=start)
        with self._lock:
            new = [a for a in found if alert_key(a) not in self.seen]
            self.seen.update(alert_key(a) for a in new)
            if new and self.state is not None:
                self.state.parent.mkdir(parents=True, exist_ok=True)
                with self.state.open("a", encoding="utf-8") as out:
                    out.writelines(alert_key(a) + "\n" for a in new)
        return new


def _newest_day(store: Store, dataset: str) -> dt.date | None:
    """The day of the newest event of `dataset` the store holds."""
    store.ensure(EVENTS_SCHEMA)
    row = store.con.execute(
        "SELECT max(event_date) FROM events WHERE dataset = ?", [dataset]
    ).fetchone()
    return row[0] if row is not None else None


def alert_message(alert: Alert, source: str) -> dict[str, Any]:
    """How an alert is announced (stdout JSON line, server-sent event, webhook body)."""
    return {"kind": "alert", "source": source, "key": alert_key(alert), "alert": alert.as_dict()}


def step_message(step: FollowStep, source: str) -> dict[str, Any]:
    """How a follower step that fetched files is announced."""
    return {
        "kind": "files",
        "source": source,
        "stored": step.stored,
        "first": step.first,
        "last": step.last,
        "files": [f.as_dict() for f in step.files],
    }


def following(
    access: StoreAccess,
    announce: Callable[[dict[str, Any]], None],
    *,
    source: str = "gdelt2",
    settings: FeedSettings | None = None,
    every: float = DEFAULT_EVERY,
    alerts: AlertSettings | None = None,
    on_error: Callable[[AccordError], None] | None = None,
) -> Follower:
    """A follower whose every step updates the alerts over the new window and announces the
    files it fetched and each new alert (`announce` gets the messages, in that order)."""
    settings = settings or FeedSettings.from_env()
    watch = AlertWatch(alerts, settings.cache_dir / source / "announced-alerts.txt")
    # the first step also judges the newest stored events: alerts a stopped follower had not
    # announced yet are announced now
    pending = [True]

    def on_step(step: FollowStep) -> None:
        if step.files:
            announce(step_message(step, source))
        with access() as store:
            first, last = step.first, step.last
            if first is None and pending[0]:
                first = last = _newest_day(store, source)
            pending[0] = False
            new = (
                watch.update(duckdb_events(store.con), first, last)
                if first is not None and last is not None
                else []
            )
        for alert in new:
            announce(alert_message(alert, source))

    return Follower(
        access, source=source, settings=settings, every=every, on_step=on_step, on_error=on_error
    )
