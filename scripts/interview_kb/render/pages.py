"""Render the knowledge base as Markdown pages (home, interviews, topics) and the nav."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig

from interview_kb.knowledge.base import KnowledgeBase
from interview_kb.knowledge.exchange_links import Knowledge, speakers_only
from interview_kb.reading.loader import Interview, Speaker
from interview_kb.reading.topics_file import Topic
from interview_kb.reading.transcript import Exchange, Turn
from interview_kb.render import exchange_view, pictures
from interview_kb.render.markdown_text import attribute, escape, markdown_url
from interview_kb.render.wording import count, names
from interview_kb.urls import SiteUrls, interview_page, topic_page

EXCERPT_WORDS = 40


def excerpt(text: str, words: int = EXCERPT_WORDS) -> str:
    """The first `words` words of the text's first paragraph, with … when cut."""
    first = text.split("\n\n")[0].split(" ")
    return " ".join(first[:words]) + ("…" if len(first) > words or "\n\n" in text else "")


def who(speaker: Speaker) -> str:
    """`Name (role, organization)` as Markdown."""
    detail = ", ".join(part for part in (speaker.role, speaker.organization) if part)
    return escape(speaker.name + (f" ({detail})" if detail else ""))


def participants(interview: Interview) -> str:
    """`Guest (role), interviewed by Host`; with no guest (only interviewers), `Hosted by Host and Other`."""
    guests = "; ".join(who(s) for s in interview.guests)
    hosts = names([who(interview.speakers[label]) for label in interview.interviewers])
    return f"{guests}, interviewed by {hosts}" if guests else f"Hosted by {hosts}"


def seconds(timestamp: str) -> int:
    """`hh:mm:ss` or `mm:ss` as whole seconds (a fraction, `05.5` or `05,5`, is dropped)."""
    total = 0
    for part in timestamp.split(":"):
        total = total * 60 + int(part.replace(",", ".").split(".")[0])
    return total


def timestamp(turn: Turn, interview: Interview) -> str:
    """Markdown for a turn's timestamp: a link into the recording when the metadata names one."""
    if not turn.timestamp:
        return ""
    if interview.media:
        return f"[{turn.timestamp}](<{markdown_url(interview.media)}#t={seconds(turn.timestamp)}>){{ .kb-timestamp }} "
    return f'<span class="kb-timestamp">{turn.timestamp}</span> '


def html_text(value: Any) -> Any:
    """HTML-escape strings (also inside lists): themes print page titles, tags and meta unescaped."""
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, list | tuple):
        return [html_text(item) for item in value]
    return value


def front_matter(meta: dict[str, Any]) -> str:
    """YAML front matter lines with HTML-escaped values (JSON strings are valid YAML)."""
    return "\n".join(f"{key}: {json.dumps(html_text(value), ensure_ascii=False)}" for key, value in meta.items())


_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=False,  # the output is Markdown; values pass through the `md` filter
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)
_env.filters.update(
    attribute=attribute,
    interview_page=interview_page,
    timestamp=timestamp,
    md=escape,
    who=who,
    participants=participants,
    count=count,
    url=markdown_url,
    excerpt=excerpt,
    front_matter=front_matter,
    badge=pictures.badge,
)


def template(name: str) -> jinja2.Template:
    """A page template from scripts/interview_kb/render/templates, with this module's filters."""
    return _env.get_template(name)


def organizations(kb: KnowledgeBase) -> list[tuple[str, list[Interview]]]:
    """Every organization a speaker belongs to, alphabetically, with its interviews (newest first)."""
    found: dict[str, list[Interview]] = {}
    for interview in kb.interviews:
        for organization in dict.fromkeys(s.organization for s in interview.participants if s.organization):
            found.setdefault(organization, []).append(interview)
    return sorted(found.items(), key=lambda item: item[0].casefold())


def interview_path(interview: Interview) -> str:
    return interview_page(interview.slug)


def topic_path(topic: Topic) -> str:
    return topic_page(topic.slug)


@dataclass(frozen=True)
class Site:
    """What the pages say about the site itself, from mkdocs.yml."""

    name: str
    description: str
    urls: SiteUrls = field(default_factory=SiteUrls)

    @classmethod
    def of(cls, config: MkDocsConfig) -> Site:
        return cls(config.site_name, config.site_description or "", SiteUrls.of(config))


def render(kb: KnowledgeBase, site: Site, knowledge: Knowledge | None = None) -> dict[str, str]:
    """The home, interview and topic pages, keyed by their path under `docs/`.

    `knowledge` links names and lists related exchanges (default: speakers only);
    `site.urls` makes the permalinks in citations absolute.
    """
    knowledge = knowledge or speakers_only(kb)
    topics_by_slug = {t.slug: t for t in kb.topics}
    exchange_topics = {anchor: [topics_by_slug[s] for s in slugs] for anchor, slugs in kb.exchange_topics.items()}
    topic_counts = [(t, len(kb.topic_exchanges(t.slug))) for t in kb.topics]
    pages = {
        "index.md": _env.get_template("home.md.j2").render(
            site_name=site.name,
            description=" ".join(site.description.split()),
            interviews=kb.interviews,
            organizations=organizations(kb),
            topic_counts=topic_counts,
            series_map=pictures.series_map(kb, FULL_TEXT_EXCHANGES, site.urls),
        )
    }
    for interview in kb.interviews:
        anchors = [e.anchor for e in interview.transcript.exchanges]
        counts = [(t, sum(t.slug in kb.exchange_topics[a] for a in anchors)) for t in kb.topics]
        counts = [(t, n) for t, n in counts if n]
        preface = interview.transcript.preface
        pages[interview_path(interview)] = _env.get_template("interview.md.j2").render(
            interview=interview,
            description=interview.description or (excerpt(preface[0].text, 30) if preface else interview.title),
            tag_titles=[t.title for t, _ in counts],
            topic_counts=counts,
            exchange_topics=exchange_topics,
            views=exchange_view.views(knowledge, interview, site.urls),
            conversation_map=pictures.conversation_map(interview, kb),
        )
    for topic in kb.topics:
        entries = kb.topic_exchanges(topic.slug)
        pages[topic_path(topic)] = _env.get_template("topic.md.j2").render(
            topic=topic,
            entries=entries,
            chapters=chapters(entries[:FULL_TEXT_EXCHANGES], knowledge, site.urls),
            listed=LISTED_EXCHANGES,
            earlier=earlier_interviews(entries[LISTED_EXCHANGES:]),
            more=max(0, len(entries) - FULL_TEXT_EXCHANGES),
            interview_count=len({i.slug for i, _ in entries}),
            multiple_interviews=len(kb.interviews) > 1,
            exchange_topics=exchange_topics,
        )
    return pages


# A topic page reads as a chapter: its exchanges in full, up to this many (the
# newest interviews first); the rest are in its list of links. At 1000 interviews
# a topic has thousands of exchanges, and a page of all of them in full would
# weigh tens of megabytes.
FULL_TEXT_EXCHANGES = 40
# Its list links each exchange up to this many; beyond, one link per earlier interview, by year.
LISTED_EXCHANGES = 200


def earlier_interviews(entries: list[tuple[Interview, Exchange]]) -> list[tuple[str, list[tuple[Interview, int]]]]:
    """The interviews of `entries` with their number of exchanges, grouped by year, in the order given."""
    counts: dict[str, tuple[Interview, int]] = {}
    for interview, _ in entries:
        known = counts.get(interview.slug)
        counts[interview.slug] = (interview, known[1] + 1 if known else 1)
    years: dict[str, list[tuple[Interview, int]]] = {}
    for interview, number in counts.values():
        years.setdefault(interview.date[:4], []).append((interview, number))
    return list(years.items())


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


def interviews_nav(kb: KnowledgeBase) -> list[Any]:
    """Interviews newest first; grouped by year when there are many.

    Every page carries the navigation, so a flat list of a thousand interviews
    would make the site grow with the square of the series. Grouped by year
    (with `navigation.prune`), a page carries only its own year's interviews.
    """
    entries = [(i.date[:4], {html.escape(i.title): interview_path(i)}) for i in kb.interviews]
    if len(entries) <= FLAT_NAV_INTERVIEWS:
        return [entry for _, entry in entries]
    years: dict[str, list[Any]] = {}
    for year, entry in entries:
        years.setdefault(year, []).append(entry)
    return [{year: listed} for year, listed in years.items()]


def nav(kb: KnowledgeBase, more: list[Any] | None = None) -> list[Any]:
    """MkDocs `nav`: home, interviews (newest first), topics (taxonomy order), `more`, tag index."""
    return [
        {"Home": "index.md"},
        {"Interviews": interviews_nav(kb)},
        {"Topics": [{html.escape(t.title): topic_path(t)} for t in kb.topics]},
        *(more or []),
        {"Tags": "tags.md"},
    ]
