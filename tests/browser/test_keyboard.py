"""The site by keyboard alone: open the search with `/` or `s`, pick a result with the arrows and Enter,
skip to the content, and reach and use "Link to this exchange"."""

from __future__ import annotations

import re

from scripts.tools import search_quality
from tests.browser.helpers import wait_heading_in_view
from tests.support import Build

ACTIVE_HREF = "() => document.activeElement && document.activeElement.href || ''"


def search_is_open(page) -> bool:
    return bool(page.locator(search_quality.SEARCH_TOGGLE).is_checked())


def test_slash_and_s_open_the_search_and_escape_closes_it(page, server) -> None:
    for key in ("/", "s"):
        page.goto(server)
        page.wait_for_load_state("networkidle")  # the page's scripts are running, as for a reader who has it open
        assert not search_is_open(page)
        page.keyboard.press(key)
        page.wait_for_function("sel => document.querySelector(sel).checked", arg=search_quality.SEARCH_TOGGLE)
        assert page.evaluate("document.activeElement.matches('input.md-search__input')"), f"{key!r} did not focus the search box"
        assert page.locator(search_quality.SEARCH_INPUT).input_value() == "", f"{key!r} was typed into the box"
        page.keyboard.press("Escape")
        # Closed, and the box no longer has the focus (else the next key would be typed into it).
        page.wait_for_function(
            "sel => !document.querySelector(sel).checked && !document.activeElement.matches('input.md-search__input')",
            arg=search_quality.SEARCH_TOGGLE,
        )


def test_arrows_reach_a_result_and_enter_opens_it(page, server, built: Build) -> None:
    target = next(e for e in built.kb["exchanges"] if "Perimeta" in (e["answer"] or {}).get("text", ""))
    page.goto(server)
    search_quality.search(page, "Perimeta")
    for _ in range(15):
        page.keyboard.press("ArrowDown")
        if page.evaluate(ACTIVE_HREF).endswith("#" + target["id"]):
            break
    else:
        raise AssertionError("the arrow keys never reached the exchange's result")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(f"#{target['id']}$"))
    wait_heading_in_view(page, target["id"])
    assert not search_is_open(page)


def test_skip_link_then_tab_to_copy_link_and_enter_copies(page, server, built: Build) -> None:
    interview = built.kb["interviews"][0]
    page.goto(f"{server}interviews/{interview['slug']}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')"), "the first Tab does not reach 'Skip to content'"
    page.keyboard.press("Enter")
    for _ in range(300):  # glossary terms in the text are focusable too
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.kb-copy-link')"):
            break
    else:
        raise AssertionError("Tab never reached a 'Link to this exchange'")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused link shows no focus outline"
    expected = page.evaluate("document.activeElement.getAttribute('data-clipboard-text')")
    assert expected and expected.startswith(server)
    page.evaluate("navigator.clipboard.writeText('')")
    page.keyboard.press("Enter")
    page.wait_for_function("url => navigator.clipboard.readText().then(text => text === url)", arg=expected, timeout=5000)
