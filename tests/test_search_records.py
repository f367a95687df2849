"""The search index's records, made from the knowledge base without Pagefind: one per exchange, what each carries, the other pages."""

from __future__ import annotations

from interview_kb.knowledge.base import KnowledgeBase
from interview_kb.knowledge.exchange_links import Knowledge, build
from interview_kb.outputs.search import records as records_module
from interview_kb.outputs.search.about import ABOUT_WEIGHT
from interview_kb.outputs.search.records import QUESTION_WEIGHT, Record, other_pages, records, spellings
from interview_kb.outputs.search.variants import SHARE
from interview_kb.reading.entities_file import Entity
from interview_kb.reading.glossary_file import Term
from interview_kb.reading.topics_file import Topic
from interview_kb.urls import SiteUrls

from tests.support import interview

TEXT = (
    "Recorded at the 2015 summit.\n\n"
    "Q: What makes an SBC hard?\n\n"
    "A: A session border controller sits at the edge. Acme built one.\n\n"
    "Q: And the cloud?\n\n"
    "A: It moved there.\n\n"
    "Q: Thanks.\n\n"
    "This transcript was edited for length.\n"
)
SBC = Term("SBC", "Session border controller: a box at the edge of a network.", "", ("SBC", "SBCs"), 1)
ACME = Entity("Acme Corporation", "organization", "A maker of boxes.", "", ("Acme Corporation", "Acme"))
EDGE = Topic("edge", "The network edge", "Boxes at the edge of a network.", (("edge", 1.0),), 1.0, (), ())
URLS = SiteUrls("", use_directory_urls=True)


def knowledge() -> Knowledge:
    """One interview (`demo`, 2015), its first exchange on the topic `edge`, with one glossary term and one organization."""
    demo = interview(TEXT)
    first, *others = demo.transcript.exchanges
    kb = KnowledgeBase((demo,), (EDGE,), {first.anchor: ("edge",)} | {other.anchor: () for other in others})
    return build(kb, (SBC,), (ACME,), ())


def made() -> list[Record]:
    layer = knowledge()
    return list(records(layer.kb, layer, URLS))


def test_every_exchange_is_one_record_at_its_permanent_link_and_so_are_the_preface_and_the_epilogue() -> None:
    exchanges = knowledge().kb.interviews[0].transcript.exchanges
    found = made()
    assert [record.url for record in found] == [
        "interviews/demo/#preface",
        *(f"interviews/demo/#{exchange.anchor}" for exchange in exchanges),
        "interviews/demo/#epilogue",
    ]
    assert [record.title for record in found] == ["Preface", "What makes an SBC hard?", "And the cloud?", "Thanks.", "Epilogue"]
    assert found[0].weighted == ((1.0, "Recorded at the 2015 summit."), ABOUT)
    assert found[-1].weighted == ((1.0, "This transcript was edited for length."), ABOUT)


# What the interview is about (about.py): nothing in a series of one, which it would not tell from another.
ABOUT = (ABOUT_WEIGHT, "")


def test_every_record_of_an_interview_carries_what_the_interview_is_about() -> None:
    layer = knowledge()
    other = interview("Q: Why?\n\nA: Because.\n", slug="other")
    topics = {**layer.kb.exchange_topics, other.transcript.exchanges[0].anchor: ()}
    kb = KnowledgeBase((*layer.kb.interviews, other), layer.kb.topics, topics)
    found = list(records(kb, build(kb, (SBC,), (ACME,), ()), URLS))
    # Its title, guest, the guest's organization and the topic of a third of its exchanges.
    demo = (ABOUT_WEIGHT, "Title of demo · Ada Answer · Acme · The network edge")
    assert [record.weighted[-1] for record in found] == [demo] * 5 + [(ABOUT_WEIGHT, "Title of other · Ada Answer · Acme")]
    assert 0 < ABOUT_WEIGHT < 1  # below an answer's own words: the exchange that discusses the words comes first


def test_an_exchange_record_carries_what_the_search_box_shows_and_filters_by() -> None:
    exchange = made()[1]
    assert exchange.meta == {"interview": "Title of demo", "date": "2015", "speaker": "Ada Answer"}  # who answers
    assert exchange.filters == {
        "interview": ["Title of demo"],
        "speaker": ["Quinn Asker", "Ada Answer"],  # everyone who speaks in it
        "topic": ["The network edge"],
        "year": ["2015"],
    }
    assert made()[2].filters["topic"] == []


def test_the_spellings_an_exchange_does_not_write_come_at_the_weight_of_where_it_uses_them() -> None:
    # The question says "SBC": the term's other spellings weigh as the question.
    # The answer names "Acme": its full name weighs as the answer.
    assert made()[1].weighted == (
        (QUESTION_WEIGHT, "What makes an SBC hard?"),
        (QUESTION_WEIGHT, "SBCs · Session border controller"),
        (1.0, "A session border controller sits at the edge. Acme built one."),
        (1.0, "Acme Corporation"),
        (QUESTION_WEIGHT * SHARE, ""),  # no word here has another spelling (variants.py)
        (SHARE, ""),
        ABOUT,
    )


def test_a_glossary_term_is_also_spelled_as_the_expansion_that_opens_its_definition() -> None:
    assert spellings(SBC) == ["SBC", "SBCs", "Session border controller"]
    long_lead = Term("NFV", "Network functions that run as plain software: the idea.", "", ("NFV",), 1)
    assert spellings(long_lead) == ["NFV"]  # seven words before the colon: a sentence, not a name
    spelled_out = Term("SBC", "sbcs: the plural.", "", ("SBC", "SBCs"), 1)
    assert spellings(spelled_out) == ["SBC", "SBCs"]  # already a spelling, in another case


def test_a_record_is_the_html_pagefind_reads_escaped_with_its_link_kept_in_the_meta() -> None:
    record = Record("interviews/demo/#a", "Why <b>?", {"speaker": "Ann & Bob", "date": ""}, {"year": ["2015"]}, ((1.0, "x < y"), (4.0, "")))
    assert record.html() == (
        '<!DOCTYPE html><html lang="en"><body><main data-pagefind-body>'
        '<h1 data-pagefind-meta="title" data-pagefind-weight="4">Why &lt;b&gt;?</h1>'
        '<p data-pagefind-weight="1">x &lt; y</p>'
        '<meta data-pagefind-meta="speaker[content]" content="Ann &amp; Bob">'
        '<meta data-pagefind-meta="url[content]" content="interviews/demo/#a">'
        '<meta data-pagefind-filter="year[content]" content="2015">'
        "</main></body></html>"
    )


def test_the_other_pages_are_the_glossary_terms_entities_and_topics_with_their_other_spellings() -> None:
    layer = knowledge()
    assert other_pages(layer.kb, layer, URLS) == [
        {
            "title": "SBC",
            "url": "glossary/",
            "text": "SBCs · Session border controller · Session border controller: a box at the edge of a network.",
        },
        {"title": "Acme Corporation", "url": "organizations/acme-corporation/", "text": "Acme · A maker of boxes."},
        {"title": "The network edge", "url": "topics/edge/", "text": "Boxes at the edge of a network."},
    ]


def test_an_exchange_with_long_answers_is_one_record_per_passage_each_with_the_question() -> None:
    paragraph = " ".join(["kubernetes"] * 150)
    long_text = "Q: What is it?\n\nA: " + "\n\n".join([paragraph] * 8) + "\n\nQ: Thanks.\n"
    demo = interview(long_text)
    exchange, thanks = demo.transcript.exchanges
    kb = KnowledgeBase((demo,), (), {exchange.anchor: (), thanks.anchor: ()})
    found = list(records(kb, build(kb, (), (), ()), URLS))
    passages = [record for record in found if record.url.endswith(exchange.anchor)]
    # 1,200 words of answer: passages of about 400 words (three paragraphs of 150), all at the exchange's link.
    assert len(passages) == 3 and [r.continues for r in passages] == [False, True, True]
    assert all(r.title == "What is it?" and r.weighted[0] == (QUESTION_WEIGHT, "What is it?") for r in passages)
    answers = [" ".join(text for weight, text in r.weighted if weight == 1.0 and text) for r in passages]
    assert " ".join(answers) == " ".join([paragraph] * 8)  # every word once, in order
    assert not found[-1].continues  # the next exchange is a record of its own


def test_short_answers_stay_one_passage_and_a_short_last_passage_joins_the_one_before() -> None:
    assert records_module.passages(["a short answer", "and another"]) == [["a short answer", "and another"]]
    turns = [" ".join(["w"] * 420), " ".join(["w"] * 420), " ".join(["w"] * 420), " ".join(["w"] * 100)]
    assert [len(p) for p in records_module.passages(turns)] == [1, 1, 2]
