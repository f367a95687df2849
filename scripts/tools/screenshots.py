"""Screenshots of the site for a person to look at: `make screenshots` (python -m scripts.tools.screenshots).

Builds the site into a temporary folder, serves it on 127.0.0.1 and saves, for
a desktop (1280×800) and a phone (390×844) screen, the home page, a topic page,
the interview page (its top, and one exchange opened by its link) and the
search open with results (`?q=`), also with its filter menus open, as PNG
files in `screenshots/` (git ignores it). Add --full-page for whole pages,
--dark for the dark colour scheme too.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from interview_kb.outputs import kb_json

from scripts.tools import search_quality, served_site

SCREENS = {"desktop": (1280, 800), "phone": (390, 844)}


def views(site: Path) -> dict[str, str]:
    """Name → site-relative URL of each view to capture."""
    kb = kb_json.whole(site)
    interview = kb["interviews"][0]["slug"]
    exchanges = [e for e in kb["exchanges"] if e["interview"] == interview]
    topic = max(kb["topics"], key=lambda t: sum(t["slug"] in e["topics"] for e in kb["exchanges"]))["slug"]
    return {
        "home": "",
        "series-map": "series/",
        "topic": f"topics/{topic}/",
        "interview": f"interviews/{interview}/",
        "exchange": exchanges[len(exchanges) // 2]["url"],
        "timeline": "timeline/",
        "search": f"?q={SEARCH}",
        "search-filters": f"?q={SEARCH}",
    }


SEARCH = "licensing"


def settle(page: Any, name: str) -> None:
    """Wait until the view is what it shows: the search's results, and its filter menus with their counts."""
    if name.startswith("search"):
        search_quality.results(page, SEARCH)
    if name == "search-filters":
        page.locator("[data-kb-filters-toggle]").click()
        page.wait_for_selector("[data-kb-filters=counted]", state="attached")


def capture(browser: Any, base: str, site: Path, out: Path, full_page: bool = False, scheme: str = "light") -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    for screen, (width, height) in SCREENS.items():
        phone = screen == "phone"
        context = browser.new_context(
            viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone, color_scheme=scheme, device_scale_factor=1
        )
        try:
            page = context.new_page()
            for name, url in views(site).items():
                page.goto(base + url)
                page.wait_for_load_state("networkidle")
                settle(page, name)
                suffix = "" if scheme == "light" else f"-{scheme}"
                path = out / f"{name}-{screen}-{width}x{height}{suffix}.png"
                # Finished transitions only (Material animates the header title on scroll). A whole page is drawn at
                # once, so the turns that the site lays out only near the screen (assets/kb.css) are laid out first.
                style = ".kb-turn, .kb-exchange-meta { content-visibility: visible !important; }" if full_page else None
                page.screenshot(path=str(path), full_page=full_page, animations="disabled", style=style)
                saved.append(path)
        finally:
            context.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.tools.screenshots", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("screenshots"), help="folder for the PNG files (default: screenshots)")
    parser.add_argument("--full-page", action="store_true", help="capture whole pages, not just the first screen")
    parser.add_argument("--dark", action="store_true", help="also capture the dark colour scheme")
    args = parser.parse_args(argv)
    served_site.require_chromium()
    from playwright.sync_api import sync_playwright

    with served_site.built_and_served() as (site, base), sync_playwright() as playwright:
        browser = served_site.launch(playwright)
        try:
            saved = capture(browser, base, site, args.out, args.full_page)
            if args.dark:
                saved += capture(browser, base, site, args.out, args.full_page, scheme="dark")
        finally:
            browser.close()
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
