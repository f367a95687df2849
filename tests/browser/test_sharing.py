"""Sharing as a reader meets it: a share address opens on its exchange, and Back leaves it as if it were never there.

The share page's tags, read without JavaScript as a previewer reads them, are checked in tests/test_share_pages.py.
"""

from __future__ import annotations

import json

from tests.browser.helpers import wait_heading_in_view
from tests.support import Build


def test_a_share_address_lands_on_its_exchange_and_back_skips_it(page, server, built: Build) -> None:
    exchange = built.kb["exchanges"][-1]
    page.goto(server)
    page.goto(f"{server}interviews/{exchange['interview']}/{exchange['id']}/")
    page.wait_for_url(server + exchange["url"])
    wait_heading_in_view(page, exchange["id"])
    page.go_back()
    page.wait_for_url(server)


def test_without_javascript_the_refresh_still_lands_on_the_exchange(browser, server, built: Build) -> None:
    exchange = built.kb["exchanges"][0]
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(f"{server}interviews/{exchange['interview']}/{exchange['id']}/")
        tab.wait_for_url(server + exchange["url"])
    finally:
        context.close()


def test_each_citation_format_is_copied_from_the_menu(page, server, built: Build) -> None:
    exchange = built.kb["exchanges"][1]
    page.goto(server + exchange["url"])
    wait_heading_in_view(page, exchange["id"])
    menu = page.locator(f"#{exchange['id']} ~ .kb-exchange-meta details.kb-cite-formats").first
    buttons = menu.locator("button.kb-cite-format")
    assert not buttons.first.is_visible()  # closed until asked for
    menu.locator("summary").click()
    names = buttons.all_inner_texts()
    assert names == ["Chicago", "APA", "MLA", "BibTeX", "CSL-JSON"]
    copied = {}
    for index, name in enumerate(names):
        page.evaluate("navigator.clipboard.writeText('')")
        button = buttons.nth(index)
        expected = button.get_attribute("data-clipboard-text") or ""
        button.click()
        page.wait_for_function("text => navigator.clipboard.readText().then(got => got === text)", arg=expected, timeout=5000)
        copied[name] = expected
    assert exchange["url"] in copied["Chicago"] and exchange["url"] in copied["BibTeX"]
    assert copied["BibTeX"].startswith(f"@misc{{{exchange['id']},\n")
    assert json.loads(copied["CSL-JSON"])[0]["id"] == exchange["id"]
