"""`/vendor/{name}` serves the copied third-party assets by their public names only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from accord.api import Settings, create_app
from accord.world import read_world_dir

MINI = Path(__file__).resolve().parents[1] / "world" / "fixtures" / "mini"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(
        db=tmp_path / "web.duckdb",
        data_dir=tmp_path / "data",
        allowed_hosts=("testserver",),
    )
    with TestClient(create_app(settings, world=read_world_dir(MINI))) as c:
        yield c


def test_vendor_serves_a_listed_asset_with_its_media_type(client: TestClient) -> None:
    response = client.get("/vendor/iso-codes.json")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert ["US", "USA", "840", "ISO 3166-2:US"] in response.json()


def test_vendor_refuses_unlisted_names(client: TestClient) -> None:
    assert client.get("/vendor/d3.LICENSE").status_code == 404
    assert client.get("/vendor/..%2Fpackage.json").status_code == 404


def test_index_loads_the_vendored_scripts(client: TestClient) -> None:
    page = client.get("/").text
    assert '<script src="/vendor/d3.min.js" defer></script>' in page
    assert client.get("/vendor/d3.min.js").headers["content-type"].startswith("text/javascript")


def test_the_exercise_page_is_served_with_the_strict_policy(client: TestClient) -> None:
    response = client.get("/exercise.html?session=s-1&token=t")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<script type="module" src="/static/js/exercise-page.js"></script>' in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert client.get("/static/js/exercise-page.js").status_code == 200
