"""Where a stored world came from: an unchanged default world follows Accord's upgrades, a
user's world never does, and a store that did not record it says what the default world has.

The shipped world files are the mini world here (`tests/world/shipped.py`), and the "next
version" adds ASEAN and the CTBT to them.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from accord.cli.main import app
from accord.errors import UnknownNameError
from accord.events import ingest
from accord.store import Store
from accord.world import (
    WorldOrigin,
    default_fingerprint,
    default_world,
    load_world,
    open_world,
    read_world_dir,
    save_world,
)
from accord.world.origin import IMPORT
from accord.world.persist import replace_stale_default, stored_origin
from tests.world.shipped import next_version, ship

runner = CliRunner()
GDELT_FIXTURE = Path(__file__).resolve().parents[1] / "store" / "fixtures" / "gdelt1-12.tsv"
RELEASE_STORE = Path(__file__).resolve().parents[1] / "store" / "fixtures" / "release-0.1.0.duckdb"
HINT = (
    "the default world shipped with this version of Accord has it: `accord world reset` "
    "replaces the stored world with it (the stored world: "
)


@pytest.fixture
def old(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The shipped world files of the version that filled the store: the mini world."""
    data = tmp_path / "old"
    shutil.copytree(Path(__file__).parent / "fixtures" / "mini", data)
    return ship(request, monkeypatch, data)


@pytest.fixture
def upgrade(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, old: Path
) -> Path:
    """Files of the next version (ASEAN and the CTBT added); call `ship` with it to upgrade."""
    return next_version(old, tmp_path / "new")


def _unknown(call: object, *args: str) -> UnknownNameError:
    assert callable(call)
    with pytest.raises(UnknownNameError) as caught:
        call(*args)
    return caught.value


def test_an_empty_store_gets_the_default_world_and_records_it(old: Path, db_path: Path) -> None:
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with Store(db_path) as store:
        world = open_world(store)
        row = stored_origin(store)
    assert row is not None
    kind, fingerprint, saved = row
    assert (kind, fingerprint) == ("default", default_fingerprint())
    assert saved is not None and before <= saved <= before + dt.timedelta(minutes=5)
    assert world == read_world_dir(old)
    assert world.origin == WorldOrigin(
        "default", True, saved, fingerprint, "the default world of this version of Accord"
    )
    # the shipped default itself: nothing to hint at
    assert _unknown(world.treaty, "CTBT").hint is None
    assert str(_unknown(world.treaty, "CTBT")) == "unknown treaty code 'CTBT'; known: PARIS, NAT"


def test_an_unchanged_default_world_follows_an_upgrade(
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    old: Path,
    upgrade: Path,
    db_path: Path,
) -> None:
    with Store(db_path) as store:
        open_world(store)
        old_row = stored_origin(store)
    old_fingerprint = default_fingerprint()
    ship(request, monkeypatch, upgrade)
    assert default_fingerprint() != old_fingerprint
    # read-only: the store answers with what it holds, and says it is an older default
    with Store(db_path, read_only=True) as store:
        held = open_world(store)
        assert stored_origin(store) == old_row
    assert held == read_world_dir(old)
    assert held.origin is not None
    assert (held.origin.kind, held.origin.current) == ("default", False)
    assert held.origin.description == "the default world of an older version of Accord"
    assert _unknown(held.code_for, "ASEAN").hint == (
        HINT + "the default world of an older version of Accord)"
    )
    # writable: replaced by this version's default world, and recorded so
    with Store(db_path) as store:
        world = open_world(store)
        row = stored_origin(store)
        assert load_world(store) == read_world_dir(upgrade)
    assert world == default_world() == read_world_dir(upgrade)
    assert world.treaty("CTBT").name == "Comprehensive Nuclear-Test-Ban Treaty"
    assert world.code_for("ASEAN") == "ASEAN"
    assert row is not None and row[:2] == ("default", default_fingerprint())
    assert world.origin is not None and world.origin.current


def test_ingest_brings_an_older_default_world_up_to_date_first(
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    old: Path,
    upgrade: Path,
    db_path: Path,
) -> None:
    # Countries are mapped through the world the store answers with: ingest, from Python or
    # the CLI, opens it as every command does, never the older default it held.
    with Store(db_path) as store:
        open_world(store)
    ship(request, monkeypatch, upgrade)
    with Store(db_path) as store:
        report = ingest(store, GDELT_FIXTURE, format="gdelt1")
        row = stored_origin(store)
        assert load_world(store) == read_world_dir(upgrade)
    assert report.stored == 11  # its 12th line has no such day as 2013-99-99
    assert row is not None and row[:2] == ("default", default_fingerprint())


def test_ingest_into_a_store_without_a_world_leaves_it_without_one(db_path: Path) -> None:
    # a store of events alone pays no world write: the shipped default maps the countries
    with Store(db_path) as store:
        assert ingest(store, GDELT_FIXTURE, format="gdelt1").stored == 11
        assert load_world(store) is None and stored_origin(store) is None


def test_an_imported_world_is_never_replaced(
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    old: Path,
    upgrade: Path,
    db_path: Path,
) -> None:
    mine = read_world_dir(old)
    with Store(db_path) as store:
        save_world(store, mine, origin=IMPORT)
    ship(request, monkeypatch, upgrade)
    with Store(db_path) as store:
        world = open_world(store)
        row = stored_origin(store)
        assert load_world(store) == mine
    assert world == mine
    assert row is not None and row[:2] == ("import", None)
    assert world.origin is not None
    assert (world.origin.kind, world.origin.current) == ("import", False)
    assert str(_unknown(world.treaty, "ctbt")) == (
        "unknown treaty code 'CTBT'; known: PARIS, NAT; " + HINT + "imported from world files)"
    )
    # a name the default world does not know either gets no hint
    assert _unknown(world.treaty, "ATLANTIS").hint is None
    assert _unknown(world.actor, "ATLANTIS").hint is None


def test_a_store_from_before_is_kept_and_says_what_the_default_has(
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    upgrade: Path,
    mini_world_dir: Path,
    tmp_path: Path,
) -> None:
    """A store made by Accord 0.1.0 (the mini world, no origin recorded) may hold a user's
    world: it is never replaced; the CLI's unknown-code errors name the default world."""
    ship(request, monkeypatch, upgrade)
    db = tmp_path / "release.duckdb"
    shutil.copyfile(RELEASE_STORE, db)
    with Store(db) as store:
        world = open_world(store)
        assert stored_origin(store) is None
        assert store.version("world") == 1  # opened, not written (nor migrated)
    assert world == read_world_dir(mini_world_dir)
    assert world.origin is not None
    assert (world.origin.kind, world.origin.saved) == ("unrecorded", None)
    treaty = runner.invoke(app, ["world", "treaty", "CTBT", "--db", str(db)])
    assert treaty.exit_code == 1
    flat = " ".join(treaty.output.split())
    assert "unknown treaty code 'CTBT'; known: PARIS, NAT; the default world shipped" in flat
    assert "`accord world reset` replaces the stored world with it" in flat
    assert "(the stored world: not recorded, as the store was filled before Accord" in flat
    members = runner.invoke(app, ["world", "members", "asean", "--db", str(db)])
    assert members.exit_code == 1
    assert "unknown organization 'asean'; known: NATO, EU; the default world" in " ".join(
        members.output.split()
    )
    summary = runner.invoke(app, ["world", "summary", "--db", str(db), "--json"])
    assert json.loads(summary.stdout)["origin"] == {
        "kind": "unrecorded",
        "current": False,
        "saved": None,
        "fingerprint": None,
        "description": "not recorded, as the store was filled before Accord recorded it: an "
        "older default world or your own",
    }


def _summary(db: Path) -> dict[str, Any]:
    result = runner.invoke(app, ["world", "summary", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_reset_records_the_default_and_summary_shows_the_origin(
    old: Path, mini_world_dir: Path, db_path: Path
) -> None:
    imported = runner.invoke(app, ["world", "import", str(mini_world_dir), "--db", str(db_path)])
    assert imported.exit_code == 0, imported.output
    text = runner.invoke(app, ["world", "summary", "--db", str(db_path)])
    assert text.exit_code == 0, text.output
    flat = " ".join(text.output.split())  # the console wraps long lines
    said = flat[flat.index("World: ") :]
    assert said.startswith("World: imported from world files, saved 20")
    assert said.endswith(" UTC (this version's default world: accord world reset)")
    data = json.loads(
        runner.invoke(app, ["world", "summary", "--db", str(db_path), "--json"]).stdout
    )
    assert (data["origin"]["kind"], data["origin"]["current"]) == ("import", False)
    reset = runner.invoke(app, ["world", "reset", "--db", str(db_path)])
    assert reset.exit_code == 0, reset.output
    data = json.loads(
        runner.invoke(app, ["world", "summary", "--db", str(db_path), "--json"]).stdout
    )
    assert {k: data["origin"][k] for k in ("kind", "current", "fingerprint", "description")} == {
        "kind": "default",
        "current": True,
        "fingerprint": default_fingerprint(),
        "description": "the default world of this version of Accord",
    }
    text = runner.invoke(app, ["world", "summary", "--db", str(db_path)])
    flat = " ".join(text.output.split())
    assert "World: the default world of this version of Accord, saved " in flat
    assert "accord world reset" not in flat


def test_save_world_takes_a_known_origin(mini_world_dir: Path, db_path: Path) -> None:
    world = read_world_dir(mini_world_dir)
    with Store(db_path) as store:
        with pytest.raises(UnknownNameError) as caught:
            save_world(store, world, origin="defualt")
        assert str(caught.value) == (
            "unknown world origin 'defualt' (did you mean 'default'?); "
            "known: default, import, wikidata, custom"
        )
        assert load_world(store) is None  # nothing written
        save_world(store, world)
        row = stored_origin(store)
    assert row is not None and row[:2] == ("custom", None)


def test_the_fingerprint_is_of_the_shipped_files(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, old: Path, tmp_path: Path
) -> None:
    """The same files give the same fingerprint wherever they are; any change gives another."""
    first = default_fingerprint()
    assert len(first) == 64
    elsewhere = tmp_path / "installed" / "data"
    shutil.copytree(old, elsewhere)
    ship(request, monkeypatch, elsewhere)
    assert default_fingerprint() == first
    with (elsewhere / "treaty_parties" / "PARIS.csv").open("a", encoding="utf-8") as fh:
        fh.write("\n")
    default_fingerprint.cache_clear()
    assert default_fingerprint() != first


def test_a_world_saved_meanwhile_is_not_replaced(
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    old: Path,
    upgrade: Path,
    db_path: Path,
) -> None:
    """`replace_stale_default` reads the origin again inside its transaction: a world
    imported after `open_world` saw an older default stays."""
    with Store(db_path) as store:
        open_world(store)
        ship(request, monkeypatch, upgrade)
        mine = read_world_dir(old)
        save_world(store, mine, origin=IMPORT)  # between the check and the replacement
        assert replace_stale_default(store, default_world()) is False
        assert load_world(store) == mine
        row = stored_origin(store)
    assert row is not None and row[0] == "import"
