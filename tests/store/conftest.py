"""Fixtures of the store tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from accord.store import Store
from tests.store.shape import all_schemas


@pytest.fixture
def fresh_store(tmp_path: Path) -> Iterator[Store]:
    """A new store with every component's migrations applied."""
    with Store(tmp_path / "fresh.duckdb") as store:
        for schema in all_schemas():
            store.ensure(schema)
        yield store
