"""A reader's path through the site in a real browser: search, land, copy the link, come back."""

from __future__ import annotations

from typing import Any

from tests.conftest import Build


def in_view(page, element_id: str) -> bool:
    return bool(
        page.evaluate(
            """id => { const r = document.getElementById(id).getBoundingClientRect();
                       return r.top >= 0 && r.top < window.innerHeight }""",
            element_id,
        )
    )


def exchange_about(built: Build, words: str) -> dict[str, Any]:
    return next(e for e in built.kb["exchanges"] if words in e["question"]["text"])


def test_search_cassandra_lands_on_horizontal_scalability(page, server, built: Build) -> None:
    target = exchange_about(built, "horizontal scalability")
    page.goto(server)
    page.keyboard.press("/")
    page.keyboard.type("Cassandra")
    first = page.locator("a.md-search-result__link[href*='#']").first
    first.wait_for()
    assert first.get_attribute("href").endswith("#" + target["id"])
    first.click()
    page.wait_for_url(lambda url: url.endswith("#" + target["id"]))
    page.wait_for_timeout(300)
    assert in_view(page, target["id"])
    assert page.locator("mark[data-md-highlight]", has_text="Cassandra").count() >= 1


def test_copy_link_copies_the_exchange_url_and_it_reopens(page, server, built: Build) -> None:
    target = exchange_about(built, "horizontal scalability")
    page.goto(server + target["url"])
    page.locator(f"#{target['id']} ~ .kb-exchange-meta .kb-copy-link").first.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == server + target["url"]
    page.goto("about:blank")
    page.goto(copied)
    page.wait_for_timeout(300)
    assert in_view(page, target["id"])


def test_every_exchange_deep_link_scrolls_into_view(page, server, built: Build) -> None:
    for exchange in built.kb["exchanges"]:
        page.goto(server + exchange["url"])
        page.wait_for_timeout(100)
        assert in_view(page, exchange["id"]), exchange["url"]
