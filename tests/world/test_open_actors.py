"""Reading event files maps names through the actors of the store's world alone: the shipped
actors for this version's default world, the stored actor tables for any other, never the whole
world's memberships, treaties and the rest (which took 1.2-1.9 s of every ingest's time).

The shipped world files are the mini world here (`tests/world/shipped.py`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from accord.events import ingest
from accord.store import Store
from accord.world import (
    default,
    default_actors,
    default_world,
    load_world,
    open_actors,
    open_world,
    read_world_dir,
    save_world,
)
from accord.world.model import ACTOR_FIELDS, RECORD_FIELDS
from accord.world.origin import IMPORT
from accord.world.persist import stored_origin
from tests.world.shipped import next_version, ship

GDELT_FIXTURE = Path(__file__).resolve().parents[1] / "store" / "fixtures" / "gdelt1-12.tsv"
MINI = Path(__file__).parent / "fixtures" / "mini"
TIES = [name for name in RECORD_FIELDS if name not in ACTOR_FIELDS]
FREEDONIA = (
    "FRD,,Freedonia,Republic of Freedonia,Fredonia,Europe,,un_member,1933-11-17,,test fixture\n"
)


@pytest.fixture
def mini(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    data = tmp_path / "mini"
    shutil.copytree(MINI, data)
    return ship(request, monkeypatch, data)


def _no_whole_world(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if anything reads the whole shipped or stored world."""

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the whole world was read")

    monkeypatch.setattr("accord.world.session.default_world", refuse)
    monkeypatch.setattr("accord.world.session.load_world", _actors_only(load_world))


def _actors_only(real: object) -> object:
    def load(store: Store, *, only: object = None) -> object:
        assert only is not None, "the whole stored world was read"
        return real(store, only=only)  # type: ignore[operator]

    return load


def test_the_default_actors_are_the_default_worlds_actors_and_nothing_else(mini: Path) -> None:
    whole = default_world()
    actors = default_actors()
    for name in ACTOR_FIELDS:
        assert getattr(actors.records, name) == getattr(whole.records, name)
    assert len(actors.states) == 5 and actors.organizations
    assert all(getattr(actors.records, name) == () for name in TIES)
    assert whole.memberships  # the mini world has ties: the check above can fail
    assert actors.name_keys() == whole.name_keys()
    assert actors.resolve("United States of America") == "USA"


def test_a_store_without_a_world_maps_with_the_shipped_actors_unsaved(
    mini: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_whole_world(monkeypatch)
    with Store(db_path) as store:
        assert open_actors(store) is default_actors()
        assert ingest(store, GDELT_FIXTURE, format="gdelt1").stored == 11
        assert load_world(store) is None and stored_origin(store) is None
    assert default.default_world.cache_info().misses == 0  # never read, from anywhere


def test_a_store_holding_this_versions_default_reads_no_world(
    mini: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(db_path) as store:
        open_world(store)  # saves the default world, recorded as this version's
    _no_whole_world(monkeypatch)
    with Store(db_path) as store:
        assert open_actors(store) is default_actors()
        report = ingest(store, GDELT_FIXTURE, format="gdelt1")
    assert report.stored == 11
    assert default.default_world.cache_info().misses == 1  # once, to save it first


def test_an_imported_world_maps_with_its_own_actors(
    mini: Path, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = tmp_path / "mine"
    shutil.copytree(MINI, mine)
    with (mine / "states.csv").open("a", encoding="utf-8") as handle:
        handle.write(FREEDONIA)
    with Store(db_path) as store:
        save_world(store, read_world_dir(mine), origin=IMPORT)
    _no_whole_world(monkeypatch)
    with Store(db_path) as store:
        actors = open_actors(store)
    assert actors.resolve("Fredonia") == "FRD" and actors.resolve("America") == "USA"
    assert default_actors().resolve("Fredonia") is None  # the shipped actors do not know it
    assert len(actors.states) == 6
    assert all(getattr(actors.records, name) == () for name in TIES)


def test_an_older_default_is_brought_up_to_date_first(
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    mini: Path,
    tmp_path: Path,
    db_path: Path,
) -> None:
    with Store(db_path) as store:
        open_world(store)
    upgrade = ship(request, monkeypatch, next_version(mini, tmp_path / "new"))
    with Store(db_path) as store:
        actors = open_actors(store)
        assert load_world(store) == read_world_dir(upgrade)
    assert actors.resolve("Association of Southeast Asian Nations") == "ASEAN"
