"""The debrief page of a session: shown in the browser under its own policy (its inline CSS,
no script), or saved as a file with `download=true`; the dashboard's exercise page."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from accord.api.routes import exercises as routes

FIXTURES = Path(__file__).resolve().parents[1] / "exercises" / "fixtures"


@pytest.fixture(autouse=True)
def tiny_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    """The API's shipped exercises are the test fixtures (the tiny exercise)."""
    monkeypatch.setattr(routes, "EXERCISE_DIR", FIXTURES)


def test_the_debrief_shows_inline_or_downloads(client: TestClient) -> None:
    started = client.post("/api/exercises/sessions", json={"exercise": "tiny"}).json()
    sid, token = started["session_id"], started["facilitator_token"]
    page = client.get(f"/api/exercises/sessions/{sid}/debrief.html?token={token}")
    assert page.status_code == 200
    assert page.headers["content-disposition"] == f'inline; filename="{sid}-debrief.html"'
    policy = page.headers["content-security-policy"]
    assert policy == routes.DEBRIEF_CSP
    assert "script-src" not in policy and "default-src 'none'" in policy
    assert "<style>" in page.text and "<script" not in page.text
    saved = client.get(f"/api/exercises/sessions/{sid}/debrief.html?token={token}&download=true")
    assert saved.headers["content-disposition"] == f'attachment; filename="{sid}-debrief.html"'
    assert saved.text == page.text
    # a player's own link reads no debrief while the session runs
    player = started["invites"]["PHL"]
    refused = client.get(f"/api/exercises/sessions/{sid}/debrief.html?token={player}")
    assert refused.status_code == 404


def test_an_invite_link_opens_the_exercise_page(client: TestClient) -> None:
    started = client.post("/api/exercises/sessions", json={"exercise": "tiny"}).json()
    page = client.get(started["links"]["PHL"])
    assert page.status_code == 200
    assert 'src="/static/js/exercise-page.js"' in page.text
