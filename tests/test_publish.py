"""Publishing: site URL, sitemap, canonical links, robots.txt, link previews, downloads, 404 page, print styles.

The site is built here with a site URL other than the default (and under a
sub-path, as on a GitHub project page), to show that every absolute URL
follows `SITE_URL`. The printed page is checked in a browser in
tests/browser/test_print.py.
"""

from __future__ import annotations

import gzip
import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup, Tag
from interview_kb.knowledge import base
from interview_kb.outputs import downloads

from tests.support import ROOT, Build, build_site, is_share_page

pytestmark = pytest.mark.slow  # builds sites (make test-fast leaves it out)

SITE_URL = "https://kb.example.org/interviews-archive/"
BASE_PATH = "/interviews-archive/"
SOURCE_DATE_EPOCH = "1700000000"  # 2023-11-14
HOSTILE = ROOT / "tests" / "data" / "hostile"


def build_with_url(site: Path, seeds_dir: Path = ROOT / "seeds", site_url: str = SITE_URL) -> Build:
    return build_site(site, seeds_dir, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, SITE_URL=site_url)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_with_url(tmp_path_factory.mktemp("published") / "site")
    assert build.returncode == 0, build.stderr
    assert "WARNING" not in build.stderr
    return build


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_with_url(tmp_path_factory.mktemp("hostile-published") / "site", HOSTILE)
    assert build.returncode == 0, build.stderr
    return build


def soup(build: Build, url: str) -> BeautifulSoup:
    return BeautifulSoup(build.html(url), "html.parser")


def page_urls(build: Build) -> list[str]:
    """Site-relative URLs of every page except 404.html and the share pages: `""`, `topics/sbc/`, ..."""
    urls = []
    for file in sorted(build.site.rglob("index.html")):
        if is_share_page(file.read_text(encoding="utf-8")):
            continue
        urls.append(file.relative_to(build.site).as_posix().removesuffix("index.html"))
    return urls


def meta(page: BeautifulSoup, key: str) -> str:
    """Content of `<meta property=key>` or `<meta name=key>`, exactly one."""
    found = page.select(f'meta[property="{key}"], meta[name="{key}"]')
    assert len(found) == 1, f"{key}: {len(found)} tags"
    return str(found[0]["content"])


def normalise(text: str) -> str:
    """Runs of whitespace, including no-break spaces, as one space (as cards and rendered text show them)."""
    return " ".join(text.split())


# Site URL: sitemap, canonical links, robots.txt


def test_sitemap_lists_every_page_at_the_site_url(published: Build) -> None:
    tree = ET.parse(published.site / "sitemap.xml")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [node.text or "" for node in tree.findall("s:url/s:loc", namespace)]
    assert sorted(locations) == sorted(SITE_URL + url for url in page_urls(published))
    dates = {node.text for node in tree.findall("s:url/s:lastmod", namespace)}
    assert dates == {"2023-11-14"}  # from SOURCE_DATE_EPOCH, so rebuilds are identical


def test_every_page_has_its_canonical_url(published: Build) -> None:
    for url in page_urls(published):
        canonical = soup(published, url).select('link[rel="canonical"]')
        assert [str(link["href"]) for link in canonical] == [SITE_URL + url], url


def test_robots_txt_names_the_sitemap_at_the_site_url(published: Build) -> None:
    robots = (published.site / "robots.txt").read_text(encoding="utf-8")
    assert robots == f"User-agent: *\nAllow: /\nSitemap: {SITE_URL}sitemap.xml\n"


# Link previews


def test_home_page_card(published: Build) -> None:
    page = soup(published, "")
    assert meta(page, "og:title") == "Interview knowledge base"
    assert meta(page, "og:site_name") == "Interview knowledge base"
    assert meta(page, "og:description").startswith("A searchable knowledge base of recorded interviews")
    assert meta(page, "og:url") == SITE_URL
    assert meta(page, "og:type") == "website"
    assert meta(page, "twitter:card") == "summary"
    assert meta(page, "twitter:title") == meta(page, "og:title")
    assert meta(page, "twitter:description") == meta(page, "og:description")


def test_topic_page_card_uses_the_topic_description(published: Build) -> None:
    for topic in published.kb["topics"]:
        page = soup(published, f"topics/{topic['slug']}/")
        assert meta(page, "og:title") == topic["title"]
        assert meta(page, "og:description") == topic["description"]
        assert meta(page, "twitter:description") == topic["description"]
        assert meta(page, "og:url") == f"{SITE_URL}topics/{topic['slug']}/"


def test_interview_page_card_uses_the_preface(published: Build) -> None:
    kb = base.load(ROOT / "seeds")
    for interview in kb.interviews:
        page = soup(published, f"interviews/{interview.slug}/")
        assert meta(page, "og:title") == interview.title
        assert meta(page, "og:type") == "article"
        assert meta(page, "og:url") == f"{SITE_URL}interviews/{interview.slug}/"
        description = meta(page, "og:description")
        if interview.transcript.preface:
            assert description.removesuffix("…") in normalise(interview.transcript.preface[0].text)
            assert len(description.split()) >= 10
        assert meta(page, "twitter:description") == description


def test_interview_pages_and_their_share_pages_have_the_card_at_the_site_url_others_no_image(published: Build) -> None:
    for url in page_urls(published):
        page = soup(published, url)
        images = page.select('meta[property="og:image"]')
        if url.startswith("interviews/"):
            assert [str(m["content"]) for m in images] == [f"{SITE_URL}cards/{url.split('/')[1]}.png"], url
            assert meta(page, "twitter:card") == "summary_large_image"
        else:
            assert not images, url
    for exchange in published.kb["exchanges"]:
        share = soup(published, f"interviews/{exchange['interview']}/{exchange['id']}/")
        assert meta(share, "og:image") == f"{SITE_URL}cards/{exchange['interview']}.png"
        assert meta(share, "og:url") == f"{SITE_URL}interviews/{exchange['interview']}/{exchange['id']}/"
    for interview in published.kb["interviews"]:
        assert (published.site / "cards" / f"{interview['slug']}.png").read_bytes().startswith(b"\x89PNG")


def test_cards_read_hostile_metadata_as_written(hostile: Build) -> None:
    kb = base.load(HOSTILE)
    interview, topic = kb.interviews[0], kb.topics[0]
    page = soup(hostile, f"interviews/{interview.slug}/")
    assert meta(page, "og:title") == normalise(interview.title)
    assert meta(page, "twitter:title") == normalise(interview.title)
    topic_page = soup(hostile, f"topics/{topic.slug}/")
    assert meta(topic_page, "og:title") == normalise(topic.title)
    assert meta(topic_page, "og:description") == normalise(topic.description)
    raw = hostile.html(f"topics/{topic.slug}/")
    head = raw[: raw.index("</head>")]
    assert "<script>alert(" not in head and "<b>description" not in head


# Downloads


def test_plain_text_download_is_the_seed_file_byte_for_byte(published: Build) -> None:
    for interview in base.load(ROOT / "seeds").interviews:
        assert published.download(f"{interview.slug}.txt") == (ROOT / "seeds" / f"{interview.slug}.txt").read_bytes()


def test_downloads_are_stored_compressed_with_neither_name_nor_time(published: Build) -> None:
    files = sorted((published.site / "downloads").iterdir())
    assert files and all(f.name.endswith((".txt.gz", ".md.gz", ".bib.gz", ".json.gz")) for f in files)
    for file in files:
        data = file.read_bytes()
        assert data[:3] == b"\x1f\x8b\x08" and data[3] == 0 and data[4:8] == b"\0\0\0\0", file.name  # no FNAME flag, mtime 0
        assert downloads.compress(gzip.decompress(data)) == data, file.name


def rendered_markdown(text: str) -> str:
    """The download rendered as the site renders Markdown, as plain text."""
    rendered = markdown.markdown(text, extensions=["pymdownx.escapeall"])
    return normalise(BeautifulSoup(rendered, "html.parser").get_text(" "))


def assert_markdown_download_is_complete(build: Build, seeds_dir: Path) -> None:
    for interview in base.load(seeds_dir).interviews:
        text = build.download(f"{interview.slug}.md").decode("utf-8")
        shown = rendered_markdown(text)
        transcript = interview.transcript
        assert shown.startswith(normalise(interview.title))
        for paragraph in (*transcript.preface, *transcript.epilogue):
            assert normalise(paragraph.text) in shown, paragraph.line
        for exchange in transcript.exchanges:
            assert f"{SITE_URL}interviews/{interview.slug}/#{exchange.anchor}" in text
            for turn in exchange.turns:
                name = interview.speakers[turn.speaker].name
                first, *rest = turn.paragraphs
                assert normalise(f"{name}: {first.text}") in shown, first.line
                for paragraph in rest:
                    assert normalise(paragraph.text) in shown, paragraph.line


def test_markdown_download_has_every_paragraph_with_speaker_names(published: Build) -> None:
    assert_markdown_download_is_complete(published, ROOT / "seeds")


def test_markdown_download_renders_hostile_text_literally(hostile: Build) -> None:
    assert_markdown_download_is_complete(hostile, HOSTILE)
    (download,) = (hostile.site / "downloads").glob("*.md.gz")
    rendered = markdown.markdown(hostile.download(download.stem).decode("utf-8"), extensions=["pymdownx.escapeall"])
    assert "<script" not in rendered and "<img" not in rendered


def test_interview_page_links_its_downloads(published: Build) -> None:
    for interview in base.load(ROOT / "seeds").interviews:
        page = soup(published, f"interviews/{interview.slug}/")
        links = page.select(".kb-downloads a[download]")
        assert [normalise(a.get_text()) for a in links] == ["plain text", "Markdown"]
        for link in links:
            target = (published.site / "interviews" / interview.slug / str(link["href"])).resolve()
            assert target.is_file(), link["href"]


# 404 page


def test_not_found_page_offers_search_and_topics(published: Build) -> None:
    page = BeautifulSoup((published.site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert normalise(page.select_one("article h1").get_text()) == "Page not found"  # type: ignore[union-attr]
    form = page.select_one("form.kb-404-search")
    assert isinstance(form, Tag)
    # Material opens its search with the `q` parameter; links are absolute, as the page is served at any path.
    assert form["action"] == BASE_PATH and form["method"] == "get"
    assert form.select_one('input[name="q"]')
    topics = [(normalise(a.get_text()), a["href"]) for a in page.select(".kb-404-topics a")]
    assert topics == [(html.unescape(t["title"]), f"{BASE_PATH}topics/{t['slug']}/") for t in published.kb["topics"]]
    assert meta(page, "robots") == "noindex"
    assert not page.select('link[rel="canonical"]')


# Print


def test_print_stylesheet_is_linked_and_writes_out_permalinks(published: Build) -> None:
    css = (published.site / "assets" / "kb-print.css").read_text(encoding="utf-8")
    for chrome in (".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".kb-exchange-meta"):
        assert re.search(rf"{re.escape(chrome)}\s*[,{{]", css), chrome
    assert re.search(r'h2\.kb-exchange::after\s*\{[^}]*content:\s*var\(--kb-page-url, ""\) "#" attr\(id\)', css)
    interview = published.kb["interviews"][0]["slug"]
    page = soup(published, f"interviews/{interview}/")
    assert page.select_one('link[rel="stylesheet"][media="print"][href$="assets/kb-print.css"]')
    styles = [s.get_text() for s in page.select('style[media="print"]')]
    assert styles == [f':root {{ --kb-page-url: "{SITE_URL}interviews/{interview}/"; }}']
