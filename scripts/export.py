"""The machine-readable export, `kb.json`."""

from __future__ import annotations

import json
from typing import Any

from scripts.seeds import KnowledgeBase


def kb_json(kb: KnowledgeBase, page_urls: dict[str, str]) -> str:
    """`page_urls` maps an interview slug to its site-relative page URL."""
    data: dict[str, Any] = {
        "interviews": [
            {
                "slug": i.slug,
                "title": i.title,
                "date": i.date,
                "source": i.source,
                "publication": i.publication,
                "interviewer": i.interviewer,
                "speakers": {label: {"name": s.name, "role": s.role, "organization": s.organization} for label, s in i.speakers.items()},
            }
            for i in kb.interviews
        ],
        "topics": [{"slug": t.slug, "title": t.title, "description": t.description} for t in kb.topics],
        "exchanges": [
            {
                "id": e.anchor,
                "interview": i.slug,
                "url": f"{page_urls[i.slug]}#{e.anchor}",
                "question": {"speaker": e.question.speaker, "text": e.question.text},
                "answer": (
                    {
                        "speaker": e.answers[0].speaker,
                        "text": "\n\n".join(t.text for t in e.answers),
                    }
                    if e.answers
                    else None
                ),
                "topics": list(kb.exchange_topics[e.anchor]),
            }
            for i, e in kb.exchanges()
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
