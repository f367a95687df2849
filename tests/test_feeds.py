"""The feeds (outputs/feeds.py): the Atom feed checked against RFC 4287's rules, the JSON Feed against version 1.1's."""

from __future__ import annotations

import json
import re
import urllib.parse
import xml.etree.ElementTree as ET

import pytest
from interview_kb.outputs import feeds
from interview_kb.urls import SiteUrls

from tests.support import Build, interview, knowledge_base, soup

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
SERIES = feeds.Series("Talks & <Things>", "Every talk.", "https://kb.example.org/archive/")
URLS = SiteUrls("https://kb.example.org/archive/")


def absolute_iri(text: str | None) -> bool:
    parts = urllib.parse.urlsplit(text or "")
    return bool(parts.scheme) and (bool(parts.netloc) or parts.scheme in ("urn", "tag"))


def atom_violations(xml: str) -> list[str]:
    """What RFC 4287 (section 4) requires of a feed and its entries, that the document breaks."""
    feed = ET.fromstring(xml)
    found: list[str] = []
    if feed.tag != f"{A}feed":
        return [f"root is {feed.tag}, not atom:feed"]

    def once(element: ET.Element, name: str, where: str) -> None:
        count = len(element.findall(f"{A}{name}"))
        if count != 1:
            found.append(f"{where}: {count} atom:{name}, must be exactly one")

    def at_most_once(element: ET.Element, name: str, where: str) -> None:
        if len(element.findall(f"{A}{name}")) > 1:
            found.append(f"{where}: more than one atom:{name}")

    def dates(element: ET.Element, where: str) -> None:
        for name in ("updated", "published"):
            for date in element.findall(f"{A}{name}"):
                if not RFC3339.match(date.text or ""):
                    found.append(f"{where}: atom:{name} {date.text!r} is not an RFC 3339 date-time")

    def links(element: ET.Element, where: str) -> None:
        alternates = [
            (link.get("type"), link.get("hreflang")) for link in element.findall(f"{A}link") if link.get("rel", "alternate") == "alternate"
        ]
        if len(alternates) != len(set(alternates)):
            found.append(f"{where}: two alternate links of one type and language")
        for link in element.findall(f"{A}link"):
            if not link.get("href"):
                found.append(f"{where}: atom:link without href")

    def people(element: ET.Element, where: str) -> None:
        for person in element.findall(f"{A}author") + element.findall(f"{A}contributor"):
            if len(person.findall(f"{A}name")) != 1:
                found.append(f"{where}: a person construct needs exactly one atom:name")

    for name in ("id", "title", "updated"):
        once(feed, name, "feed")
    for name in ("generator", "icon", "logo", "rights", "subtitle"):
        at_most_once(feed, name, "feed")
    if not absolute_iri(feed.findtext(f"{A}id")):
        found.append("feed: atom:id is not an absolute IRI")
    if not any(link.get("rel") == "self" for link in feed.findall(f"{A}link")):
        found.append("feed: no atom:link rel=self (RFC 4287 says SHOULD)")
    dates(feed, "feed")
    links(feed, "feed")
    people(feed, "feed")
    feed_has_author = bool(feed.findall(f"{A}author"))
    for index, entry in enumerate(feed.findall(f"{A}entry")):
        where = f"entry {index}"
        for name in ("id", "title", "updated"):
            once(entry, name, where)
        for name in ("content", "published", "rights", "source", "summary"):
            at_most_once(entry, name, where)
        if not absolute_iri(entry.findtext(f"{A}id")):
            found.append(f"{where}: atom:id is not an absolute IRI")
        if not feed_has_author and not entry.findall(f"{A}author"):
            found.append(f"{where}: no atom:author, and the feed has none")
        has_alternate = any(link.get("rel", "alternate") == "alternate" for link in entry.findall(f"{A}link"))
        if entry.find(f"{A}content") is None and not has_alternate:
            found.append(f"{where}: neither atom:content nor an alternate link")
        dates(entry, where)
        links(entry, where)
        people(entry, where)
        for category in entry.findall(f"{A}category"):
            if not category.get("term"):
                found.append(f"{where}: atom:category without term")
    ids = [entry.findtext(f"{A}id") for entry in feed.findall(f"{A}entry")]
    if len(ids) != len(set(ids)):
        found.append("two entries with one atom:id")
    return found


def series_of_three() -> object:
    talks = [
        interview(f"Q: Question {n}?\n\nA: Answer {n}.\n", slug=f"talk-{n}", date=date)
        for n, date in ((1, "2014"), (2, "2016-05"), (3, "2015-02-03"))
    ]
    return knowledge_base(*sorted(talks, key=lambda t: t.date, reverse=True))


def test_the_atom_feed_follows_rfc_4287_and_lists_the_series_newest_first() -> None:
    xml = feeds.atom(series_of_three(), SERIES, URLS)  # type: ignore[arg-type]
    assert atom_violations(xml) == []
    feed = ET.fromstring(xml)
    assert feed.findtext(f"{A}title") == "Talks & <Things>"
    entries = feed.findall(f"{A}entry")
    assert [e.findtext(f"{A}id") for e in entries] == [f"https://kb.example.org/archive/interviews/talk-{n}/" for n in (2, 3, 1)]
    assert [e.findtext(f"{A}published") for e in entries] == ["2016-05-01T00:00:00Z", "2015-02-03T00:00:00Z", "2014-01-01T00:00:00Z"]
    assert feed.findtext(f"{A}updated") == "2016-05-01T00:00:00Z"
    first = entries[0]
    assert [a.findtext(f"{A}name") for a in first.findall(f"{A}author")] == ["Ada Answer"]
    assert [a.findtext(f"{A}name") for a in first.findall(f"{A}contributor")] == ["Quinn Asker"]
    assert first.findtext(f"{A}summary") == "Title of talk-2"


def test_the_validator_sees_a_broken_feed() -> None:
    xml = feeds.atom(series_of_three(), SERIES, URLS)  # type: ignore[arg-type]
    broken = re.sub(r"<updated>[^<]+</updated>", "<updated>May 2016</updated>", xml, count=1)
    broken = re.sub(r"(<entry>\s*<title>[^<]*</title>\s*)<id>[^<]+</id>", r"\1", broken, count=1)
    assert atom_violations(broken) == [
        "feed: atom:updated 'May 2016' is not an RFC 3339 date-time",
        "entry 0: 0 atom:id, must be exactly one",
        "entry 0: atom:id is not an absolute IRI",
    ]


def test_the_json_feed_follows_version_1_1() -> None:
    feed = json.loads(feeds.json_feed(series_of_three(), SERIES, URLS))  # type: ignore[arg-type]
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and feed["feed_url"] == "https://kb.example.org/archive/feed.json"
    for item in feed["items"]:
        assert item["id"] and ("content_text" in item or "content_html" in item)
        assert RFC3339.match(item["date_published"])
    assert [item["title"] for item in feed["items"]] == ["Title of talk-2", "Title of talk-3", "Title of talk-1"]


@pytest.mark.slow
def test_the_built_feeds_validate_and_every_page_advertises_them(built: Build) -> None:
    xml = (built.site / "feed.xml").read_text(encoding="utf-8")
    assert atom_violations(xml) == []
    entries = ET.fromstring(xml).findall(f"{A}entry")
    assert [e.findtext(f"{A}title") for e in entries] == [i["title"] for i in built.kb["interviews"]]
    assert entries[0].findall(f"{A}category")  # the topics
    json.loads((built.site / "feed.json").read_text(encoding="utf-8"))
    for url in ("", "topics/sbc/", f"interviews/{built.kb['interviews'][0]['slug']}/", "glossary/"):
        page = soup(built.html(url))
        assert page.select_one('head link[rel=alternate][type="application/atom+xml"]'), url
        assert page.select_one('head link[rel=alternate][type="application/feed+json"]'), url


def test_the_feeds_carry_the_newest_interviews_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """A feed reader keeps what it has read; a feed of every interview would grow with the series (2.7 MB at 3000)."""
    monkeypatch.setattr(feeds, "FEED_ENTRIES", 2)
    kb = series_of_three()
    atom_ids = [e.findtext(f"{A}id") for e in ET.fromstring(feeds.atom(kb, SERIES, URLS)).findall(f"{A}entry")]  # type: ignore[arg-type]
    json_ids = [item["id"] for item in json.loads(feeds.json_feed(kb, SERIES, URLS))["items"]]  # type: ignore[arg-type]
    newest = [f"https://kb.example.org/archive/interviews/talk-{n}/" for n in (2, 3)]
    assert atom_ids == newest
    assert json_ids == newest
