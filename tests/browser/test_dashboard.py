"""The dashboard in a real browser (Debian Chromium via Playwright) against the real server."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.slow

PAGES = ["map", "network", "dyad", "negotiation", "simulation"]


def _errors(page: Page) -> list[str]:
    errors: list[str] = page.console.errors  # type: ignore[attr-defined]
    return errors


@pytest.mark.parametrize("name", PAGES)
def test_every_page_loads_without_console_errors(page: Page, server_url: str, name: str) -> None:
    page.goto(f"{server_url}/#/{name}")
    expect(page.locator("main h2").first).to_be_visible(timeout=20_000)
    expect(page.locator(f'nav a[data-page="{name}"]')).to_have_attribute("aria-current", "page")
    page.wait_for_load_state("networkidle")
    expect(page.locator("main .error")).to_have_count(0)
    screenshot(page, name)
    assert _errors(page) == []


def test_selecting_a_country_updates_map_and_profile(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/#/map/USA")
    svg = page.locator("#map svg")
    expect(svg).to_have_attribute("data-selected", "USA", timeout=20_000)
    expect(page.locator("#profile-name")).to_have_text("United States (USA)")
    usa_fill = page.locator('path.country[data-code="DEU"]').get_attribute("fill")
    page.select_option("#country", "RUS")
    expect(svg).to_have_attribute("data-selected", "RUS")
    expect(page.locator("#profile-name")).to_have_text("Russia (RUS)")
    # Germany sanctions Russia (through the EU) but is a NATO ally of the USA
    assert page.locator('path.country[data-code="DEU"]').get_attribute("fill") != usa_fill
    expect(page.locator('path.country[data-code="RUS"]')).to_have_class("country selected")
    # clicking a shape selects that country
    page.locator('path.country[data-code="BRA"]').click()
    expect(svg).to_have_attribute("data-selected", "BRA")
    expect(page.locator("#profile-name")).to_have_text("Brazil (BRA)")
    screenshot(page, "map-selected")
    assert _errors(page) == []
