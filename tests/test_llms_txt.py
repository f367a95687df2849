"""llms.txt (outputs/llms_txt.py) as the llmstxt.org convention lays it out, and its links on the built site."""

from __future__ import annotations

import re
import urllib.parse

import pytest
from interview_kb.outputs.llms_txt import llms_txt
from interview_kb.urls import SiteUrls

from tests.support import Build, interview, knowledge_base

LINK = re.compile(r"^- \[(?P<name>(?:[^\]\\]|\\.)+)\]\((?P<url>[^)\s]+)\)(?:: (?P<notes>.+))?$")


def convention_violations(text: str) -> list[str]:
    """An H1 first (the only one), then a blockquote, free text, and H2 sections whose lines are `- [name](url): notes`."""
    lines = text.splitlines()
    found = []
    if not lines or not re.match(r"^# \S", lines[0]):
        found.append("the first line is not an H1")
    if sum(line.startswith("# ") for line in lines) != 1:
        found.append("not exactly one H1")
    body = [line for line in lines[1:] if line]
    if not body or not body[0].startswith("> "):
        found.append("no blockquote summary after the H1")
    section = None
    for line in lines:
        if line.startswith("## "):
            section = line
        elif line and section and not LINK.match(line):
            found.append(f"{section}: {line!r} is not a `- [name](url): notes` line")
        elif line.startswith(("#", "###")) and not line.startswith(("# ", "## ")):
            found.append(f"heading other than H1 and H2: {line!r}")
    return found


def test_llms_txt_follows_the_convention() -> None:
    talk = interview("Q: Why [this] now?\n\nA: Because.\n", slug="why")
    text = llms_txt(knowledge_base(talk), "The [Site]", "A site\nof talks.", SiteUrls("https://kb.example.org/"))
    assert convention_violations(text) == []
    assert text.startswith("# The [Site]\n\n> A site of talks.\n")
    assert "- [Title of why](https://kb.example.org/kb/why.json): 2015; Ada Answer, interviewed by Quinn Asker; 1 exchange" in text
    assert "## Interviews" in text and "## Topics" in text and "## Optional" in text


def test_the_check_sees_a_line_that_breaks_the_convention() -> None:
    assert convention_violations("# Site\n\n> Sum.\n\n## Interviews\n\n* Title: https://x/\n") == [
        "## Interviews: '* Title: https://x/' is not a `- [name](url): notes` line"
    ]


@pytest.mark.slow
def test_every_link_of_the_built_llms_txt_is_a_file_of_the_site(built: Build) -> None:
    text = (built.site / "llms.txt").read_text(encoding="utf-8")
    assert convention_violations(text) == []
    urls = [m.group("url") for m in map(LINK.match, text.splitlines()) if m]
    assert len(urls) == len(built.kb["interviews"]) + len(built.kb["topics"]) + 1
    for url in urls:
        path = urllib.parse.urlsplit(url).path.lstrip("/")
        file = built.site / (path + "index.html" if path.endswith("/") else path)
        assert file.is_file(), url
    for record in built.kb["interviews"]:
        assert f"/kb/{record['slug']}.json)" in text
