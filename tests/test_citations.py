"""Citations in five formats (render/citations.py): the style guides' entries, BibTeX and CSL-JSON, and the downloads."""

from __future__ import annotations

import json
import re

import pytest
from interview_kb.render import citations

from tests.page_citations import page_citations
from tests.support import Build, interview, soup

TEXT = "Q: Why did you build it?\n\nA: Because the old one fell over.\n\nQ: Thanks for your time.\n"
LINK = "https://kb.example.org/interviews/demo/#why"


def works() -> tuple[citations.Work, citations.Work, citations.Work]:
    talk = interview(TEXT, date="2015-03-02")
    answered, closing = talk.transcript.exchanges
    return citations.of_interview(talk), citations.of_exchange(talk, answered, LINK), citations.of_exchange(talk, closing, LINK)


def test_the_style_guides_entries_of_an_interview() -> None:
    whole, _, _ = works()
    assert citations.chicago(whole) == (
        "Answer, Ada. “Title of demo.” Interview by Quinn Asker. Example Blog, March 2, 2015. https://example.com/demo."
    )
    assert (
        citations.apa(whole) == "Answer, A. (2015, March 2). Title of demo [Interview by Q. Asker]. Example Blog. https://example.com/demo"
    )
    assert citations.mla(whole) == "Answer, Ada. “Title of demo.” Interview by Quinn Asker. Example Blog, 2 Mar. 2015, example.com/demo."


def test_an_exchange_is_cited_in_its_interview_at_its_permanent_link() -> None:
    _, exchange, _ = works()
    assert citations.chicago(exchange) == (
        f"Answer, Ada. “Why did you build it?” In “Title of demo,” interview by Quinn Asker. Example Blog, March 2, 2015. {LINK}."
    )
    assert citations.apa(exchange) == (
        f"Answer, A. (2015, March 2). Why did you build it? [Interview by Q. Asker, in Title of demo]. Example Blog. {LINK}"
    )
    assert citations.mla(exchange).startswith(
        "Answer, Ada. “Why did you build it?” Interview by Quinn Asker. “Title of demo,” Example Blog"
    )


def test_an_unanswered_exchange_cites_who_spoke_in_an_interview_with_the_guests() -> None:
    _, _, closing = works()
    assert closing.authors == ("Quinn Asker",) and closing.interviewers == ()
    assert citations.chicago(closing).startswith("Asker, Quinn. “Thanks for your time.” In “Title of demo,” interview with Ada Answer.")
    item = citations.csl(closing)
    assert "interviewer" not in item and item["note"] == "Interview with Ada Answer"
    assert "Interview by" not in citations.bibtex(closing)


def test_bibtex_escapes_latex_and_keeps_braces_balanced() -> None:
    talk = interview("Q: Is 100% of {it} C# & $money_^~\\?\n\nA: Yes.\n")
    entry = citations.bibtex(citations.of_exchange(talk, talk.transcript.exchanges[0], LINK))
    title = re.search(r"title = \{\{(.*)\}\},", entry)
    assert title and title.group(1) == r"Is 100\% of \{it\} C\# \& \$money\_\textasciicircum{}\textasciitilde{}\textbackslash{}?"
    depth = 0
    for character in entry.replace("\\{", "").replace("\\}", ""):
        depth += {"{": 1, "}": -1}.get(character, 0)
        assert depth >= 0
    assert depth == 0
    assert entry.startswith("@misc{why-") or entry.startswith("@misc{is-")


def test_csl_json_items_follow_the_schema_reference_managers_read() -> None:
    for work in works():
        [item] = json.loads(citations.csl_json(work))
        assert item["type"] == "interview" and item["id"] == work.key and item["title"] == work.title
        assert item["issued"] == {"date-parts": [[2015, 3, 2]]}
        for name in item["author"] + item.get("interviewer", []):
            assert set(name) in ({"family", "given"}, {"literal"})


@pytest.mark.parametrize(
    ("name", "written"),
    [("Martin Taylor", "Taylor, Martin"), ("Ana María García", "García, Ana María"), ("Madonna", "Madonna"),
     ("陈 伟", "陈 伟"), ("Martin Luther King Jr.", "Martin Luther King Jr."), ("Acme, Inc.", "Acme, Inc."), ("R2 D2", "R2 D2")],
)  # fmt: skip
def test_only_plain_given_and_family_names_are_inverted(name: str, written: str) -> None:
    assert citations.inverted(name) == written


@pytest.mark.slow
def test_the_built_site_offers_every_format_and_the_downloads(built: Build) -> None:
    for record in built.kb["interviews"]:
        slug = record["slug"]
        page = soup(built.html(f"interviews/{slug}/"))
        exchanges = [e for e in built.kb["exchanges"] if e["interview"] == slug]
        menus = page.select("details.kb-cite-formats")
        assert len(menus) == len(exchanges) + 1  # the interview's, then one per exchange
        assert [b.get_text() for b in menus[0].select("button.kb-cite-format")] == list(citations.FORMATS)
        assert all(not menu.select("button") for menu in menus[1:])  # each exchange's is written by the page's script
        written = page_citations(built.html(f"interviews/{slug}/"))
        assert list(written) == [e["id"] for e in exchanges]
        assert all(list(formats) == ["Cite", *citations.FORMATS] for formats in written.values())
        items = json.loads(built.download(f"{slug}.json"))
        assert [item["id"] for item in items] == [slug, *(e["id"] for e in exchanges)]
        bib = built.download(f"{slug}.bib").decode("utf-8")
        assert re.findall(r"^@misc\{([^,]+),", bib, re.MULTILINE) == [slug, *(e["id"] for e in exchanges)]
        assert page.select_one(f'a[href="../../downloads/{slug}.bib.gz"][download]')
        assert page.select_one(f'a[href="../../downloads/{slug}.json.gz"][download]')
