"""Fixtures the world tests share: the shipped default world, read once per module."""

from __future__ import annotations

import pytest

from accord.world import World, default_world


@pytest.fixture(scope="module")
def world() -> World:
    """The shipped default world (`default_world`, cached for the process)."""
    return default_world()
