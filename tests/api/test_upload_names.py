"""An uploaded file's name is logged and named in messages as the client gave it: one holding a
control character (which would reach terminals and the store's log) is refused, on every
upload route, before the file is read."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from accord.api.problems import client_file_name
from tests.api.conftest import problem_fields


@pytest.mark.parametrize(
    ("route", "name"),
    [
        ("/api/events/ingest", "events\x1b[31m.tsv"),
        ("/api/forecasts/upload", "case\x07.csv"),
        ("/api/negotiations/upload", "deal\x07.yaml"),
    ],
)
def test_an_upload_named_with_a_control_character_is_refused(
    client: TestClient, route: str, name: str
) -> None:
    # written by hand: httpx escapes some control characters in a file name, curl does not
    body = (
        b'--B\r\nContent-Disposition: form-data; name="file"; filename="'
        + name.encode()
        + b'"\r\nContent-Type: application/octet-stream\r\n\r\nanything\r\n--B--\r\n'
    )
    answer = client.post(
        route, content=body, headers={"Content-Type": "multipart/form-data; boundary=B"}
    )
    assert answer.status_code == 422, answer.text
    assert problem_fields(answer.json()) == ["body.file"], answer.text
    assert "control character" in answer.json()["problems"][0]["message"]


def test_a_plain_name_keeps_its_last_part() -> None:
    assert client_file_name("C:\\data\\events.tsv", "upload") == "events.tsv"
    assert client_file_name("../x/", "upload") == "upload"
    assert client_file_name(None, "case.csv") == "case.csv"


def test_two_files_in_one_upload_are_refused(client: TestClient) -> None:
    """The first was ingested and the second ignored without a word."""
    files = [("file", ("a.tsv", b"x\ty\n")), ("file", ("b.tsv", b"x\ty\n"))]
    answer = client.post("/api/events/ingest", files=files)
    assert answer.status_code == 422, answer.text
    assert problem_fields(answer.json()) == ["body.file"]
    assert "one file per upload, got 2 `file` parts" in answer.json()["problems"][0]["message"]
    assert client.get("/api/jobs").json() == []
