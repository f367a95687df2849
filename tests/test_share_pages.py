"""Share pages (outputs/share_pages.py), read as a link previewer reads them: the HTML parsed, no JavaScript run.

Opening one in a browser and landing on the exchange is in tests/browser/test_sharing.py.
"""

from __future__ import annotations

import os
import re
import urllib.parse
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from interview_kb.outputs import share_pages
from interview_kb.urls import SiteUrls

from tests.support import Build, interview, knowledge_base

SITE = share_pages.Site("A <Site> & Co", SiteUrls("https://kb.example.org/archive/"))
TEXT = (
    'Q: Why did you build it in "C" & <Rust>?\n\n'
    "A: Because the old system fell over every night, and we wanted one that stayed up.\n\n"
    "Q: Thanks for your time.\n"
)


def tags(page: str) -> dict[str, str]:
    """What a previewer reads: `og:…`, `twitter:…`, robots, refresh and canonical, by name."""
    soup = BeautifulSoup(page, "html.parser")
    found = {str(m.get("property") or m.get("name") or m.get("http-equiv")): str(m["content"]) for m in soup.find_all("meta", content=True)}
    found["canonical"] = str(soup.find("link", rel="canonical")["href"])  # type: ignore[index]
    return found


def test_a_share_page_names_its_exchange_for_a_previewer() -> None:
    talk = interview(TEXT, slug="build")
    exchange = talk.transcript.exchanges[0]
    found = tags(share_pages.share_page(talk, exchange, SITE))
    assert found["og:title"] == 'Why did you build it in "C" & <Rust>?'
    assert found["og:description"] == (
        "Ada Answer: “Because the old system fell over every night, and we wanted one that stayed up.” — Title of build, 2015"
    )
    assert found["og:site_name"] == "A <Site> & Co"
    assert found["og:type"] == "article"
    assert found["twitter:card"] == "summary"
    assert found["og:url"] == f"https://kb.example.org/archive/interviews/build/{exchange.anchor}/"
    assert found["canonical"] == f"https://kb.example.org/archive/interviews/build/#{exchange.anchor}"
    assert found["robots"] == "noindex"


def test_a_share_page_sends_the_reader_on_with_and_without_javascript() -> None:
    talk = interview(TEXT, slug="build")
    exchange = talk.transcript.exchanges[0]
    page = share_pages.share_page(talk, exchange, SITE)
    here = f"https://kb.example.org/archive/interviews/build/{exchange.anchor}/"
    exchange_url = f"https://kb.example.org/archive/interviews/build/#{exchange.anchor}"
    refresh = tags(page)["refresh"]
    assert refresh.startswith("0; url=")
    assert urllib.parse.urljoin(here, refresh.removeprefix("0; url=")) == exchange_url
    script = re.search(r"<script>location\.replace\((.*)\)</script>", page)
    assert script and urllib.parse.urljoin(here, script.group(1).strip('"')) == exchange_url
    link = BeautifulSoup(page, "html.parser").body.find("a")  # type: ignore[union-attr]
    assert urllib.parse.urljoin(here, str(link["href"])) == exchange_url  # type: ignore[index]


def test_a_share_page_says_its_description_once() -> None:
    """One page per exchange: the description is in the tags a previewer reads, not again in the body."""
    talk = interview(TEXT, slug="build")
    page = share_pages.share_page(talk, talk.transcript.exchanges[0], SITE)
    said = tags(page)["og:description"]
    assert BeautifulSoup(page, "html.parser").body.get_text(" ", strip=True) == 'Why did you build it in "C" & <Rust>?'  # type: ignore[union-attr]
    assert page.count(said.split(":")[0]) == 1
    assert len(page.encode("utf-8")) < 1500


def test_an_unanswered_exchange_is_described_by_who_spoke() -> None:
    talk = interview(TEXT, slug="build")
    closing = talk.transcript.exchanges[1]
    assert (
        tags(share_pages.share_page(talk, closing, SITE))["og:description"] == "Quinn Asker: “Thanks for your time.” — Title of build, 2015"
    )


def test_an_image_makes_a_large_card() -> None:
    talk = interview(TEXT, slug="build")
    found = tags(share_pages.share_page(talk, talk.transcript.exchanges[0], SITE, image="https://kb.example.org/archive/cards/build.png"))
    assert found["og:image"] == "https://kb.example.org/archive/cards/build.png"
    assert found["twitter:card"] == "summary_large_image"


def test_a_site_without_an_address_still_links_relatively() -> None:
    talk = interview(TEXT, slug="build")
    exchange = talk.transcript.exchanges[0]
    found = tags(share_pages.share_page(talk, exchange, share_pages.Site("Site", SiteUrls(""))))
    assert found["canonical"] == f"interviews/build/#{exchange.anchor}"
    assert found["refresh"] == f"0; url=../#{exchange.anchor}"


def test_pages_of_exchanges_no_longer_there_are_removed(tmp_path: Path) -> None:
    before = interview(TEXT, slug="build")
    share_pages.write(tmp_path, knowledge_base(before), SITE)
    (tmp_path / "interviews" / "build" / "index.html").write_text("the interview page", encoding="utf-8")
    after = interview(TEXT.replace("Why did you", "Why did they"), slug="build")
    share_pages.write(tmp_path, knowledge_base(after), SITE)
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.html"))
    assert written == sorted(
        ["interviews/build/index.html", *(f"interviews/build/{e.anchor}/index.html" for e in after.transcript.exchanges)]
    )


@pytest.mark.slow
def test_every_exchange_of_the_built_site_has_its_share_page(built: Build) -> None:
    base = "http://127.0.0.1:8000/"
    sitemap = (built.site / "sitemap.xml").read_text(encoding="utf-8")
    records = {str(r["url"]) for r in built.search_records()}
    for exchange in built.kb["exchanges"]:
        share = f"interviews/{exchange['interview']}/{exchange['id']}/"
        page = built.html(share)
        found = tags(page)
        assert found["canonical"] == base + exchange["url"]
        assert found["og:url"] == base + share
        assert urllib.parse.urljoin(base + share, found["refresh"].removeprefix("0; url=")) == base + exchange["url"]
        assert found["og:title"]
        assert len(page.encode("utf-8")) < 2000, f"{share}: {len(page.encode())} bytes"
        assert share not in sitemap
        assert not any(share in record for record in records)
        interview_page = BeautifulSoup(built.html(exchange["url"]), "html.parser")
        heading = interview_page.find(id=exchange["id"])
        copy_link = heading.find_next("a", class_="kb-copy-link")  # type: ignore[union-attr]
        assert urllib.parse.urljoin(base + exchange["url"], str(copy_link["data-kb-share"])) == base + share  # type: ignore[index]


def test_a_rebuild_rewrites_only_the_pages_that_changed(tmp_path: Path) -> None:
    talk = interview(TEXT, slug="build")
    share_pages.write(tmp_path, knowledge_base(talk), SITE)
    files = sorted(tmp_path.rglob("*.html"))
    for file in files:
        os.utime(file, ns=(1, 1))
    share_pages.write(tmp_path, knowledge_base(talk), SITE)
    assert [file.stat().st_mtime_ns for file in files] == [1] * len(files)
    share_pages.write(tmp_path, knowledge_base(talk), share_pages.Site("Another name", SITE.urls))
    assert all(file.stat().st_mtime_ns != 1 for file in files)
