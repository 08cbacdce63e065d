"""The simulation package's public API and rule tables are consistent."""

from __future__ import annotations

import accord.simulation as simulation
from accord.simulation.actions import ACTIONS
from accord.simulation.rules.action_choice import FEATURES, WEIGHTS


def test_all_is_sorted_and_importable() -> None:
    names = simulation.__all__
    # ruff's RUF022 order: constants, then classes, then functions, each alphabetical
    assert names == sorted(
        names, key=lambda n: (0 if n.isupper() else 1 if n[0].isupper() else 2, n)
    )
    for name in names:
        assert hasattr(simulation, name), name


def test_every_action_has_one_weight_per_feature() -> None:
    assert set(WEIGHTS) == {a.name for a in ACTIONS}
    assert all(len(row) == len(FEATURES) for row in WEIGHTS.values())
