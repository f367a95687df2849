"""What an interview is about, as words that every one of its records carries (at `ABOUT_WEIGHT`).

At archive scale a product or a company is mentioned in passing by many
interviews but discussed by one; a search for it should prefer that one's
exchanges. Pagefind ranks records, not interviews, so each record of an
interview carries a short block of what the interview is about: its title,
its guests, their organizations, its tags, the organizations and products it
mentions in several exchanges, the topics of a good share of its exchanges, and
its most distinctive words (mentioned often in it, seldom elsewhere: "lancedb"
in the interview with LanceDB's founder), which is what the block holds when the
metadata names nothing more than the guests. The block weighs less than an
answer's own words, so within the interview the exchanges that discuss the
thing still come first.

Pure and deterministic: the same knowledge base gives the same words in the same order.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from interview_kb.knowledge.base import KnowledgeBase
from interview_kb.knowledge.exchange_links import Knowledge
from interview_kb.outputs.search import vocabulary
from interview_kb.reading.loader import Interview

ABOUT_WEIGHT = 0.5  # of an answer's word: enough to lift the interview's exchanges, not to outrank those that discuss the words
DISTINCTIVE = 8  # distinctive words per interview, at most
MIN_MENTIONS = 5  # times an interview must use a word for it to be distinctive of it
MIN_INTERVIEWS = 10  # fewer interviews than this have no distinctive words: every word is rare among two
MAX_SHARE = 0.2  # a distinctive word is used by at most this share of the interviews
MIN_LETTERS = 3
MIN_SERIES = 2  # interviews, at least, for what one is about to tell its exchanges from another's
ENTITY_EXCHANGES = 3  # an organization or product mentioned in this many of an interview's exchanges is what it is about
TOPIC_SHARE = 0.25  # a topic of this share of an interview's exchanges is what it is about
MAX_TOPICS = 3


def interview_words(interview: Interview) -> Counter[str]:
    """Every word of an interview's transcript (preface and epilogue too), normalized as the vocabulary is, with its count."""
    transcript = interview.transcript
    counted: Counter[str] = Counter()
    for exchange in transcript.exchanges:
        for turn in exchange.turns:
            counted.update(vocabulary.words(turn.text))
    for paragraph in (*transcript.preface, *transcript.epilogue):
        counted.update(vocabulary.words(paragraph.text))
    return counted


def distinctive(counts: dict[str, Counter[str]]) -> dict[str, list[str]]:
    """Each interview's most distinctive words: used at least `MIN_MENTIONS` times, by few other interviews, most telling first.

    Telling is the count in the interview times the word's rarity across the series
    (tf·idf); ties go to the word first in alphabetical order, so the choice is stable.
    """
    if len(counts) < MIN_INTERVIEWS:
        return {slug: [] for slug in counts}
    used_by: Counter[str] = Counter()
    for counted in counts.values():
        used_by.update(counted.keys())
    most = max(1, math.floor(MAX_SHARE * len(counts)))
    found: dict[str, list[str]] = {}
    for slug, counted in counts.items():
        scored = [
            (-n * math.log(len(counts) / used_by[word]), word)
            for word, n in counted.items()
            if n >= MIN_MENTIONS and used_by[word] <= most and len(word) >= MIN_LETTERS and word.isalpha()
        ]
        found[slug] = [word for _, word in sorted(scored)[:DISTINCTIVE]]
    return found


def mentioned(knowledge: Knowledge, interview: Interview) -> list[str]:
    """The organizations and products the interview mentions in at least `ENTITY_EXCHANGES` exchanges, most mentioned first."""
    exchanges: Counter[str] = Counter()
    for exchange in interview.transcript.exchanges:
        links = knowledge.exchanges.get(exchange.anchor)
        if links:
            exchanges.update(e.name for e in links.entities if e.kind in ("organization", "product"))
    return [name for name, n in sorted(exchanges.items(), key=lambda item: (-item[1], item[0])) if n >= ENTITY_EXCHANGES]


def main_topics(kb: KnowledgeBase, interview: Interview) -> list[str]:
    """The titles of the topics of at least `TOPIC_SHARE` of the interview's exchanges, the most common first."""
    exchanges = interview.transcript.exchanges
    counted = Counter(slug for e in exchanges for slug in kb.exchange_topics.get(e.anchor, ()))
    titles = {t.slug: t.title for t in kb.topics}
    chosen = [slug for slug, n in sorted(counted.items(), key=lambda item: (-item[1], item[0])) if n >= TOPIC_SHARE * len(exchanges)]
    return [titles[slug] for slug in chosen[:MAX_TOPICS] if slug in titles]


def about(kb: KnowledgeBase, knowledge: Knowledge, counts: dict[str, Counter[str]]) -> dict[str, str]:
    """Each interview's block of what it is about (slug → text), its parts each once, in the order of the docstring.

    `counts`: each interview's words with their counts (`interview_words`).
    """
    if len(kb.interviews) < MIN_SERIES:
        return {interview.slug: "" for interview in kb.interviews}  # nothing to tell it from: the block would only blur its exchanges
    words = distinctive(counts)
    blocks: dict[str, str] = {}
    for interview in kb.interviews:
        guests = interview.guests
        parts = [
            interview.title,
            *(g.name for g in guests),
            *(g.organization for g in guests),
            *interview.tags,
            *mentioned(knowledge, interview),
            *main_topics(kb, interview),
            *words[interview.slug],
        ]
        blocks[interview.slug] = " · ".join(unique(p.strip() for p in parts if p.strip()))
    return blocks


def unique(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for value in values:
        if value.lower() not in seen:
            seen.add(value.lower())
            kept.append(value)
    return kept
