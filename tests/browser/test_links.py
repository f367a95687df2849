"""A crawler over the built site/ folder: every internal link and #anchor resolves, and no page is orphaned.

This reads the files MkDocs wrote, independently of MkDocs' own link
validation, so links made by templates, hooks and Material's theme are checked
too. It needs no browser.
"""

from __future__ import annotations

import re
import urllib.parse
from collections import deque
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup

from tests.support import ROOT, Build, is_share_page

LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}


def site_url() -> str:
    """The site URL the test build uses (mkdocs.yml's default, as SITE_URL is unset there)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^site_url:.*?\"(https?://[^\"]+)\"", text, re.MULTILINE)
    assert match, "mkdocs.yml names no default site_url"
    return match.group(1)


@dataclass
class Page:
    url: str  # site-relative, e.g. "topics/sbc/"
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str]] = field(default_factory=list)  # (tag, raw link)
    nav: list[str] = field(default_factory=list)  # raw hrefs in the site navigation
    share: bool = False  # an exchange's share page, which sends the reader on to the exchange


@dataclass
class Site:
    root: Path
    base: str
    pages: dict[str, Page]

    def file(self, url: str) -> Path:
        path = urllib.parse.unquote(url)
        return self.root / (path + "index.html" if path.endswith("/") or not path else path)

    def resolve(self, page: Page, link: str) -> tuple[str, str] | None:
        """(site-relative path, fragment) of an internal link, or None for an external one."""
        absolute = urllib.parse.urljoin(self.base + page.url, link)
        if not absolute.startswith(self.base):
            return None
        parts = urllib.parse.urlsplit(absolute[len(self.base) :])
        return parts.path, urllib.parse.unquote(parts.fragment)


def relative(root: Path, file: Path) -> str:
    return file.relative_to(root).as_posix().removesuffix("index.html")


@cache
def crawl(root: Path) -> Site:
    pages: dict[str, Page] = {}
    for file in sorted(root.rglob("*.html")):
        text = file.read_text(encoding="utf-8")
        soup = BeautifulSoup(text, "html.parser")
        page = Page(relative(root, file), share=is_share_page(text))
        page.ids = {str(t["id"]) for t in soup.find_all(id=True)} | {str(t["name"]) for t in soup.find_all("a", attrs={"name": True})}
        for tag, attribute in LINKING.items():
            page.links += [(tag, str(t[attribute])) for t in soup.find_all(tag) if t.has_attr(attribute)]
        page.nav = [str(a["href"]) for a in soup.select("nav.md-nav--primary a[href], nav.md-tabs a[href]")]
        pages[page.url] = page
    return Site(root, site_url(), pages)


def share_pages(site: Site) -> set[str]:
    return {url for url, page in site.pages.items() if page.share}


def test_every_internal_link_and_anchor_resolves(built: Build) -> None:
    site = crawl(built.site)
    assert len(site.pages) >= 5
    broken: list[str] = []
    checked = 0
    for page in site.pages.values():
        for tag, link in page.links:
            if urllib.parse.urlsplit(link).scheme in ("mailto", "javascript", "data", "tel"):
                continue
            target = site.resolve(page, link)
            if target is None:
                continue
            path, fragment = target
            checked += 1
            file = site.file(path)
            if not file.is_file():
                broken.append(f"/{page.url}: <{tag}> {link} → /{path} does not exist")
            elif fragment and file.suffix == ".html":
                target_page = site.pages[relative(site.root, file)]
                if fragment not in target_page.ids:
                    broken.append(f"/{page.url}: <{tag}> {link} → no id {fragment!r} on /{target_page.url}")
    assert checked > 100, f"only {checked} internal links found"
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:50])


def test_every_page_is_reachable_through_the_navigation(built: Build) -> None:
    site = crawl(built.site)
    reached = {""}
    queue = deque([""])
    while queue:
        page = site.pages[queue.popleft()]
        for link in page.nav:
            target = site.resolve(page, link)
            if target and target[0] in site.pages and target[0] not in reached:
                reached.add(target[0])
                queue.append(target[0])
    orphans = sorted(set(site.pages) - reached - {"404.html"} - share_pages(site))
    assert not orphans, f"pages no navigation path leads to: {orphans}"


def test_the_sitemap_lists_every_page_and_only_pages_that_exist(built: Build) -> None:
    site = crawl(built.site)
    locations = re.findall(r"<loc>([^<]+)</loc>", (built.site / "sitemap.xml").read_text(encoding="utf-8"))
    listed = {loc.removeprefix(site.base) for loc in locations}
    assert listed - set(site.pages) == set(), "the sitemap lists pages that do not exist"
    assert set(site.pages) - listed - {"404.html"} - share_pages(site) == set(), "pages missing from the sitemap"
    assert not listed & share_pages(site), "the sitemap lists share pages (noindex, they send the reader on)"
