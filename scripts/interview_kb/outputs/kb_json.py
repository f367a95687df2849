"""The machine-readable export, `kb.json` and `kb/<slug>.json`, and the models they are written from.

`kb.json` is the index: interviews, topics, glossary, entities and facts, each
interview with a link to its own file, `kb/<slug>.json`, which holds its
exchanges and the parts that are not the interview. In pieces, no file grows
with the series but the index (a thousand long episodes made one kb.json of
over 200 MB), and a reader of one interview downloads that interview only.

The TypedDicts below are what `export` writes, field by field, so that mypy
checks the writing against them; the JSON Schemas are made from them
(`schema()`, `interview_schema()`, pydantic's TypeAdapter), published beside
the files, and the docstring under each field is its description there
(docs/guide/reference/kb-json.md, `make reference`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal, NotRequired

from pydantic import ConfigDict, TypeAdapter, with_config
from typing_extensions import TypedDict  # pydantic reads typing's TypedDict only on Python 3.12 and later

from interview_kb.knowledge.base import KnowledgeBase
from interview_kb.knowledge.exchange_links import Knowledge
from interview_kb.reading.loader import Interview
from interview_kb.reading.transcript import Exchange, Outside
from interview_kb.urls import INTERVIEW_DATA_SCHEMA, KB_INDEX, KB_INDEX_SCHEMA, SiteUrls, interview_data

# Unknown keys are refused when a kb.json is validated against the models; each field's docstring is its description.
MODEL = ConfigDict(extra="forbid", use_attribute_docstrings=True)
EntityKind = Literal["person", "organization", "product"]
KINDS: dict[str, EntityKind] = {"person": "person", "organization": "organization", "product": "product"}


@with_config(MODEL)
class SpeakerJson(TypedDict):
    """A speaker as the metadata names them."""

    name: str
    """The speaker's full name."""
    role: str
    """The role, `""` when none is given."""
    organization: str
    """The organization, `""` when none is given."""


@with_config(MODEL)
class TurnJson(TypedDict):
    """One turn of a part that is not the interview."""

    speaker: str
    """The speaker's label; `""` for paragraphs without a label."""
    text: str
    """The turn's paragraphs as read, joined by a blank line."""
    timestamp: str
    """The turn's time as written (`00:12:34`), `""` when the transcript gives none."""


@with_config(MODEL)
class OutsideJson(TypedDict):
    """A part that is not the interview: a sponsor read, a break, a cold open, an announcer's turn."""

    what: str
    """The marker's word as written (`Sponsor`, `Cold open`), `announcer`, or the kind recognised."""
    line: int
    """The part's first line in the transcript."""
    exchange: str | None
    """The id of the exchange it sits in; `null` before the first question."""
    turns: list[TurnJson]
    """Its turns, in order."""


@with_config(MODEL)
class InterviewJson(TypedDict):
    """One interview and its metadata."""

    slug: str
    """File name and URL part: the page is `interviews/<slug>/`."""
    title: str
    """As in the metadata."""
    date: str
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""
    source: str
    """The original's URL."""
    publication: str
    """As in the metadata; may be `""`."""
    interviewer: str
    """The label of the first interviewer."""
    interviewers: list[str]
    """The labels of everyone who asks (hosts, moderators)."""
    speakers: dict[str, SpeakerJson]
    """Label → the speaker (`role` and `organization` may be `""`)."""
    announcers: list[str]
    """The labels listed under `announcer:` (neither host nor guest)."""
    data: str
    """Site-relative link to its exchanges and the parts that are not the interview: `kb/<slug>.json`."""


@with_config(MODEL)
class TopicJson(TypedDict):
    """A topic of the taxonomy; its page is `topics/<slug>/`."""

    slug: str
    """The topic's slug."""
    title: str
    """Its title."""
    description: str
    """Its description."""


@with_config(MODEL)
class ExchangeTurnJson(TypedDict):
    """One turn of an exchange."""

    speaker: str
    """The speaker's label."""
    text: str
    """The turn's paragraphs as read, joined by a blank line."""
    timestamp: str
    """The turn's time as written, `""` when the transcript gives none."""
    aside: bool
    """True for an interviewer's reaction, back-channel or hand-off inside the exchange (and a guest's back-channel during a set-up)."""


@with_config(MODEL)
class ExchangeJson(TypedDict):
    """One exchange: a question and its answers."""

    id: str
    """The anchor: `<six words>-<6 hex digits>`, stable while the question is unchanged."""
    interview: str
    """The slug of its interview."""
    url: str
    """Site-relative link to the exchange: `interviews/<slug>/#<id>`."""
    asked_by: str
    """The name of the interviewer who asked."""
    turns: list[ExchangeTurnJson]
    """Every turn in order, question first; the answer is the turns after it that are not asides."""
    topics: list[str]
    """Topic slugs."""
    terms: NotRequired[list[str]]
    """Glossary terms used."""
    entities: NotRequired[list[str]]
    """Slugs of the entities mentioned."""
    previous: NotRequired[str | None]
    """The id of the exchange before it in the interview, `null` for the first."""
    next: NotRequired[str | None]
    """The id of the exchange after it in the interview, `null` for the last."""
    related: NotRequired[list[str]]
    """Ids of related exchanges, best first."""


@with_config(MODEL)
class TermJson(TypedDict):
    """A glossary term."""

    term: str
    """The headword."""
    also: list[str]
    """Other spellings."""
    definition: str
    """The definition, plain text."""
    link: str
    """A reference, `""` when none is given."""
    exchanges: list[str]
    """Ids of the exchanges that use it."""


@with_config(MODEL)
class RoleJson(TypedDict):
    """An interview a person speaks in."""

    interview: str
    """The interview's slug."""
    label: str
    """The person's label in its transcript."""
    role: str
    """Their role there, `""` when none is given."""
    organization: str
    """Their organization there, `""` when none is given."""


@with_config(MODEL)
class EntityJson(TypedDict):
    """A person, organization or product."""

    slug: str
    """The page's slug."""
    name: str
    """The name."""
    kind: EntityKind
    """What it is."""
    about: str
    """What `entities.yml` says about it, `""` when nothing."""
    link: str
    """A reference, `""` when none is given."""
    also: list[str]
    """Other spellings."""
    url: str
    """Site-relative link to its page."""
    speaks_in: list[RoleJson]
    """For a speaker: the interviews they speak in."""
    exchanges: list[str]
    """Ids of the exchanges that mention it."""


@with_config(MODEL)
class FactJson(TypedDict):
    """A key fact, or a dated event, backed by a verbatim quote."""

    interview: str
    """The interview's slug."""
    fact: str
    """The claim, in the site's words."""
    quote: str
    """The speaker's words, verbatim."""
    date: str | None
    """For an event: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `null` for a fact."""
    when: str | None
    """For an event: the date as the speaker stated it, part of the quote; `null` for a fact."""
    exchange: str
    """The id of the exchange holding the quote."""


@with_config(MODEL)
class InterviewDataJson(TypedDict):
    """One interview's exchanges and the parts that are not the interview: `site/kb/<slug>.json`, linked from kb.json."""

    interview: str
    """The interview's slug."""
    outside: list[OutsideJson]
    """The parts that are not the interview, in order."""
    exchanges: list[ExchangeJson]
    """In the interview's order."""


@with_config(MODEL)
class KbJson(TypedDict):
    """Everything the site says, as data, but the exchanges: `site/kb.json`, written by every build; each interview's
    exchanges are in the file it links to (`data`)."""

    interviews: list[InterviewJson]
    """Newest first."""
    topics: list[TopicJson]
    """In the taxonomy's order."""
    glossary: NotRequired[list[TermJson]]
    """The glossary, in its order."""
    entities: NotRequired[list[EntityJson]]
    """People, organizations and products."""
    facts: NotRequired[list[FactJson]]
    """Key facts and events."""


def schema() -> dict[str, Any]:
    """kb.json's JSON Schema (draft 2020-12), made from the models above."""
    made = TypeAdapter(KbJson).json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": KB_INDEX_SCHEMA, **made}


def interview_schema() -> dict[str, Any]:
    """The JSON Schema of an interview's file, `kb/<slug>.json` (draft 2020-12)."""
    made = TypeAdapter(InterviewDataJson).json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": INTERVIEW_DATA_SCHEMA, **made}


def validate(data: object) -> KbJson:
    """`data` as the models say kb.json is (pydantic raises ValidationError otherwise)."""
    return TypeAdapter(KbJson).validate_python(data, strict=True)


def validate_interview(data: object) -> InterviewDataJson:
    """`data` as the models say an interview's file, `kb/<slug>.json`, is (pydantic raises ValidationError otherwise)."""
    return TypeAdapter(InterviewDataJson).validate_python(data, strict=True)


def outside(interview: Interview) -> list[OutsideJson]:
    """The parts that are not the interview, each with the exchange it sits in (None before the first question)."""
    placed: list[tuple[str | None, Outside]] = [(None, p) for p in interview.transcript.opening]
    placed += [(e.anchor, p) for e in interview.transcript.exchanges for _, p in e.outside]
    return [
        {
            "what": part.what,
            "line": part.line,
            "exchange": anchor,
            "turns": [{"speaker": t.speaker, "text": t.text, "timestamp": t.timestamp} for t in part.turns],
        }
        for anchor, part in placed
    ]


def glossary(knowledge: Knowledge) -> list[TermJson]:
    """The glossary, each term with the exchanges that use it."""
    return [
        {
            "term": t.term,
            "also": list(t.forms[1:]),
            "definition": t.definition,
            "link": t.link,
            "exchanges": [links.exchange.anchor for links in knowledge.using(t)],
        }
        for t in knowledge.glossary
    ]


def entities(knowledge: Knowledge, urls: SiteUrls) -> list[EntityJson]:
    """People, organizations and products, each with the exchanges that mention it."""
    return [
        {
            "slug": e.slug,
            "name": e.name,
            "kind": KINDS[e.kind],
            "about": e.about,
            "link": e.link,
            "also": list(e.forms[1:]),
            "url": urls.url(e.path),
            "speaks_in": [{"interview": r.interview, "label": r.label, "role": r.role, "organization": r.organization} for r in e.roles],
            "exchanges": [links.exchange.anchor for links in knowledge.mentioning(e)],
        }
        for e in knowledge.entities
    ]


def facts(knowledge: Knowledge) -> list[FactJson]:
    """Key facts and events, each with the exchange that holds its quote."""
    return [
        {
            "interview": f.interview,
            "fact": f.fact,
            "quote": f.quote,
            "date": f.date or None,
            "when": f.when or None,
            "exchange": f.exchange,
        }
        for f in knowledge.facts
    ]


def exchange(kb: KnowledgeBase, urls: SiteUrls, knowledge: Knowledge | None, interview: Interview, e: Exchange) -> ExchangeJson:
    """One exchange; its words are in `turns` only (the single kb.json's `question` and `answer` repeated them: `whole`)."""
    written: ExchangeJson = {
        "id": e.anchor,
        "interview": interview.slug,
        "url": f"{urls.interview(interview.slug)}#{e.anchor}",
        "asked_by": interview.speakers[e.question.speaker].name,
        "turns": [{"speaker": t.speaker, "text": t.text, "timestamp": t.timestamp, "aside": t.aside} for t in e.turns],
        "topics": list(kb.exchange_topics[e.anchor]),
    }
    if knowledge:  # the knowledge layer's links
        links = knowledge.exchanges[e.anchor]
        written["terms"] = [t.term for t in links.terms]
        written["entities"] = [entity.slug for entity in links.entities]
        written["previous"] = links.previous.anchor if links.previous else None
        written["next"] = links.next.anchor if links.next else None
        written["related"] = [related.anchor for _, related in links.related]
    return written


def index(kb: KnowledgeBase, urls: SiteUrls, knowledge: Knowledge | None = None) -> KbJson:
    """kb.json: the interviews, each with the link to its file, topics and, with `knowledge`, its fields."""
    data: KbJson = {
        "interviews": [
            {
                "slug": i.slug,
                "title": i.title,
                "date": i.date,
                "source": i.source,
                "publication": i.publication,
                "interviewer": i.interviewers[0],
                "interviewers": list(i.interviewers),
                "speakers": {label: {"name": s.name, "role": s.role, "organization": s.organization} for label, s in i.speakers.items()},
                "announcers": list(i.announcers),
                "data": interview_data(i.slug),
            }
            for i in kb.interviews
        ],
        "topics": [{"slug": t.slug, "title": t.title, "description": t.description} for t in kb.topics],
    }
    if knowledge:
        data["glossary"] = glossary(knowledge)
        data["entities"] = entities(knowledge, urls)
        data["facts"] = facts(knowledge)
    return data


def interview_file(kb: KnowledgeBase, urls: SiteUrls, knowledge: Knowledge | None, interview: Interview) -> InterviewDataJson:
    """`kb/<slug>.json`: the interview's parts that are not the interview and its exchanges."""
    return {
        "interview": interview.slug,
        "outside": outside(interview),
        "exchanges": [exchange(kb, urls, knowledge, interview, e) for e in interview.transcript.exchanges],
    }


def export(kb: KnowledgeBase, urls: SiteUrls, knowledge: Knowledge | None = None) -> dict[str, str]:
    """Every file of the export, by its path in the site: kb.json, each interview's file and both JSON Schemas.

    Page URLs in them are site-relative, as `urls` publishes them; `knowledge` adds its fields. kb.json is
    indented to be read; an interview's file, which is read by programs and is most of the export's bytes, is not.
    """
    files = {
        KB_INDEX: json.dumps(index(kb, urls, knowledge), ensure_ascii=False, indent=2) + "\n",
        KB_INDEX_SCHEMA: json.dumps(schema(), ensure_ascii=False, indent=2) + "\n",
        INTERVIEW_DATA_SCHEMA: json.dumps(interview_schema(), ensure_ascii=False, indent=2) + "\n",
    }
    for interview in kb.interviews:
        data = interview_file(kb, urls, knowledge, interview)
        files[interview_data(interview.slug)] = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    return files


def write(folder: Path, kb: KnowledgeBase, urls: SiteUrls, knowledge: Knowledge | None = None) -> None:
    """Write the export into `folder` (the site, or `make generate`'s folder)."""
    for path, text in export(kb, urls, knowledge).items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def whole(folder: Path) -> dict[str, Any]:
    """kb.json as one file held it before it came in pieces: every interview's `outside` in its entry (without `data`),
    every exchange in `exchanges`, interview by interview, with the `question` and `answer` the single file repeated
    from its turns. For a reader of the single file, and the tests."""
    data: dict[str, Any] = json.loads((folder / KB_INDEX).read_text(encoding="utf-8"))
    data["exchanges"] = []
    for interview in data["interviews"]:
        piece = json.loads((folder / interview.pop("data")).read_text(encoding="utf-8"))
        interview["outside"] = piece["outside"]
        data["exchanges"] += [with_question_and_answer(e) for e in piece["exchanges"]]
    return data


def with_question_and_answer(exchange: dict[str, Any]) -> dict[str, Any]:
    """An exchange of `kb/<slug>.json` with the single file's `question` (its first turn's label and text) and `answer`
    (the first answering label and every answer turn's text, asides left out, joined by a blank line; `null` when
    nobody answers), in the single file's order of fields."""
    question, *rest = exchange["turns"]
    answers = [t for t in rest if not t["aside"]]
    said = {
        "question": {"speaker": question["speaker"], "text": question["text"]},
        "asked_by": exchange["asked_by"],
        "answer": {"speaker": answers[0]["speaker"], "text": "\n\n".join(t["text"] for t in answers)} if answers else None,
    }
    fields = list(exchange)
    at = fields.index("asked_by")
    return {**{k: exchange[k] for k in fields[:at]}, **said, **{k: exchange[k] for k in fields[at + 1 :]}}
