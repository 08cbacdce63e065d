"""The default world that ships with Accord, compiled by hand from cited public sources."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from accord.world.files import read_world_dir
from accord.world.model import World

DATA_DIR = Path(__file__).parent / "data"


@lru_cache(maxsize=1)
def default_world() -> World:
    """Load (once) and return the shipped default world."""
    return read_world_dir(DATA_DIR)
