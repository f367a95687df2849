"""The machine-readable export, `kb.json`."""

from __future__ import annotations

import json
from typing import Any

from interview_kb.knowledge.base import KnowledgeBase
from interview_kb.knowledge.exchange_links import Knowledge
from interview_kb.reading.loader import Interview
from interview_kb.reading.transcript import Outside
from interview_kb.urls import SiteUrls


def outside(interview: Interview) -> list[dict[str, Any]]:
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


def knowledge_fields(knowledge: Knowledge, urls: SiteUrls) -> dict[str, Any]:
    """The knowledge layer in kb.json: glossary, entities and facts, with the exchanges they touch."""
    return {
        "glossary": [
            {
                "term": t.term,
                "also": list(t.forms[1:]),
                "definition": t.definition,
                "link": t.link,
                "exchanges": [links.exchange.anchor for links in knowledge.using(t)],
            }
            for t in knowledge.glossary
        ],
        "entities": [
            {
                "slug": e.slug,
                "name": e.name,
                "kind": e.kind,
                "about": e.about,
                "link": e.link,
                "also": list(e.forms[1:]),
                "url": urls.url(e.path),
                "speaks_in": [
                    {"interview": r.interview, "label": r.label, "role": r.role, "organization": r.organization} for r in e.roles
                ],
                "exchanges": [links.exchange.anchor for links in knowledge.mentioning(e)],
            }
            for e in knowledge.entities
        ],
        "facts": [
            {
                "interview": f.interview,
                "fact": f.fact,
                "quote": f.quote,
                "date": f.date or None,
                "when": f.when or None,
                "exchange": f.exchange,
            }
            for f in knowledge.facts
        ],
    }


def exchange_fields(knowledge: Knowledge, anchor: str) -> dict[str, Any]:
    links = knowledge.exchanges[anchor]
    return {
        "terms": [t.term for t in links.terms],
        "entities": [e.slug for e in links.entities],
        "previous": links.previous.anchor if links.previous else None,
        "next": links.next.anchor if links.next else None,
        "related": [e.anchor for _, e in links.related],
    }


def kb_json(kb: KnowledgeBase, urls: SiteUrls, knowledge: Knowledge | None = None) -> str:
    """Everything as JSON; page URLs are site-relative, as `urls` publishes them; `knowledge` adds its fields."""
    data: dict[str, Any] = {
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
                "outside": outside(i),
            }
            for i in kb.interviews
        ],
        "topics": [{"slug": t.slug, "title": t.title, "description": t.description} for t in kb.topics],
        "exchanges": [
            {
                "id": e.anchor,
                "interview": i.slug,
                "url": f"{urls.interview(i.slug)}#{e.anchor}",
                "question": {"speaker": e.question.speaker, "text": e.question.text},
                "asked_by": i.speakers[e.question.speaker].name,
                "answer": (
                    {
                        "speaker": answers[0].speaker,
                        "text": "\n\n".join(t.text for t in answers),
                    }
                    if (answers := [t for t in e.answers if not t.aside])
                    else None
                ),
                "turns": [{"speaker": t.speaker, "text": t.text, "timestamp": t.timestamp, "aside": t.aside} for t in e.turns],
                "topics": list(kb.exchange_topics[e.anchor]),
                **(exchange_fields(knowledge, e.anchor) if knowledge else {}),
            }
            for i, e in kb.exchanges()
        ],
        **(knowledge_fields(knowledge, urls) if knowledge else {}),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
