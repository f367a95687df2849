"""A ready-to-paste citation for one exchange."""

from __future__ import annotations

from interview_kb.reading.loader import Interview
from interview_kb.reading.transcript import Exchange
from interview_kb.wording import names


def speakers(interview: Interview, exchange: Exchange) -> str:
    """Who is cited: the guests who answer, or the interviewer for an unanswered question."""
    labels = list(dict.fromkeys(t.speaker for t in exchange.answers if not t.aside)) or [exchange.question.speaker]
    return names([interview.speakers[label].name for label in labels])


def citation(interview: Interview, exchange: Exchange, permalink: str) -> str:
    """Speaker, “Title”, interview by X, Publication, Year, source URL. Exchange “…”: permalink

    X is the interviewer who asked this exchange's question; an exchange nobody answers cites its speaker, in an
    interview with the guests.
    """
    interviewer = interview.speakers[exchange.question.speaker].name
    answered = any(not t.aside for t in exchange.answers)
    if answered:
        by = f"interview by {interviewer}"
    else:  # a closing thanks, or one voice: the one who spoke is cited, not as interviewed by themself
        guests = [g.name for g in interview.guests if g.name != interviewer]
        by = f"interview with {names(guests)}" if guests else "interview"
    parts = [speakers(interview, exchange), f"“{interview.title}”", by]
    if interview.publication:
        parts.append(interview.publication)
    parts += [interview.date[:4], interview.source]
    return ", ".join(parts) + f". Exchange “{exchange.label}”: {permalink}"
