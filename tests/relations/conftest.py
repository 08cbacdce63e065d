"""Fixtures of the relation tests: a store loaded with the ICEWS sample."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import ibis.expr.types as ir
import pytest

from accord.relations.engine import duckdb_events
from accord.store import Store
from tests.relations.eventdata import ICEWS_SAMPLE, icews_event_rows, insert_events, new_store

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"


@pytest.fixture(scope="session")
def icews_path() -> Path:
    path = SHARED / ICEWS_SAMPLE
    if not path.is_file():
        pytest.skip(f"shared ICEWS sample not found at {path}")
    return path


@pytest.fixture(scope="session")
def icews_db(icews_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store file holding the ICEWS sample (built once per session)."""
    path = tmp_path_factory.mktemp("icews") / "icews.duckdb"
    with new_store(path) as store:
        insert_events(store.con, icews_event_rows(icews_path))
    return path


@pytest.fixture
def icews_events(icews_db: Path) -> Iterator[ir.Table]:
    with Store(icews_db, read_only=True) as store:
        yield duckdb_events(store.con)
