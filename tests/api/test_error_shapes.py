"""A body over its limit gets one 413 answer in the `ErrorOut` shape, whether the client
declared its length (refused by the middleware before the app runs) or streamed it without
one (found while the route read it): the two used to differ in `error`, message and field."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from accord.api import Settings, create_app
from accord.api.problems import ErrorOut, body_too_large
from accord.world import World

#: The limits of the app under test: small, so a few kilobytes pass them.
MAX_BODY, MAX_UPLOAD = 2000, 3000


@pytest.fixture
def small(tmp_path: Path, mini_world: World) -> Iterator[TestClient]:
    settings = Settings(
        db=tmp_path / "api.duckdb",
        data_dir=tmp_path / "data",
        allowed_hosts=("testserver",),
        max_body=MAX_BODY,
        max_upload=MAX_UPLOAD,
    )
    with TestClient(create_app(settings, world=mini_world)) as client:
        yield client


def chunks(body: bytes, size: int = 1000) -> Iterator[bytes]:
    """`body` streamed in pieces (sent chunked, without a Content-Length)."""
    for start in range(0, len(body), size):
        yield body[start : start + size]


EXPECTED = {
    "error": "request body too large",
    "problems": [
        {"message": f"the body is larger than {MAX_BODY} bytes", "field": "body", "file": None,
         "line": None}
    ],
}  # fmt: skip


def test_a_json_body_over_the_limit_gets_one_shape(small: TestClient) -> None:
    json_type = {"content-type": "application/json"}
    declared = small.post("/api/exercises/sessions", content=b"x" * 5000, headers=json_type)
    streamed = small.post("/api/exercises/sessions", content=chunks(b"x" * 5000), headers=json_type)
    assert "content-length" not in streamed.request.headers  # really streamed
    assert declared.status_code == streamed.status_code == 413
    assert declared.json() == streamed.json() == EXPECTED
    assert ErrorOut.model_validate(streamed.json()) == body_too_large(MAX_BODY)


def test_an_upload_over_its_limit_gets_the_same_shape(small: TestClient) -> None:
    request = small.build_request(
        "POST", "/api/events/ingest", files={"file": ("big.csv", b"x" * 5000)}
    )
    body, form_type = request.read(), {"content-type": request.headers["content-type"]}
    declared = small.post("/api/events/ingest", content=body, headers=form_type)
    streamed = small.post("/api/events/ingest", content=chunks(body), headers=form_type)
    assert declared.status_code == streamed.status_code == 413
    assert declared.json() == streamed.json() == body_too_large(MAX_UPLOAD).model_dump()
    assert (
        streamed.json()["problems"][0]["message"] == f"the body is larger than {MAX_UPLOAD} bytes"
    )
