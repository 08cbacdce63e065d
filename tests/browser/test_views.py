"""Views an analyst can trust and share: state in the URL, downloads, the map's basis, phone
layout and the offline API reference (Debian Chromium via Playwright, real server)."""

from __future__ import annotations

import csv
import io
import re
from itertools import pairwise
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.slow

ROUTES = [
    "#/map/RUS?basis=ties&on=2022-06-01",
    "#/dyad/RUS/UKR?by=year&on=2022-06-01",
    "#/network?from=2014-01-01&min=2&on=2023-01-01&top=30",
    "#/negotiation?issue=Budget&rows=A,10,20,0.5;B,30,80,0.9",
    "#/simulation?runs=3&scenario=sanctions-coalition&seed=7",
]


def _errors(page: Page) -> list[str]:
    errors: list[str] = page.console.errors  # type: ignore[attr-defined]
    return errors


def _ready(page: Page) -> None:
    expect(page.locator("main[data-ready=true]")).to_have_count(1, timeout=30_000)


@pytest.mark.parametrize("route", ROUTES)
def test_the_url_holds_the_whole_view_and_reloads_it(
    page: Page, server_url: str, route: str
) -> None:
    """Opening a link shows that view, and the page writes the same state back: the link a
    colleague gets is the link that was sent."""
    page.goto(f"{server_url}/{route}")
    _ready(page)
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(route)
    page.reload()
    _ready(page)
    assert page.url.endswith(route)
    expect(page.locator("main .error")).to_have_count(0)
    assert _errors(page) == []


def test_changing_a_view_updates_its_url(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/#/dyad/RUS/UKR?on=2022-06-01")
    _ready(page)
    page.select_option("#dyad-by", "year")
    page.select_option("#dyad-b", "USA")
    page.click("#dyad-results ~ form button[type=submit], form.controls button[type=submit]")
    expect(page.locator("#dyad-quad svg")).to_be_visible(timeout=20_000)
    assert page.url.endswith("#/dyad/RUS/USA?by=year&on=2022-06-01")
    page.goto(f"{server_url}/#/network?on=2023-01-01")
    _ready(page)
    page.fill("#net-min", "3")
    page.fill("#net-top", "12")
    page.click("form.controls button[type=submit]")
    expect(page.locator("#net-chart line.link")).to_have_count(12, timeout=20_000)
    assert "min=3" in page.url and "top=12" in page.url and "on=2023-01-01" in page.url
    assert _errors(page) == []


def test_the_map_shows_russia_against_ukraine_from_events(page: Page, server_url: str) -> None:
    """With the curated timeline (`accord serve` loads it), Russia's view of Ukraine in the
    year to 2022-06-01 rests on events and is negative, as the profile beside it says."""
    page.goto(f"{server_url}/#/map/RUS?on=2022-06-01")
    svg = page.locator("#map svg")
    expect(svg).to_have_attribute("data-selected", "RUS", timeout=30_000)
    ukraine = page.locator('path.country[data-code="UKR"]')
    expect(ukraine).to_have_attribute("data-basis", "events")
    assert float(ukraine.get_attribute("data-score") or "nan") < 0
    fill = ukraine.get_attribute("fill") or ""
    red, blue = int(fill[1:3], 16), int(fill[5:7], 16)
    assert red > blue, fill
    title = ukraine.locator("title").text_content() or ""
    assert "net cooperation -" in title and "events, 2021-06-01 to 2022-06-01" in title
    expect(page.locator("#map-basis")).to_contain_text("2021-06-01 to 2022-06-01")
    partner = page.locator('#profile li[data-code="UKR"]')
    if partner.count():
        assert (ukraine.get_attribute("data-score") or "")[:4] in (partner.text_content() or "")
    # forcing ties changes the basis and is kept in the URL
    page.select_option("#map-basis-choice", "ties")
    expect(ukraine).to_have_attribute("data-basis", "ties")
    assert page.url.endswith("#/map/RUS?basis=ties&on=2022-06-01")
    screenshot(page, "map-rus-2022")
    assert _errors(page) == []


def test_a_country_is_found_by_name_or_alias(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/#/map/USA?on=2022-06-01")
    expect(page.locator("#map svg")).to_have_attribute("data-selected", "USA", timeout=30_000)
    page.fill("#country-search", "russian federation")
    page.press("#country-search", "Enter")
    expect(page.locator("#map svg")).to_have_attribute("data-selected", "RUS")
    assert page.url.endswith("#/map/RUS?on=2022-06-01")
    page.goto(f"{server_url}/#/map/DEU?on=1930-01-01")
    expect(page.locator("#map-unknown")).to_contain_text("DEU is not a state on 1930-01-01")
    expect(page.locator("#map svg")).to_have_count(0)


def test_the_map_date_slider_moves_the_date_in_the_url(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/#/map/RUS?on=2022-06-01")
    expect(page.locator("#map svg")).to_have_attribute("data-selected", "RUS", timeout=30_000)
    slider = page.locator("#map-date")
    days = int(slider.get_attribute("value") or "0")
    slider.evaluate(
        "(s, v) => { s.value = v; s.dispatchEvent(new Event('change')); }", str(days - 365)
    )
    expect(page.locator("#on")).to_have_value("2021-06-01", timeout=20_000)
    assert page.url.endswith("#/map/RUS?on=2021-06-01")


def _download(page: Page, trigger: str) -> bytes:
    with page.expect_download() as info:
        page.locator(trigger).first.click()
    path = info.value.path()
    assert path is not None
    return Path(path).read_bytes()


def test_charts_and_tables_download(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/#/dyad/RUS/UKR?by=year&on=2022-06-01")
    expect(page.locator("#dyad-quad svg")).to_be_visible(timeout=30_000)
    svg = _download(page, "#dyad-quad [data-download=svg]")
    assert svg.startswith(b"<svg") and b"<path" in svg and b'stroke="rgb(' in svg
    png = _download(page, "#dyad-quad [data-download=png]")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 2000
    series = list(
        csv.DictReader(
            io.StringIO(_download(page, "#dyad-results > p.downloads [data-download=csv]").decode())
        )
    )
    assert series[0]["period"] == "2013" and int(series[0]["events"]) >= 1
    # the curated timeline: 14 RUS-UKR events from 2013 to 2019, 5 in 2022 up to June
    assert sum(int(r["events"]) for r in series) == 19
    expect(page.locator("#events-count")).to_contain_text(" of ")
    heading = page.locator("#events-count").text_content() or ""
    total = int(heading.split(" of ")[1].split(",")[0])
    events = list(
        csv.DictReader(io.StringIO(_download(page, "#dyad-events [data-download=csv]").decode()))
    )
    assert len(events) == min(50, total) and events[0]["Date"] <= "2022-06-01"
    assert events[0]["Date"] >= events[-1]["Date"]
    assert total == sum(int(r["events"]) for r in series)
    assert _errors(page) == []


def _pieces(d: str) -> list[list[tuple[float, float]]]:
    """The points of each piece of an SVG path drawn by d3.line ('M' starts a piece)."""
    return [
        [(float(x), float(y)) for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", piece)]
        for piece in d.split("M")
        if piece
    ]


def test_the_dyad_stands_periods_at_their_dates_and_breaks_lines_across_gaps(
    page: Page, server_url: str
) -> None:
    """The curated RUS-UKR months: events up to 2015-02, none until 2018-11. On the time axis
    the 45 months between stand 45 months apart (ranked evenly they would be neighbours), and
    neither the counts nor the means draw a line across them."""
    page.goto(f"{server_url}/#/dyad/RUS/UKR?on=2022-06-01")
    expect(page.locator("#dyad-goldstein svg")).to_be_visible(timeout=30_000)

    def x(chart: str, day: str) -> float:
        dot = page.locator(f'{chart} circle[data-x="{day}"]').first
        return float(dot.get_attribute("cx") or "")

    month = x("#dyad-goldstein", "2014-10-01") - x("#dyad-goldstein", "2014-09-01")
    gap = x("#dyad-goldstein", "2018-11-01") - x("#dyad-goldstein", "2015-02-01")
    assert month > 0 and 44 < gap / month < 47  # 1369 days against 30
    per_day = (x("#dyad-goldstein", "2022-04-01") - x("#dyad-goldstein", "2013-12-01")) / 3043
    assert abs(month / 30 - per_day) < 0.01 * per_day
    assert abs(x("#dyad-quad", "2018-11-01") - x("#dyad-quad", "2015-02-01") - gap) < 0.01
    # no line joins two points further apart than a month (31 days, drawn to 0.01 units)
    for chart in ("#dyad-quad", "#dyad-goldstein"):
        lines = page.locator(f"{chart} path.line")
        assert lines.count() == (4 if chart == "#dyad-quad" else 2)
        for i in range(lines.count()):
            for piece in _pieces(lines.nth(i).get_attribute("d") or ""):
                steps = [b[0] - a[0] for a, b in pairwise(piece)]
                assert max(steps, default=0.0) < 31 * per_day + 0.02, (chart, i, piece)
    # the counts fall to zero the month after 2015-02 and the month before 2018-11, then break
    quad = page.locator("#dyad-quad circle[data-x='2015-03-01'] title")
    assert quad.first.text_content() == "verbal cooperation, 2015-03: 0"
    expect(page.locator("#dyad-quad circle[data-x='2018-10-01']")).to_have_count(4)
    expect(page.locator("#dyad-quad circle[data-x='2015-04-01']")).to_have_count(0)
    # each dot says what it measures, for which period
    titles = page.locator("#dyad-quad circle[data-x='2014-03-01'] title").all_text_contents()
    assert "verbal conflict, 2014-03: 2" in titles and "material conflict, 2014-03: 1" in titles
    net = page.locator("#dyad-goldstein circle[data-x='2014-03-01'] title").all_text_contents()
    assert net == ["Goldstein mean / 10, 2014-03: -0.72", "net cooperation, 2014-03: -1.00"]
    assert _errors(page) == []


def test_the_dyad_breaks_lines_across_periods_without_events(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/#/dyad/RUS/UKR?on=2022-06-01")
    expect(page.locator("#dyad-goldstein svg")).to_be_visible(timeout=30_000)
    # one net cooperation line with several pieces: 'M' starts each piece
    d = page.locator("#dyad-goldstein path.line").nth(1).get_attribute("d") or ""
    assert d.count("M") > 3
    page.select_option("#dyad-b", "AFG")
    page.select_option("#dyad-a", "AFG")
    page.click("form.controls button[type=submit]")
    expect(page.locator("#dyad-results .error")).to_be_visible(timeout=20_000)
    expect(page.locator("#dyad-quad")).to_have_count(0)


def test_network_ties_open_their_dyad(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/#/network?from=2014-01-01&min=2&on=2023-01-01&top=30")
    links = page.locator("#net-chart line.link")
    expect(links.first).to_be_visible(timeout=30_000)
    assert links.count() <= 30
    pair = links.first.get_attribute("data-pair") or ""
    title = links.first.locator("title").text_content() or ""
    assert "events" in title and "net cooperation" in title
    links.first.dispatch_event("click")
    expect(page.locator("main[data-page=dyad]")).to_have_count(1, timeout=20_000)
    assert f"#/dyad/{pair}?" in page.url and "from=2014-01-01" in page.url
    assert _errors(page) == []


@pytest.mark.parametrize("route", [*ROUTES, "#/dyad/USA/CHN", "#/map"])
def test_no_sideways_scroll_on_a_phone(browser: object, server_url: str, route: str) -> None:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{server_url}/{route}")
    expect(page.locator("main[data-ready=true]")).to_have_count(1, timeout=30_000)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
    assert errors == []


def test_api_docs_render_offline(browser: object, server_url: str) -> None:
    """/docs draws the reference from this server's own assets, with every other host
    unreachable, and the CSP reports nothing."""
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    context = browser.new_context()
    outside: list[str] = []

    def block(route: object) -> None:
        from playwright.sync_api import Route

        assert isinstance(route, Route)
        outside.append(route.request.url)
        route.abort()

    context.route(
        "**/*", lambda r: r.continue_() if r.request.url.startswith(server_url) else block(r)
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{server_url}/docs")
    expect(page.locator(".swagger-ui .opblock-tag").first).to_be_visible(timeout=30_000)
    expect(page.locator(".swagger-ui")).to_contain_text("/api/world/scores/{code}")
    context.close()
    assert outside == [] and errors == []
