"""An interview page's Markdown kept from one build to the next under `mkdocs serve` (render/pages.py, `PageMemo`)."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from interview_kb.knowledge import base
from interview_kb.knowledge import exchange_links as knowledge_links
from interview_kb.knowledge import topics as topic_rules
from interview_kb.knowledge.base import TopicMemo
from interview_kb.knowledge.exchange_links import LinkMemo
from interview_kb.outputs import downloads
from interview_kb.plugin.incremental import DownloadMemo, InterviewCache
from interview_kb.reading.loader import load_interview
from interview_kb.reading.topics_file import Topic
from interview_kb.reading.transcript import Exchange
from interview_kb.render import exchange_view, pages
from interview_kb.render.pages import PageMemo, Site
from interview_kb.urls import interview_page

from tests.support import ROOT, add_interview


def test_a_page_is_made_again_only_when_what_it_is_made_of_changed() -> None:
    memo = PageMemo()
    assert memo.page("a.md", ("x", 1), lambda: "first") == "first"
    assert memo.page("a.md", ("x", 1), lambda: "second") == "first"
    assert memo.page("a.md", ("x", 2), lambda: "third") == "third"
    memo.keep(set())
    assert memo.page("a.md", ("x", 2), lambda: "fourth") == "fourth"


def test_a_rebuild_reuses_the_interview_pages_and_makes_the_same_markdown(monkeypatch: pytest.MonkeyPatch) -> None:
    interviews, topics, links = InterviewCache(load_interview), TopicMemo(), LinkMemo()

    def read() -> tuple[base.KnowledgeBase, knowledge_links.Knowledge]:
        kb = base.load(ROOT / "seeds", lambda warning: None, interviews.read, memo=topics)
        return kb, knowledge_links.load(ROOT / "seeds", kb, lambda warning: None, links)

    memo = PageMemo()
    kb, knowledge = read()
    first = pages.render(kb, Site("Site", ""), knowledge, memo)
    fresh = pages.render(kb, Site("Site", ""), knowledge)
    assert first == fresh
    kb, knowledge = read()  # a rebuild: the same files, read again

    def views(*args: object) -> None:
        raise AssertionError("an interview page was made again")

    monkeypatch.setattr(exchange_view, "views", views)
    assert pages.render(kb, Site("Site", ""), knowledge, memo) == first
    with pytest.raises(AssertionError, match="made again"):
        pages.render(kb, Site("Other site", ""), knowledge, memo)  # the site's name is on every page
    assert interview_page(kb.interviews[0].slug) in first


def test_the_key_names_related_exchanges_by_what_the_page_shows(tmp_path: Path) -> None:
    kb = base.load(ROOT / "seeds", lambda warning: None)
    knowledge = knowledge_links.load(ROOT / "seeds", kb, lambda warning: None)
    interview = kb.interviews[0]
    key = pages.interview_key(interview, kb, knowledge, Site("Site", ""))
    assert key == pages.interview_key(interview, kb, knowledge, Site("Site", ""))
    assert key != pages.interview_key(interview, kb, knowledge, Site("Site", "described"))


def test_a_rebuild_weighs_the_field_only_of_an_interview_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether an interview is in the taxonomy's field counts all its words: a rebuild does it for the edited one only."""
    seeds = shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    add_interview(seeds, "second")
    interviews, topics = InterviewCache(load_interview), TopicMemo()
    weighed: list[int] = []
    in_field = topic_rules.in_field

    def weigh(taxonomy: tuple[Topic, ...], exchanges: tuple[Exchange, ...]) -> bool:
        weighed.append(len(exchanges))
        return in_field(taxonomy, exchanges)

    monkeypatch.setattr(topic_rules, "in_field", weigh)
    base.load(seeds, lambda warning: None, interviews.read, memo=topics)
    assert len(weighed) == 2
    base.load(seeds, lambda warning: None, interviews.read, memo=topics)
    assert len(weighed) == 2
    transcript = seeds / "second.txt"
    transcript.write_text(transcript.read_text(encoding="utf-8") + "\nAnn: One more?\n\nBob: Yes, one more.\n", encoding="utf-8")
    again = base.load(seeds, lambda warning: None, interviews.read, memo=topics)
    assert len(weighed) == 3
    second = next(i for i in again.interviews if i.slug == "second")
    assert weighed[-1] == len(second.transcript.exchanges)


def test_each_topic_s_exchanges_are_the_series_exchanges_on_it_in_order() -> None:
    kb = base.load(ROOT / "seeds", lambda warning: None)
    for topic in kb.topics:
        expected = [(i, e) for i in kb.interviews for e in i.transcript.exchanges if topic.slug in kb.exchange_topics[e.anchor]]
        assert kb.topic_exchanges(topic.slug) == expected
    assert kb.topic_exchanges("no-such-topic") == []
    assert kb.exchanges() == [(i, e) for i in kb.interviews for e in i.transcript.exchanges]


def test_downloads_are_made_again_only_for_an_interview_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    kb = base.load(ROOT / "seeds", lambda warning: None)
    urls: dict[str, str | None] = {i.slug: f"https://example.com/{i.slug}/" for i in kb.interviews}
    made: list[str] = []
    render = downloads.render

    def counted(one: base.KnowledgeBase, page_urls: dict[str, str | None]) -> dict[str, bytes]:
        made.extend(i.slug for i in one.interviews)
        return render(one, page_urls)

    monkeypatch.setattr(downloads, "render", counted)
    memo = DownloadMemo()
    first = memo.render(kb, urls)
    assert first == render(kb, urls) and made == [kb.interviews[0].slug]
    assert memo.render(kb, urls) == first and len(made) == 1
    memo.render(kb, {slug: "https://elsewhere.example/" for slug in urls})  # the permalinks in the citations changed
    reread = dataclasses.replace(kb, interviews=(dataclasses.replace(kb.interviews[0]),))  # read again: another object
    memo.render(reread, urls)
    assert len(made) == 3
