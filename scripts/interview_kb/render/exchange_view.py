"""What the interview page shows around one exchange: linked text, citation data, previous/next, related."""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.utils import get_relative_url

from interview_kb.knowledge.exchange_links import ExchangeLinks, Knowledge
from interview_kb.reading.loader import Interview
from interview_kb.reading.transcript import Exchange
from interview_kb.render import citations
from interview_kb.render.markdown_text import with_links
from interview_kb.urls import SiteUrls, interview_page


@dataclass(frozen=True)
class Neighbour:
    label: str
    href: str  # relative to the interview page's folder, as Markdown wants it
    interview: str  # title, when it is another interview's exchange; else ""


@dataclass(frozen=True)
class ExchangeView:
    paragraphs: tuple[tuple[str, ...], ...]  # Markdown, per turn, per paragraph
    cite: str  # who asked and who answered, which the page's script writes its citations from (render/citations.py)
    permalink: str
    share: str  # the exchange's share page (outputs/share_pages.py), relative to its interview page
    previous: Neighbour | None
    next: Neighbour | None
    related: tuple[Neighbour, ...]


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
        paragraphs=tuple(tuple(with_links(pieces, lambda e: f"../{e.path}") for pieces in turn) for turn in links.pieces),
        cite=citations.exchange_data(interview, exchange),
        permalink=permalink,
        share=get_relative_url(urls.share(interview.slug, exchange.anchor), urls.interview(interview.slug)),
        previous=neighbour(interview, interview, links.previous) if links.previous else None,
        next=neighbour(interview, interview, links.next) if links.next else None,
        related=tuple(neighbour(interview, i, e) for i, e in links.related),
    )


def views(knowledge: Knowledge, interview: Interview, urls: SiteUrls) -> dict[str, ExchangeView]:
    return {e.anchor: view(knowledge.exchanges[e.anchor], urls) for e in interview.transcript.exchanges}
