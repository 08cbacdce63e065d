"""An API client over a store holding the shared ICEWS 2018 sample, for the dyad route suites."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from accord.api import Settings, create_app
from accord.api.services import Services
from accord.events import ingest
from accord.store import Store
from tests.conftest import SHARED_DATA

ICEWS_SAMPLE = SHARED_DATA / "icews" / "events.2018.sample.tab"


@contextmanager
def icews_client(root: Path, fill: Callable[[Store], None] | None = None) -> Iterator[TestClient]:
    """A test client of an app on `root/api.duckdb`, which holds the ICEWS sample and what
    `fill` adds; skips when the shared data is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared reference data not found at {SHARED_DATA}")
    with Store(root / "api.duckdb") as store:
        ingest(store, [ICEWS_SAMPLE])
        if fill is not None:
            fill(store)
    settings = Settings(
        db=root / "api.duckdb", data_dir=root / "data", allowed_hosts=("testserver",)
    )
    with TestClient(create_app(settings)) as client:
        yield client


def services(client: TestClient) -> Services:
    """The app's services behind `client`."""
    found: Services = client.app.state.services  # type: ignore[attr-defined]
    return found
