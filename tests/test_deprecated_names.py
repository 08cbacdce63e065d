"""Names renamed in issue 16 still resolve for one release, with a `DeprecationWarning`."""

from __future__ import annotations

import importlib

import pytest


@pytest.mark.parametrize(
    ("module", "old", "new"),
    [
        ("accord.simulation", "Scenario", "SimulationScenario"),
        ("accord.bargaining.readers", "Reader", "CaseReader"),
        ("accord.bargaining.readers", "detect_format", "detect_case_format"),
        ("accord.events.readers", "detect_format", "detect_event_format"),
    ],
)
def test_old_name_warns_and_is_the_new_object(module: str, old: str, new: str) -> None:
    package = importlib.import_module(module)
    with pytest.warns(DeprecationWarning, match=f"{old} is deprecated; use .*{new}"):
        found = getattr(package, old)
    assert found is getattr(package, new)
    assert old not in package.__all__ and new in package.__all__


def test_unknown_names_still_raise_attribute_error() -> None:
    package = importlib.import_module("accord.simulation")
    with pytest.raises(AttributeError, match="no attribute 'Scenery'"):
        _ = package.Scenery
