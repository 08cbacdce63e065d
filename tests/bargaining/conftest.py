"""Shared paths: the project's own fixtures and the shared reference data (read, never copied)."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = (Path(__file__).parents[2] / "../shared/data/bargaining").resolve()


@pytest.fixture
def shared() -> Path:
    """Directory of the published reference cases; skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("shared reference data not available")
    return SHARED
