"""The ensemble's bands.png: every panel says on its y axis what it counts, and bounded
metrics keep their whole scale (a polarisation band of 0.0597-0.0602 filled its panel, so
noise looked like change)."""

from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.figure import Figure

from accord.simulation.ensemble import PANELS
from accord.simulation.results import METRICS
from tests.simulation.conftest import ensemble


def test_each_panel_names_its_measure_and_keeps_its_scale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[Figure] = []
    real = Figure.savefig

    def kept(self: Figure, *args: object, **kwargs: object) -> None:
        drawn.append(self)
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Figure, "savefig", kept)
    runs = ensemble("south-china-sea", 2)
    runs.plot(tmp_path / "bands.png")
    panels = {ax.get_title(): ax for ax in drawn[0].axes if ax.get_title()}
    assert set(PANELS) == set(METRICS)
    for metric in METRICS:
        ax = panels[metric.replace("_", " ")]
        label, low, high = PANELS[metric]
        assert ax.get_ylabel() == label
        bottom, top = ax.get_ylim()
        assert (low is None or bottom == low) and (high is None or top == high)
    assert panels["polarisation"].get_ylim() == (0.0, 1.0)
    assert panels["wars"].get_ylim()[0] == 0.0
