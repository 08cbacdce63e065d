"""The negotiation page's protocol modes in a real browser: alternating offers and mediation run
from the page, the agreement, the utilities chart and the scenario that produced them, models
and strategies explained from the API's catalogue, state in the URL, downloads."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from accord.bargaining import strategy_names
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.slow


def _errors(page: Page) -> list[str]:
    errors: list[str] = page.console.errors  # type: ignore[attr-defined]
    return errors


def _download(page: Page, trigger: str) -> bytes:
    with page.expect_download() as info:
        page.locator(trigger).first.click()
    path = info.value.path()
    assert path is not None
    return Path(path).read_bytes()


def test_alternating_offers_run_from_the_page(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/#/negotiation?mode=alternating")
    expect(page.locator("#parties tbody tr")).to_have_count(2, timeout=20_000)
    expect(page.locator('[data-mode="alternating"]')).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#protocol-about")).to_contain_text("Rubinstein (1982)")
    notes = page.locator("#strategy-notes li")
    expect(notes).to_have_count(len(strategy_names()))
    expect(notes.filter(has_text="zeuthen")).to_contain_text("Harsanyi (1956)")
    page.click("#run-negotiation")
    agreement = page.locator("#negotiation-agreement")
    expect(agreement).to_have_attribute("data-agreed", "true", timeout=30_000)
    # Rubinstein (1982): the first proposer takes 1 / (1 + 0.9) at once
    expect(agreement).to_contain_text("share=0.5263")
    expect(agreement).to_contain_text("Nash point")
    expect(agreement).to_contain_text("share=0.5 (utilities A=0.5, B=0.5)")
    expect(page.locator("#negotiation-case")).to_contain_text('Scenario "pie" (alternating)')
    expect(page.locator("#negotiation-case")).to_contain_text("A (rubinstein; ideal share=1")
    chart = page.locator("#negotiation-chart svg")
    expect(chart.locator("path.line")).to_have_count(2)  # one per party
    expect(chart.locator(".marker-label")).to_have_text("agreement")
    screenshot(page, "negotiation-alternating")
    assert _errors(page) == []


def test_a_deadlock_shows_no_agreement_and_the_url_keeps_the_parties(
    page: Page, server_url: str
) -> None:
    parties = "A,boulware,0.8,1,1,1;B,conceder,0.8,1,0,1"
    route = (
        f"#/negotiation?issues=share:0:1&mode=alternating&name=greedy&parties={parties}&steps=30"
    )
    page.goto(f"{server_url}/{route}")
    expect(page.locator("#parties tbody tr")).to_have_count(2, timeout=20_000)
    first = page.locator("#parties tbody tr").first
    expect(first.locator('[data-field="strategy"]')).to_have_value("boulware")
    expect(first.locator('[data-field="reservation"]')).to_have_value("0.8")
    page.click("#run-negotiation")
    agreement = page.locator("#negotiation-agreement")
    expect(agreement).to_have_attribute("data-agreed", "false", timeout=30_000)
    expect(agreement).to_contain_text("none: no agreement")
    expect(page.locator("#negotiation-trace tbody tr")).to_have_count(30)
    # a change is written to the URL, and only what alternating offers use
    row = page.locator("#parties tbody tr").nth(1)
    row.locator('[data-field="strategy"]').select_option("linear")
    expect(page).to_have_url(re.compile("B%2Clinear"))
    state = parse_qs(urlsplit(page.url).fragment.split("?", 1)[1])
    assert state == {
        "issues": ["share:0:1"],
        "mode": ["alternating"],
        "name": ["greedy"],
        "parties": ["A,boulware,0.8,1,1,1;B,linear,0.8,1,0,1"],
        "steps": ["30"],
    }
    assert _errors(page) == []


def test_mediation_from_the_switch_with_downloads(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/#/negotiation")
    expect(page.locator("#stakeholders tbody tr")).to_have_count(7, timeout=20_000)
    page.click('[data-mode="mediated"]')
    assert page.url.endswith("#/negotiation?mode=mediated")
    expect(page.locator("#mediator-favour")).to_have_value("Seller")
    expect(page.locator("#strategy-notes")).to_have_count(0)  # mediation uses no strategies
    page.click("#run-negotiation")
    agreement = page.locator("#negotiation-agreement")
    expect(agreement).to_have_attribute("data-agreed", "true", timeout=30_000)
    # the seller gives up volume, the buyer price: 13 drafts adopted (seed 7)
    expect(agreement).to_contain_text("price=95.61, volume=100")
    expect(agreement).to_contain_text("Seller=0.7671, Buyer=0.761")
    expect(page.locator("#negotiation-trace tbody tr")).to_have_count(13)
    expect(page.locator("#negotiation-case")).to_contain_text(
        "400 drafts, step 0.05, bias 0 towards Seller"
    )
    svg = _download(page, "#negotiation-chart [data-download=svg]")
    assert svg.startswith(b"<svg") and svg.count(b'class="line"') == 2
    png = _download(page, "#negotiation-chart [data-download=png]")
    assert png[:4] == b"\x89PNG"
    rows = list(
        csv.DictReader(
            io.StringIO(
                _download(page, "#negotiation-results > button[data-download=csv]").decode()
            )
        )
    )
    assert list(rows[0]) == ["step", "by", "price", "volume", "u(Seller)", "u(Buyer)"]
    assert len(rows) == 13 and rows[0]["by"] == "mediator"
    assert (float(rows[0]["price"]), float(rows[0]["volume"])) == (50.0, 60.0)  # mean of ideals
    summary = _download(page, "#negotiation-agreement [data-download=csv]").decode()
    assert "Agreement,price=95.61, volume=100" in summary.replace('"', "")
    screenshot(page, "negotiation-mediated")
    assert _errors(page) == []


def test_forecast_models_are_explained_in_a_line(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/#/negotiation")
    expect(page.locator("#stakeholders tbody tr")).to_have_count(7, timeout=20_000)
    page.click("#run-forecast")
    row = page.locator("#forecast-results tbody tr", has_text="exchange")
    expect(row).to_contain_text("vote trading", timeout=30_000)
    expect(row).to_contain_text("Stokman")
    assert _errors(page) == []
