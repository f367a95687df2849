"""Render the knowledge base as Markdown pages (home, interviews, topics) and the nav."""

from __future__ import annotations

import calendar
import html
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from interview_kb.knowledge.base import KnowledgeBase
from interview_kb.knowledge.exchange_links import Knowledge, speakers_only
from interview_kb.reading.loader import Interview
from interview_kb.reading.markdown_source import clean_tags
from interview_kb.reading.transcript import Exchange
from interview_kb.render import backlinks, citations, exchange_view, pictures, series
from interview_kb.render.templates import excerpt, template
from interview_kb.urls import SiteUrls, interview_page, topic_page


@dataclass(frozen=True)
class Site:
    """What the pages say about the site itself, from mkdocs.yml."""

    name: str
    description: str
    urls: SiteUrls = field(default_factory=SiteUrls)

    @classmethod
    def of(cls, config: MkDocsConfig) -> Site:
        return cls(config.site_name, config.site_description or "", SiteUrls.of(config))


class PageMemo:
    """Each interview page's Markdown from the build before (under `mkdocs serve`), reused while what it is made of is the same.

    What it is made of is `interview_key`: compared with `==`, which for the objects a rebuild reuses (each interview
    read while its files are the same, each exchange's links) is a comparison of identities, as fast as a lookup.
    """

    def __init__(self) -> None:
        self._known: dict[str, tuple[object, str]] = {}

    def page(self, path: str, key: object, render: Callable[[], str]) -> str:
        known = self._known.get(path)
        if known is not None and known[0] == key:
            return known[1]
        text = render()
        self._known[path] = (key, text)
        return text

    def keep(self, paths: set[str]) -> None:
        """Forget the pages not in `paths` (interviews removed since)."""
        self._known = {path: known for path, known in self._known.items() if path in paths}


def interview_key(interview: Interview, kb: KnowledgeBase, knowledge: Knowledge, site: Site) -> object:
    """Everything an interview page's Markdown is made of: the interview, the site, the topics, and each exchange's topics,
    linked text and related exchanges (as the page names them: interview, title, anchor and label)."""
    links = [knowledge.exchanges[e.anchor] for e in interview.transcript.exchanges]
    return (
        interview,
        site,
        kb.topics,
        tuple(tuple(kb.exchange_topics[e.anchor]) for e in interview.transcript.exchanges),
        tuple((link.pieces, tuple((i.slug, i.title, e.anchor, e.label) for i, e in link.related)) for link in links),
    )


def render(kb: KnowledgeBase, site: Site, knowledge: Knowledge | None = None, memo: PageMemo | None = None) -> dict[str, str]:
    """The home, interview and topic pages, keyed by their path under `docs/`.

    `knowledge` links names and lists related exchanges (default: speakers only);
    `site.urls` makes the permalinks in citations absolute; `memo` keeps the
    interview pages from one build to the next.
    """
    knowledge = knowledge or speakers_only(kb)
    memo = memo or PageMemo()
    topics_by_slug = {t.slug: t for t in kb.topics}
    exchange_topics = {anchor: [topics_by_slug[s] for s in slugs] for anchor, slugs in kb.exchange_topics.items()}
    topic_counts = [(t, len(kb.topic_exchanges(t.slug))) for t in kb.topics]
    pages = {
        "index.md": template("home.md.j2").render(
            site_name=site.name,
            description=" ".join(site.description.split()),
            interviews=kb.interviews[:HOME_INTERVIEWS],
            more_interviews=max(0, len(kb.interviews) - HOME_INTERVIEWS),
            organizations=len(series.organizations(kb)) > 1,
            topic_counts=topic_counts,
        ),
        **series.render(kb, site.urls, FULL_TEXT_EXCHANGES),
    }
    for interview in kb.interviews:
        path = interview_page(interview.slug)

        def interview_markdown(interview: Interview = interview, page: str = path) -> str:
            anchors = [e.anchor for e in interview.transcript.exchanges]
            counts = [(t, sum(t.slug in kb.exchange_topics[a] for a in anchors)) for t in kb.topics]
            counts = [(t, n) for t, n in counts if n]
            return template("interview.md.j2").render(
                interview=interview,
                description=description(interview),
                tag_titles=list(clean_tags([*(t.title for t, _ in counts), *interview.tags])),
                topic_counts=counts,
                exchange_topics=exchange_topics,
                views=exchange_view.views(knowledge, interview, site.urls),
                interview_citations=citations.formats(citations.of_interview(interview)),
                cite_data=citations.page_data(interview, site.urls.absolute(page) or site.urls.url(page)),
                conversation_map=pictures.conversation_map(interview, kb),
            )

        pages[path] = memo.page(path, interview_key(interview, kb, knowledge, site), interview_markdown)
    memo.keep({interview_page(i.slug) for i in kb.interviews})
    for topic in kb.topics:
        entries = kb.topic_exchanges(topic.slug)
        earlier, counted = backlinks.by_year([interview for interview, _ in entries[LISTED_EXCHANGES:]], EARLIER_INTERVIEWS)
        pages[topic_page(topic.slug)] = template("topic.md.j2").render(
            topic=topic,
            entries=entries,
            chapters=chapters(entries[:FULL_TEXT_EXCHANGES], knowledge, site.urls),
            listed=LISTED_EXCHANGES,
            previewed=PREVIEWED_EXCHANGES,
            earlier=earlier,
            counted=counted,
            more=max(0, len(entries) - FULL_TEXT_EXCHANGES),
            interview_count=len({i.slug for i, _ in entries}),
            multiple_interviews=len(kb.interviews) > 1,
            exchange_topics=exchange_topics,
        )
    return pages


def description(interview: Interview) -> str:
    """What the interview page, its link previews and the feeds say it is: its summary, or its preface's opening words."""
    preface = interview.transcript.preface
    return interview.description or (excerpt(preface[0].text, 30) if preface else interview.title)


# The home page lists the latest interviews; all of them are on the series pages (render/series.py).
HOME_INTERVIEWS = 20
# A topic page reads as a chapter: its exchanges in full, up to this many (the
# newest interviews first); the rest are in its list of links. At 1000 interviews
# a topic has thousands of exchanges, and a page of all of them in full would
# weigh tens of megabytes.
FULL_TEXT_EXCHANGES = 40
# Its list links each exchange up to this many; beyond, one link per earlier interview, by year, up to
# EARLIER_INTERVIEWS of them; beyond those, how many interviews each year has. At 3000 interviews the list of
# every earlier interview made a topic page 480 KB, and it grew with the series.
LISTED_EXCHANGES = 200
EARLIER_INTERVIEWS = 300
# Of those links, the first this many show the exchange on hover (Material's instant preview): the script sets
# up each preview link as the page loads, 200 of them were over a second of a phone's main thread (Lighthouse).
PREVIEWED_EXCHANGES = 20


@dataclass(frozen=True)
class Chapter:
    """One exchange as a topic page shows it: in full, with its neighbours on that page."""

    exchange: Exchange
    view: exchange_view.ExchangeView
    previous: Exchange | None
    next: Exchange | None


def chapters(entries: list[tuple[Interview, Exchange]], knowledge: Knowledge, urls: SiteUrls) -> list[tuple[Interview, list[Chapter]]]:
    """The exchanges in full, grouped by interview in the order given."""
    grouped: list[tuple[Interview, list[Chapter]]] = []
    for index, (interview, exchange) in enumerate(entries):
        previous = entries[index - 1][1] if index > 0 else None
        following = entries[index + 1][1] if index + 1 < len(entries) else None
        chapter = Chapter(exchange, exchange_view.view(knowledge.exchanges[exchange.anchor], urls), previous, following)
        if grouped and grouped[-1][0].slug == interview.slug:
            grouped[-1][1].append(chapter)
        else:
            grouped.append((interview, [chapter]))
    return grouped


FLAT_NAV_INTERVIEWS = 12
# A year with more interviews than this is grouped by month in the nav: every page carries its section's links,
# so a weekly series' year (52) stays flat and a daily one's (250) does not.
YEAR_NAV_INTERVIEWS = 60


def interviews_nav(kb: KnowledgeBase) -> list[Any]:
    """Interviews newest first; grouped by year when there are many.

    Every page carries the navigation, so a flat list of a thousand interviews
    would make the site grow with the square of the series. Grouped by year
    (with `navigation.prune`), a page carries only its own year's interviews;
    a year of more than YEAR_NAV_INTERVIEWS, only its own month's.
    """
    entries = [(i.date, {html.escape(i.title): interview_page(i.slug)}) for i in kb.interviews]
    if len(entries) <= FLAT_NAV_INTERVIEWS:
        return [entry for _, entry in entries]
    years: dict[str, list[tuple[str, Any]]] = {}
    for date, entry in entries:
        years.setdefault(date[:4], []).append((date[5:7], entry))
    return [
        {year: by_month(year, listed) if len(listed) > YEAR_NAV_INTERVIEWS else [e for _, e in listed]} for year, listed in years.items()
    ]


def by_month(year: str, listed: list[tuple[str, Any]]) -> list[Any]:
    """A year's interviews (newest first) grouped by month ("March 2015"); those dated by their year alone come last."""
    months: dict[str, list[Any]] = {}
    undated = []
    for month, entry in listed:
        if month.isdigit() and 1 <= int(month) <= 12:
            months.setdefault(f"{calendar.month_name[int(month)]} {year}", []).append(entry)
        else:
            undated.append(entry)
    return [*({name: entries} for name, entries in months.items()), *undated]


def nav(kb: KnowledgeBase, more: list[Any] | None = None) -> list[Any]:
    """MkDocs `nav`: home, interviews (newest first), the series map, topics (taxonomy order), `more`, tag index."""
    return [
        {"Home": "index.md"},
        {"Interviews": interviews_nav(kb)},
        series.nav(kb),
        {"Topics": [{html.escape(t.title): topic_page(t.slug)} for t in kb.topics]},
        *(more or []),
        {"Tags": "tags.md"},
    ]
