"""Search quality in a real browser: how often the exchange a reader wants comes first, or in the top three.

    python -m scripts.tools.search_quality [--queries tests/data/search_queries.yml] [--site SITE]

Builds the site into a temporary folder (or serves an already built `--site`,
such as an archive that cannot be committed), serves it on 127.0.0.1, and types each
query into the site's own search box in Debian's Chromium (/usr/bin/chromium).
A result's rank is its position among the links of the result list
(`[data-kb-search-results]`, each ending with an exchange's `#anchor`), in the
order shown, best first. A query names the exchange it wants (`expect`, its
anchor), the interview (`interview`, its slug), or both: the exchange's rank
and the rank of the first result from that interview are measured apart.
Prints one line per query, then the top-1 and top-3 rates, overall and by kind
of query.
"""

from __future__ import annotations

import argparse
import dataclasses
import urllib.parse
from pathlib import Path
from typing import Any

import yaml

from scripts.tools import served_site

QUERIES = served_site.ROOT / "tests" / "data" / "search_queries.yml"
SEARCH_INPUT = "input.md-search__input"
SEARCH_TOGGLE = "input[data-md-toggle=search]"
RESULTS = "[data-kb-search-results]"
RESULT_LINKS = f"{RESULTS} a"


@dataclasses.dataclass(frozen=True)
class Query:
    query: str
    kind: str
    expect: str = ""  # the exchange's anchor ("" if only the interview is named)
    interview: str = ""  # the interview's slug ("" if only the exchange is named)


@dataclasses.dataclass(frozen=True)
class Outcome:
    query: Query
    ranked: list[str]  # section results, `path#anchor`, in the order the search lists them

    @property
    def rank(self) -> int | None:
        """1-based position of the expected exchange among the section results, or None when it is not listed."""
        anchors = [section.partition("#")[2] for section in self.ranked]
        return anchors.index(self.query.expect) + 1 if self.query.expect in anchors else None

    @property
    def interview_rank(self) -> int | None:
        """1-based position of the first result from the expected interview (or of the expected exchange)."""
        if not self.query.interview:
            return self.rank
        pages = [section.partition("#")[0].rstrip("/").rpartition("/")[2] for section in self.ranked]
        return pages.index(self.query.interview) + 1 if self.query.interview in pages else None


def load_queries(path: Path = QUERIES) -> list[Query]:
    return [Query(**entry) for entry in yaml.safe_load(path.read_text(encoding="utf-8"))]


def search(page: Any, text: str, timeout: float = 10.0) -> list[str]:
    """Type `text` into the open page's search box (opened with `/`) and return the result links once they answer it.

    The result list says which query it shows (`data-kb-query`) and when it is
    complete (`data-kb-state="done"`), see overrides/assets/kb-search.mjs.
    """
    box = page.locator(SEARCH_INPUT)
    if not page.locator(SEARCH_TOGGLE).is_checked():
        page.keyboard.press("Escape")  # leave whatever has focus, so the shortcut reaches the page
        page.keyboard.press("/")
        page.wait_for_function("sel => document.querySelector(sel).checked", arg=SEARCH_TOGGLE)
    box.focus()
    box.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.type(text)
    return results(page, text, timeout)


def results(page: Any, text: str, timeout: float = 10.0) -> list[str]:
    """The result links once the list shows the answer to `text`, in rank order."""
    page.wait_for_function(
        """([sel, query]) => { const list = document.querySelector(sel);
               return list && list.dataset.kbState === "done" && list.dataset.kbQuery === query; }""",
        arg=[RESULTS, text.strip()],
        timeout=timeout * 1000,
    )
    return [str(href) for href in page.evaluate("sel => [...document.querySelectorAll(sel)].map(a => a.href)", RESULT_LINKS)]


def ranked_sections(hrefs: list[str]) -> list[str]:
    """Section results (`page#anchor`, query string dropped) in the order shown, each once.

    Page entries (no anchor) are left out: Material shows one above each page's
    sections as a group header, whether or not the page itself matched.
    """
    ranked: list[str] = []
    for href in hrefs:
        parts = urllib.parse.urlsplit(href)
        section = f"{parts.path}#{parts.fragment}"
        if parts.fragment and section not in ranked:
            ranked.append(section)
    return ranked


def evaluate(page: Any, base: str, queries: list[Query]) -> list[Outcome]:
    page.goto(base)
    return [Outcome(q, ranked_sections(search(page, q.query))) for q in queries]


@dataclasses.dataclass(frozen=True)
class Rates:
    top1: float
    top3: float


def rates(outcomes: list[Outcome], interview: bool = False) -> Rates:
    """Top-1 and top-3 of the expected exchanges (of the expected interviews' first results with `interview`).

    Queries that name no exchange count only for the interview.
    """
    ranks = [o.interview_rank for o in outcomes] if interview else [o.rank for o in outcomes if o.query.expect]
    n = len(ranks) or 1
    return Rates(top1=sum(r == 1 for r in ranks) / n, top3=sum(r is not None and r <= 3 for r in ranks) / n)


def report(outcomes: list[Outcome]) -> str:
    """One line per query, then top-1 and top-3 by kind: of the exchange, and of the interview where queries name one."""
    by_interview = any(o.query.interview for o in outcomes)
    lines = [f"{'rank':>4}  {'kind':<8}  query → expected exchange" + (" (rank of its interview's first result)" if by_interview else "")]
    for o in outcomes:
        ahead = "" if o.rank == 1 else f"   (first: {o.ranked[0] if o.ranked else 'nothing'})"
        wanted = " · ".join(filter(None, [o.query.interview, o.query.expect]))
        episode = f" ({o.interview_rank or '-'})" if by_interview else ""
        lines.append(f"{o.rank or '-':>4}{episode}  {o.query.kind:<8}  {o.query.query!r} → {wanted}{ahead}")
    for kind in [*dict.fromkeys(o.query.kind for o in outcomes), "all"]:
        of_kind = [o for o in outcomes if kind in ("all", o.query.kind)]
        line = f"{kind:<10}"
        if any(o.query.expect for o in of_kind):
            figures = rates(of_kind)
            line += f"  exchange top-1: {figures.top1:.2f}   top-3: {figures.top3:.2f}"
        if by_interview:
            figures = rates(of_kind, interview=True)
            line += f"  interview top-1: {figures.top1:.2f}   top-3: {figures.top3:.2f}"
        lines.append(f"{line}   ({len(of_kind)} queries)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.tools.search_quality", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--queries", type=Path, default=QUERIES, help="YAML list of {query, kind, expect and/or interview}")
    parser.add_argument("--site", type=Path, help="an already built site to serve (default: build the seeds)")
    args = parser.parse_args(argv)
    served_site.require_chromium()
    from playwright.sync_api import sync_playwright

    queries = load_queries(args.queries)
    site = served_site.serve(args.site) if args.site else served_site.built_and_served()
    with site as served, sync_playwright() as playwright:
        base = served if isinstance(served, str) else served[1]
        browser = served_site.launch(playwright)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            outcomes = evaluate(page, base, queries)
        finally:
            browser.close()
    print(report(outcomes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
