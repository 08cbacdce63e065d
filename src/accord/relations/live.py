"""Alerts as events arrive: after a follower stores new events, judge the periods they touch
and announce each tension alert once.

The new window runs from the first day of the new events, but not further back than the period
before the one holding their last day (GDELT 2.0 files carry a few events dated months or years
back; re-judging those periods would announce old news as new). Alerts already announced are
remembered by key (metric, dyad, period) in a small state file, so a restarted follower neither
repeats an alert nor loses one raised while it was down.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import ibis.expr.types as ir

from accord.relations.alerts import Alert, AlertSettings, tension_alerts
from accord.relations.periods import Period, floor


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
