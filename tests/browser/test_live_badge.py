"""The dashboard's live alerts in a real browser: with `accord serve --follow gdelt2`, a file that
appears on the publisher raises an alert that shows as a header badge and a status notice,
without reloading the page (issue 11 item 2)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from accord.api import Settings, create_app
from tests.browser.conftest import screenshot
from tests.feeds.mirror import Mirror
from tests.feeds.scenario import calm_store, crisis, quiet
from tests.live_server import free_port, serving

pytestmark = pytest.mark.slow


@pytest.fixture
def mirror(tmp_path: Path) -> Iterator[Mirror]:
    with Mirror(tmp_path / "mirror") as running:
        yield running


@pytest.fixture
def following(mirror: Mirror, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The real app following the mirror every 0.2 s over a store holding a calm history."""
    db = calm_store(tmp_path, mirror.url, monkeypatch)
    port = free_port()
    settings = replace(Settings.build(port=port, db=db), follow="gdelt2", follow_every=0.2)
    with serving(create_app(settings), port):
        yield f"http://127.0.0.1:{port}"


def test_a_new_alert_shows_as_a_badge_without_reloading(
    following: str, mirror: Mirror, page: object
) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(f"{following}/#/network")
    expect(page.locator("main")).to_have_attribute("data-ready", "true", timeout=30_000)
    badge = page.locator("header.top .live-badge")
    expect(badge).to_have_attribute("data-state", "live", timeout=20_000)
    expect(badge).to_be_hidden()  # nothing new yet
    page.evaluate("window.__notReloaded = true")

    mirror.gdelt2("20240710000000", quiet("q1"))  # a file without an alert: no badge
    mirror.gdelt2("20240710001500", crisis())  # then the crisis: one alert
    expect(badge).to_have_text("1 new alert", timeout=20_000)
    expect(badge).to_have_attribute(
        "title", re.compile(r"^New alert: CHN–USA 2024-07, net cooperation z = -\d+\.\d$")
    )
    status = page.locator("#status")
    expect(status).to_contain_text("New alert: CHN–USA 2024-07, net cooperation")
    assert page.evaluate("window.__notReloaded") is True  # the page was never reloaded
    screenshot(page, "live-badge")
    assert page.console.errors == []  # type: ignore[attr-defined]
