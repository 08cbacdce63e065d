"""The dyad PNG: periods at their dates on a time axis, gaps kept, the line broken across them."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

from accord.relations.dyad import DyadPoint
from accord.relations.plot import _broken_at_gaps, plot_dyad


def _point(day: str, events: int, mean: float | None) -> DyadPoint:
    start = dt.date.fromisoformat(day)
    return DyadPoint(start.strftime("%Y-%m"), start, events, events, 0, 0, 0, 0.0, mean, 1.0)


def test_the_line_breaks_between_periods_without_events() -> None:
    x = [0.0, 31.0, 62.0, 400.0, 431.0]
    xs, ys = _broken_at_gaps(x, [1.0, None, 2.0, 3.0, 4.0], 31.0)
    assert xs == [0.0, 31.0, 62.0, 231.0, 400.0, 431.0]
    assert ys[0] == 1.0 and math.isnan(ys[1]) and ys[2] == 2.0  # no mean: no point
    assert math.isnan(ys[3]) and ys[4:] == [3.0, 4.0]  # the gap of a year


def test_a_series_with_a_gap_draws_at_its_dates(tmp_path: Path) -> None:
    points = [_point("1982-01-01", 3, 1.5), _point("1982-02-01", 1, -2.0)]
    points += [_point("2013-06-01", 2, 0.5)]
    out = plot_dyad(points, tmp_path / "gap.png", title="USA-CHN")
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(data[16:20], "big")
    assert width == 2400  # 31 years of monthly slots: the widest figure (24 in at 100 dpi)


def test_the_tallest_bar_has_headroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # June 2018's 101 events touched the top of the axis
    from matplotlib.figure import Figure

    drawn: list[Figure] = []
    real = Figure.savefig
    monkeypatch.setattr(
        Figure, "savefig", lambda self, *a, **k: (drawn.append(self), real(self, *a, **k))
    )
    plot_dyad([_point("2018-05-01", 40, 1.0), _point("2018-06-01", 101, 2.0)], tmp_path / "h.png")
    bars = drawn[0].axes[0]
    assert bars.get_ylim() == pytest.approx((0.0, 111.1))
