"""What the interview page shows around one exchange: linked text, citation, previous/next, related."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from interview_kb.knowledge.entities import Entity
from interview_kb.knowledge.entity_links import Piece
from interview_kb.knowledge.exchange_links import ExchangeLinks, Knowledge
from interview_kb.reading.loader import Interview
from interview_kb.reading.transcript import Exchange
from interview_kb.render.citation import citation
from interview_kb.render.markdown_text import escape, escape_inline, link
from interview_kb.urls import SiteUrls, interview_page


@dataclass(frozen=True)
class Neighbour:
    label: str
    href: str  # relative to the interview page's folder, as Markdown wants it
    interview: str  # title, when it is another interview's exchange; else ""


@dataclass(frozen=True)
class ExchangeView:
    paragraphs: tuple[tuple[str, ...], ...]  # Markdown, per turn, per paragraph
    citation: str
    permalink: str
    previous: Neighbour | None
    next: Neighbour | None
    related: tuple[Neighbour, ...]


def linked_markdown(pieces: Sequence[Piece], url: Callable[[Entity], str]) -> str:
    """One paragraph as Markdown: literal text, each piece escaped on its own, with links built here."""
    parts: list[str] = []
    for index, piece in enumerate(pieces):
        if piece.entity is not None:
            parts.append(link(piece.text, url(piece.entity)))
        else:
            parts.append(escape(piece.text) if index == 0 else escape_inline(piece.text))
    return "".join(parts)


def neighbour(home: Interview, interview: Interview, exchange: Exchange) -> Neighbour:
    if interview.slug == home.slug:
        return Neighbour(exchange.label, f"#{exchange.anchor}", "")
    return Neighbour(exchange.label, f"{interview.slug}.md#{exchange.anchor}", interview.title)


def view(links: ExchangeLinks, urls: SiteUrls) -> ExchangeView:
    interview, exchange = links.interview, links.exchange
    page = interview_page(interview.slug)
    absolute = urls.absolute(page)
    permalink = f"{absolute}#{exchange.anchor}" if absolute else ""
    return ExchangeView(
        paragraphs=tuple(tuple(linked_markdown(pieces, lambda e: f"../{e.path}") for pieces in turn) for turn in links.pieces),
        citation=citation(interview, exchange, permalink or f"{urls.url(page)}#{exchange.anchor}"),
        permalink=permalink,
        previous=neighbour(interview, interview, links.previous) if links.previous else None,
        next=neighbour(interview, interview, links.next) if links.next else None,
        related=tuple(neighbour(interview, i, e) for i, e in links.related),
    )


def views(knowledge: Knowledge, interview: Interview, urls: SiteUrls) -> dict[str, ExchangeView]:
    return {e.anchor: view(knowledge.exchanges[e.anchor], urls) for e in interview.transcript.exchanges}
