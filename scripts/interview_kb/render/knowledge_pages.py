"""Render the knowledge layer's pages: glossary, people/organizations/products, key facts, timeline."""

from __future__ import annotations

import html
from typing import Any

from interview_kb.knowledge import phrases
from interview_kb.knowledge.exchange_links import ExchangeLinks, Knowledge
from interview_kb.knowledge.facts import timeline
from interview_kb.reading.conversation import SENTENCE_END
from interview_kb.reading.entities_file import KINDS, Entity
from interview_kb.reading.facts_file import Fact
from interview_kb.render import pictures
from interview_kb.render.markdown_text import escape, highlight
from interview_kb.render.templates import excerpt, template
from interview_kb.urls import FACTS_PAGE, GLOSSARY_PAGE, TIMELINE_PAGE, interview_page


def exchange_href(links: ExchangeLinks, root: str) -> str:
    """Markdown link target of an exchange from a page `root` ("" or "../") below the docs folder."""
    return f"{root}{interview_page(links.interview.slug)}#{links.exchange.anchor}"


def kind_index(kind: str) -> str:
    return f"{KINDS[kind][0]}/index.md"


def sentence_at(text: str, position: int) -> str:
    """The sentence of `text` that holds `position`."""
    starts = [0, *(m.end() for m in SENTENCE_END.finditer(text))]
    start = max(s for s in starts if s <= position)
    ends = [m.start() for m in SENTENCE_END.finditer(text) if m.start() >= position]
    return text[start : ends[0] if ends else len(text)]


def mention(links: ExchangeLinks, entity: Entity) -> str:
    """Markdown: the first sentence naming the entity that is not the exchange's heading, the name in bold."""
    compiled = phrases.pattern(entity.forms_in(links.interview.slug))
    label = links.exchange.label.rstrip("…")
    for turn in links.exchange.turns:
        for paragraph in turn.paragraphs:
            for found in phrases.find(compiled, paragraph.text):
                sentence = sentence_at(paragraph.text, found.start)
                if label in sentence or sentence in label:
                    continue
                start = found.start - paragraph.text.index(sentence)
                return "“" + highlight(sentence, start, start + len(found.phrase), "strong") + "”"
    return ""


def quote_markdown(fact: Fact) -> str:
    """Markdown: the quote, with the words that state the date (if any) highlighted."""
    if fact.when:
        start = fact.quote.index(fact.when)
        return "“" + highlight(fact.quote, start, start + len(fact.when)) + "”"
    return "“" + escape(fact.quote) + "”"


def quote_speaker(links: ExchangeLinks, quote: str) -> str:
    """The name of the speaker whose turn holds the quote."""
    turn = next(t for t in links.exchange.turns if any(quote in p.text for p in t.paragraphs))
    return links.interview.speakers[turn.speaker].name


def kinds_present(knowledge: Knowledge) -> list[str]:
    return [kind for kind in KINDS if any(e.kind == kind for e in knowledge.entities)]


def render(knowledge: Knowledge) -> dict[str, str]:
    """Every knowledge page, keyed by its path under `docs/`."""
    multiple = len(knowledge.kb.interviews) > 1
    titles = {i.slug: i.title for i in knowledge.kb.interviews}
    helpers: dict[str, Any] = {
        "href": exchange_href,
        "multiple_interviews": multiple,
        "titles": titles,
        "said_by": quote_speaker,
        "quoted": quote_markdown,
    }
    pages = {
        GLOSSARY_PAGE: template("glossary.md.j2").render(terms=[(t, knowledge.using(t)) for t in knowledge.glossary], **helpers),
    }
    for kind in kinds_present(knowledge):
        members = [e for e in knowledge.entities if e.kind == kind]
        pages[kind_index(kind)] = template("entities.md.j2").render(
            title=KINDS[kind][1],
            kind=kind,
            entries=[(e, len(knowledge.mentioning(e)), len(knowledge.turns_of(e))) for e in members],
            **helpers,
        )
        for entity in members:
            pages[entity.path] = template("entity.md.j2").render(
                entity=entity,
                interviews={i.slug: i for i in knowledge.kb.interviews},
                organization=lambda name: knowledge.entity_named(name),
                people=[p for p in knowledge.entities if any(r.organization in entity.forms for r in p.roles)],
                mentions=[(links, mention(links, entity)) for links in knowledge.mentioning(entity)],
                turns=knowledge.turns_of(entity),
                excerpt=excerpt,
                **helpers,
            )
    facts_by_interview: list[tuple[Any, list[Fact]]] = [
        (i, [f for f in knowledge.facts if f.interview == i.slug]) for i in knowledge.kb.interviews
    ]
    pages[FACTS_PAGE] = template("facts.md.j2").render(
        groups=[(i, f) for i, f in facts_by_interview if f], exchanges=knowledge.exchanges, **helpers
    )
    events = timeline(knowledge.facts)
    years: dict[str, list[Fact]] = {}
    for event in events:
        years.setdefault(event.date[:4], []).append(event)
    pages[TIMELINE_PAGE] = template("timeline.md.j2").render(
        years=years, exchanges=knowledge.exchanges, picture=pictures.timeline_picture(events), event_id=pictures.event_id, **helpers
    )
    return pages


def nav(knowledge: Knowledge) -> list[Any]:
    """The knowledge sections of the MkDocs nav."""
    sections: list[Any] = []
    for kind in kinds_present(knowledge):
        members = [e for e in knowledge.entities if e.kind == kind]
        sections.append({KINDS[kind][1]: [kind_index(kind), *({html.escape(e.name): e.path} for e in members)]})
    sections += [{"Glossary": GLOSSARY_PAGE}, {"Key facts": FACTS_PAGE}, {"Timeline": TIMELINE_PAGE}]
    return sections
