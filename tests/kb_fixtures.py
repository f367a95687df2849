"""Small interviews built in memory for the knowledge-layer unit tests."""

from __future__ import annotations

from scripts.kb.seeds.loader import Interview, KnowledgeBase, Speaker
from scripts.kb.seeds.transcript import parse

SPEAKERS = {
    "Q": Speaker("Q", "Quinn Asker", "Host", "Example Media"),
    "A": Speaker("A", "Ada Answer", "CTO", "Acme"),
}


def interview(text: str, slug: str = "demo", date: str = "2015") -> Interview:
    """An interview whose interviewer is `Q:` and whose guest is `A:`."""
    transcript = parse(text, interview=slug, labels=list(SPEAKERS), interviewers=["Q"], path=f"{slug}.txt")
    return Interview(slug, f"Title of {slug}", date, "https://example.com/" + slug, "Example Blog", "", ("Q",), dict(SPEAKERS), transcript)


def knowledge_base(*interviews: Interview) -> KnowledgeBase:
    """No topics: every exchange is on none."""
    return KnowledgeBase(tuple(interviews), (), {e.anchor: () for i in interviews for e in i.transcript.exchanges})
