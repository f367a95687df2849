"""Follow the series: `feed.xml` (Atom, RFC 4287) and `feed.json` (JSON Feed 1.1), the newest interviews first.

Each entry has the interview's title, date, guests (its authors), interviewers
(contributors), topics (categories, tags) and summary (the page's description).
Written with the standard library: an Atom feed is a handful of elements, and a
feed library would bring lxml with it. Dates are the interviews' own (a date
without a day is its first day), so a rebuild writes the same bytes; the feed's
`updated` is its newest interview's. A site without `site_url` has no feed:
Atom's ids and links must be absolute. The feeds carry the newest
FEED_ENTRIES interviews: a feed reader keeps what it has read, and a feed of
every interview would grow with the series (2.7 MB at 3000 interviews).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from interview_kb.knowledge.base import KnowledgeBase
from interview_kb.reading.loader import Interview
from interview_kb.render.pages import description
from interview_kb.urls import SiteUrls

ATOM = "http://www.w3.org/2005/Atom"
ATOM_FEED = "feed.xml"
JSON_FEED = "feed.json"
FEED_ENTRIES = 50


@dataclass(frozen=True)
class Series:
    """What the feeds say of the site: its name, description and address (ending in /)."""

    name: str
    description: str
    url: str


def timestamp(date: str) -> str:
    """RFC 3339 for an editor's date: `2015` is 2015-01-01T00:00:00Z, `2015-03` its first day."""
    year, month, day = [*date.split("-"), "01", "01"][:3]
    return f"{year}-{month}-{day}T00:00:00Z"


def topics(kb: KnowledgeBase, interview: Interview) -> list[tuple[str, str]]:
    """(slug, title) of every topic one of its exchanges is on, in the taxonomy's order."""
    on = {slug for e in interview.transcript.exchanges for slug in kb.exchange_topics[e.anchor]}
    return [(t.slug, t.title) for t in kb.topics if t.slug in on]


def people(interview: Interview) -> tuple[list[str], list[str]]:
    """(authors, contributors): the guests and the interviewers; with no guest, the interviewers are the authors."""
    interviewers = [interview.speakers[label].name for label in interview.interviewers]
    guests = [g.name for g in interview.guests]
    return (guests, interviewers) if guests else (interviewers, [])


def atom(kb: KnowledgeBase, series: Series, urls: SiteUrls) -> str:
    feed = ET.Element("feed", xmlns=ATOM)
    ET.SubElement(feed, "title").text = series.name
    if series.description:
        ET.SubElement(feed, "subtitle").text = series.description
    ET.SubElement(feed, "id").text = series.url
    ET.SubElement(feed, "link", rel="self", type="application/atom+xml", href=series.url + ATOM_FEED)
    ET.SubElement(feed, "link", rel="alternate", type="text/html", href=series.url)
    ET.SubElement(feed, "updated").text = timestamp(kb.interviews[0].date) if kb.interviews else "1970-01-01T00:00:00Z"
    ET.SubElement(feed, "generator").text = "interview-kb"
    for interview in kb.interviews[:FEED_ENTRIES]:
        page = urls.full(urls.interview(interview.slug))
        entry = ET.SubElement(feed, "entry")
        ET.SubElement(entry, "title").text = interview.title
        ET.SubElement(entry, "id").text = page
        ET.SubElement(entry, "link", rel="alternate", type="text/html", href=page)
        ET.SubElement(entry, "published").text = timestamp(interview.date)
        ET.SubElement(entry, "updated").text = timestamp(interview.date)
        authors, contributors = people(interview)
        for role, names in (("author", authors), ("contributor", contributors)):
            for name in names:
                ET.SubElement(ET.SubElement(entry, role), "name").text = name
        for slug, title in topics(kb, interview):
            ET.SubElement(entry, "category", term=slug, label=title)
        ET.SubElement(entry, "summary").text = description(interview)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def json_feed(kb: KnowledgeBase, series: Series, urls: SiteUrls) -> str:
    items = []
    for interview in kb.interviews[:FEED_ENTRIES]:
        page = urls.full(urls.interview(interview.slug))
        authors, _ = people(interview)
        summary = description(interview)
        items.append({
            "id": page,
            "url": page,
            "title": interview.title,
            "summary": summary,
            "content_text": summary,
            "date_published": timestamp(interview.date),
            "authors": [{"name": name} for name in authors],
            "tags": [title for _, title in topics(kb, interview)],
        })  # fmt: skip
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": series.name,
        "home_page_url": series.url,
        "feed_url": series.url + JSON_FEED,
        **({"description": series.description} if series.description else {}),
        "items": items,
    }
    return json.dumps(feed, ensure_ascii=False, indent=1) + "\n"


def add_files(files: Files, config: MkDocsConfig, kb: KnowledgeBase) -> None:
    """Add both feeds to a MkDocs build (called from the `on_files` hook); none without `site_url`."""
    if not config.site_url:
        return
    urls = SiteUrls.of(config)
    series = Series(config.site_name, " ".join((config.site_description or "").split()), urls.full(""))
    files.append(File.generated(config, ATOM_FEED, content=atom(kb, series, urls)))
    files.append(File.generated(config, JSON_FEED, content=json_feed(kb, series, urls)))
