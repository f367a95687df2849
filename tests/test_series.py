"""A series of interviews: a second, timestamped interview (tests/data/second/) beside the first."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from interview_kb.knowledge import base
from interview_kb.urls import interview_page, topic_page

from scripts.tools.topic_accuracy import evaluate
from tests.support import ROOT, Build, build_site

pytestmark = pytest.mark.slow  # builds sites (make test-fast leaves it out)

SECOND = ROOT / "tests" / "data" / "second"
SLUG = "edge-cloud-jose-alvarez"


def normalise(text: str) -> str:
    return re.sub(r"[ \t\r\n\f\v]+", " ", text).strip()


@pytest.fixture(scope="module")
def series_seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`seeds/` plus the second interview and the topic it calls for."""
    folder = tmp_path_factory.mktemp("series") / "seeds"
    shutil.copytree(ROOT / "seeds", folder)
    for path in SECOND.glob(f"{SLUG}.*"):
        shutil.copy(path, folder / path.name)
    topics = folder / "topics.yml"
    topics.write_text(
        topics.read_text(encoding="utf-8") + "\n" + (SECOND / "topics-extra.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return folder


@pytest.fixture(scope="module")
def series(series_seeds: Path, tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site(tmp_path_factory.mktemp("series-site") / "site", series_seeds)
    assert build.returncode == 0, build.stderr
    assert "WARNING" not in build.stderr
    return build


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_adding_an_interview_keeps_every_link_into_the_first(built: Build, series: Build) -> None:
    before = {e["id"]: e["url"] for e in built.kb["exchanges"]}
    after = {e["id"]: e["url"] for e in series.kb["exchanges"] if e["interview"] != SLUG}
    assert after == before


def test_anchors_are_unique_across_interviews(series: Build) -> None:
    ids = [e["id"] for e in series.kb["exchanges"]]
    assert len(ids) == len(set(ids)) == 16 + 8
    for exchange in series.kb["exchanges"]:
        assert soup(series.html(exchange["url"])).find(id=exchange["id"]) is not None


def test_home_lists_interviews_newest_first_and_by_organization(series: Build) -> None:
    page = soup(series.html(""))
    titles = [normalise(a.get_text()) for a in page.select("#interviews ~ ul > li > strong > a")]
    assert titles == [i["title"] for i in sorted(series.kb["interviews"], key=lambda i: i["date"], reverse=True)]
    assert titles[0].startswith("Edge, Fibre and Culture: José Álvarez-Núñez")
    assert page.select_one("#series-map ~ p a[href='series/']")
    organizations = normalise(soup(series.html("series/")).select_one("#by-organization ~ ul").get_text(" "))  # type: ignore[union-attr]
    assert "Metaswitch" in organizations and "Nordlys Telecom" in organizations


def test_topic_pages_gather_across_interviews_and_name_the_interview(series: Build) -> None:
    page = soup(series.html("topics/open-source/"))
    listed = page.select(".kb-topic-index li")
    interviews = {e["interview"] for e in series.kb["exchanges"] if "open-source" in e["topics"]}
    assert interviews == {SLUG, "real-ctos-nfv-martin-taylor"}
    text = normalise(page.select_one(".kb-topic-index").get_text(" "))  # type: ignore[union-attr]
    assert "Edge, Fibre and Culture" in text and "The Real CTOs of NFV" in text
    assert len(listed) == sum("open-source" in e["topics"] for e in series.kb["exchanges"])


def test_search_index_covers_both_interviews_once_each(series: Build) -> None:
    records = series.search_records()
    for exchange in series.kb["exchanges"]:
        assert [r["url"] for r in records if r["url"].endswith("#" + exchange["id"])] == [exchange["url"]]
    fronthaul = [r["url"] for r in records if "fronthaul" in r["content"].lower()]
    assert len(fronthaul) == 1 and fronthaul[0].startswith(f"interviews/{SLUG}/#how-do-you-connect")
    assert {y for r in records for y in r["filters"]["year"]} == {i["date"][:4] for i in series.kb["interviews"]}


def test_timestamps_are_shown_and_link_into_the_recording(series: Build, series_seeds: Path) -> None:
    interview = next(i for i in base.load(series_seeds).interviews if i.slug == SLUG)
    page = soup(series.html(f"interviews/{SLUG}/"))
    links = page.select("a.kb-timestamp")
    turns = [t for e in interview.transcript.exchanges for t in e.turns]
    assert [a.get_text() for a in links] == [t.timestamp for t in turns]
    assert links[1]["href"] == "https://podcast.example.com/audio/edge-fibre-culture.mp3#t=31"
    text = normalise(page.select_one("article").get_text())  # type: ignore[union-attr]
    position = 0
    for paragraph in [p for t in turns for p in t.paragraphs]:
        position = text.index(paragraph.text, position) + len(paragraph.text)
    assert "José Álvarez-Núñez:" in text and "Ingrid Sørensen:" in text


def test_topic_rules_on_the_held_out_interview(series_seeds: Path) -> None:
    """The second interview was labelled after the rules were written: a held-out check."""
    figures = evaluate(series_seeds, SECOND / "topic_labels.yml")["rules+overrides"]["all"]
    assert figures.precision >= 0.85
    assert figures.recall >= 0.7


def test_many_interviews_are_grouped_by_year_in_the_nav(tmp_path: Path) -> None:
    from interview_kb.render import pages

    from scripts.tools.synthetic import write_series

    kb = base.load(write_series(pages.FLAT_NAV_INTERVIEWS + 1, tmp_path / "seeds"))
    section = pages.nav(kb)[1]["Interviews"]
    years = [next(iter(group)) for group in section]
    assert years == sorted(set(years), reverse=True)
    listed = [path for group in section for entries in group.values() for entry in entries for path in entry.values()]
    assert sorted(listed) == sorted(interview_page(i.slug) for i in kb.interviews)
    assert pages.nav(base.load(ROOT / "seeds"))[1]["Interviews"] == [
        {kb_i.title: interview_page(kb_i.slug)} for kb_i in base.load(ROOT / "seeds").interviews
    ]


def test_a_year_of_many_interviews_is_grouped_by_month_in_the_nav(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page carries its own month's interviews, not its year's: a daily series would put 250 links on every page."""
    from interview_kb.render import pages

    from scripts.tools.synthetic import write_series

    monkeypatch.setattr(pages, "YEAR_NAV_INTERVIEWS", 2)
    kb = base.load(write_series(100, tmp_path / "seeds"))  # four interviews a year, each in its own month
    section = pages.nav(kb)[1]["Interviews"]
    years = {next(iter(group)): next(iter(group.values())) for group in section}
    dates = {interview_page(i.slug): i.date for i in kb.interviews}
    listed = []
    for year, entries in years.items():
        grouped = [entry for entry in entries if isinstance(next(iter(entry.values())), list)]
        undated = entries[len(grouped) :]  # dated by the year alone (the seeds' interview: 2015): after the months
        assert all(isinstance(next(iter(entry.values())), str) for entry in undated), year
        assert {dates[path] for entry in undated for path in entry.values()} <= {year}
        assert all(next(iter(entry)).endswith(f" {year}") for entry in grouped), grouped
        listed += [path for entry in grouped for interviews in entry.values() for item in interviews for path in item.values()]
        listed += [path for entry in undated for path in entry.values()]
    assert sorted(listed) == sorted(interview_page(i.slug) for i in kb.interviews)
    newest = kb.interviews[0]
    first_year = next(iter(years.values()))
    first_month = next(iter(first_year[0].values()))
    assert next(iter(first_month[0].values())) == interview_page(newest.slug)


def test_a_large_series_has_the_latest_interviews_on_the_home_page_and_the_map_by_year(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from interview_kb.render import pages, series
    from interview_kb.urls import SiteUrls

    from scripts.tools.synthetic import write_series

    monkeypatch.setattr(pages, "HOME_INTERVIEWS", 3)
    monkeypatch.setattr(series, "ONE_PAGE", 1)
    kb = base.load(write_series(30, tmp_path / "seeds"))  # one or two a year, 2000 to 2024 (two in 2015 with the real one)
    written = pages.render(kb, pages.Site("KB", "About."))
    home = written["index.md"]
    assert home.count("](interviews/") == 3 and "the 3 latest of 30" in home and "(series/index.md)" in home
    assert "kb-series-map" not in home
    by_year = {path: text for path, text in written.items() if path.startswith("series/") and path != "series/index.md"}
    rows = {path: re.findall(r'<th scope="row"><a href="([^"]+)"', text) for path, text in by_year.items()}
    assert all(len(found) == 1 for found in rows.values())  # no page holds more than ONE_PAGE interviews
    shown = [href.removeprefix("../../").removesuffix("/") for found in rows.values() for href in found]
    assert sorted(shown) == sorted(f"interviews/{i.slug}" for i in kb.interviews)  # each interview on one page, linked from it
    assert "series/2015.md" in by_year and "series/2015-2.md" in by_year  # 2015 has two: two pages
    index = written["series/index.md"]
    assert "kb-series-map" not in index and all(f"]({path.removeprefix('series/')})" in index for path in by_year)
    entry = series.nav(kb)["Series map"]
    assert entry[0] == "series/index.md" and sorted(p for group in entry[1:] for p in group.values()) == sorted(by_year)
    assert series.root_of("series/2015.md", SiteUrls()) == "../../"
    assert series.root_of("series/2015.md", SiteUrls(use_directory_urls=False)) == "../"


def test_a_large_topic_shows_its_newest_exchanges_in_full_and_lists_the_rest(tmp_path: Path) -> None:
    from interview_kb.render import pages

    from scripts.tools.synthetic import write_series

    kb = base.load(write_series(12, tmp_path / "seeds"))
    topic = max(kb.topics, key=lambda t: len(kb.topic_exchanges(t.slug)))
    entries = kb.topic_exchanges(topic.slug)
    assert len(entries) > pages.FULL_TEXT_EXCHANGES, "the series is too small to test the limit"
    markdown = pages.render(kb, pages.Site("Site", ""))[topic_page(topic.slug)]
    in_full = re.findall(r"\{ #([\w-]+) \.kb-topic-exchange \}", markdown)
    assert in_full == [e.anchor for _, e in entries[: pages.FULL_TEXT_EXCHANGES]]  # newest interviews first
    more = len(entries) - pages.FULL_TEXT_EXCHANGES
    assert f"{more} more exchanges on this topic, from earlier interviews, are in the list above" in markdown
    index = markdown.split("## What was said")[0]
    assert all(f"#{e.anchor})" in index for _, e in entries)


def test_a_very_large_topic_links_earlier_interviews_instead_of_each_exchange(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from interview_kb.render import pages

    from scripts.tools.synthetic import write_series

    kb = base.load(write_series(12, tmp_path / "seeds"))
    topic = max(kb.topics, key=lambda t: len(kb.topic_exchanges(t.slug)))
    entries = kb.topic_exchanges(topic.slug)
    monkeypatch.setattr(pages, "LISTED_EXCHANGES", 10)  # as a topic of thousands of exchanges would be
    index = pages.render(kb, pages.Site("Site", ""))[topic_page(topic.slug)].split("## What was said")[0]
    assert [a for _, e in entries for a in [e.anchor] if f"#{a})" in index] == [e.anchor for _, e in entries[:10]]
    earlier = {i.slug: sum(1 for j, _ in entries[10:] if j.slug == i.slug) for i, _ in entries[10:]}
    for slug, count in earlier.items():
        assert re.search(rf"\(\.\./interviews/{slug}\.md\) \({count}\)", index), slug


def test_a_topic_page_names_a_bounded_number_of_earlier_interviews(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from interview_kb.render import pages

    from scripts.tools.synthetic import write_series

    kb = base.load(write_series(12, tmp_path / "seeds"))
    topic = max(kb.topics, key=lambda t: len(kb.topic_exchanges(t.slug)))
    entries = kb.topic_exchanges(topic.slug)
    monkeypatch.setattr(pages, "LISTED_EXCHANGES", 3)
    monkeypatch.setattr(pages, "EARLIER_INTERVIEWS", 2)  # as a topic of a series of thousands of interviews would be
    index = pages.render(kb, pages.Site("Site", ""))[topic_page(topic.slug)].split("## What was said")[0]
    earlier = list(dict.fromkeys(i.slug for i, _ in entries[3:]))
    assert len(earlier) > 2, "the series is too small to test the limit"
    named = re.findall(r"\]\(\.\./interviews/([a-z0-9-]+)\.md\) \(\d+\)", index)
    assert named == earlier[:2]
    years: dict[str, int] = {}
    for slug in earlier[2:]:
        year = next(i.date[:4] for i in kb.interviews if i.slug == slug)
        years[year] = years.get(year, 0) + 1
    counted = "; ".join(f"{year}, {n} interview{'s' if n != 1 else ''}" for year, n in years.items())
    assert f"Before those: {counted}." in index
