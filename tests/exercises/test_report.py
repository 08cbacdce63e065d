"""The debrief's inline charts: the bar chart never draws over its labels, the relation chart
has ticks every half unit, a labelled zero line and the turns as its x-axis."""

from __future__ import annotations

import re

from accord.exercises.report import bar_chart, line_chart


def test_a_long_role_name_is_not_covered_by_its_bar_or_value() -> None:
    name = "Philippine delegation (Department of Foreign Affairs) (person)"  # 62 characters
    svg = bar_chart([(name, 0.0), ("press (ai)", 1.0)])
    assert f"<title>{name}</title>{name}</text>" in svg  # whole, with a tooltip
    rect_x = [float(x) for x in re.findall(r"<rect x='([\d.]+)'", svg)]
    assert rect_x == [421.2, 421.2]  # 62 x 6.6 + 12: past the longest label
    assert "<text x='427.2' y='15'>0%</text>" in svg  # after the label, not on it


def test_a_very_long_name_is_shortened_with_its_full_text_as_tooltip() -> None:
    name = "x" * 100
    svg = bar_chart([(name, 0.5)])
    assert f"<title>{name}</title>{'x' * 62}\u2026</text>" in svg


def test_the_relation_chart_has_ticks_a_zero_line_and_turns() -> None:
    svg = line_chart([("CHN-PHL", [0.2, -0.4, None])])
    ticks = re.findall(r"text-anchor='end'>([^<]+)</text>", svg)
    assert ticks == ["-1", "-0.5", "0", "0.5", "1"]
    assert svg.count("stroke='#999'") == 1  # the zero line, darker than the grid
    assert ">turn</text>" in svg and ">relation</text>" in svg
    assert [t for t in re.findall(r"text-anchor='middle'>(\d+)</text>", svg)] == ["1", "2", "3"]
