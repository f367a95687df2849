"""The built site, read as files: nothing lost, every link target, topics, search, determinism."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import Tag
from interview_kb.knowledge import base

from tests.support import ROOT, Build, build_site, normalise, soup, text_of

pytestmark = pytest.mark.slow  # builds sites (make test-fast leaves it out)

READER_TEXT = ".kb-preface ~ p, .kb-turn p, .kb-epilogue ~ p"


def article(html: str) -> Tag:
    node = soup(html).select_one("article.md-content__inner")
    assert node is not None
    return node


def reader_text(html: str) -> str:
    """The page's text as a reader reads it: headings, navigation labels and metadata removed."""
    node = article(html)
    for chrome in node.select("h1, h2, h3, h4, .kb-exchange-meta, .kb-interview-meta, .kb-convmap, .md-tags, .headerlink"):
        chrome.decompose()
    return text_of(node)


def test_strict_build_has_no_warning(built: Build) -> None:
    assert "WARNING" not in built.stderr
    assert (built.site / "index.html").exists()


def test_nothing_lost_every_paragraph_once_in_order(built: Build) -> None:
    kb = base.load(ROOT / "seeds")
    for interview in kb.interviews:
        html = built.html(f"interviews/{interview.slug}/")
        text = reader_text(html)
        transcript = interview.transcript
        paragraphs = [
            *transcript.preface,
            *(p for e in transcript.exchanges for t in e.turns for p in t.paragraphs),
            *transcript.epilogue,
        ]
        position = 0
        for paragraph in paragraphs:
            found = text.find(paragraph.text, position)
            assert found >= 0, f"line {paragraph.line} missing or out of order: {paragraph.text[:60]}"
            position = found + len(paragraph.text)
            expected = sum(p.text == paragraph.text for p in paragraphs)
            assert text.count(paragraph.text) == expected, f"line {paragraph.line} shown more than once"
        # Each paragraph is its own <p>, speaker name first on a turn's first paragraph.
        shown = [text_of(p) for p in article(html).select(".kb-turn p")]
        expected_turns = [
            (f"{interview.speakers[t.speaker].name}: " if i == 0 else "") + p.text
            for e in transcript.exchanges
            for t in e.turns
            for i, p in enumerate(t.paragraphs)
        ]
        assert shown == expected_turns


def test_every_exchange_url_resolves_to_its_heading(built: Build) -> None:
    kb = built.kb
    assert len(kb["exchanges"]) == 16
    for exchange in kb["exchanges"]:
        url = exchange["url"]
        assert url.endswith("#" + exchange["id"])
        heading = soup(built.html(url)).find(id=exchange["id"])
        assert heading is not None and heading.name == "h2", url
        assert heading.get_text().rstrip("¶").rstrip("…").strip() in exchange["question"]["text"]


def test_kb_json_shape(built: Build) -> None:
    kb = built.kb
    assert set(kb) >= {"interviews", "topics", "exchanges"}
    interview = kb["interviews"][0]
    assert interview["title"] == "The Real CTOs of NFV: Martin Taylor, Metaswitch"
    assert interview["source"] == "https://blog.adva.com/en/the-real-ctos-of-nfv-martin-taylor-metaswitch"
    assert interview["date"] == "2015"
    assert interview["speakers"]["Martin"] == {"name": "Martin Taylor", "role": "CTO", "organization": "Metaswitch"}
    assert {t["slug"] for t in kb["topics"]} >= {"sbc", "cloud-native", "licensing", "open-source"}
    first = kb["exchanges"][0]
    assert first["question"]["speaker"] == "Prayson" and first["answer"]["speaker"] == "Martin"
    assert "\n\n" in first["answer"]["text"]
    assert kb["exchanges"][-1]["answer"] is None  # the closing thank-you


def test_topic_pages_list_exactly_their_exchanges(built: Build) -> None:
    kb = built.kb
    for topic in kb["topics"]:
        page = soup(built.html(f"topics/{topic['slug']}/"))
        listed = [str(a["href"]).split("#")[1] for a in page.select(".kb-topic-index a[href*='#']")]
        expected = [e["id"] for e in kb["exchanges"] if topic["slug"] in e["topics"]]
        assert listed == expected, topic["slug"]
        assert expected, f"topic {topic['slug']} has no exchange"
        text = text_of(page)
        assert topic["description"] in text


def test_a_topic_page_reads_as_a_chapter_of_its_exchanges_in_full(built: Build) -> None:
    kb = built.kb
    for topic in kb["topics"]:
        page = article(built.html(f"topics/{topic['slug']}/"))
        ids = [str(node["id"]) for node in page.select("[id]")]
        assert len(ids) == len(set(ids)), f"{topic['slug']}: duplicate ids"
        on_topic = [e for e in kb["exchanges"] if topic["slug"] in e["topics"]]
        for position, exchange in enumerate(on_topic):
            heading = page.find(id=exchange["id"])
            assert heading is not None and heading.name in ("h3", "h4"), exchange["id"]
            section = []
            for node in heading.find_next_siblings():
                if node.name in ("h2", "h3", "h4"):
                    break
                section.append(node)
            said = normalise(" ".join(text_of(node) for node in section if "kb-turn" in (node.get_attribute_list("class") or [])))
            paragraphs = exchange["question"]["text"].split("\n\n") + (
                exchange["answer"]["text"].split("\n\n") if exchange["answer"] else []
            )
            for paragraph in paragraphs:
                assert normalise(paragraph) in said, (topic["slug"], exchange["id"], paragraph[:60])
            links = [a for node in section for a in node.select("a.kb-permalink")]
            assert [str(a["href"]) for a in links] == [f"../../interviews/{exchange['interview']}/#{exchange['id']}"]
            neighbours = [
                str(a["href"])
                for node in section
                if "kb-exchange-nav" in (node.get_attribute_list("class") or [])
                for a in node.select("a")
            ]
            expected = [f"#{on_topic[i]['id']}" for i in (position - 1, position + 1) if 0 <= i < len(on_topic)]
            assert neighbours == expected, exchange["id"]


def test_every_substantive_exchange_has_a_topic(built: Build) -> None:
    untopical = [e["id"] for e in built.kb["exchanges"] if not e["topics"] and e["answer"]]
    assert untopical == []


def flat(text: str) -> str:
    """Text as Pagefind stores it: any run of white space (no-break spaces too) is one space."""
    return " ".join(text.split())


def test_search_index_has_one_record_per_exchange(built: Build) -> None:
    records = built.search_records()
    assert not (built.site / "search").exists(), "Material's lunr index is still written"
    for exchange in built.kb["exchanges"]:
        found = [r for r in records if r["url"].endswith("#" + exchange["id"])]
        assert len(found) == 1, exchange["id"]
        assert found[0]["url"] == exchange["url"]
        assert flat(exchange["question"]["text"]) in flat(found[0]["content"])
        if exchange["answer"]:
            sentence = flat(exchange["answer"]["text"].split(". ")[0][:80])
            assert [r["url"] for r in records if sentence in flat(r["content"])] == [exchange["url"]], sentence
    # Nothing else crowds the results: only exchanges, and the interviews' preface and epilogue.
    others = {r["url"].split("#")[1] for r in records} - {e["id"] for e in built.kb["exchanges"]}
    assert others <= {"preface", "epilogue"}


def test_other_pages_are_listed_for_when_no_exchange_matches(built: Build) -> None:
    """Glossary terms, entities and topics: outside Pagefind's index, in the list the box searches when nothing else matches."""
    pages = json.loads((built.site / "pagefind" / "kb-pages.json").read_text(encoding="utf-8"))
    titles = {p["title"] for p in pages}
    kb = built.kb
    assert {t["term"] for t in kb["glossary"]} | {e["name"] for e in kb["entities"]} | {t["title"] for t in kb["topics"]} == titles
    for page in pages:
        assert (built.site / page["url"] / "index.html").is_file(), page["url"]
    adva = next(p for p in pages if p["title"] == "ADVA Optical Networking")
    assert adva["url"] == "organizations/adva-optical-networking/" and "Adtran" in adva["text"]
    assert not any(r["url"].startswith(("glossary/", "organizations/", "people/", "topics/")) for r in built.search_records())


def test_search_records_carry_what_a_result_shows_and_its_filters(built: Build) -> None:
    interview = built.kb["interviews"][0]
    topics = {t["slug"]: t["title"] for t in built.kb["topics"]}
    by_url = {r["url"]: r for r in built.search_records()}
    page = soup(built.html(built.kb["exchanges"][0]["url"]))
    for exchange in built.kb["exchanges"]:
        record = by_url[exchange["url"]]
        heading = page.select_one(f"h2#{exchange['id']}")
        assert heading is not None and record["meta"]["title"] == normalise(heading.get_text()).removesuffix("¶").strip()
        assert record["meta"]["interview"] == interview["title"] and record["meta"]["date"] == interview["date"]
        assert record["filters"]["interview"] == [interview["title"]]
        assert record["filters"]["year"] == [interview["date"][:4]]
        assert sorted(record["filters"].get("topic", [])) == sorted(topics[t] for t in exchange["topics"])
        speakers = interview["speakers"]
        assert speakers[exchange["question"]["speaker"]]["name"] in record["filters"]["speaker"]
        if exchange["answer"]:
            assert speakers[exchange["answer"]["speaker"]]["name"] in record["meta"]["speaker"]


def test_glossary_spellings_find_each_other_in_the_index(built: Build) -> None:
    """An exchange that writes one spelling of a term is indexed with all of them (seeds/glossary.yml)."""
    by_url = {r["url"]: r for r in built.search_records()}
    for term in built.kb["glossary"]:
        for anchor in term["exchanges"]:
            content = by_url[next(e["url"] for e in built.kb["exchanges"] if e["id"] == anchor)]["content"]
            for spelling in [term["term"], *term["also"]]:
                assert spelling.lower() in content.lower(), (term["term"], spelling, anchor)
    sbc = by_url[next(e["url"] for e in built.kb["exchanges"] if e["id"] == "what-is-it-thats-so-hard-4e9df5")]["content"]
    assert "session border controller" in sbc.lower() and "distributed denial of service" in sbc.lower()  # definitions open with them


def test_home_lists_interview_and_topic_cards(built: Build) -> None:
    page = soup(built.html(""))
    text = text_of(page)
    assert "The Real CTOs of NFV: Martin Taylor, Metaswitch" in text
    assert page.select_one("a[href='https://blog.adva.com/en/the-real-ctos-of-nfv-martin-taylor-metaswitch']")
    cards = page.select(".grid.cards li")
    assert len(cards) == len(built.kb["topics"])
    sbc = next(c for c in cards if "Session border controllers" in c.get_text())
    count = sum("sbc" in e["topics"] for e in built.kb["exchanges"])
    assert f"{count} exchange" in text_of(sbc)


def test_tag_index_lists_every_topic(built: Build) -> None:
    text = text_of(soup(built.html("tags/")))
    for topic in built.kb["topics"]:
        assert topic["title"] in text


def test_interview_page_links_exchanges_to_topics(built: Build) -> None:
    kb = built.kb
    page = soup(built.html(kb["exchanges"][2]["url"]))
    heading = page.find(id=kb["exchanges"][2]["id"])
    assert isinstance(heading, Tag)
    meta = heading.find_next_sibling(class_="kb-exchange-meta")
    assert isinstance(meta, Tag)
    links = {a["href"] for a in meta.select("a")}
    assert f"#{kb['exchanges'][2]['id']}" in links
    assert {f"../../topics/{slug}/" for slug in kb["exchanges"][2]["topics"]} <= links


def test_no_generated_page_is_committed() -> None:
    """docs/ holds tags.md, and the project's guide (docs/guide/), which is not part of the site."""
    docs = ROOT / "docs"
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if p.relative_to(docs).parts[0] != "guide") == ["tags.md"]


def test_two_builds_are_byte_identical(built: Build, tmp_path: Path) -> None:
    again = build_site(tmp_path / "again")
    assert again.returncode == 0, again.stderr
    first = {p.relative_to(built.site): p.read_bytes() for p in sorted(built.site.rglob("*")) if p.is_file()}
    second = {p.relative_to(again.site): p.read_bytes() for p in sorted(again.site.rglob("*")) if p.is_file()}
    assert first.keys() == second.keys()
    assert [str(name) for name in first if first[name] != second[name]] == []
