"""The Mesa port the simulation benchmark times runs the same model as Accord: over seeds, every
metric's mean agrees within three standard errors (a fixed set of seeds: deterministic)."""

from __future__ import annotations

import pytest
from benchmarks.simulation.agreement import COMPARED, Agreement, agreement
from benchmarks.simulation.run import _prepared

pytestmark = pytest.mark.slow


def test_mesa_port_agrees_with_accord_over_seeds() -> None:
    steps = 52
    rows = agreement(_prepared(str(steps)), steps, 8)
    assert [row.metric for row in rows] == list(COMPARED)
    for row in rows:
        assert abs(row.z) < 3, row
    by = {row.metric: row for row in rows}
    # the behaviour is not trivial: events every week, crises, and cooperation off its bounds
    assert by["events"].accord > 100 and by["active_crises"].accord > 0
    assert 0.2 < by["cooperation"].accord < 0.9


def test_z_is_the_difference_over_the_combined_error() -> None:
    assert Agreement("x", 1.0, 0.3, 0.0, 0.4).z == pytest.approx(2.0)
    assert Agreement("x", 2.0, 0.0, 2.0, 0.0).z == 0.0
    with pytest.raises(ValueError, match="2 seeds"):
        agreement(None, 1, 1)
