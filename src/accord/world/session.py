"""Open the world held by a store: seed an empty store with the shipped default world, and
bring a store's unchanged default world up to this version's."""

from __future__ import annotations

from accord.store import Store
from accord.world.default import default_actors, default_fingerprint, default_world
from accord.world.model import ACTOR_FIELDS, World
from accord.world.origin import DEFAULT, OriginRow, WorldOrigin
from accord.world.persist import (
    WORLD_SCHEMA,
    load_world,
    replace_stale_default,
    save_world,
    stored_origin,
)


def _stale_default(row: OriginRow | None, shipped: str) -> bool:
    return row is not None and row[0] == DEFAULT and row[1] != shipped


def open_world(store: Store) -> World:
    """The store's world, saying where it came from (`World.origin`).

    An empty store is first filled with the shipped default world. A store holding the default
    world of an older version gets this version's (one transaction, as `save_world`), so an
    upgrade brings the new default to stores that never changed it; a read-only store keeps
    answering with what it holds. A world a user imported, updated or saved, or one whose
    origin the store did not record (filled before Accord recorded it), is never replaced:
    a lookup that fails on a name the shipped default knows says so instead.
    """
    shipped = default_fingerprint()
    row = stored_origin(store)
    world: World | None = None
    if _stale_default(row, shipped) and not store.read_only:
        # checked again in the transaction: a world saved meanwhile stays
        if replace_stale_default(store, default_world()):
            world = default_world()
        row = stored_origin(store)
    if world is None:
        world = load_world(store)
    if world is None:
        world = default_world()
        row = (DEFAULT, shipped, None)  # a read-only store answers with it, unsaved
        if not store.read_only:
            save_world(store, world, origin=DEFAULT)
            row = stored_origin(store)
    origin = WorldOrigin.of(row, shipped)
    return world.with_origin(origin, None if origin.current else default_world)


def open_actors(store: Store) -> World:
    """The actors of the world the store answers with (states, organizations, non-state
    actors; no ties), for mapping names to codes (`World.resolve`), as reading event files
    does: a world of this version's default reads the shipped actors, any other only the
    actor tables, instead of the whole world. A store holding an older version's default
    world is brought up to this version's first (`open_world`, as every command does); a
    store holding no world maps with the shipped default, left unsaved."""
    if not store.version(WORLD_SCHEMA.component):
        return default_actors()
    shipped = default_fingerprint()
    row = stored_origin(store)
    if row is not None and row[0] == DEFAULT and row[1] == shipped:
        return default_actors()
    if _stale_default(row, shipped) and not store.read_only:
        return open_world(store)
    return load_world(store, only=ACTOR_FIELDS) or default_actors()
