"""Render the knowledge layer's pages: glossary, people/organizations/products, key facts, timeline."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from interview_kb.knowledge import phrases
from interview_kb.knowledge.exchange_links import ExchangeLinks, Knowledge
from interview_kb.knowledge.facts import timeline
from interview_kb.reading.conversation import SENTENCE_END
from interview_kb.reading.entities_file import KINDS, Entity
from interview_kb.reading.facts_file import Fact
from interview_kb.reading.glossary_file import Term
from interview_kb.reading.loader import Interview
from interview_kb.reading.transcript import Turn
from interview_kb.render import pictures
from interview_kb.render.backlinks import Backlinks, bounded, first_per_exchange
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


# A person's turns and an entity's mentions: the newest exchanges with their words, then links, then one link per
# earlier interview (render/backlinks.py). A glossary term lists fewer: sixty terms share its page.
FULL_EXCHANGES = 20
LISTED_EXCHANGES = 100
EARLIER_INTERVIEWS = 300
TERM_EXCHANGES = 20
TERM_INTERVIEWS = 20


ROLE_INTERVIEWS = 5  # a role's interviews named on its line; the Turns list links the others


@dataclass(frozen=True)
class RoleLine:
    """A person's role, organization and part (interviewer or guest), with the newest interviews they had it in."""

    role: str
    organization: str
    asks: bool
    interviews: list[Interview]
    more: int


def role_lines(entity: Entity, interviews: dict[str, Interview]) -> list[RoleLine]:
    """One line per role, organization and part, in the order first met, naming up to `ROLE_INTERVIEWS` interviews each."""
    grouped: dict[tuple[str, str, bool], list[Interview]] = {}
    for role in entity.roles:
        interview = interviews[role.interview]
        grouped.setdefault((role.role, role.organization, role.label in interview.interviewers), []).append(interview)
    return [
        RoleLine(role, organization, asks, listed[:ROLE_INTERVIEWS], max(0, len(listed) - ROLE_INTERVIEWS))
        for (role, organization, asks), listed in grouped.items()
    ]


def turn_words(links: ExchangeLinks, turn: Turn) -> str:
    return "“" + escape(excerpt(turn.text, 30)) + "”"


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
        GLOSSARY_PAGE: template("glossary.md.j2").render(terms=[(t, term_uses(knowledge, t)) for t in knowledge.glossary], **helpers),
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
                roles=role_lines(entity, {i.slug: i for i in knowledge.kb.interviews}),
                organization=lambda name: knowledge.entity_named(name),
                people=[p for p in knowledge.entities if any(r.organization in entity.forms for r in p.roles)],
                mentions=bounded(
                    [(links, entity) for links in knowledge.mentioning(entity)],
                    mention,
                    full=FULL_EXCHANGES,
                    listed=LISTED_EXCHANGES,
                    interviews=EARLIER_INTERVIEWS,
                ),
                turns=bounded(
                    first_per_exchange(knowledge.turns_of(entity)),
                    turn_words,
                    full=FULL_EXCHANGES,
                    listed=LISTED_EXCHANGES,
                    interviews=EARLIER_INTERVIEWS,
                ),
                turn_count=len(knowledge.turns_of(entity)),
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


def term_uses(knowledge: Knowledge, term: Term) -> Backlinks:
    return bounded(
        [(links, term) for links in knowledge.using(term)], lambda _, __: "", full=0, listed=TERM_EXCHANGES, interviews=TERM_INTERVIEWS
    )


def nav(knowledge: Knowledge) -> list[Any]:
    """The knowledge sections of the MkDocs nav."""
    sections: list[Any] = []
    for kind in kinds_present(knowledge):
        members = [e for e in knowledge.entities if e.kind == kind]
        sections.append({KINDS[kind][1]: [kind_index(kind), *({html.escape(e.name): e.path} for e in members)]})
    sections += [{"Glossary": GLOSSARY_PAGE}, {"Key facts": FACTS_PAGE}, {"Timeline": TIMELINE_PAGE}]
    return sections
