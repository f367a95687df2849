"""Tags from the metadata: `tags:` and `keywords:` of a transcript's front matter or its `.yml` on the interview page."""

from __future__ import annotations

from pathlib import Path

import yaml
from interview_kb.knowledge.base import load
from interview_kb.reading.loader import load_interview
from interview_kb.reading.markdown_source import clean_tags, tag_values
from interview_kb.render import pages
from interview_kb.urls import interview_page

from tests.test_markdown_source import BODY, FRONT, SPEAKERS, seeds_with


def test_tags_are_cleaned_of_case_duplicates_and_spaces() -> None:
    assert clean_tags(["AI", "ai", " Machine   learning ", "", "machine learning", "Ai "]) == ("AI", "Machine learning")
    assert tag_values("NFV, open source,,SDN") == ["NFV", " open source", "", "SDN"]
    assert tag_values([2024, "edge", True, None, {"a": 1}]) == ["2024", "edge"]


def test_front_matter_and_metadata_tags_become_the_interviews_tags(tmp_path: Path) -> None:
    front = FRONT.replace("tags: [widgets, scale]", "tags: [Widgets, scale]\nkeywords: 'widgets, Supply chains'")
    path = seeds_with(tmp_path, "ep-12.md", front + BODY, SPEAKERS + "tags: [Scale, Factories]\nkeywords: logistics\n")
    assert load_interview(path).tags == ("Scale", "Factories", "logistics", "Widgets", "Supply chains")


def page_tags(path: Path) -> list[str]:
    page = pages.render(load(path.parent), pages.Site("KB", ""))[interview_page(load_interview(path).slug)]
    tags: list[str] = yaml.safe_load(page.split("---", 2)[1])["tags"]
    return tags


def test_the_interview_page_lists_its_topics_and_its_metadata_tags_once(tmp_path: Path) -> None:
    """Material's tags plugin builds the tags page from each page's front matter `tags:`."""
    path = seeds_with(tmp_path, "ep-12.md", FRONT.replace("tags: [widgets, scale]", "tags: [widgets, scale, Widgets]") + BODY)
    assert page_tags(path) == ["Widgets", "scale"]  # the topic "Widgets" (its title first), then the metadata's


def test_no_tags_in_the_metadata_leaves_the_topic_titles(tmp_path: Path) -> None:
    path = seeds_with(tmp_path, "ep-12.md", FRONT.replace("tags: [widgets, scale]\n", "") + BODY)
    assert page_tags(path) == ["Widgets"]
