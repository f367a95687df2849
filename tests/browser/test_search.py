"""Search as a reader uses it: type into the site's search box, pick the exchange, land on it highlighted.

The queries and the exchange each should find are in tests/data/search_queries.yml;
`python -m scripts.tools.search_quality` prints the same measurement as a table.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from scripts.tools import search_quality
from scripts.tools.search_quality import Query
from tests.browser.conftest import new_page
from tests.browser.helpers import section_marks, wait_heading_in_view
from tests.support import Build

QUERIES = search_quality.load_queries()

# The targets: the expected exchange first for 95 % of the queries, in the top three for all.
TOP1_FLOOR = 0.95
TOP3_FLOOR = 1.0
# Kinds whose every word is in the exchange as written; glossary and paraphrase queries use other words.
LITERAL_KINDS = {"phrase", "term", "pair", "question", "name", "quoted"}


def words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s\-\"]+", text.lower()) if w]


def mentions(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(word)}", text, re.IGNORECASE) is not None


def exchange(built: Build, anchor: str) -> dict[str, Any]:
    return next(e for e in built.kb["exchanges"] if e["id"] == anchor)


def test_every_query_names_an_exchange_that_contains_its_words(built: Build) -> None:
    assert len(QUERIES) >= 40 and len({q.kind for q in QUERIES}) >= 5
    for q in QUERIES:
        if q.kind not in LITERAL_KINDS:
            continue
        target = exchange(built, q.expect)
        question, answer = target["question"]["text"], (target["answer"] or {}).get("text", "")
        for word in words(q.query):
            assert mentions(question + " " + answer, word), f"{q.query!r}: {word!r} is not in {q.expect}"
            if q.kind == "question":
                assert mentions(question, word) and not mentions(answer, word), f"{q.query!r}: {word!r} must be in the question only"
        if q.kind == "pair":
            assert len(words(q.query)) == 2, q.query
        if q.kind == "term":
            assert len(words(q.query)) == 1, q.query


# Ranks seen by the per-query tests, reused by the floor test so each query is typed once per run.
OUTCOMES: dict[str, search_quality.Outcome] = {}


@pytest.fixture(scope="module")
def reader(browser, server):
    """One tab for all searches, as one reader searching again and again: the search index loads once."""
    tab = new_page(browser, server)
    tab.goto(server)
    try:
        yield tab
    finally:
        tab.context.close()


@pytest.mark.parametrize("query", QUERIES, ids=[q.query for q in QUERIES])
def test_search_lists_the_exchange_and_lands_on_it_highlighted(reader, server, built: Build, query: Query) -> None:
    page = reader
    page.goto(server)  # a fresh page: highlights left by an earlier search on the same page would mask this one's
    outcome = search_quality.Outcome(query, search_quality.ranked_sections(search_quality.search(page, query.query)))
    OUTCOMES[query.query] = outcome
    assert outcome.rank is not None, f"{query.query!r} does not list {query.expect} at all: {outcome.ranked}"

    # Click it as a reader would.
    page.locator(f"{search_quality.RESULT_LINKS}[href$='#{query.expect}']").first.click()
    page.wait_for_url(re.compile(f"#{re.escape(query.expect)}$"))
    wait_heading_in_view(page, query.expect)
    assert not page.locator("input[data-md-toggle=search]").is_checked(), "search stays open after choosing a result"

    # Every query word that the exchange contains is highlighted inside it.
    target = exchange(built, query.expect)
    text = target["question"]["text"] + " " + (target["answer"] or {}).get("text", "")
    found = [word for word in words(query.query) if mentions(text, word)]
    if found:
        page.wait_for_selector("mark[data-md-highlight]")
    marks = [m.lower() for m in section_marks(page, query.expect)]
    for word in found:
        assert any(mentions(m, word) for m in marks if m), f"{word!r} not highlighted: {marks}"

    assert outcome.rank <= 3, f"{query.query!r} lists {query.expect} at {outcome.rank}; ahead of it: {outcome.ranked[: outcome.rank - 1]}"


def test_search_quality_stays_above_its_floor(reader, server) -> None:
    missing = [q for q in QUERIES if q.query not in OUTCOMES]  # when only part of this file ran
    measured = {o.query.query: o for o in search_quality.evaluate(reader, server, missing)} if missing else {}
    outcomes = [OUTCOMES.get(q.query) or measured[q.query] for q in QUERIES]
    figures = search_quality.rates(outcomes)
    report = search_quality.report(outcomes)
    print(report)
    assert figures.top1 >= TOP1_FLOOR, report
    assert figures.top3 >= TOP3_FLOOR, report


def test_a_shared_search_address_reproduces_the_results(reader, page, server) -> None:
    """`?q=` opens the search with those words; the list holds the same links in the same order."""
    typed = search_quality.search(reader, "licensing cloud")
    page.goto(server + "glossary/?q=licensing+cloud")
    assert page.locator(search_quality.SEARCH_TOGGLE).is_checked()
    assert search_quality.results(page, "licensing cloud") == typed
    assert all(re.search(r"#[a-z0-9-]+-[0-9a-f]{6}$", href) for href in typed), typed


def test_filters_narrow_the_results_and_live_in_the_address(page, server, built: Build) -> None:
    requested: list[str] = []
    page.context.on("request", lambda request: requested.append(request.url))
    page.goto(server + "?q=network")
    everything = search_quality.results(page, "network")
    topic = next(t for t in built.kb["topics"] if t["slug"] == "licensing")
    in_topic = {e["id"] for e in built.kb["exchanges"] if "licensing" in e["topics"]}
    # The menus are closed, and Pagefind's filter files not loaded, until the reader opens them.
    assert not page.locator("select[data-kb-filter=topic]").is_visible()
    assert any("/pagefind/index/" in url for url in requested) and not any("/pagefind/filter/" in url for url in requested)
    page.locator("[data-kb-filters-toggle]").click()
    page.wait_for_selector("[data-kb-filters=counted]", state="attached")
    assert any("/pagefind/filter/" in url for url in requested)
    page.locator("select[data-kb-filter=topic]").select_option(topic["title"])
    page.wait_for_function("() => new URLSearchParams(location.search).get('topic') !== null")
    narrowed = search_quality.results(page, "network")
    assert narrowed and len(narrowed) < len(everything)
    assert {href.rsplit("#", 1)[1] for href in narrowed} <= in_topic
    # The address with the filter, opened afresh, gives the same list with the filter chosen.
    address = page.url
    assert "q=network" in address and "topic=Licensing" in address
    page.goto(address)
    assert search_quality.results(page, "network") == narrowed
    page.wait_for_selector("[data-kb-filters=counted]", state="attached")
    assert page.locator("select[data-kb-filter=topic]").is_visible()
    assert page.locator("select[data-kb-filter=topic]").input_value() == topic["title"]
    options = page.locator("select[data-kb-filter=speaker] option").all_inner_texts()
    assert any(re.fullmatch(r".+ \(\d+\)", o) for o in options), options  # counts are shown


def test_a_quoted_phrase_matches_only_the_phrase(page, server) -> None:
    page.goto(server)
    loose = search_quality.ranked_sections(search_quality.search(page, "network operators understand"))
    exact = search_quality.ranked_sections(search_quality.search(page, '"network operators do understand"'))
    assert [s.rsplit("#", 1)[1] for s in exact] == ["so-martin-one-of-the-obstacles-7b12fe"]
    assert len(loose) > len(exact)


def test_a_word_after_a_typographic_quote_is_found(page, server) -> None:
    page.goto(server)
    ranked = search_quality.ranked_sections(search_quality.search(page, "micro"))
    assert any(section.endswith("#you-were-really-one-of-the-9a85cd") for section in ranked), ranked


def test_ten_results_then_more_on_request(page, server) -> None:
    page.goto(server + "?q=network")
    first = search_quality.results(page, "network")
    assert len(first) == 10, first
    more = page.locator("[data-kb-search-more]")
    more.click()
    page.wait_for_function("n => document.querySelectorAll('[data-kb-search-results] a').length > n", arg=len(first))
    links = page.locator("[data-kb-search-results] a")
    assert links.count() > 10
    assert page.evaluate("() => document.activeElement.href") == links.nth(10).evaluate("a => a.href")


def test_the_first_five_results_are_shown_before_the_rest_of_the_first_ten_arrive(page, server) -> None:
    page.goto(server)
    # The list's states and number of links, as each change of it happens, for one query typed at once.
    page.evaluate("""() => {
        const list = document.querySelector("[data-kb-search-results]")
        window.kbSeen = []
        new MutationObserver(() => window.kbSeen.push([list.dataset.kbState, list.querySelectorAll("a[href*='#']").length]))
            .observe(list, { attributes: true, childList: true })
    }""")
    search_quality.search(page, "network")
    seen = [tuple(s) for s in page.evaluate("() => window.kbSeen")]
    assert ("shown", 5) in seen and seen[-1] == ("done", 10), seen
    assert seen.index(("shown", 5)) < seen.index(("done", 10))


def test_other_pages_only_when_no_exchange_matches(page, server) -> None:
    page.goto(server)
    # "Ethernet" is only in an organization's description: its page is listed.
    assert [h.removeprefix(server) for h in search_quality.search(page, "Ethernet")] == ["organizations/adva-optical-networking/"]
    # "Metaswitch" is in exchanges, and in its own page's title: only exchanges are listed.
    found = search_quality.search(page, "Metaswitch")
    assert found and all("/interviews/" in href and "#" in href for href in found), found


CORRECTION = "[data-kb-search-correction]"


def test_a_misspelt_word_is_corrected_in_one_line_and_the_query_as_typed_is_a_click_away(page, server) -> None:
    page.goto(server)
    corrected = search_quality.ranked_sections(search_quality.search(page, "Metaswich licensing"))
    assert corrected[0].endswith("#how-is-metaswitch-handling-licensing-6b5589"), corrected
    line = page.locator(CORRECTION)
    assert line.is_visible()
    assert line.inner_text() == "Showing results for metaswitch licensing — search instead for Metaswich licensing"
    # The results' links carry the corrected words, which the exchange they land on highlights.
    assert all("?h=metaswitch%20licensing" in href for href in search_quality.results(page, "Metaswich licensing"))
    # As typed: Pagefind's own answer, without the line.
    line.locator("a[data-kb-search-original]").click()
    as_typed = search_quality.results(page, "Metaswich licensing")
    assert not page.locator(CORRECTION).is_visible()
    assert all("?h=Metaswich%20licensing" in href for href in as_typed), as_typed


def test_known_words_are_never_corrected_and_load_only_their_parts_of_the_vocabulary(page, server) -> None:
    requested: list[str] = []
    page.context.on("request", lambda request: requested.append(request.url))
    page.goto(server)
    search_quality.search(page, "licensing cloud")
    assert sorted(url.rsplit("/", 1)[1] for url in requested if "/pagefind/kb-words/" in url) == ["c.json", "l.json"]
    assert not page.locator(CORRECTION).is_visible()
    # Another form of a known word, and a word with nothing near it, are left as typed.
    for query in ("servers failing at any time", "Ethernet"):
        search_quality.search(page, query)
        assert not page.locator(CORRECTION).is_visible(), query
