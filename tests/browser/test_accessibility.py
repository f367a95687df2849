"""Accessibility with axe-core (node_modules/axe-core, pinned in package-lock.json), injected into each page.

A page of every kind (home, 404, and the first page in each folder: a topic,
the interview, the tag index, the glossary, ...) is checked in the light
scheme; the home, topic and interview pages and the open search also in the
dark one (Material follows the reader's system setting).
Zero violations of any rule axe runs by default (WCAG 2.x A and AA, and its
best practices) is the bar.
"""

from __future__ import annotations

from typing import Any

from scripts.tools import search_quality
from tests.browser.conftest import Served

RUN_AXE = """() => axe.run(document, {resultTypes: ["violations"]}).then(result => result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " — " + n.failureSummary.replace(/\\s+/g, " ")),
})))"""


# CSS transitions (Material fades search results and colours in) must end first:
# axe reads computed colours, and a colour half-way through a fade fails contrast.
SETTLE = """() => Promise.all(document.getAnimations()
    .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
    .map(a => a.finished.catch(() => null)))"""


def violations(page: Any, axe_url: str) -> list[dict[str, Any]]:
    """Inject axe-core into the page once its transitions have ended and return its violations."""
    page.evaluate(SETTLE)
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(url=axe_url)
    return list(page.evaluate(RUN_AXE))


def describe(found: dict[str, list[dict[str, Any]]]) -> str:
    lines = []
    for where, items in found.items():
        for v in items:
            lines.append(f"{where}: {v['id']} ({v['impact']}) {v['help']}")
            lines.extend(f"    {node}" for node in v["nodes"])
    return "\n".join(lines)


def main_pages(served: Served) -> list[str]:
    """Home, the first topic page and the first interview page."""
    pages = served.pages()
    return ["", next(p for p in pages if p.startswith("topics/")), next(p for p in pages if p.startswith("interviews/"))]


def one_page_per_kind(served: Served) -> list[str]:
    """Home, 404 and the first page of each folder and subfolder: every template, each filled with real content.

    Pages of one kind share their template and differ only in text, so checking
    one of each keeps the suite fast; test_site.py and the crawler cover the rest.
    """
    picks: dict[tuple[str, int], str] = {}
    for url in served.pages():
        kind = (url.split("/")[0], url.count("/"))
        picks.setdefault(kind, url)
    return list(picks.values())


def check(browser, served: Served, axe_url: str, urls: list[str], scheme: str) -> dict[str, list[dict[str, Any]]]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    try:
        page = context.new_page()
        found = {}
        for url in urls:
            page.goto(served.base + url)
            if items := violations(page, axe_url):
                found[f"{scheme} /{url}"] = items
        return found
    finally:
        context.close()


def test_a_page_of_every_kind_has_no_axe_violations(browser, served: Served, axe_url: str) -> None:
    pages = one_page_per_kind(served)
    assert {"", "tags/", "404.html"} <= set(pages)
    found = check(browser, served, axe_url, pages, "light")
    assert not found, describe(found)


def test_main_pages_in_the_dark_scheme_have_no_axe_violations(browser, served: Served, axe_url: str) -> None:
    found = check(browser, served, axe_url, main_pages(served), "dark")
    assert not found, describe(found)


def test_open_search_results_have_no_axe_violations(browser, served: Served, axe_url: str) -> None:
    found = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
        try:
            page = context.new_page()
            page.goto(served.base)
            assert search_quality.search(page, "licensing"), "the search listed nothing"
            if items := violations(page, axe_url):
                found[f"{scheme} search results"] = items
            page.locator("[data-kb-filters-toggle]").click()
            page.wait_for_selector("[data-kb-filters=counted]", state="attached")
            if items := violations(page, axe_url):
                found[f"{scheme} search results with the filter menus open"] = items
            assert search_quality.search(page, "Ethernet"), "no other page listed"  # in no exchange: other pages
            if items := violations(page, axe_url):
                found[f"{scheme} other pages"] = items
        finally:
            context.close()
    assert not found, describe(found)
