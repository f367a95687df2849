"""The pictures: the map of each conversation, the map of the series, the timeline axis, speaker badges."""

from __future__ import annotations

from collections import Counter

from bs4 import BeautifulSoup
from interview_kb.knowledge.base import KnowledgeBase
from interview_kb.reading.topics_file import Topic
from interview_kb.render import pictures
from interview_kb.urls import SiteUrls

from tests import support
from tests.support import Build


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def ids(html: str) -> set[str]:
    return {str(node["id"]) for node in soup(html).select("[id]")}


def test_conversation_map_has_one_mark_per_exchange_in_order_named_by_its_question(built: Build) -> None:
    kb = built.kb
    for interview in kb["interviews"]:
        page = soup(built.html(f"interviews/{interview['slug']}/"))
        headings = [(str(h["id"]), h.get_text().replace("¶", "").strip()) for h in page.select("h2.kb-exchange")]
        marks = page.select("nav.kb-convmap ol.kb-convmap__marks > li > a")
        assert [(str(a["href"]), a.get_text().strip()) for a in marks] == [(f"#{anchor}", label) for anchor, label in headings]
        exchanges = [e for e in kb["exchanges"] if e["interview"] == interview["slug"]]
        assert [m["href"] for m in marks] == [f"#{e['id']}" for e in exchanges]
        for mark, exchange in zip(marks, exchanges, strict=True):
            bands = mark.select(".kb-band")
            assert len(bands) == max(1, len(exchange["topics"])), exchange["id"]
            hidden = mark.select_one(".kb-bands")
            assert hidden is not None and hidden["aria-hidden"] == "true"
        legend = [li.get_text().strip() for li in page.select("nav.kb-convmap .kb-legend li")]
        titles = {t["slug"]: t["title"] for t in kb["topics"]}
        used = [titles[t["slug"]] for t in kb["topics"] if any(t["slug"] in e["topics"] for e in exchanges)]
        assert legend[: len(used)] == used


def test_longer_exchanges_get_wider_marks() -> None:
    assert pictures.mark_width(50) == pictures.mark_width(0) == 1.2
    assert pictures.mark_width(300) < pictures.mark_width(600)


def test_series_map_counts_match_kb_json_and_link_to_those_exchanges(built: Build) -> None:
    kb = built.kb
    expected = Counter((e["interview"], t) for e in kb["exchanges"] for t in e["topics"])
    page = soup(built.html("series/"))
    table = page.select_one(".kb-series-map table")
    assert table is not None
    topics = [t["slug"] for t in kb["topics"]]
    found: Counter[tuple[str, str]] = Counter()
    rows = [row for row in table.select("tbody tr") if row.select_one('th[scope="row"]')]
    hrefs = [str(a["href"]) for r in rows if (a := r.select_one('th[scope="row"] a'))]
    assert hrefs == [f"../interviews/{i['slug']}/" for i in kb["interviews"]]
    for row, interview in zip(rows, kb["interviews"], strict=True):
        cells = row.select("td")
        assert len(cells) == len(topics)
        for cell, topic in zip(cells, topics, strict=True):
            link = cell.select_one("a")
            if link is None:
                continue
            found[(interview["slug"], topic)] = int(str(link.contents[0]))
            page_url, fragment = str(link["href"]).removeprefix("../").split("#")
            assert fragment in ids(built.html(page_url)), link["href"]
            first = next(e for e in kb["exchanges"] if e["interview"] == interview["slug"] and topic in e["topics"])
            assert fragment == first["id"]  # one interview: the topic page's copy of its first exchange
    assert found == expected


def test_series_map_links_to_the_interview_group_or_past_the_chapter_to_the_interview() -> None:
    text = "Q: Do you sell SBCs?\n\nA: Yes, SBCs.\n"
    older = support.interview(text, slug="older", date="2014")
    newer = support.interview(text, slug="newer", date="2016")
    topic = Topic("sbc", "SBC", "Session border controllers", (("sbc*", 1.0),), 1.0, (), ())
    kb = KnowledgeBase((newer, older), (topic,), {e.anchor: ("sbc",) for i in (newer, older) for e in i.transcript.exchanges})
    cells = pictures.series_cells(kb, full_text=1, urls=SiteUrls())
    assert cells[("newer", "sbc")] == pictures.Cell(1, "topics/sbc/#from-newer")
    assert cells[("older", "sbc")] == pictures.Cell(1, f"interviews/older/#{older.transcript.exchanges[0].anchor}")
    html = pictures.series_map(kb, 1, SiteUrls())
    assert html.index(">2016<") < html.index(">2014<")


def test_timeline_picture_has_one_dot_per_event_leading_to_it(built: Build) -> None:
    kb = built.kb
    events = [f for f in kb["facts"] if f["date"]]
    html = built.html("timeline/")
    dots = soup(html).select(".kb-timemap__events a")
    assert len(dots) == len(events) > 0
    anchors = ids(html)
    for dot in dots:
        target = str(dot["href"]).removeprefix("#")
        assert target in anchors and target.startswith("event-")
        assert dot.get_text().strip()


def test_every_turn_has_its_speakers_badge_the_same_on_every_page(built: Build) -> None:
    seen: dict[str, str] = {}
    for url in [f"interviews/{built.kb['interviews'][0]['slug']}/", f"topics/{built.kb['topics'][0]['slug']}/"]:
        for turn in soup(built.html(url)).select(".kb-turn"):
            badge = turn.select_one("p .kb-badge")
            assert badge is not None and badge["aria-hidden"] == "true"
            strong = badge.find_next("strong")
            assert strong is not None
            name = strong.get_text().rstrip(":")
            classes = " ".join(badge["class"])
            assert seen.setdefault(name, classes) == classes
            asks = "kb-turn--question" in turn["class"] or "kb-turn--aside" in turn["class"]
            assert ("kb-badge--asks" in classes) == asks
    assert len(seen) >= 2


def test_initials_and_colour_are_stable() -> None:
    assert pictures.initials("Martin Taylor") == "MT"
    assert pictures.initials("Prayson") == "P"
    assert pictures.initials("Dr. Ada van Answer") == "DA"
    # Recorded values, so that a salted or otherwise per-process colour would fail here, not only across pages.
    assert pictures.badge("Martin Taylor", False) == (
        '<span class="kb-badge kb-badge-3 kb-badge--answers" data-initials="MT" aria-hidden="true"></span>'
    )
    assert 'class="kb-badge kb-badge-5 kb-badge--asks"' in pictures.badge("Prayson Pate", True)
    assert 'data-initials="BX"' in pictures.badge("<b> x", True)
