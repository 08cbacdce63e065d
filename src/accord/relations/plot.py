"""A picture of a dyad series: quad-class counts stacked per period, Goldstein mean as a line."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

from accord.errors import InputError, writing
from accord.relations.dyad import DyadPoint

#: Each quad class (1-4 in order): its measure column, label and colour. The PNG plots and the
#: dashboard (through `/api/meta`) both draw with these, so a class has one colour everywhere:
#: cooperation in blues, conflict in reds (ColorBrewer's Blues and Reds), the two ends of the
#: map's diverging scale.
QUAD_CLASS_STYLE: tuple[tuple[str, str, str], ...] = (
    ("verbal_coop", "verbal cooperation", "#6baed6"),
    ("material_coop", "material cooperation", "#08519c"),
    ("verbal_conflict", "verbal conflict", "#fb6a4a"),
    ("material_conflict", "material conflict", "#a50f15"),
)


#: The most date labels on the time axis.
MAX_TICKS = 12
#: matplotlib's day 0 (1970-01-01) as a proleptic ordinal.
_EPOCH = 719163


def periods_spanned(points: Sequence[DyadPoint]) -> int:
    """How many periods lie between the first and the last point, both counted (the points
    are the periods with events): the width of the plot in periods."""
    x = [p.start.toordinal() for p in points]
    step = min((b - a for a, b in pairwise(x)), default=0)
    return round((x[-1] - x[0]) / step) + 1 if step > 0 else len(points)


def plot_dyad(points: Sequence[DyadPoint], path: Path | str, *, title: str = "") -> Path:
    """Write a PNG of the series to `path` and return the path: bars at their periods' dates
    on a time axis (periods without events are gaps), the Goldstein line broken across them."""
    path = Path(path)
    if not points:
        raise InputError.at("no events for this dyad in the window: nothing to plot", field="a")
    # matplotlib loads only when a plot is drawn, so the CLI starts fast
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure

    # bars stand at their periods' dates (matplotlib's day numbers), so a stretch without
    # events shows as a gap in time
    x = [float(p.start.toordinal() - _EPOCH) for p in points]
    step = min((b - a for a, b in pairwise(x)), default=30.0)
    slots = periods_spanned(points)
    # the object-oriented API with the Agg canvas: no pyplot, no global backend state
    fig = Figure(figsize=(min(max(6.0, 0.35 * slots + 3.0), 24.0), 4.5))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    bottom = [0] * len(points)
    for attr, name, colour in QUAD_CLASS_STYLE:
        heights = [getattr(p, attr) for p in points]
        ax.bar(x, heights, bottom=bottom, label=name, color=colour, width=0.8 * step)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    ax.set_ylabel("events")
    ax.set_ylim(0, max(bottom, default=0) * 1.1 or 1)  # headroom over the tallest bar
    # labels evenly spaced in time (not at every k-th period with events, which crowd where
    # events cluster), as few as fit
    locator = AutoDateLocator(maxticks=MAX_TICKS)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    if len(points) == 1:
        ax.set_xlim(x[0] - step, x[0] + step)
    line = ax.twinx()
    xs, means = _broken_at_gaps(x, [p.goldstein_mean for p in points], step)
    line.plot(xs, means, color="black", marker="o", linewidth=1.5, label="Goldstein mean")
    line.axhline(0.0, color="grey", linewidth=0.6, linestyle=":")
    line.set_ylim(-10, 10)
    line.set_ylabel("Goldstein mean (-10..10)")
    handles, names = ax.get_legend_handles_labels()
    more, more_names = line.get_legend_handles_labels()
    fig.legend(handles + more, names + more_names, loc="lower center", ncol=3, fontsize="small")
    if title:
        ax.set_title(title)
    fig.tight_layout(rect=(0.0, 0.12, 1.0, 1.0))
    with writing(path, "plot"):
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, format="png", dpi=100)
    return path


def _broken_at_gaps(
    x: Sequence[float], values: Sequence[float | None], step: float
) -> tuple[list[float], list[float]]:
    """The line's points with a NaN between two periods further apart than one period, so
    the line does not join means across periods without events."""
    xs: list[float] = []
    ys: list[float] = []
    for k, (at, value) in enumerate(zip(x, values, strict=True)):
        if k and at - x[k - 1] > 1.5 * step:
            xs.append((at + x[k - 1]) / 2)
            ys.append(float("nan"))
        xs.append(at)
        ys.append(float("nan") if value is None else value)
    return xs, ys
