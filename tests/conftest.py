"""Shared test fixtures: paths to fixtures and to the shared reference data; the Hypothesis
profiles (`repeatable` by default, so a test run and CI meet the same generated inputs every
time; `ACCORD_HYPOTHESIS=explore`, as in `make fuzz`, draws new inputs at random)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("ACCORD_HYPOTHESIS", "repeatable"))

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = (ROOT / ".." / "shared" / "data").resolve()
MINI_WORLD = ROOT / "tests" / "world" / "fixtures" / "mini"


@pytest.fixture
def shared_data() -> Path:
    """`../shared/data` (real reference files); tests needing it skip loudly if absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared reference data not found at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture
def mini_world_dir() -> Path:
    return MINI_WORLD


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """An existing, empty store: one the CLI creates itself starts with the default world and
    the curated timeline (tests/cli/test_names.py), which would change every count here."""
    from accord.store import Store

    path = tmp_path / "accord.duckdb"
    Store(path).close()
    return path


@pytest.fixture(autouse=True)
def _isolated_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the user's default store from tests."""
    monkeypatch.setenv("ACCORD_DB", str(tmp_path / "default-store.duckdb"))
