"""`python -m scripts.tools.search_timing` (and `make bench`) measures what it says, on the served site.

Its figures are not asserted (a benchmark prints them); what it counts is: the
search's requests, as sent, and only Pagefind's files a first query needs.
"""

from __future__ import annotations

from scripts.tools import search_timing
from tests.browser.conftest import Served


def test_search_timing_counts_the_search_requests_up_to_the_first_results(browser, served: Served) -> None:
    timing = search_timing.measure_served(browser, served.base, runs=1)
    paths = [path for path, _ in timing.runs[0].requests]
    sizes = dict(timing.runs[0].requests)
    assert paths[0].endswith("/assets/kb-search.mjs")
    assert any("/pagefind/index/" in p for p in paths) and any("/pagefind/fragment/" in p for p in paths), paths
    assert not any("/pagefind/filter/" in p for p in paths), "filter files loaded before the first results"
    assert not any(p.endswith("/pagefind-worker.js") for p in paths), "Pagefind searches in the page, not in its worker"
    # As sent: kb-search.mjs gzip-compressed by the server.
    assert 0 < sizes[paths[0]] < (served.site / "assets" / "kb-search.mjs").stat().st_size
    assert all(size > 0 for size in sizes.values()), timing.runs[0].requests
    assert 0 < timing.page_load_kb < timing.first_query_kb
    assert 0 < timing.cold_ms <= timing.cold_done_ms and 0 < timing.warm_ms <= timing.warm_done_ms
    # The first results wait for the fragments of the first five only (kb-search.mjs, `FIRST`).
    assert 0 < sum("/pagefind/fragment/" in p for p in paths) <= 5, paths


def test_only_search_files_are_counted() -> None:
    assert search_timing.is_search("http://127.0.0.1:1/assets/kb-search.mjs")
    assert search_timing.is_search("http://127.0.0.1:1/assets/search/correct.mjs")
    assert search_timing.is_search("http://127.0.0.1:1/kb/pagefind/index/en_1.pf_index")
    assert not search_timing.is_search("http://127.0.0.1:1/assets/kb.js")
    assert not search_timing.is_search("http://127.0.0.1:1/interviews/pagefind-talk/")


def test_a_query_with_a_typo_counts_the_parts_of_the_vocabulary_it_loads(browser, served: Served) -> None:
    typo = search_timing.measure_served(browser, served.base, 1, search_timing.TYPO_COLD_QUERY, search_timing.TYPO_WARM_QUERY)
    paths = [path for path, _ in typo.runs[0].requests]
    assert any(p.endswith("/pagefind/kb-words/l.json") for p in paths), paths
    assert any("/pagefind/kb-words/" in p for p in paths) and typo.cold_ms > 0 and typo.warm_ms > 0
