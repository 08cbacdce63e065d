"""Fixtures for API tests: an app over the mini world fixture and a store in a tmp dir."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from accord.api import Settings, create_app
from accord.world import World, read_world_dir


@pytest.fixture
def mini_world(mini_world_dir: Path) -> World:
    return read_world_dir(mini_world_dir)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        db=tmp_path / "api.duckdb",
        data_dir=tmp_path / "data",
        allowed_hosts=("testserver", "localhost"),
    )


@pytest.fixture
def client(settings: Settings, mini_world: World) -> Iterator[TestClient]:
    with TestClient(create_app(settings, world=mini_world)) as test_client:
        yield test_client


def problem_fields(body: dict[str, object]) -> list[object]:
    """The `field` of every problem in an error answer."""
    problems = body["problems"]
    assert isinstance(problems, list)
    return [p["field"] for p in problems]
