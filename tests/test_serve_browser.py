"""`wikireader --serve` in a real browser: Debian's Chromium, headless, driven by playwright.

Each test serves the sample on a free loopback port, opens it in a new browser context and uses
the reader as a person does: reads the screen xterm.js shows, presses keys, clicks with the
mouse.  The browser must be there (`.ci/run` installs it): without it these tests fail, they
are never skipped.  The first test leaves a screenshot in tests/screenshots/ for a person to
look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, sync_playwright
from served import CHROMIUM, CHROMIUM_ARGS, ReaderTab, Served

SAMPLE = "sample/North_Koreans_in_Russia.txt"
CITATION_1_URL = "http://www.asiacultureforum.org/pdf/multi/multi_0202_Jeanyoung%20Lee.pdf"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: the browser tests need Debian's chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context
    context.close()


@pytest.fixture
def served() -> Iterator[Served]:
    server = Served.start(SAMPLE)
    yield server
    server.stop()


@pytest.fixture
def tab(context: BrowserContext, served: Served) -> ReaderTab:
    tab = ReaderTab.open(context, served.address)
    tab.wait_for("Migration history")
    return tab


def test_the_page_shows_the_title_and_the_section_tree(tab: ReaderTab) -> None:
    text = tab.wait_for("4 Further reading")
    assert "North Koreans in Russia — North_Koreans_in_Russia.txt" in tab.lines()[0]
    tree = [line.split("▕")[0].strip() for line in tab.lines()[1:9]]
    assert tree == [
        "▼ North Koreans in Russia",
        "├─ ▼ 1 Migration history",
        "│  ├─ 1.1 Students",
        "│  └─ 1.2 Workers",
        "├─ 2 Refugees",
        "├─ 3 References",
        "└─ 4 Further reading",
        "",
    ]
    assert "consist mainly of three groups" in text
    path = tab.screenshot("served-sample")
    assert path.stat().st_size > 10_000  # a page with text on it, not an empty one


def test_keys_work_before_any_click(tab: ReaderTab) -> None:
    """The app starts blurred under Textual's web driver; the first key still reaches the pane."""
    tab.press("G")
    tab.wait_for(lambda text: text.split("\n")[-2].rstrip().endswith("100%"))


def test_bracket_moves_to_the_next_section(tab: ReaderTab) -> None:
    assert tab.lines()[1].split("▕")[1].startswith("North Koreans in Russia")
    tab.press("]")
    tab.wait_for(lambda text: text.split("\n")[1].split("▕")[1].startswith("1 Migration history"))
    tab.press("]")
    tab.wait_for(lambda text: text.split("\n")[1].split("▕")[1].startswith("1.1 Students"))


def test_slash_and_a_word_shows_the_match_counter(tab: ReaderTab) -> None:
    tab.press("/")
    # As a person sees the field open before typing: a word typed with the "/" while the reader
    # is still starting is lost, in a terminal too (tmux send-keys '/Korea' at start): reported.
    tab.wait_for("type to search")
    tab.page.keyboard.type("Korea")
    text = tab.wait_for(lambda text: re.search(r"/Korea: \d+/\d+", text) is not None)
    found = re.search(r"/Korea: (\d+)/(\d+)", text)
    assert found is not None
    current, total = int(found.group(1)), int(found.group(2))
    assert 1 <= current < total and total > 10  # the sample says "Korea" some fifty times
    tab.press("Enter", "n")
    tab.wait_for(f"/Korea: {current + 1}/{total}")


def test_the_wheel_scrolls_and_a_narrower_window_lays_the_text_out_again(tab: ReaderTab) -> None:
    box = tab.page.locator(".xterm-screen").bounding_box()
    assert box is not None
    tab.page.mouse.move(box["x"] + box["width"] * 0.7, box["y"] + box["height"] / 2)  # over the pane
    tab.page.mouse.wheel(0, 400)
    tab.wait_for(lambda text: re.search(r" [1-9]\d?%\s*$", text.split("\n")[-2]) is not None)  # was 0%
    wide = tab.page.evaluate("() => window.__reader.terminal.cols")
    tab.page.set_viewport_size({"width": 700, "height": 500})
    tab.wait_for(lambda text: max(len(line) for line in text.split("\n")) < wide * 0.7)
    tab.wait_for(lambda text: text.split("\n")[0].strip().startswith("≡") and "North Koreans in Russia" in text)


def test_a_file_of_many_opens_on_the_picker_in_the_page(context: BrowserContext) -> None:
    server = Served.start("tests/data/dump/wiki-example.txt")
    try:
        tab = ReaderTab.open(context, server.address)
        tab.wait_for("wiki-example.txt · 20 articles")
        tab.wait_for("Building society")
        tab.page.keyboard.type("build")
        tab.wait_for("1 of 20 titles match “build”")
        tab.press("Enter")
        tab.wait_for("Building society — wiki-example.txt")
        tab.wait_for("List of building societies")
        tab.press("o")
        tab.wait_for("wiki-example.txt · 20 articles")
    finally:
        server.stop()


def test_a_folder_is_served_as_one_collection(context: BrowserContext, tmp_path: Path) -> None:
    server = Served.start("--index-dir", str(tmp_path), "sample")
    try:
        tab = ReaderTab.open(context, server.address)
        text = tab.wait_for("Perejil Island")
        assert "North Koreans in Russia" in text and "Royal cinema" in text
        tab.page.keyboard.type("north kor")
        tab.wait_for(lambda text: "Perejil Island" not in text)
        tab.press("Enter")
        tab.wait_for("1 Migration history")
    finally:
        server.stop()


def test_clicking_a_marker_opens_its_citation_and_o_opens_its_url_in_a_new_tab(
    tab: ReaderTab, context: BrowserContext
) -> None:
    tab.click_text("[1]")
    tab.wait_for("Lee, Jeanyoung (2006)")
    assert "Cited once in the article" in tab.text()
    with context.expect_page() as opened:
        tab.press("o")
    new_tab = opened.value
    new_tab.wait_for_load_state()
    assert new_tab.url == CITATION_1_URL
    assert CITATION_1_URL in tab.outside  # answered by the test, never fetched
    assert tab.page.url.startswith("http://127.0.0.1:")  # the reader's own tab stays
    tab.press("Escape")
    tab.wait_for(lambda text: "Lee, Jeanyoung" not in text)


def test_ctrl_c_stops_the_server_and_the_readers_it_started(context: BrowserContext) -> None:
    server = Served.start(SAMPLE)
    tab = ReaderTab.open(context, server.address)
    tab.wait_for("Migration history")
    status, out, err = server.stop()
    assert (status, out.strip(), err) == (0, "Stopped.", "")
    assert server.group_is_gone()
    tab.page.wait_for_function("() => document.body.classList.contains('-closed')")
