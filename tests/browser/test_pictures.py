"""The pictures as a reader uses them: a mark of the conversation map and a count of the series map lead to their exchanges."""

from __future__ import annotations

import re

from tests.browser.helpers import wait_heading_in_view
from tests.support import Build


def test_a_mark_of_the_conversation_map_opens_its_exchange(page, server, built: Build) -> None:
    interview = built.kb["interviews"][0]["slug"]
    exchanges = [e for e in built.kb["exchanges"] if e["interview"] == interview]
    target = exchanges[len(exchanges) // 2]
    page.goto(f"{server}interviews/{interview}/")
    marks = page.locator("nav.kb-convmap .kb-convmap__marks a")
    assert marks.count() == len(exchanges)
    heading = page.locator(f"h2#{target['id']}").inner_text().replace("¶", "").strip()
    mark = page.get_by_role("link", name=heading, exact=True).and_(marks)
    mark.click()
    page.wait_for_url(re.compile(f"#{target['id']}$"))
    wait_heading_in_view(page, target["id"])


def test_a_count_of_the_series_map_opens_the_exchanges_it_counts(page, server, built: Build) -> None:
    kb = built.kb
    topic = kb["topics"][-1]
    interview = kb["interviews"][0]
    first = next(e for e in kb["exchanges"] if e["interview"] == interview["slug"] and topic["slug"] in e["topics"])
    count = sum(e["interview"] == interview["slug"] and topic["slug"] in e["topics"] for e in kb["exchanges"])
    page.goto(server + "series/")
    cell = page.get_by_role("link", name=f"{count} on {topic['title']} in {interview['title']}", exact=True)
    assert re.search(f"topics/{topic['slug']}/#{first['id']}$", str(cell.get_attribute("href")))
    cell.scroll_into_view_if_needed()
    cell.click()
    # Material's anchor tracking may put the heading above it (#by-organization) on the address before a loaded
    # machine reads it: what the reader sees is the page and the exchange in view.
    page.wait_for_url(re.compile(f"topics/{topic['slug']}/"))
    wait_heading_in_view(page, first["id"])
    assert page.locator(f"#{first['id']}").evaluate("h => h.classList.contains('kb-topic-exchange')")
