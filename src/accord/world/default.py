"""The default world that ships with Accord, compiled by hand from cited public sources."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from accord.world.files import TABLES, read_world_dir
from accord.world.model import ACTOR_FIELDS, World

DATA_DIR = Path(__file__).parent / "data"


@lru_cache(maxsize=1)
def default_world() -> World:
    """Load (once) and return the shipped default world."""
    return read_world_dir(DATA_DIR)


@lru_cache(maxsize=1)
def default_actors() -> World:
    """Load (once) and return the shipped default world's actors alone (states,
    organizations, non-state actors; no ties): what mapping names to codes needs, such as
    reading event files, in a fraction of the time the whole world takes to read."""
    return read_world_dir(DATA_DIR, only=ACTOR_FIELDS)


@lru_cache(maxsize=1)
def default_fingerprint() -> str:
    """The sha256 (hex) of the shipped world files, computed once per process: a store that
    saved the default world records it, so a later version can tell its own default apart."""
    paths = sorted(path for table in TABLES for path in table.paths(DATA_DIR))
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.relative_to(DATA_DIR).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
