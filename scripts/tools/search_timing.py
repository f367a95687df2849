"""Search speed and cost in Chromium: `python -m scripts.tools.search_timing SITE [--runs 3]`.

Serves SITE, a built site, on 127.0.0.1 (gzip, as a real host sends text) and,
in Debian's Chromium (/usr/bin/chromium), for each run in a fresh browser
context, so with an empty cache:

- loads the home page and counts the bytes transferred for search until the
  page is idle: `assets/kb-search.mjs`, its modules in `assets/search/` and anything under `pagefind/`;
- opens the search and puts a query in the box in one step (as `?q=` does,
  and as `/` followed by fast typing would), and times, in the page, from then
  to the moment the result list shows its first results (`data-kb-state` is
  `shown` or `done`), and to the moment it shows all of the first ten (`done`):
  the cold query, which includes loading Pagefind; it counts the bytes for
  search transferred up to the first results (every request made before they showed);
- once the search box has finished opening (no transition running in it), puts a
  second, different query in the box and times it: the warm query. (The filter menus stay closed, as they are
  until a reader opens them: their files are not loaded.)

Bytes are response bodies as sent (gzip where the server compresses), taken
from Chromium's network events through Playwright (any worker's too); Content-Length
where the server gave it, as Chromium reports no body size for a worker's own
script. Prints the median of the runs; `measure()` is what `make bench` (scripts/tools/bench.py) reports.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import urllib.parse
from pathlib import Path
from typing import Any

from scripts.tools import served_site

COLD_QUERY = "licensing"
WARM_QUERY = "session border controller"
# The same with a typo, which the search box corrects (overrides/assets/search/correct.mjs): it loads more of the vocabulary.
TYPO_COLD_QUERY = "licensng"
TYPO_WARM_QUERY = "sesion border controler"

# In the page: open the search with `query` in the box and resolve with the milliseconds until the
# result list shows its first results (`shown`, or `done` at once), and until it shows all of them (`done`).
TIME_QUERY = """async ([query, openFirst]) => {
    const list = document.querySelector("[data-kb-search-results]")
    const input = document.querySelector("input.md-search__input")
    const times = {}
    const done = new Promise(resolve => {
        const observer = new MutationObserver(() => {
            if (list.dataset.kbQuery !== query) return
            const state = list.dataset.kbState
            if ((state === "shown" || state === "done") && times.shown === undefined) {
                times.shown = performance.now() - start
                // What had been fetched by then: the requests the first results needed.
                times.fetched = performance.getEntriesByType("resource").map(entry => entry.name)
            }
            if (state === "done") { times.done = performance.now() - start; observer.disconnect(); resolve(times) }
        })
        observer.observe(list, { attributes: true, childList: true })
    })
    performance.setResourceTimingBufferSize(10000)
    const start = performance.now()
    if (openFirst) document.dispatchEvent(new KeyboardEvent("keydown", { key: "/", bubbles: true }))
    input.value = query
    input.dispatchEvent(new Event("input", { bubbles: true }))
    return await done
}"""


# No transition or animation is running in the header's search box.
OPENED = """() => document.getAnimations().every(animation =>
    animation.playState !== "running" || !animation.effect?.target?.closest?.(".md-search"))"""


@dataclasses.dataclass(frozen=True)
class Run:
    page_load_bytes: int  # search's share of a page load
    first_query_bytes: int  # search's bytes from the page load up to the first results, page load included
    cold_ms: float  # to the first results shown
    warm_ms: float
    cold_done_ms: float  # to all of the first ten shown
    warm_done_ms: float
    requests: tuple[tuple[str, int], ...]  # (path, bytes) of every search request up to the first results


@dataclasses.dataclass(frozen=True)
class Timing:
    page_load_kb: float
    first_query_kb: float
    cold_ms: float
    warm_ms: float
    cold_done_ms: float
    warm_done_ms: float
    runs: list[Run]


def is_search(url: str) -> bool:
    path = urllib.parse.urlsplit(url).path
    return path.endswith("/assets/kb-search.mjs") or "/assets/search/" in path or "/pagefind/" in path


def transferred(requests: list[Any]) -> list[tuple[str, int]]:
    """(path, body bytes as sent) of each finished search request."""
    found = []
    for request in requests:
        if not is_search(request.url) or request.response() is None:
            continue
        length = request.response().headers.get("content-length")
        found.append((urllib.parse.urlsplit(request.url).path, int(length) if length else int(request.sizes()["responseBodySize"])))
    return found


def one_run(browser: Any, base: str, cold_query: str, warm_query: str) -> Run:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        requests: list[Any] = []
        context.on("request", lambda request: requests.append(request))
        page = context.new_page()
        page.goto(base)
        page.wait_for_load_state("networkidle")
        page_load = sum(size for _, size in transferred(requests))
        cold = page.evaluate(TIME_QUERY, [cold_query, True])
        fetched = set(cold["fetched"])
        until_results = [r for r in requests if r.url in fetched]  # what the first results needed
        # A reader types the second query after the search box has finished opening (0.4 s of
        # transitions). Waiting for "networkidle" again returns at once, as the page reached it
        # before: the warm query began a few milliseconds after the cold one's results, while the
        # transitions ran, and every frame of it restyled and laid them out (52 ms against 37).
        page.wait_for_function(OPENED, polling="raf")
        warm = page.evaluate(TIME_QUERY, [warm_query, False])
        sizes = transferred(until_results)
        first = sum(size for _, size in sizes)
        return Run(page_load, first, float(cold["shown"]), float(warm["shown"]), float(cold["done"]), float(warm["done"]), tuple(sizes))
    finally:
        context.close()


def measure(site: Path, runs: int = 3, cold_query: str = COLD_QUERY, warm_query: str = WARM_QUERY) -> Timing:
    """Median figures of `runs` fresh browser contexts on `site`, served on 127.0.0.1."""
    served_site.require_chromium()
    from playwright.sync_api import sync_playwright

    with served_site.serve(site) as base, sync_playwright() as playwright:
        browser = served_site.launch(playwright)
        try:
            return measure_served(browser, base, runs, cold_query, warm_query)
        finally:
            browser.close()


def measure_served(browser: Any, base: str, runs: int = 3, cold_query: str = COLD_QUERY, warm_query: str = WARM_QUERY) -> Timing:
    """Median figures of `runs` fresh contexts of `browser` on the site served at `base`."""
    found = [one_run(browser, base, cold_query, warm_query) for _ in range(runs)]
    return Timing(
        page_load_kb=statistics.median(r.page_load_bytes for r in found) / 1024,
        first_query_kb=statistics.median(r.first_query_bytes for r in found) / 1024,
        cold_ms=statistics.median(r.cold_ms for r in found),
        warm_ms=statistics.median(r.warm_ms for r in found),
        cold_done_ms=statistics.median(r.cold_done_ms for r in found),
        warm_done_ms=statistics.median(r.warm_done_ms for r in found),
        runs=found,
    )


def report(timing: Timing, cold_query: str, warm_query: str) -> str:
    best_cold, best_warm = min(r.cold_ms for r in timing.runs), min(r.warm_ms for r in timing.runs)
    lines = [f"{path}  {size / 1024:.1f} KB" for path, size in timing.runs[0].requests]
    lines += [
        f"search on page load:         {timing.page_load_kb:.1f} KB (gzip as sent)",
        f"search up to first results:  {timing.first_query_kb:.1f} KB (page load included)",
        f"first results, cold:         {timing.cold_ms:.0f} ms  ({cold_query!r}, fresh browser context)",
        f"first results, warm:         {timing.warm_ms:.0f} ms  ({warm_query!r}, second query in the page)",
        f"first ten results:           cold {timing.cold_done_ms:.0f} ms, warm {timing.warm_done_ms:.0f} ms",
        f"median of {len(timing.runs)} runs; best: cold {best_cold:.0f} ms, warm {best_warm:.0f} ms (a shared machine: see `uptime`)",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.tools.search_timing", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site folder")
    parser.add_argument("--runs", type=int, default=3, help="fresh browser contexts to take the median of (default: 3)")
    parser.add_argument("--cold", default=COLD_QUERY, help=f"the first query (default: {COLD_QUERY!r})")
    parser.add_argument("--warm", default=WARM_QUERY, help=f"the second query (default: {WARM_QUERY!r})")
    args = parser.parse_args(argv)
    if not (args.site / "pagefind").is_dir():
        parser.error(f"{args.site} has no pagefind/ folder: give a built site")
    print(report(measure(args.site, args.runs, args.cold, args.warm), args.cold, args.warm))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
