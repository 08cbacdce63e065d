"""Fixtures of the exercises tests: the tiny exercise and a started session on a file store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from accord.exercises import SessionStarted, start_session
from accord.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
TINY = FIXTURES / "tiny.yaml"
SHIPPED = Path(__file__).resolve().parents[2] / "exercises"


@pytest.fixture
def tiny() -> Path:
    return TINY


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "ex.duckdb") as s:
        yield s


@pytest.fixture
def session(store: Store) -> SessionStarted:
    """The tiny exercise with PHL and CHN played by people, the ASEAN chair by the AI."""
    return start_session(store, TINY, players={"PHL": "ana", "CHN": "wei"}, session_id="tiny-t")
