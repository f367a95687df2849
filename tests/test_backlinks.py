"""Knowledge pages link rather than copy: a person's, an entity's and a term's lists of exchanges are bounded at any size."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from interview_kb.commands.generate import generate
from interview_kb.render import knowledge_pages

from scripts.tools.synthetic_podcast import write_archive
from tests.support import ROOT


def host_page(tmp_path: Path, episodes: int, monkeypatch: pytest.MonkeyPatch) -> str:
    """The Markdown of the host's page in an archive of `episodes` (the host asks every question)."""
    monkeypatch.setenv("KB_STRICT", "false")  # the shipped topics' warnings on a synthetic archive are not what this measures
    seeds = write_archive(episodes, tmp_path / f"archive-{episodes}", words_per_episode=1_500)
    out = tmp_path / f"out-{episodes}"
    generate(seeds, out, ROOT / "mkdocs.yml")
    pages = sorted(out.glob("people/*.md"), key=lambda path: -path.stat().st_size)
    return pages[0].read_text(encoding="utf-8")


def turns_section(page: str) -> str:
    return page.split("## Turns { #turns }")[1].split("## Mentioned in")[0]


@pytest.fixture
def small_bounds(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """Bounds small enough for a few episodes; the patcher, for the host's page."""
    monkeypatch.setattr(knowledge_pages, "FULL_EXCHANGES", 2)
    monkeypatch.setattr(knowledge_pages, "LISTED_EXCHANGES", 5)
    monkeypatch.setattr(knowledge_pages, "EARLIER_INTERVIEWS", 1)
    return monkeypatch


def test_a_host_s_turns_are_the_newest_in_full_then_links_then_earlier_interviews(tmp_path: Path, small_bounds: pytest.MonkeyPatch) -> None:
    turns = turns_section(host_page(tmp_path, 4, small_bounds))
    exchange_links = re.findall(r"^1\. \[.+\]\(\.\./interviews/[a-z0-9-]+\.md#[a-z0-9-]+\)$", turns, re.MULTILINE)
    assert len(exchange_links) == 5
    assert len(re.findall(r"^    “", turns, re.MULTILINE)) == 2  # the first two with their words
    grouped = re.findall(r"^\*\*\[.+\]\(\.\./interviews/([a-z0-9-]+)\.md\)\*\* · \d{4}", turns, re.MULTILINE)
    assert grouped and len(grouped) == len(set(grouped))  # one heading per interview
    earlier = re.findall(r"^\*\*\d{4}:\*\* (.+)$", turns, re.MULTILINE)
    assert len(earlier) == 1 and earlier[0].count("](../interviews/") == 1  # one earlier interview named
    assert "Before those: " in turns and " interview" in turns.split("Before those: ")[1]


def test_a_host_s_page_does_not_grow_with_the_archive(tmp_path: Path, small_bounds: pytest.MonkeyPatch) -> None:
    smaller, larger = host_page(tmp_path, 6, small_bounds), host_page(tmp_path, 12, small_bounds)
    exchange_links = [len(re.findall(r"\]\(\.\./interviews/[^)]+#", page)) for page in (smaller, larger)]
    assert exchange_links == [5, 5]
    # The roles name five interviews, the earlier interviews one: every other interview is only counted, by year.
    interview_links = [len(re.findall(r"\]\(\.\./interviews/", page)) for page in (smaller, larger)]
    assert interview_links[0] == interview_links[1]
