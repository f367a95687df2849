"""The knowledge layer in the built site: tooltips, entity backlinks, previous/next, related, citations, facts."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import Tag
from interview_kb.knowledge import phrases

from tests.page_citations import page_citations
from tests.support import Build, normalise, soup, text_of

pytestmark = pytest.mark.slow  # builds sites (make test-fast leaves it out)


def section(built: Build, exchange: dict[str, Any]) -> list[Tag]:
    """The elements of one exchange on its interview page: heading up to the next heading."""
    heading = soup(built.html(exchange["url"])).find(id=exchange["id"])
    assert isinstance(heading, Tag), exchange["url"]
    parts = [heading]
    for sibling in heading.find_next_siblings():
        if sibling.name in ("h1", "h2"):
            break
        parts.append(sibling)
    return parts


def turns(parts: list[Tag]) -> list[Tag]:
    return [p for p in parts if "kb-turn" in (p.get("class") or [])]


def exchanges_by_id(built: Build) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in built.kb["exchanges"]}


def test_every_glossary_term_used_renders_abbr_with_its_definition(built: Build) -> None:
    by_id = exchanges_by_id(built)
    glossary = built.kb["glossary"]
    assert {"NFV", "VNF", "IMS", "SBC", "RTP", "DDoS", "ATCA", "OEM", "CTO", "x86", "OpenStack", "VMware"} <= {t["term"] for t in glossary}
    for term in glossary:
        assert term["exchanges"], f"{term['term']} is used nowhere"
        for anchor in term["exchanges"]:
            parts = section(built, by_id[anchor])
            shown = [a for part in parts for a in ([part] if part.name == "abbr" else part.select("abbr"))]
            matching = [a for a in shown if a["title"] == term["definition"]]
            # One tooltip per term and exchange, at its first occurrence; the later ones are plain text.
            assert len(matching) == 1, f"{term['term']} in {anchor}: {len(matching)} tooltips"
            assert matching[0].get_text() in [term["term"], *term["also"]]
            text = normalise(" ".join(text_of(part) for part in parts))
            first = min(text.find(form) for form in [term["term"], *term["also"]] if phrases_in(form, text))
            assert text.find(matching[0].get_text()) == first, f"{term['term']} in {anchor}: not the first occurrence"


def phrases_in(form: str, text: str) -> bool:
    compiled = phrases.pattern([form])
    return bool(phrases.find(compiled, text))


def test_no_tooltip_inside_a_word(built: Build) -> None:
    page = soup(built.html(built.kb["exchanges"][0]["url"]))
    for abbr in page.select("article abbr"):
        before, after = abbr.previous_sibling, abbr.next_sibling
        assert not (isinstance(before, str) and before[-1:].isalnum()), abbr
        assert not (isinstance(after, str) and after[:1].isalnum()), abbr
    assert "cl<abbr" not in str(page)  # "claims" keeps its IMS untouched


def test_glossary_page_lists_terms_alphabetically_with_their_exchanges(built: Build) -> None:
    page = soup(built.html("glossary/"))
    headings = [h.get_text().rstrip("¶") for h in page.select("article h2")]
    assert headings == sorted(headings, key=str.casefold)
    by_term = {t["term"]: t for t in built.kb["glossary"]}
    for heading in page.select("article h2"):
        term = by_term[heading.get_text().rstrip("¶")]
        box = heading.find_next_sibling(class_="kb-backlinks")
        assert isinstance(box, Tag)
        assert [str(a["href"]).split("#")[1] for a in box.select("a[href*='#']")] == term["exchanges"]


def test_entity_backlinks_point_at_existing_exchanges_that_mention_the_entity(built: Build) -> None:
    by_id = exchanges_by_id(built)
    names = {e["name"] for e in built.kb["entities"]}
    assert {
        "Metaswitch",
        "ADVA Optical Networking",
        "AT&T",
        "Clearwater",
        "Perimeta",
        "MetaSphere",
        "Martin Taylor",
        "Prayson Pate",
    } <= names
    for entity in built.kb["entities"]:
        page = soup(built.html(entity["url"]))
        box = page.select_one("#mentioned-in ~ .kb-backlinks")
        assert isinstance(box, Tag), entity["url"]
        targets = [str(a["href"]).split("#")[1] for a in box.select("a[href*='#']")]
        assert targets == entity["exchanges"], entity["name"]
        forms = [entity["name"], *entity["also"], *(r["label"] for r in entity["speaks_in"])]
        for anchor in targets:
            text = " ".join(text_of(t) for t in turns(section(built, by_id[anchor])))
            assert phrases.find(phrases.pattern(forms), text), f"{anchor} does not mention {entity['name']}"


def test_names_link_to_their_page_at_first_mention_only(built: Build) -> None:
    urls = {e["url"] for e in built.kb["entities"]}
    for exchange in built.kb["exchanges"]:
        links = [str(a["href"]) for t in turns(section(built, exchange)) for a in t.select("a")]
        pages = [href.removeprefix("../../") for href in links]
        assert len(pages) == len(set(pages)), exchange["id"]
        assert set(pages) <= urls
        assert sorted(pages) == sorted(e["url"] for e in built.kb["entities"] if e["slug"] in exchange["entities"])


def test_speaker_pages_list_their_turns(built: Build) -> None:
    martin = next(e for e in built.kb["entities"] if e["name"] == "Martin Taylor")
    page = soup(built.html(martin["url"]))
    listed = [str(a["href"]).split("#")[1] for a in page.select("#turns ~ .kb-backlinks")[0].select("a[href*='#']")]
    answered = [e["id"] for e in built.kb["exchanges"] if e["answer"] and e["answer"]["speaker"] == "Martin"]
    assert listed == answered


def test_previous_next_chain_visits_every_exchange_once(built: Build) -> None:
    kb = built.kb
    for interview in kb["interviews"]:
        ids = [e["id"] for e in kb["exchanges"] if e["interview"] == interview["slug"]]
        by_id = exchanges_by_id(built)
        first = [i for i in ids if by_id[i]["previous"] is None]
        assert len(first) == 1
        chain, current = [], first[0]
        while current:
            chain.append(current)
            parts = section(built, by_id[current])
            nav = [p for p in parts if "kb-exchange-nav" in (p.get("class") or [])]
            following = [a for a in (nav[0].select("a") if nav else []) if "Next:" in str(a.previous_sibling or "")]
            current = str(following[0]["href"]).lstrip("#") if following else None
            assert current == by_id[chain[-1]]["next"]
        assert chain == ids


def test_related_exchanges_are_at_most_three_and_resolve(built: Build) -> None:
    by_id = exchanges_by_id(built)
    for exchange in built.kb["exchanges"]:
        assert len(exchange["related"]) <= 3 and exchange["id"] not in exchange["related"]
        assert all(other in by_id for other in exchange["related"])
    with_related = [e for e in built.kb["exchanges"] if e["related"]]
    assert len(with_related) >= len(built.kb["exchanges"]) - 1


def test_cite_gives_a_ready_citation(built: Build) -> None:
    kb = built.kb
    interview = kb["interviews"][0]
    written = page_citations(built.html(f"interviews/{interview['slug']}/"))
    for exchange in kb["exchanges"]:
        assert isinstance(section(built, exchange)[1].select_one("button.kb-cite"), Tag)
        citation = written[exchange["id"]]["Cite"]
        speaker = interview["speakers"][(exchange["answer"] or exchange["question"])["speaker"]]["name"]
        interviewer = interview["speakers"][interview["interviewer"]]["name"]
        for part in (speaker, interview["title"], interviewer, interview["publication"], interview["date"][:4], interview["source"]):
            assert part in citation, part
        assert citation.endswith("/" + exchange["url"].replace(".html", "/"))


def test_facts_and_timeline_quote_the_exchange_they_link(built: Build) -> None:
    by_id = exchanges_by_id(built)
    facts = built.kb["facts"]
    assert len(facts) >= 10
    for fact in facts:
        text = " ".join(text_of(t) for t in turns(section(built, by_id[fact["exchange"]])))
        assert fact["quote"] in text
    timeline = soup(built.html("timeline/"))
    events = [f for f in facts if f["date"]]
    quotes = [normalise(q.get_text()) for q in timeline.select("article .kb-quote")]
    assert len(quotes) == len(events)
    shown_order = [next(f for f in events if f["quote"] in q) for q in quotes]
    assert [f["date"] for f in shown_order] == sorted(f["date"] for f in events)
    assert [m.get_text() for m in timeline.select("article .kb-quote mark")] == [f["when"] for f in shown_order]
    for quote in timeline.select("article .kb-quote"):
        link = quote.select_one("a[href*='#']")
        assert isinstance(link, Tag)
        assert str(link["href"]).split("#")[1] in by_id


def test_knowledge_pages_stay_out_of_search(built: Build) -> None:
    locations = {r["url"].split("#")[0] for r in built.search_records()}
    assert locations == {f"interviews/{i['slug']}/" for i in built.kb["interviews"]}
