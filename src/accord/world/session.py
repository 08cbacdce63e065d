"""Open the world held by a store, seeding it with the default world the first time."""

from __future__ import annotations

from accord.store import Store
from accord.world.default import default_world
from accord.world.model import World
from accord.world.persist import load_world, save_world


def open_world(store: Store) -> World:
    """The store's world; an empty store is first filled with the shipped default world."""
    world = load_world(store)
    if world is None:
        world = default_world()
        if not store.read_only:
            save_world(store, world)
    return world
