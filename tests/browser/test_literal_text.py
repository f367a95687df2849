"""A transcript's characters reach the reader as written: search excerpts decode Pagefind's escaping once, and only it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from scripts.tools import search_quality, served_site
from tests.browser.conftest import new_page
from tests.support import META, TOPICS

ANSWER = "It wrote &lt;script&gt; and &amp; literally, a real <b> and AT&T."
TRANSCRIPT = f"Ann: What did the notes say about widgets?\n\nBob: {ANSWER}\n\nAnn: Thanks.\n"


@pytest.fixture(scope="module")
def literal_site(tmp_path_factory: pytest.TempPathFactory, browser) -> Iterator[str]:
    seeds = tmp_path_factory.mktemp("literal") / "seeds"
    seeds.mkdir()
    (seeds / "notes.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (seeds / "notes.yml").write_text(META.replace("title: Demo", "title: Notes"), encoding="utf-8")
    # Evidence of two pieces, as a topic needs, both in the question.
    (seeds / "topics.yml").write_text(TOPICS.replace("answer: 1, scale: 1", "notes: 1"), encoding="utf-8")
    site = seeds.parent / "site"
    with served_site.serve(site) as base:
        served_site.build(site, site_url=base, seeds=seeds)
        yield base


def test_an_excerpt_shows_the_transcripts_entities_as_written(browser, literal_site: str) -> None:
    page = new_page(browser, literal_site)
    try:
        page.goto(literal_site)
        assert search_quality.search(page, "literally")
        excerpt = page.locator("[data-kb-search-results] .md-search-result__article > p:last-child").first
        text = excerpt.text_content() or ""
        assert "&lt;script&gt; and &amp; literally" in text, text
        assert "literally, a real <b> and" in text, text
        assert excerpt.locator("mark").all_text_contents() == ["literally,"]
        assert excerpt.locator("script, b").count() == 0
    finally:
        page.context.close()


def test_a_malformed_fragment_throws_nothing(browser, literal_site: str) -> None:
    page = new_page(browser, literal_site)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(literal_site + "interviews/notes/#%E0%A4%A")
        page.wait_for_load_state("networkidle")
        page.evaluate("() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))")
        assert errors == []
    finally:
        page.context.close()
