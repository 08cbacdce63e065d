"""The dashboard in a real browser (Debian Chromium via Playwright) against the real server."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.slow

PAGES = ["map", "network", "dyad", "negotiation", "simulation", "exercises"]


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
    # lists recorded in part that say not whom they lack and have no row for Russia
    expect(page.locator("#profile-unrecorded")).to_have_text(
        "Not named on the partial lists of BBNJ, G77: whether RUS is a member or party there "
        "is not recorded."
    )
    # treaties: those binding Russia, then its other standings with their notes and sources
    # (Russia revoked its CTBT ratification in 2023 and stays a signatory: CTBTO)
    ctbt = page.locator('#profile-standings [data-treaty="CTBT"]')
    expect(ctbt).to_have_text("CTBT: deratified")
    assert "Ratification revoked" in (ctbt.get_attribute("title") or "")
    assert "Source: " in (ctbt.get_attribute("title") or "")
    # Germany sanctions Russia (through the EU) but is a NATO ally of the USA
    assert usa_fill not in (None, "#ddd")
    expect(page.locator('path.country[data-code="DEU"]')).not_to_have_attribute("fill", usa_fill)
    expect(page.locator('path.country[data-code="RUS"]')).to_have_class("country selected")
    # clicking a shape selects that country
    page.locator('path.country[data-code="BRA"]').click()
    expect(svg).to_have_attribute("data-selected", "BRA")
    expect(page.locator("#profile-name")).to_have_text("Brazil (BRA)")
    # Brazil is on every partial list that may lack it (those naming whom they lack do not
    # name Brazil): no note
    expect(page.locator("#profile-unrecorded")).to_have_count(0)
    screenshot(page, "map-selected")
    assert _errors(page) == []


def test_a_forecast_renders_its_chart(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/#/negotiation")
    expect(page.locator("#stakeholders tbody tr")).to_have_count(7, timeout=20_000)
    page.click("#run-forecast")
    results = page.locator("#forecast-results")
    expect(results.locator("table tbody tr")).to_have_count(6, timeout=30_000)
    chart = page.locator("#rounds-chart svg")
    expect(chart).to_be_visible()
    # one line per stakeholder plus the median
    expect(chart.locator("path.line")).to_have_count(8)
    screenshot(page, "negotiation-forecast")
    assert _errors(page) == []


def test_a_forecast_reports_bad_input(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/#/negotiation")
    first_salience = page.locator("#stakeholders tbody tr").first.locator("input").nth(3)
    first_salience.fill("7")
    page.click("#run-forecast")
    expect(page.locator("#forecast-results .error")).to_contain_text("saliences", timeout=20_000)


def test_a_simulation_reaches_100_percent_and_draws_its_bands(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/#/simulation")
    shipped = page.locator('#scenario option[value="sanctions-coalition"]')
    expect(shipped).to_have_count(1, timeout=20_000)
    page.select_option("#scenario", "sanctions-coalition")
    page.fill("#runs", "3")
    page.click("#run-simulation")
    expect(page.locator("#sim-progress")).to_have_attribute("value", "100", timeout=120_000)
    expect(page.locator("#sim-message")).to_contain_text("100%")
    figure = page.locator('#sim-results figure[data-metric="cooperation"] svg')
    expect(figure).to_be_visible()
    expect(figure.locator("path.band")).to_have_count(2)
    # calendar dates on the axis, the scenario's shocks marked, every metric in the final table
    ticks = figure.locator("g.axis").first.locator("text").all_text_contents()
    assert any(t.isdigit() and len(t) == 4 for t in ticks) or any(t[:3].isalpha() for t in ticks)
    expect(figure.locator("g.marker")).to_have_count(
        page.evaluate(
            "fetch('/api/scenarios').then(r => r.json())"
            ".then(s => s.find(x => x.name === 'sanctions-coalition').shocks)"
        )
    )
    metrics = page.evaluate(
        "fetch('/api/meta').then(r => r.json()).then(m => m.simulation_metrics.length)"
    )
    expect(page.locator("#sim-results table tbody tr")).to_have_count(metrics)
    expect(page.locator("#sim-runs li a")).to_have_count(3)
    assert "#/network?" in (page.locator("#sim-runs li a").first.get_attribute("href") or "")
    assert page.url.endswith("#/simulation?runs=3&scenario=sanctions-coalition&seed=1")
    screenshot(page, "simulation-bands")
    assert _errors(page) == []
