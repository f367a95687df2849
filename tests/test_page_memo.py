"""An interview page's Markdown kept from one build to the next under `mkdocs serve` (render/pages.py, `PageMemo`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from interview_kb.knowledge import base
from interview_kb.knowledge import exchange_links as knowledge_links
from interview_kb.knowledge.base import TopicMemo
from interview_kb.knowledge.exchange_links import LinkMemo
from interview_kb.plugin.incremental import InterviewCache
from interview_kb.reading.loader import load_interview
from interview_kb.render import exchange_view, pages
from interview_kb.render.pages import PageMemo, Site
from interview_kb.urls import interview_page

from tests.support import ROOT


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
