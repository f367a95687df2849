"""Search over an index in parts (a large series): the box merges the parts into one ranked list with one set of counts.

The served site's index is written again in parts of at most four records
(`search.index.write(..., shard_size=4)`, as a series of thousands of exchanges
is), into a copy of the site served on its own port.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator

import pytest

from scripts.tools import search_quality, served_site
from tests.browser.conftest import Served, new_page
from tests.support import write_search_index


@pytest.fixture(scope="module")
def in_parts(served: Served, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a copy of the served site whose search index is in parts of at most four records."""
    site = tmp_path_factory.mktemp("parts") / "site"
    shutil.copytree(served.site, site)
    write_search_index(site, shard_size=4)
    assert len(list((site / "pagefind").glob("shard-*"))) >= 3
    with served_site.serve(site) as base:
        yield base


def shown_count(page) -> int:
    text = page.locator(".md-search-result__meta").inner_text()
    found = re.match(r"(\d+) matching exchange", text)
    assert found, text
    return int(found.group(1))


def test_an_index_in_parts_finds_what_the_whole_index_finds(browser, server, in_parts) -> None:
    whole, parts = new_page(browser, server), new_page(browser, in_parts)
    try:
        for query in [
            "network",
            "licensing",
            "Cassandra",
            "Cassandra network",
            "open source Cassandra",
            "Perimeta",
            '"one throat to choke"',
            "session border controller",
        ]:
            whole.goto(server + "?q=" + query)
            parts.goto(in_parts + "?q=" + query)
            in_whole = search_quality.ranked_sections(search_quality.results(whole, query))
            in_parts_ = search_quality.ranked_sections(search_quality.results(parts, query))
            assert shown_count(parts) == shown_count(whole), query
            if len(in_whole) < 10:  # all of them shown: the same exchanges
                assert sorted(s.rsplit("#")[1] for s in in_parts_) == sorted(s.rsplit("#")[1] for s in in_whole), query
        # A query with one right answer puts it first from whichever part holds it.
        parts.goto(in_parts + "?q=Cassandra")
        assert search_quality.results(parts, "Cassandra")[0].endswith("#i-think-one-example-of-that-e83437")
    finally:
        whole.context.close()
        parts.context.close()


def test_filter_counts_add_up_across_the_parts(browser, in_parts) -> None:
    page = new_page(browser, in_parts)
    try:
        page.goto(in_parts + "?q=network")
        search_quality.results(page, "network")
        total = shown_count(page)
        page.locator("[data-kb-filters-toggle]").click()
        page.wait_for_selector("[data-kb-filters=counted]", state="attached")
        options = page.locator("select[data-kb-filter=interview] option").all_inner_texts()
        counts = [int(m.group(1)) for o in options if (m := re.search(r"\((\d+)\)$", o))]
        assert counts == [total], options  # one interview: every result counted once, from every part
        speaker = next(o for o in page.locator("select[data-kb-filter=speaker] option").all() if o.get_attribute("value"))
        wanted = int(re.search(r"\((\d+)\)$", speaker.inner_text()).group(1))  # type: ignore[union-attr]
        page.locator("select[data-kb-filter=speaker]").select_option(speaker.get_attribute("value"))
        page.wait_for_function("() => new URLSearchParams(location.search).get('speaker') !== null")
        search_quality.results(page, "network")
        assert shown_count(page) == wanted
    finally:
        page.context.close()


def test_the_parts_are_fetched_beside_the_first(browser, in_parts) -> None:
    page = new_page(browser, in_parts)
    requested: list[str] = []
    page.context.on("request", lambda request: requested.append(request.url))
    try:
        page.goto(in_parts + "?q=licensing")
        search_quality.results(page, "licensing")
        assert any("/pagefind/shard-1/" in url and url.endswith(".pf_meta") for url in requested)
        # One script and one WebAssembly module for every part.
        assert not any("/shard-" in url and (url.endswith(".js") or "wasm." in url) for url in requested), requested
    finally:
        page.context.close()


@pytest.fixture(scope="module")
def in_passages(served: Served, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a copy of the served site whose longer exchanges are indexed in passages of about 30 words."""
    from interview_kb.outputs.search import records

    site = tmp_path_factory.mktemp("passages") / "site"
    shutil.copytree(served.site, site)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(records, "LONG_ANSWERS", 60)
        patch.setattr(records, "PASSAGE_WORDS", 30)
        write_search_index(site, shard_size=40)
    assert (site / "pagefind" / "kb-passages.json").read_text(encoding="utf-8") != "{}", "no exchange was cut in passages"
    with served_site.serve(site) as base:
        yield base


def test_an_exchange_in_passages_is_listed_once_and_found_as_it_is_whole(browser, server, in_passages) -> None:
    whole, passages = new_page(browser, server), new_page(browser, in_passages)
    try:
        # One word each: words apart in a long exchange can fall into different passages, which is the point of them.
        for query in ["network", "licensing", "Cassandra", "Perimeta", "orchestration"]:
            whole.goto(server + "?q=" + query)
            passages.goto(in_passages + "?q=" + query)
            in_whole = search_quality.ranked_sections(search_quality.results(whole, query))
            in_passages_ = search_quality.ranked_sections(search_quality.results(passages, query))
            links = search_quality.results(passages, query)
            anchors = [link.rsplit("#", 1)[1] for link in links if "#" in link]
            assert len(anchors) == len(set(anchors)), (query, anchors)  # each exchange once
            assert shown_count(passages) == shown_count(whole), query
            if len(in_whole) < 10:
                assert sorted(in_passages_) == sorted(in_whole), query
        # A query with one right answer still finds it first.
        passages.goto(in_passages + "?q=Cassandra")
        first = search_quality.ranked_sections(search_quality.results(passages, "Cassandra"))[0]
        assert first.endswith("#i-think-one-example-of-that-e83437"), first
    finally:
        whole.context.close()
        passages.context.close()
