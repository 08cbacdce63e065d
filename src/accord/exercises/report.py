"""The debrief as one self-contained HTML file: inline CSS and SVG charts, no script, no
external asset, so it opens offline and can be handed out as it is."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from accord.errors import writing
from accord.exercises.debrief import Debrief

_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#222;padding:0 1rem}
h1{font-size:1.6rem}h2{font-size:1.2rem;border-bottom:1px solid #ccc;padding-top:1rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
td,th{border:1px solid #ddd;padding:.3rem;text-align:left}th{background:#f3f3f3}
.met{color:#1a7f37}.miss{color:#b42318}.muted{color:#666}svg text{font-size:11px}
"""
_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2")


def _row(cell: str, *values: object) -> str:
    """A table row of escaped cells (`td` or `th`)."""
    return "<tr>" + "".join(f"<{cell}>{_e(v)}</{cell}>" for v in values) + "</tr>"


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def line_chart(
    series: Sequence[tuple[str, Sequence[float | None]]], *, low: float = -1.0, high: float = 1.0
) -> str:
    """An inline SVG line chart of named series over turns (values in [low, high]): a tick
    and a grid line every quarter of the range (0 drawn darker), the turns on the x-axis."""
    width, height, pad, left = 640, 240, 36, 48
    n = max((len(v) for _, v in series), default=0)
    if n == 0:
        return "<p class='muted'>No turn played yet.</p>"

    def x(k: int) -> float:
        return left + (width - left - pad) * (k / max(n - 1, 1))

    def y(v: float) -> float:
        return height - pad - (height - 2 * pad) * ((v - low) / (high - low))

    parts = [f"<svg width='{width}' height='{height + 20 * len(series)}' role='img'>"]
    for q in range(5):
        v = low + (high - low) * q / 4
        stroke = "#999" if abs(v) < 1e-9 else "#e5e5e5"
        parts.append(
            f"<line x1='{left}' y1='{y(v):.1f}' x2='{width - pad}' y2='{y(v):.1f}' "
            f"stroke='{stroke}'/><text x='{left - 6}' y='{y(v) + 4:.1f}' "
            f"text-anchor='end'>{v:g}</text>"
        )
    for k in range(n):
        parts.append(f"<text x='{x(k):.1f}' y='{height - 18}' text-anchor='middle'>{k + 1}</text>")
    parts.append(
        f"<text x='{(left + width - pad) / 2:.1f}' y='{height - 2}' "
        "text-anchor='middle'>turn</text>"
        f"<text x='12' y='{height / 2:.1f}' text-anchor='middle' "
        f"transform='rotate(-90 12 {height / 2:.1f})'>relation</text>"
    )
    for s, (name, values) in enumerate(series):
        colour = _COLOURS[s % len(_COLOURS)]
        points = " ".join(f"{x(k):.1f},{y(v):.1f}" for k, v in enumerate(values) if v is not None)
        parts.append(
            f"<polyline fill='none' stroke='{colour}' stroke-width='2' points='{points}'/>"
        )
        parts.append(
            f"<text x='{left}' y='{height + 16 * s + 12}' fill='{colour}'>{_e(name)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


#: Width of a character of the charts' 11 px text, in pixels (a generous average).
_CHAR = 6.6
#: Widest label of the bar chart before it is shortened (its full text stays as a tooltip).
_MAX_LABEL = 420


def _label(name: str) -> str:
    """A bar's label, shortened with an ellipsis to fit `_MAX_LABEL` pixels."""
    most = int(_MAX_LABEL / _CHAR)
    return name if len(name) <= most else name[: most - 1].rstrip() + "\u2026"


def bar_chart(bars: Sequence[tuple[str, float]]) -> str:
    """An inline SVG bar chart of values in [0, 1] (role scores): the label column is as wide
    as the longest label, so the bar and its value never cover it."""
    row, plot = 22, 300
    label = min(max((len(n) for n, _ in bars), default=0) * _CHAR, _MAX_LABEL) + 12
    width = int(label + plot + 50)
    parts = [f"<svg width='{width}' height='{row * len(bars) + 4}' role='img'>"]
    for k, (name, value) in enumerate(bars):
        w = plot * max(0.0, min(1.0, value))
        parts.append(
            f"<text x='0' y='{row * k + 15}'><title>{_e(name)}</title>{_e(_label(name))}</text>"
        )
        parts.append(
            f"<rect x='{label:.1f}' y='{row * k + 3}' width='{w:.1f}' height='{row - 6}' "
            "fill='#1f77b4'/>"
        )
        parts.append(f"<text x='{label + w + 6:.1f}' y='{row * k + 15}'>{value:.0%}</text>")
    parts.append("</svg>")
    return "".join(parts)


def _scores(d: Debrief) -> str:
    bars = [(f"{s.name} ({s.played_by})", s.score) for s in d.scores if s.score is not None]
    rows = []
    for s in d.scores:
        for o in s.objectives:
            css = "met" if o.met else "miss"
            rows.append(
                f"<tr><td>{_e(s.name)}</td><td>{_e(o.objective)}</td><td>{o.weight:g}</td>"
                f"<td class='{css}'>{'met' if o.met else 'not met'}</td>"
                f"<td>{_e(o.detail)}</td></tr>"
            )
    table = (
        "<table>"
        + _row("th", "role", "objective", "weight", "result", "measured")
        + "".join(rows)
        + "</table>"
    )
    return (
        "<h2>Objectives and scores</h2>"
        + bar_chart([(n, float(v)) for n, v in bars if v is not None])
        + table
    )


def _tables(d: Debrief) -> str:
    rows = []
    for t in d.tables:
        deal = (
            ", ".join(f"{k} {v:g}" for k, v in t.agreement.items())
            if t.agreement
            else "no agreement"
        )
        for model, values in t.forecasts.items():
            forecast = ", ".join(f"{k} {v:g}" for k, v in values.items())
            dist = t.distance.get(model)
            shown = "-" if dist is None else f"{dist:.3f}"
            rows.append(_row("td", t.title, deal, model, forecast, shown))
    head = _row("th", "table", "agreement", "model", "forecast", "distance / span")
    notes = "".join(
        f"<p><strong>{_e(t.title)}</strong>: {_e(t.fighting)}</p>" for t in d.tables if t.fighting
    )
    return (
        "<h2>Tables against the forecasts</h2><table>" + head + "".join(rows) + "</table>" + notes
    )


def _at_start(d: Debrief) -> str:
    """What was in force among the roles' states before turn 1 (the session did not do it)."""
    if not d.at_start:
        return ""
    said = [f"{a} sanctions {b}" for a, b in d.at_start.get("sanctions", [])]
    said += [f"{a} and {b} at war" for a, b in d.at_start.get("wars", [])]
    if not said:
        return "<p class='muted'>At the start: no sanction or war among the roles' states.</p>"
    return "<p>In force at the start (before turn 1): " + _e("; ".join(said)) + ".</p>"


def _relations(d: Debrief) -> str:
    series = [(f"{x.a}-{x.b}", list(x.relation)) for x in d.dyads]
    coop = []
    for x in d.dyads:
        coop.append(
            f"<tr><td>{_e(x.a)}-{_e(x.b)}</td>"
            + "".join(
                f"<td>{p.period}: {p.net_cooperation:+.2f} ({p.events})</td>" for p in x.points
            )
            + "</tr>"
        )
    alerts = "".join(
        f"<li>{_e(a.a)}-{_e(a.b)} {a.period}: {a.metric} {a.value:.2f} (z {a.z:.1f})</li>"
        for a in d.alerts
    )
    blocs = (
        ""
        if d.blocs is None
        else "<p>Blocs: "
        + " | ".join(", ".join(map(_e, b)) for b in d.blocs.blocs)
        + f" (polarisation {d.blocs.polarisation:.2f})</p>"
    )
    return (
        "<h2>Relations between the roles' states</h2>"
        "<p>Simulated relation after each turn (-1 hostile .. 1 friendly):</p>"
        + line_chart(series)
        + "<p>Net cooperation of the session's events per period (events):</p><table>"
        + "".join(coop)
        + "</table>"
        + (
            f"<p>Tension alerts:</p><ul>{alerts}</ul>"
            if alerts
            else "<p class='muted'>No tension alert.</p>"
        )
        + blocs
    )


def _decisions(d: Debrief) -> str:
    rows = "".join(
        _row(
            "td",
            x.role,
            x.turn,
            x.question,
            x.chosen or "-",
            x.chosen_by or "-",
            ", ".join(x.not_taken),
        )
        for x in d.decisions
    )
    head = _row("th", "role", "turn", "question", "chosen", "by", "not taken")
    return "<h2>Decisions</h2><table>" + head + rows + "</table>"


def _timeline(d: Debrief) -> str:
    rows = "".join(
        f"<tr><td>{t.turn}</td><td>{_e(t.role)}{' (AI)' if t.ai else ''}</td><td>{_e(t.kind)}</td>"
        f"<td>{_e(', '.join(t.audience))}</td><td>{_e(t.text)}</td></tr>"
        for t in d.timeline
    )
    head = "<tr><th>turn</th><th>who</th><th>what</th><th>to</th><th></th></tr>"
    return "<h2>Timeline</h2><table>" + head + rows + "</table>"


def render_html(d: Debrief) -> str:
    """The debrief as one HTML document (no external reference)."""
    header = (
        f"<h1>Debrief: {_e(d.title)}</h1><p class='muted'>Session {_e(d.session_id)}, exercise "
        f"{_e(d.exercise)}, from {d.start.isoformat()}, {d.played} of {d.turns} turns played "
        f"({_e(d.status)}), {d.events:,} events.</p>"
    )
    body = (
        header
        + _at_start(d)
        + _scores(d)
        + _tables(d)
        + _relations(d)
        + _decisions(d)
        + _timeline(d)
    )
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Debrief: {_e(d.title)}</title><style>{_CSS}</style></head>"
        f"<body>{body}</body></html>"
    )


def write_html(d: Debrief, path: str | Path) -> Path:
    """Write the debrief's HTML to `path`; return the path."""
    p = Path(path)
    with writing(p, "debrief"):
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(render_html(d), encoding="utf-8")
    return p
