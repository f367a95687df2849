"""Hostile transcript and metadata: everything reads as written and nothing acts.

The fixture `tests/data/hostile/` holds raw HTML and script, Markdown and
extension syntax, template syntax, and awkward Unicode, in paragraphs and in
metadata. See docs/guide/editors/errors.md#untrusted-text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from interview_kb.knowledge import base

from tests.page_citations import page_citations
from tests.support import ROOT, Build, build_site

pytestmark = pytest.mark.slow  # builds sites (make test-fast leaves it out)

HOSTILE = ROOT / "tests" / "data" / "hostile"


def normalise(text: str) -> str:
    return re.sub(r"[ \t\r\n\f\v]+", " ", text).strip().removesuffix("¶").strip()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site(tmp_path_factory.mktemp("hostile") / "site", HOSTILE)
    assert build.returncode == 0, build.stderr
    return build


@pytest.fixture(scope="module")
def kb() -> base.KnowledgeBase:
    return base.load(HOSTILE)


def pages(build: Build) -> dict[str, BeautifulSoup]:
    return {str(p.relative_to(build.site)): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser") for p in build.site.rglob("*.html")}


def test_every_paragraph_reads_exactly_as_written(hostile: Build, kb: base.KnowledgeBase) -> None:
    interview = kb.interviews[0]
    page = BeautifulSoup(hostile.html(f"interviews/{interview.slug}/"), "html.parser")
    shown = [normalise(p.get_text()) for p in page.select(".kb-turn p")]
    expected = [
        (f"{interview.speakers[t.speaker].name}: " if i == 0 else "") + p.text
        for e in interview.transcript.exchanges
        for t in e.turns
        for i, p in enumerate(t.paragraphs)
    ]
    assert shown == [normalise(text) for text in expected]
    preface = page.select_one("#preface")
    assert isinstance(preface, Tag)
    assert normalise(preface.find_next("p").get_text()) == normalise(interview.transcript.preface[0].text)  # type: ignore[union-attr]


def test_no_markup_comes_from_the_text(hostile: Build) -> None:
    for name, page in pages(hostile).items():
        article = page.select_one("article")
        if article is None:
            continue
        banned = ["script", "img", "iframe", "style", "table", "blockquote", "pre", "code", "abbr", "sup", "details", "mark", "i", "b"]
        if name.startswith(("interviews/", "topics/")):  # the home page's cards have rules of their own
            banned.append("hr")
        generated_markup = (["kb-series-map__table"], ["kb-cite-formats"])  # the home page's map of the series; "Cite as…" menus
        for tag in banned:
            found = [node for node in article.select(tag) if node.get("class") not in generated_markup]
            assert found == [], f"{name}: <{tag}> from the text"
        assert article.select(".admonition, .footnote, #injected, .class") == [], name
        if name.startswith(("interviews/", "topics/")):
            generated = {e["id"] for e in hostile.kb["exchanges"]} | {"preface", "epilogue", "what-was-said"}
            generated |= {f"from-{i['slug']}" for i in hostile.kb["interviews"]}  # a topic page's interview groups
            headings = [h.get("id") for h in article.select("h2, h3, h4, h5, h6")]
            assert [h for h in headings if h not in generated] == [], f"{name}: heading from the text"
            assert len(article.select("h1")) == 1, name
        for element in page.find_all(True):
            assert not [a for a in element.attrs if a.lower().startswith("on")], f"{name}: event handler on <{element.name}>"
            href = str(element.get("href", "")).lower()
            assert not href.startswith("javascript") or href == "javascript:void(0)", f"{name}: javascript link"
        assert article.select("a[href^='javascript']") == [], name
        for script in page.select("script"):
            assert "alert" not in script.get_text(), f"{name}: script from the text"


def test_no_file_is_included(hostile: Build) -> None:
    readme_phrase = "Turns recorded interviews"
    for name, page in pages(hostile).items():
        assert readme_phrase not in page.get_text(), f"{name} pulled README.md in"


def test_material_tags_marker_in_text_stays_text(hostile: Build) -> None:
    page = BeautifulSoup(hostile.html("interviews/hostile/"), "html.parser")
    assert "<!-- material/tags -->" in page.get_text()


def test_metadata_reads_as_written_in_titles_nav_search_and_json(hostile: Build, kb: base.KnowledgeBase) -> None:
    interview = kb.interviews[0]
    topic = kb.topics[0]
    page = BeautifulSoup(hostile.html("interviews/hostile/"), "html.parser")
    title = page.select_one("title")
    assert title is not None and title.get_text().startswith(interview.title + " - ")
    h1 = page.select_one("article h1")
    assert h1 is not None and normalise(h1.get_text()) == interview.title
    nav_texts = [normalise(a.get_text()) for a in page.select("nav.md-nav a")]
    assert interview.title in nav_texts
    topic_nav = BeautifulSoup(hostile.html("topics/hostile/"), "html.parser").select("nav.md-nav a")
    assert topic.title in [normalise(a.get_text()) for a in topic_nav]  # the nav is pruned to the page's own section
    description = page.select_one('meta[name="description"]')
    assert description is not None and str(description["content"]).startswith("Editor's <b>note</b>")
    guest = interview.speakers["A&B"]
    assert f"{guest.name} ({guest.role}, {guest.organization})" in normalise(page.get_text())
    assert page.select_one('a[href="https://example.com/hostile?a=1&b=(2)"]')

    records = hostile.search_records()
    assert {r["meta"]["interview"] for r in records} == {interview.title}
    first = interview.transcript.exchanges[0]
    assert next(r for r in records if r["url"].endswith("#" + first.anchor))["meta"]["title"] == first.label

    exported = hostile.kb
    assert exported["interviews"][0]["title"] == interview.title
    assert exported["interviews"][0]["speakers"]["Q*"]["name"] == interview.speakers["Q*"].name
    assert exported["topics"][0]["title"] == topic.title
    assert exported["exchanges"][0]["question"]["text"] == interview.transcript.exchanges[0].question.text

    topic_page = BeautifulSoup(hostile.html("topics/hostile/"), "html.parser")
    topic_h1 = topic_page.select_one("article h1")
    assert topic_h1 is not None and normalise(topic_h1.get_text()) == topic.title
    assert topic.description in normalise(topic_page.get_text())


def test_fixture_really_is_hostile() -> None:
    """Guard against the fixture being 'cleaned up' into something harmless."""
    text = (HOSTILE / "hostile.txt").read_text(encoding="utf-8")
    for needle in (
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '--8<-- "README.md"',
        "*[TERM]:",
        "!!! note",
        "///",
        "{{",
        "{%",
    ):
        assert needle in text
    assert "\t" in text and "\u00a0" in text and "\u0301" in text
    assert Path(HOSTILE / "hostile.yml").read_text(encoding="utf-8").count("<script>") >= 2


def test_citations_and_share_pages_read_hostile_text_as_written(hostile: Build, kb: base.KnowledgeBase) -> None:
    from interview_kb.render import citations
    from interview_kb.render.citation import citation

    interview = kb.interviews[0]
    page = BeautifulSoup(hostile.html(f"interviews/{interview.slug}/"), "html.parser")
    menu = page.select_one("details.kb-cite-formats")
    assert isinstance(menu, Tag)
    written = {b.get_text(): str(b["data-clipboard-text"]) for b in menu.select("button")}
    assert written == citations.formats(citations.of_interview(interview))
    # Each exchange's citations are written by the page's script, from the page's data: the same texts as the build's.
    links = {e.anchor: f"http://127.0.0.1:8000/interviews/{interview.slug}/#{e.anchor}" for e in interview.transcript.exchanges}
    expected = {
        e.anchor: {"Cite": citation(interview, e, link), **citations.formats(citations.of_exchange(interview, e, link))}
        for e, link in ((e, links[e.anchor]) for e in interview.transcript.exchanges)
    }
    assert page_citations(hostile.html(f"interviews/{interview.slug}/")) == expected
    for exchange in interview.transcript.exchanges:
        share = BeautifulSoup(hostile.html(f"interviews/{interview.slug}/{exchange.anchor}/"), "html.parser")
        assert share.find("meta", property="og:title")["content"] == exchange.label  # type: ignore[index]
        assert len(share.find_all("script")) == 1 and share.body.find_all(["script", "img", "iframe"]) == []  # type: ignore[union-attr]
