"""An exercise played in a real browser: a facilitator and two players in three browser contexts
(one of them a phone) play three turns of a shipped exercise with AI counterparts in the other
roles. Messages arrive live without a reload, a proposal is accepted and becomes the table's
agreement, injects reach the players, the clock pauses, and the debrief opens and downloads."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.slow

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
#: Adjudication prepares the default world's simulation the first time (a few seconds).
SLOW = 60_000


def _watched(context: BrowserContext) -> Page:
    """A page of `context` that records console errors and uncaught exceptions."""
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
    page.errors = errors  # type: ignore[attr-defined]
    return page


def _errors(page: Page) -> list[str]:
    errors: list[str] = page.errors  # type: ignore[attr-defined]
    return errors


@pytest.fixture
def contexts(browser: Browser) -> Iterator[tuple[Page, Page, Page]]:
    """The facilitator's and player A's pages on desktops, player B's on a phone."""
    made = [
        browser.new_context(viewport=DESKTOP, accept_downloads=True),
        browser.new_context(viewport=DESKTOP),
        browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True),
    ]
    try:
        fac, a, b = (_watched(c) for c in made)
        yield fac, a, b
    finally:
        for c in made:
            c.close()


def _start_session(fac: Page, server_url: str) -> dict[str, str]:
    """Start south-china-sea from the Exercises page, PHL and CHN played by people; the links."""
    fac.goto(f"{server_url}/#/exercises")
    expect(fac.locator('nav a[data-page="exercises"]')).to_have_attribute("aria-current", "page")
    expect(fac.locator("#exercise-list tbody tr")).to_have_count(3, timeout=20_000)
    fac.click('[data-exercise="south-china-sea"]')
    expect(fac.locator("#exercise-roles tbody tr")).to_have_count(6)
    fac.fill("#player-PHL", "Ana")
    fac.fill("#player-CHN", "Wei")
    fac.fill("#exercise-seed", "7")
    fac.click("#start-session")
    pattern = re.compile(r"/exercise\.html\?session=south-china-sea-[0-9a-f]+&token=")
    expect(fac.locator("#facilitator-link")).to_have_value(pattern, timeout=SLOW)
    # people's roles first, then the four AI roles, each with its own link
    expect(fac.locator("#exercise-started .linkfield")).to_have_count(7)
    expect(fac.locator("#exercise-started .linkfield label").nth(1)).to_contain_text("Ana")
    fields = {"fac": "facilitator-link", "PHL": "invite-PHL", "CHN": "invite-CHN"}
    links = {who: fac.locator(f"#{field}").input_value() for who, field in fields.items()}
    assert len(set(links.values())) == 3
    # the new session joins the list, with its console link kept by this browser
    expect(fac.locator("#exercise-sessions tbody tr")).to_have_count(1)
    expect(fac.locator("#exercise-sessions a")).to_have_attribute(
        "href", links["fac"][len(server_url) :]
    )
    screenshot(fac, "exercise-start")
    return links


def _open(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("main")).to_have_attribute("data-ready", "true", timeout=SLOW)
    expect(page.locator("#exercise-live")).to_have_attribute("data-state", "live", timeout=20_000)


def _advance(fac: Page, turn: int, *players: Page) -> None:
    """End `turn` from the console and wait until every player's clock shows the next one."""
    fac.click("#advance-turn")
    expect(fac.locator(f'#turn-report [data-turn="{turn}"]')).to_be_visible(timeout=SLOW)
    for page in players:
        expect(page.locator("#exercise-clock")).to_have_attribute(
            "data-turn", str(turn + 1), timeout=20_000
        )


def test_a_facilitator_and_two_players_play_three_turns(
    contexts: tuple[Page, Page, Page], server_url: str, tmp_path: Path
) -> None:
    fac, a, b = contexts
    links = _start_session(fac, server_url)
    _open(fac, links["fac"])
    _open(a, links["PHL"])
    _open(b, links["CHN"])
    expect(fac.locator("main h2")).to_contain_text("Facilitator console")
    expect(fac.locator(".private-brief")).to_have_count(6)  # every role's brief
    # secrecy in the page: each player sees their own private brief only
    expect(a.locator(".private-brief")).to_have_count(1)
    expect(a.locator('.private-brief[data-role="PHL"] h4')).to_contain_text("played by Ana")
    expect(b.locator('.private-brief[data-role="CHN"]')).to_have_count(1)
    expect(b.locator("#exercise-clock")).to_have_text(re.compile(r"^Turn 1 of 6"))
    # turn 1's scheduled inject reached both players
    for page in (a, b):
        expect(page.locator('#inbox li[data-kind="inject"]').first).to_contain_text(
            "Regional wire service"
        )
    b.evaluate("window.notReloaded = true")

    # A writes to B: it appears in B's inbox live, without a reload
    a.check('#compose [data-to="CHN"]')
    a.fill("#message-text", "Can we talk about the resupply runs?")
    a.click("#send-message")
    expect(b.locator('#inbox li[data-kind="message"]')).to_contain_text(
        "PHL → you: Can we talk about the resupply runs?", timeout=10_000
    )
    # B answers publicly from the phone
    b.check("#to-public")
    b.fill("#message-text", "Beijing is open to talks.")
    b.click("#send-message")
    expect(a.locator('#inbox li[data-kind="message"]', has_text="Beijing is open")).to_contain_text(
        "CHN → everyone"
    )

    # A proposes at the resupply table; B sees the proposal arrive
    form = a.locator('.propose-form[data-table="resupply"]')
    form.locator('[data-issue="inspection"]').fill("40")
    form.locator('[data-issue="materials"]').fill("60")
    form.locator("button.propose").click()
    expect(a.locator("#table-resupply .tabled")).to_contain_text(
        "standing from turn 2):You propose at resupply: inspection 40, materials 60"
    )
    expect(b.locator('#inbox li[data-kind="propose"]')).to_contain_text(
        "PHL proposes at resupply: inspection 40, materials 60", timeout=10_000
    )

    # A takes an action of the vocabulary toward B; everyone reads it
    a.select_option("#action-name", "consult")
    a.select_option("#action-target", "CHN")
    a.click("#take-action")
    expect(b.locator('#inbox li[data-kind="action"]', has_text="PHL")).to_contain_text(
        "PHL: consult → CHN", timeout=10_000
    )
    # the facilitator writes to A alone, as control
    fac.check('#compose [data-to="PHL"]')
    fac.fill("#message-text", "Control: Manila's cabinet meets in an hour.")
    fac.click("#send-message")
    expect(a.locator('#inbox li[data-kind="message"]', has_text="cabinet")).to_contain_text(
        "control → you: Control: Manila's cabinet meets in an hour.", timeout=10_000
    )

    # the facilitator fires a new inject to everyone, and pauses and resumes the clock
    fac.fill("#inject-text", "A typhoon warning is issued for the shoal.")
    fac.select_option("#inject-channel", "news")
    fac.click("#fire-inject")
    for page in (a, b):
        expect(page.locator('#inbox li[data-kind="inject"]', has_text="typhoon")).to_have_count(
            1, timeout=10_000
        )
    # ... and fires the MSEL's cable to Manila now: PHL reads it, CHN does not
    expect(fac.locator("#scheduled-injects li")).to_have_count(5)
    fac.locator('[data-inject="manila-cable"] button').click()
    cable = a.locator('#inbox li[data-kind="inject"]', has_text="Embassy in Washington")
    expect(cable).to_have_count(1, timeout=10_000)
    expect(fac.locator('[data-inject="manila-cable"]')).to_have_attribute("data-fired", "true")
    # the session has no clock; extending the turn starts one, which counts down on the phone
    clock = b.locator("#exercise-clock")
    expect(clock).to_contain_text("no time limit")
    fac.fill("#extend-minutes", "10")
    fac.click("#extend-clock")
    expect(clock).to_have_text(re.compile(r"^Turn 1 of 6 · 9:5\d left$"), timeout=10_000)
    first = clock.inner_text()
    b.wait_for_timeout(2_100)
    assert clock.inner_text() != first
    fac.click("#pause-clock")
    expect(clock).to_have_attribute("data-paused", "true", timeout=10_000)
    expect(clock).to_have_text(re.compile(r"^Turn 1 of 6 · paused at 9:[45]\d$"))
    # a paused session takes no moves
    b.fill("#message-text", "Anyone there?")
    b.check("#to-public")
    b.click("#send-message")
    expect(b.locator("#compose .error")).to_contain_text("paused")
    fac.click("#resume-clock")
    expect(clock).to_have_attribute("data-paused", "false", timeout=10_000)
    expect(clock).to_contain_text("left")
    # the facilitator saw every move, the AI's and the players'
    expect(fac.locator('#inbox li[data-kind="message"]')).to_have_count(3)
    expect(b.locator("#inbox li", has_text="Embassy in Washington")).to_have_count(0)
    expect(b.locator("#inbox li", has_text="cabinet")).to_have_count(0)
    screenshot(a, "exercise-player-turn1")
    screenshot(b, "exercise-player-phone-turn1")

    expect(a.locator("#exercise-date")).to_have_text("2024-06-17")
    _advance(fac, 1, a, b)
    # a turn is a week of the world: the date and the map link move with it
    expect(a.locator("#exercise-date")).to_have_text("2024-06-24")
    sid = links["PHL"].split("session=")[1].split("&")[0]
    href = f"/#/map/PHL?on=2024-06-24&run={sid}"
    expect(a.locator("#exercise-map")).to_have_attribute("href", href)
    # the map of the session: coloured by the session's own events (turn 1's moves)
    world = a.context.new_page()
    world.goto(f"{server_url}{href}")
    expect(world.locator("main h2")).to_have_text(f"World map of {sid}", timeout=SLOW)
    expect(world.locator("#map-basis")).to_contain_text(f"Events of {sid}", timeout=SLOW)
    world.close()

    # turn 2: PHL's proposal stands; B accepts it from the phone
    standing = b.locator('#table-resupply li[data-role="PHL"]')
    expect(standing).to_contain_text("inspection 40, materials 60", timeout=10_000)
    standing.locator("button.accept").click()
    expect(a.locator('#inbox li[data-kind="accept"]')).to_contain_text(
        "CHN accepts proposal", timeout=10_000
    )
    expect(a.locator("#exercise-clock")).to_have_text(re.compile(r"^Turn 2 of 6"))
    # the facilitator overrides the decision put to the AI's United States
    fac.select_option("#override-decision", label="us-response: quiet")
    # the console redraws its decisions on every refresh (after control's own moves too): the
    # option chosen survives it (a refresh between choosing and clicking reset it to the first)
    fac.click("#pause-clock")
    expect(clock).to_have_attribute("data-paused", "true", timeout=10_000)
    fac.click("#resume-clock")
    expect(clock).to_have_attribute("data-paused", "false", timeout=10_000)
    fac.wait_for_timeout(500)  # the refresh follows a move after 150 ms
    expect(fac.locator("#override-decision option:checked")).to_have_text("us-response: quiet")
    fac.fill("#override-note", "keep it calm")
    fac.click("#override-option")
    # the decision's line names the option and what it says (the option's own text)
    expect(fac.locator('#inbox li[data-kind="decide"]')).to_contain_text(
        "control decides us-response: quiet - Raise it privately with Beijing and Manila. "
        "(override: keep it calm)",
        timeout=10_000,
    )

    _advance(fac, 2, a, b)

    # the agreement: on both players' tables and in their inboxes
    for page in (a, b):
        expect(page.locator("#agreement-resupply")).to_contain_text(
            "inspection 40, materials 60", timeout=10_000
        )
        expect(page.locator('#inbox li[data-kind="agreement"]')).to_contain_text(
            "Agreement at resupply"
        )
    # turn 3: A answers the decision point put to PHL
    decision = a.locator('[data-decision="next-mission"]')
    expect(decision).to_be_visible(timeout=10_000)
    decision.locator("button[data-option]").first.click()
    expect(a.locator('#inbox li[data-kind="decide"]')).to_contain_text("You decide next-mission:")

    # the facilitator gives the United States to a person for the rest of the exercise
    fac.fill('[data-seat="USA"]', "Kim")
    fac.locator("#seat-panel tr", has=fac.locator('[data-seat="USA"]')).locator("button").click()
    expect(fac.locator('#inbox li[data-kind="player"]')).to_contain_text("Control gives USA to Kim")
    expect(fac.locator('.private-brief[data-role="USA"] h4')).to_contain_text("played by Kim")

    _advance(fac, 3, a, b)
    expect(fac.locator("#turn-report")).to_contain_text("Turn 4 begins")

    # B's page was never reloaded, and it fits the phone's width
    assert b.evaluate("window.notReloaded") is True
    assert b.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1") is True
    screenshot(b, "exercise-player-phone")
    screenshot(fac, "exercise-console")

    # the debrief opens in a new tab and downloads as one file
    with fac.expect_popup() as popup:
        fac.click("#open-debrief")
    report = popup.value
    report.wait_for_load_state()
    expect(report.locator("h1")).to_contain_text("Debrief", timeout=SLOW)
    expect(report.locator("body")).to_contain_text("resupply")
    screenshot(report, "exercise-debrief")
    with fac.expect_download() as download:
        fac.click("#download-debrief")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name.endswith("-debrief.html")
    html = saved.read_text(encoding="utf-8")
    assert "<script" not in html and "resupply" in html

    assert _errors(fac) == [] and _errors(a) == []
    # the one refused request: B's message while the session was paused
    assert _errors(b) == [
        "Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)"
    ]


def test_a_link_without_or_with_a_wrong_token_opens_nothing(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/exercise.html")
    expect(page.locator("#exercise-no-token")).to_contain_text("no session or token")
    page.goto(f"{server_url}/exercise.html?session=south-china-sea-0000&token=guess")
    expect(page.locator("main .error")).to_contain_text("no exercise session", timeout=20_000)
    expect(page.locator("#inbox")).to_have_count(0)
