"""The search index's records, made from the knowledge base: one per exchange, and the parts of the index they are dealt into.

Each exchange is indexed as its own small HTML document that carries the
exchange's permanent link (meta `url`, the name Pagefind's own UIs read), so a search ranks exchanges, not pages. The record
is made from the seeds (not from the rendered pages), which makes it the same
under `mkdocs build`, `mkdocs serve` and the Zensical build, and cheap to redo
after every rebuild. In a record:

- the question weighs more than the answers (`QUESTION_WEIGHT`);
- every glossary term the exchange uses brings the spellings it does not write
  (term, `also`, and the expansion that opens its definition, "Session border
  controller: …"), and every entity it mentions brings its other names, at the
  weight of where the exchange uses them (`other_spellings`): one search for any
  spelling finds and ranks the exchange as if it had been written that way;
- every word with a British or American form, or hyphenated, brings the forms
  the exchange does not write (variants.py), at a share of that weight;
- an exchange whose answers are long (a transcript that never marks a new
  question can be one exchange of thousands of words) is several records, one
  per passage of its answers (`passages`), each with the question: on a long
  record every word scores low, and a passage that discusses the words ranks
  as a short exchange would; the search box lists the exchange once, at its
  best passage (the records after the first say `continues`);
- every record of an interview carries what the interview is about (about.py:
  title, guests, their organizations, the products it discusses, its main
  topics, its distinctive words) at `ABOUT_WEIGHT`, so a search naming a guest's
  product prefers that interview's exchanges to those that mention it in passing;
- meta (`title` = the question's key sentence, `speaker`, `interview`, `date`)
  and filters (`interview`, `speaker`, `topic`, `year`) are what the search box shows.

The interview's preface and epilogue are records too, so that no text is unsearchable.
The other pages (glossary, people, organizations, products, topics) are not in
Pagefind's index, so they never crowd the exchanges: they are listed in a small
file (`other_pages`) that the search box reads, and searches, only when no exchange matches.

Everything here is a pure function of the knowledge base: nothing runs Pagefind or writes a file.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from interview_kb.knowledge.base import KnowledgeBase
from interview_kb.knowledge.exchange_links import Knowledge
from interview_kb.outputs.search.about import ABOUT_WEIGHT, about, interview_words
from interview_kb.outputs.search.variants import SHARE, Spellings
from interview_kb.reading.glossary_file import Term
from interview_kb.reading.transcript import Paragraph
from interview_kb.urls import GLOSSARY_PAGE, SiteUrls, topic_page

SHARD_SIZE = 40000  # records per part of the index at most (see `shards`): two thousand interviews are one part
WORDS_PAGE = "words"  # a part's page of the words only other parts have (see `missing_words`); its name ends `-words`
QUESTION_WEIGHT = 4.0
LONG_ANSWERS = 1000  # words of an exchange's answers above which they are indexed in passages
PASSAGE_WORDS = 400  # words of a passage, about: a passage ends with the turn or paragraph that reaches it


@dataclass(frozen=True)
class Record:
    """One searchable unit: its URL (site-relative, with the `#anchor`) and the HTML Pagefind reads."""

    url: str
    title: str
    meta: dict[str, str]
    filters: dict[str, list[str]] = field(default_factory=dict)
    weighted: tuple[tuple[float, str], ...] = ()  # (weight, plain text) blocks, in order
    continues: bool = False  # a passage after the first of a long exchange, at the same url

    def html(self) -> str:
        tags = [f'<h1 data-pagefind-meta="title" data-pagefind-weight="{QUESTION_WEIGHT:g}">{html.escape(self.title)}</h1>']
        tags += [f'<p data-pagefind-weight="{weight:g}">{html.escape(text)}</p>' for weight, text in self.weighted if text]
        meta = {**self.meta, "url": self.url}  # `url`: the link Pagefind's own UIs take in place of the record's file
        tags += [f'<meta data-pagefind-meta="{key}[content]" content="{html.escape(value)}">' for key, value in meta.items() if value]
        tags += [
            f'<meta data-pagefind-filter="{key}[content]" content="{html.escape(value)}">'
            for key, values in self.filters.items()
            for value in values
        ]
        return '<!DOCTYPE html><html lang="en"><body><main data-pagefind-body>' + "".join(tags) + "</main></body></html>"


def spellings(term: Term) -> list[str]:
    """Every way a glossary term is written: headword, `also`, and the expansion opening its definition."""
    forms = list(term.forms)
    lead, colon, _ = term.definition.partition(":")
    if colon and 0 < len(lead.split()) <= 6 and lead.lower() not in (f.lower() for f in forms):
        forms.append(lead)
    return forms


def text_of(paragraphs: Iterable[Paragraph]) -> str:
    return " ".join(p.text for p in paragraphs)


def records(kb: KnowledgeBase, knowledge: Knowledge, urls: SiteUrls) -> Iterator[Record]:
    topic_titles = {t.slug: t.title for t in kb.topics}
    counts = {interview.slug: interview_words(interview) for interview in kb.interviews}
    abouts = about(kb, knowledge, counts)
    variants = Spellings(knowledge.spellings, set().union(*counts.values()) if counts else ())
    for interview in kb.interviews:
        page = urls.interview(interview.slug)
        shown = {"interview": interview.title, "date": interview.date}
        year = [interview.date[:4]]
        subject = (ABOUT_WEIGHT, abouts[interview.slug])
        if interview.transcript.preface:
            yield Record(f"{page}#preface", "Preface", shown, {"interview": [interview.title], "year": year},
                         ((1.0, text_of(interview.transcript.preface)), subject))  # fmt: skip
        for exchange in interview.transcript.exchanges:
            links = knowledge.exchanges.get(exchange.anchor)
            groups = [spellings(t) for t in links.terms] + [list(e.forms_in(interview.slug)) for e in links.entities] if links else []
            answers = " ".join(turn.text for turn in exchange.answers)
            in_question, elsewhere = other_spellings(groups, exchange.question.text, answers)
            question_forms = variants.added(exchange.question.text)
            answerers = unique(interview.speakers[t.speaker].name for t in exchange.answers)
            question = (
                (QUESTION_WEIGHT, exchange.question.text),
                (QUESTION_WEIGHT, " · ".join(in_question)),
            )
            meta = {**shown, "speaker": ", ".join(answerers)}
            filters = {
                "interview": [interview.title],
                "speaker": unique(interview.speakers[t.speaker].name for t in exchange.turns),
                "topic": [topic_titles[slug] for slug in kb.exchange_topics[exchange.anchor]],
                "year": year,
            }
            for number, passage in enumerate(passages([turn.text for turn in exchange.answers])):
                text = " ".join(passage)
                yield Record(
                    url=f"{page}#{exchange.anchor}",
                    title=exchange.label,
                    meta=meta,  # the same for each passage of the exchange
                    filters=filters,
                    weighted=(
                        *question,
                        *((1.0, paragraph) for paragraph in passage),
                        (1.0, "" if number else " · ".join(elsewhere)),
                        (QUESTION_WEIGHT * SHARE, " ".join(question_forms)),
                        (SHARE, " ".join(variants.added(text, " ".join(question_forms)))),
                        subject,
                    ),
                    continues=number > 0,
                )
        if interview.transcript.epilogue:
            yield Record(f"{page}#epilogue", "Epilogue", shown, {"interview": [interview.title], "year": year},
                         ((1.0, text_of(interview.transcript.epilogue)), subject))  # fmt: skip


def passages(answers: list[str]) -> list[list[str]]:
    """The answers' texts as passages of about `PASSAGE_WORDS` words, if they have more than `LONG_ANSWERS` (else one passage: all of them).

    A passage ends with the turn, or the paragraph of a long turn, that brings
    it to `PASSAGE_WORDS`; the last one takes what is left if that is short.
    """
    if sum(len(text.split()) for text in answers) <= LONG_ANSWERS:
        return [answers]
    pieces = [piece for text in answers for piece in (text.split("\n\n") if len(text.split()) > PASSAGE_WORDS else [text])]
    found: list[list[str]] = [[]]
    words = 0
    for piece in pieces:
        if words >= PASSAGE_WORDS:
            found.append([])
            words = 0
        found[-1].append(piece)
        words += len(piece.split())
    if len(found) > 1 and words < PASSAGE_WORDS // 2:
        last = found.pop()
        found[-1].extend(last)
    return found


def other_spellings(groups: Iterable[list[str]], question: str, answers: str) -> tuple[list[str], list[str]]:
    """The spellings an exchange does not write, of each term and name it uses, as (for its question, for the rest).

    A group used in the question brings its other spellings at the question's
    weight; any other group brings those its answers do not write at the
    answers' weight. So one search finds and ranks an exchange that says "SBC"
    for "session border controller" as if it had written that out, and the reverse.
    """
    in_question: list[str] = []
    elsewhere: list[str] = []
    for group in groups:
        if any(written(form, question) for form in group):
            in_question += [form for form in group if not written(form, question)]
        else:
            elsewhere += [form for form in group if not written(form, answers)]
    return unique(in_question), unique(elsewhere)


def written(form: str, text: str) -> bool:
    """Whether `text` has `form` as a word or words of its own, in any case."""
    return re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text, re.IGNORECASE) is not None


def unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def shards(found: list[Record], shard_size: int) -> list[list[Record]]:
    """The records dealt round-robin into as few parts as keep each at most `shard_size`, an exchange's passages together.

    Dealt, not cut in runs, so that every part holds a like sample of the series
    and Pagefind's word statistics (and so its scores) agree from part to part.
    An exchange's passages follow each other in one part, where the search box
    tells them as one exchange's (`continuing`).
    """
    count = max(1, -(-len(found) // shard_size))
    units: list[list[Record]] = []
    for record in found:
        if record.continues and units:
            units[-1].append(record)
        else:
            units.append([record])
    return [[record for unit in units[number::count] for record in unit] for number in range(count)]


def continuing(part: list[Record]) -> list[int]:
    """The numbers of the part's records that continue the record before (a long exchange's later passages)."""
    return [number for number, record in enumerate(part) if record.continues]


def missing_words(parts: list[list[Record]]) -> list[list[str]]:
    """For each part, the words of the other parts that it does not have (lower case, sorted).

    Pagefind leaves out of a search any word its index does not have, so that a
    typo does not empty the results. In a part without "Cassandra",
    `Cassandra network` would list every exchange about networks. Each part gets
    one more page (`WORDS_PAGE`) holding the words only other parts have: a word
    is then left out only if the whole series lacks it, as in one index. The
    search box never lists that page.
    """
    if len(parts) < 2:
        return [[] for _ in parts]
    each = [{word for record in part for word in words_of(record)} for part in parts]
    every = set().union(*each)
    return [sorted(every - own) for own in each]


def words_of(record: Record) -> Iterator[str]:
    yield from record.title.lower().split()
    for _, text in record.weighted:
        yield from text.lower().split()


def other_pages(kb: KnowledgeBase, knowledge: Knowledge, urls: SiteUrls) -> list[dict[str, str]]:
    """What the search box lists when no exchange matches: glossary terms, entities and topics.

    Each is `{title, url (site-relative), text}`; `text` holds every spelling and
    the definition, description or "about" line that is searched and shown.
    """
    glossary = urls.url(GLOSSARY_PAGE)
    pages = [{"title": t.term, "url": glossary, "text": " · ".join([*spellings(t)[1:], t.definition])} for t in knowledge.glossary]
    pages += [{"title": e.name, "url": urls.url(e.path), "text": " · ".join([*e.forms[1:], e.about])} for e in knowledge.entities]
    pages += [{"title": t.title, "url": urls.url(topic_page(t.slug)), "text": t.description} for t in kb.topics]
    return [{key: value.strip(" ·") for key, value in page.items()} for page in pages]
