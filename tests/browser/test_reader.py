"""Deep links in a real browser: every exchange's URL lands on it, and "Link to this exchange" copies its share address.

Search (type, pick, land highlighted) is in test_search.py; moving between pages in test_navigation.py.
"""

from __future__ import annotations

from tests.browser.helpers import heading_in_view, wait_heading_in_view
from tests.support import Build


def share_address(server: str, exchange: dict[str, str]) -> str:
    """The exchange's share page (outputs/share_pages.py), which link previewers read and which leads on to it."""
    return f"{server}interviews/{exchange['interview']}/{exchange['id']}/"


def test_every_exchange_deep_link_scrolls_into_view_and_copies_its_share_address(page, server, built: Build) -> None:
    exchanges = built.kb["exchanges"]
    assert exchanges
    for exchange in exchanges:
        url = server + exchange["url"]
        page.goto(url)
        wait_heading_in_view(page, exchange["id"])

        page.evaluate("navigator.clipboard.writeText('')")
        copy_link = page.locator(f"#{exchange['id']} ~ .kb-exchange-meta a.kb-copy-link").first
        href = copy_link.get_attribute("href") or ""
        assert href.endswith(f"#{exchange['id']}"), f"{exchange['id']}: the nearest copy link is another exchange's"
        copied = share_address(server, exchange)
        assert copy_link.get_attribute("data-clipboard-text") == copied
        copy_link.click()
        page.wait_for_function("url => navigator.clipboard.readText().then(text => text === url)", arg=copied, timeout=5000)
        assert page.evaluate("navigator.clipboard.readText()") == copied
        # Material confirms the copy in its own dialog.
        page.locator(".md-dialog--active").wait_for(state="visible", timeout=3000)
        assert heading_in_view(page, exchange["id"]), f"{exchange['id']}: copying the link moved the page"


def test_a_copied_link_reopens_the_exchange_in_a_new_tab(page, server, built: Build) -> None:
    exchange = built.kb["exchanges"][-1]
    page.goto(server + exchange["url"])
    page.locator(f"#{exchange['id']} ~ .kb-exchange-meta a.kb-copy-link").first.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    fresh = page.context.new_page()
    fresh.goto(copied)
    wait_heading_in_view(fresh, exchange["id"])
    assert fresh.url == server + exchange["url"]
