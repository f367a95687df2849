"""Every built page, opened on a phone-sized screen (390×844): it asks nothing of any host but 127.0.0.1,
every request it makes is answered, and nothing on it is wider than the screen.

One tour of the site records what these tests check, so each page loads once.
Screenshots for a person to look at: `make screenshots` (scripts/tools/screenshots.py).
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field
from typing import Any

import pytest

from scripts.tools import search_quality
from tests.browser.conftest import Served

LOCAL = "127.0.0.1"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

# What sticks out to the right of the screen: the document's own width, and any
# element of the content that is not inside a box that scrolls or clips it.
OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const found = [];
    if (document.documentElement.scrollWidth > width + 1)
        found.push(`the page is ${document.documentElement.scrollWidth}px wide`);
    const content = document.querySelector(".md-content");
    for (const el of content ? content.querySelectorAll("*") : []) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.right <= width + 1) continue;
        let box = el.parentElement, contained = false;
        for (; box && box !== content; box = box.parentElement)
            if (getComputedStyle(box).overflowX !== "visible") { contained = true; break; }
        if (!contained)
            found.push(`<${el.tagName.toLowerCase()} class="${el.className}"> reaches ${Math.round(r.right)}px: ` +
                       JSON.stringify((el.textContent || "").trim().slice(0, 60)));
    }
    return found.slice(0, 8);
}"""


@dataclass
class Tour:
    pages: list[str]
    requested: list[str] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)
    overflow: dict[str, list[str]] = field(default_factory=dict)


def outside(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != LOCAL


@pytest.fixture(scope="module")
def tour(browser, served: Served) -> Tour:
    result = Tour(served.pages())
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)

    def on_request(request: Any) -> None:
        result.requested.append(request.url)
        if outside(request.url):
            result.elsewhere.append(f"{request.frame.url if request.frame else '?'} → {request.url}")

    context.on("request", on_request)
    context.on("response", lambda r: result.unanswered.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    # Requests cut short by leaving the page (net::ERR_ABORTED) are not failures of the site.
    context.on("requestfailed", lambda r: None if "ERR_ABORTED" in (r.failure or "") else result.unanswered.append(f"{r.failure} {r.url}"))
    try:
        page = context.new_page()
        for url in result.pages:
            page.goto(served.base + url)
            if found := page.evaluate(OVERFLOW):
                result.overflow[url] = found
        # The search loads Pagefind and its index; an instant preview loads another page.
        page.goto(served.base)
        assert search_quality.search(page, "licensing")
        page.keyboard.press("Escape")
        desktop = context.new_page()
        desktop.set_viewport_size(DESKTOP)
        desktop.goto(served.base)
        desktop.locator("article a[href*='topics/']").first.hover()
        desktop.locator(".md-tooltip2--active").wait_for(timeout=5000)
        desktop.wait_for_load_state("networkidle")
    finally:
        context.close()
    return result


def test_every_page_was_visited(tour: Tour) -> None:
    assert {"", "tags/", "404.html"} <= set(tour.pages)
    assert any(p.startswith("topics/") for p in tour.pages) and any(p.startswith("interviews/") for p in tour.pages)
    assert any("/pagefind/" in url and url.endswith(".pf_fragment") for url in tour.requested), "the search index was never requested"


def test_no_request_goes_to_another_host(tour: Tour) -> None:
    assert tour.requested, "no requests were recorded"
    assert not tour.elsewhere, "requests to other hosts:\n" + "\n".join(sorted(set(tour.elsewhere)))


def test_every_request_is_answered(tour: Tour) -> None:
    assert not tour.unanswered, "requests that failed:\n" + "\n".join(sorted(set(tour.unanswered)))


def test_no_page_is_wider_than_a_phone(tour: Tour) -> None:
    report = "\n".join(f"/{url}:\n    " + "\n    ".join(found) for url, found in tour.overflow.items())
    assert not tour.overflow, f"horizontal overflow at {PHONE['width']}px:\n{report}"


def test_the_overflow_check_sees_a_wide_element(browser, served: Served) -> None:
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(served.base)
        assert page.evaluate(OVERFLOW) == []
        page.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend', '<div class=wide style=width:600px>wide</div>')")
        found = page.evaluate(OVERFLOW)
        assert any('class="wide"' in line for line in found), found
    finally:
        context.close()
