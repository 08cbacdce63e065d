"""A stand-in for the world files shipped with Accord, so tests of a store's world origin run
in milliseconds: the mini world as one version's default, and a next version adding ASEAN and
the CTBT to it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from accord.world import default

#: What the next version's default world adds to the mini world (test rows, no real facts).
NEW_ORGANIZATION = (
    "ASEAN,Association of Southeast Asian Nations,regional,1967-08-08,,test fixture\n"
)
NEW_TREATY = "CTBT,Comprehensive Nuclear-Test-Ban Treaty,arms_control,1996-09-24,,test fixture\n"


def _clear() -> None:
    default.default_world.cache_clear()
    default.default_actors.cache_clear()
    default.default_fingerprint.cache_clear()


def ship(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, data: Path) -> Path:
    """Make `data` the shipped world files for the rest of the test (caches cleared now and
    after the test, so no other test sees this world)."""
    monkeypatch.setattr(default, "DATA_DIR", data)
    _clear()
    request.addfinalizer(_clear)
    return data


def next_version(mini: Path, target: Path) -> Path:
    """A copy of the mini world at `target` with ASEAN and the CTBT added."""
    shutil.copytree(mini, target)
    with (target / "organizations.csv").open("a", encoding="utf-8") as fh:
        fh.write(NEW_ORGANIZATION)
    with (target / "treaties.csv").open("a", encoding="utf-8") as fh:
        fh.write(NEW_TREATY)
    return target
