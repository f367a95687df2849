"""The knowledge layer over the interviews: the glossary, entities and facts (read in reading/) connected to the exchanges.

    knowledge = load(seeds_dir, kb)

For every exchange: the entities it mentions (the first mention of each is a
link), the glossary terms it uses, its previous and next exchange in interview
order, and up to three related exchanges (scripts/interview_kb/knowledge/related.py).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path

from interview_kb.errors import Report, SeedWarning, print_warning
from interview_kb.knowledge import glossary, phrases, related
from interview_kb.knowledge.base import KnowledgeBase
from interview_kb.knowledge.entity_links import Linker, Piece
from interview_kb.reading import entities_file, facts_file, glossary_file
from interview_kb.reading.entities_file import Entity
from interview_kb.reading.facts_file import Fact
from interview_kb.reading.glossary_file import Term
from interview_kb.reading.loader import Interview
from interview_kb.reading.transcript import Exchange, Turn
from interview_kb.reading.yamlfile import ReadYaml, read


@dataclass(frozen=True)
class ExchangeLinks:
    interview: Interview
    exchange: Exchange
    pieces: tuple[tuple[tuple[Piece, ...], ...], ...]  # per turn, per paragraph
    entities: tuple[Entity, ...]  # mentioned, in order of first mention
    terms: tuple[Term, ...]  # used, in glossary order
    previous: Exchange | None
    next: Exchange | None
    related: tuple[tuple[Interview, Exchange], ...]


@dataclass(frozen=True)
class Knowledge:
    kb: KnowledgeBase
    glossary: tuple[Term, ...]
    entities: tuple[Entity, ...]
    facts: tuple[Fact, ...]
    exchanges: dict[str, ExchangeLinks]  # by anchor, in reading order
    unused_terms: tuple[Term, ...]
    spellings: tuple[tuple[str, ...], ...] = ()  # the glossary's groups of spellings that search matches with each other

    def using(self, term: Term) -> list[ExchangeLinks]:
        return self._by_term.get(term, [])

    def mentioning(self, entity: Entity) -> list[ExchangeLinks]:
        return self._by_entity.get(entity, [])

    def turns_of(self, entity: Entity) -> list[tuple[ExchangeLinks, Turn]]:
        """Every turn a person spoke, in reading order."""
        spoken = [self._by_speaker.get((r.interview, r.label), []) for r in entity.roles]
        return sorted((pair for turns in spoken for pair in turns), key=lambda pair: self._position[id(pair[1])])

    # Indexes built once, so that pages for many terms, entities and speakers cost linear time.
    @cached_property
    def _by_term(self) -> dict[Term, list[ExchangeLinks]]:
        index: dict[Term, list[ExchangeLinks]] = {}
        for links in self.exchanges.values():
            for term in links.terms:
                index.setdefault(term, []).append(links)
        return index

    @cached_property
    def _by_entity(self) -> dict[Entity, list[ExchangeLinks]]:
        index: dict[Entity, list[ExchangeLinks]] = {}
        for links in self.exchanges.values():
            for entity in links.entities:
                index.setdefault(entity, []).append(links)
        return index

    @cached_property
    def _by_speaker(self) -> dict[tuple[str, str], list[tuple[ExchangeLinks, Turn]]]:
        index: dict[tuple[str, str], list[tuple[ExchangeLinks, Turn]]] = {}
        for links in self.exchanges.values():
            for turn in links.exchange.turns:
                index.setdefault((links.interview.slug, turn.speaker), []).append((links, turn))
        return index

    @cached_property
    def _position(self) -> dict[int, int]:
        turns = (turn for links in self.exchanges.values() for turn in links.exchange.turns)
        return {id(turn): number for number, turn in enumerate(turns)}

    def entity_named(self, name: str) -> Entity | None:
        """The entity one of whose spellings is exactly `name` (e.g. a speaker's organization)."""
        return next((e for e in self.entities if name in e.forms), None)


Linked = tuple[tuple[tuple[tuple[Piece, ...], ...], ...], tuple[Entity, ...], tuple[Term, ...]]


class LinkMemo:
    """Each exchange's links, names and terms from the previous build, reused while the entities and terms are the same.

    Under `mkdocs serve` the plugin keeps one, so a rebuild links only the exchanges an edit changed.
    """

    def __init__(self) -> None:
        self._key: object = None
        self._found: dict[tuple[str, Exchange], Linked] = {}
        self._used: dict[tuple[str, Exchange], Linked] = {}
        self._related: tuple[tuple[dict[str, set[tuple[str, str]]], list[str]], dict[str, list[str]]] | None = None

    def start(self, key: object) -> None:
        self._found = self._used if key == self._key else {}
        self._key, self._used = key, {}

    def get(self, slug: str, exchange: Exchange, link: Callable[[], Linked]) -> Linked:
        found = self._found.get((slug, exchange)) or link()
        self._used[(slug, exchange)] = found
        return found

    def related(self, features: dict[str, set[tuple[str, str]]], order: list[str]) -> dict[str, list[str]]:
        """`related.related(features, order)`, reused while both are the same (an edit of words seldom changes them)."""
        if self._related is None or self._related[0] != (features, order):
            self._related = ((features, order), related.related(features, order))
        return self._related[1]


def load(
    seeds: Path, kb: KnowledgeBase, report: Report = print_warning, memo: LinkMemo | None = None, read_yaml: ReadYaml = read
) -> Knowledge:
    """Read glossary, entities and facts from `seeds` and connect them to the exchanges; `report` hears of unused terms."""
    terms = glossary_file.load(seeds / glossary_file.GLOSSARY_FILE, read_yaml)
    metadata = {slug: transcript.with_suffix(".yml") for slug, transcript in kb.transcripts.items()}
    entities = entities_file.load(seeds / entities_file.ENTITIES_FILE, kb.interviews, metadata, read_yaml)
    glossary_file.check_no_overlap(seeds / glossary_file.GLOSSARY_FILE, terms, entities)
    knowledge = build(kb, terms, entities, facts_file.load_all(seeds, kb.interviews, read_yaml), memo)
    knowledge = dataclasses.replace(knowledge, spellings=glossary_file.load_spellings(seeds / glossary_file.GLOSSARY_FILE, read_yaml))
    for term in knowledge.unused_terms:
        report(
            SeedWarning(
                seeds / glossary_file.GLOSSARY_FILE,
                term.line,
                f"glossary term '{term.term}' occurs in no transcript",
                "check its spelling and case (matching is case-sensitive), list the spelling used under `also`, or remove the entry",
            )
        )
    return knowledge


def speakers_only(kb: KnowledgeBase) -> Knowledge:
    """The layer with no glossary, no facts and only the speakers as entities."""
    return build(kb, (), entities_file.from_speakers(kb.interviews), ())


def build(
    kb: KnowledgeBase, terms: tuple[Term, ...], entities: tuple[Entity, ...], facts: tuple[Fact, ...], memo: LinkMemo | None = None
) -> Knowledge:
    """Connect checked glossary terms, entities and facts to the exchanges."""
    memo = memo or LinkMemo()
    memo.start((terms, entities))
    term_of = glossary.by_form(terms)
    term_pattern = phrases.pattern(term_of)
    order = {t.term: index for index, t in enumerate(terms)}

    def terms_in(pieces: tuple[tuple[tuple[Piece, ...], ...], ...]) -> tuple[Term, ...]:
        # Matched piece by piece, as the `abbr` extension sees the text around links.
        found = {
            term_of[m.phrase].term: term_of[m.phrase]
            for turn in pieces
            for p in turn
            for piece in p
            for m in phrases.find(term_pattern, piece.text)
        }
        return tuple(sorted(found.values(), key=lambda t: order[t.term]))

    exchanges: dict[str, ExchangeLinks] = {}
    for interview in kb.interviews:
        linker = Linker(entities, interview.slug)
        siblings = interview.transcript.exchanges

        def link(exchange: Exchange, linker: Linker = linker) -> Linked:
            paragraphs = [p.text for t in exchange.turns for p in t.paragraphs]
            flat = iter(linker.pieces(paragraphs))
            pieces = tuple(tuple(tuple(next(flat)) for _ in turn.paragraphs) for turn in exchange.turns)
            return pieces, tuple(linker.mentioned("\n\n".join(paragraphs))), terms_in(pieces)

        for index, exchange in enumerate(siblings):
            pieces, mentioned, used = memo.get(interview.slug, exchange, partial(link, exchange))
            exchanges[exchange.anchor] = ExchangeLinks(
                interview=interview,
                exchange=exchange,
                pieces=pieces,
                entities=mentioned,
                terms=used,
                previous=siblings[index - 1] if index > 0 else None,
                next=siblings[index + 1] if index + 1 < len(siblings) else None,
                related=(),
            )

    features = {
        anchor: {("topic", s) for s in kb.exchange_topics[anchor]}
        | {("entity", e.name) for e in links.entities}
        | {("term", t.term) for t in links.terms}
        for anchor, links in exchanges.items()
    }
    ranked = memo.related(features, list(exchanges))
    for anchor, links in exchanges.items():
        others = tuple((exchanges[other].interview, exchanges[other].exchange) for other in ranked[anchor])
        exchanges[anchor] = dataclasses.replace(links, related=others)

    texts = [p.text for i in kb.interviews for p in (*i.transcript.preface, *i.transcript.epilogue)]
    texts += [p.text for links in exchanges.values() for t in links.exchange.turns for p in t.paragraphs]
    found = {term_of[m.phrase].term for text in texts for m in phrases.find(term_pattern, text)}
    unused = tuple(t for t in terms if t.term not in found)
    return Knowledge(kb, terms, entities, facts, exchanges, unused)
