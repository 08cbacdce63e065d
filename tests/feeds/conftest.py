"""Fixtures of the feed tests: a publisher mirror on loopback and settings pointing at it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from accord.events.feeds import FeedSettings
from tests.feeds.mirror import Mirror, gdelt1_rows


@pytest.fixture
def mirror(tmp_path: Path) -> Iterator[Mirror]:
    with Mirror(tmp_path / "mirror") as running:
        yield running


@pytest.fixture
def feed_settings(mirror: Mirror, tmp_path: Path) -> FeedSettings:
    return FeedSettings(
        gdelt1_url=f"{mirror.url}/events/",
        gdelt2_url=f"{mirror.url}/gdeltv2/",
        dataverse_url=mirror.url,
        cache_dir=tmp_path / "cache",
        retries=2,
        backoff=0.0,
        timeout=5.0,
    )


@pytest.fixture
def sample_rows(shared_data: Path) -> list[list[str]]:
    """The shared GDELT 1.0 sample's rows."""
    return gdelt1_rows(shared_data / "gdelt" / "gdelt1-events.sample.tsv")
