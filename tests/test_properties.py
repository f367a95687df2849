"""Property-based tests: for generated transcripts, parsing and rendering lose nothing.

Transcripts are drawn from random speakers and paragraphs of arbitrary Unicode
mixed with Markdown, HTML and template punctuation. Rendering goes through the
same Markdown extensions as the site (read from mkdocs.yml).
"""

from __future__ import annotations

import re
from functools import cache

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from interview_kb.knowledge.base import KnowledgeBase
from interview_kb.reading.conversation import Turn, is_back_channel
from interview_kb.reading.formats import Paragraph
from interview_kb.reading.loader import Interview, Speaker
from interview_kb.reading.transcript import Transcript, parse
from interview_kb.render import pages
from mkdocs.config import load_config

from tests.support import ROOT

pytestmark = pytest.mark.slow  # builds sites (make test-fast leaves it out)

SYNTAX = [
    *list("<>&*_[]()!#`{}|\\-+=:~^$%\"';/.@?"),
    "--8<--",
    "<!--",
    "-->",
    "{{",
    "}}",
    "{%",
    "%}",
    "*[",
    "]:",
    "!!!",
    "///",
    "\t",
    "\xa0",
]
TEXT = st.lists(
    st.one_of(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")), st.sampled_from(SYNTAX)),
    min_size=1,
    max_size=40,
).map("".join)
PARAGRAPH = TEXT.map(lambda t: re.sub(r"[ \t\r\n\f\v]+", " ", t).strip(" ")).filter(lambda t: t.strip() != "")
LABEL = st.from_regex(r"[A-Z][a-z]{1,6}", fullmatch=True)


def normalise(text: str) -> str:
    return re.sub(r"[ \t\r\n\f\v]+", " ", text).strip()


@st.composite
def transcripts(draw: st.DrawFn) -> tuple[list[str], str, list[tuple[str, list[str]]]]:
    """(labels, interviewer, turns as (speaker, paragraphs)); the first turn is the interviewer's."""
    labels = draw(st.lists(LABEL, min_size=2, max_size=3, unique=True))
    interviewer = labels[0]
    turns = [(interviewer, draw(st.lists(PARAGRAPH, min_size=1, max_size=3)))]
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        turns.append((draw(st.sampled_from(labels)), draw(st.lists(PARAGRAPH, min_size=1, max_size=3))))
    if turns[-1][0] == interviewer:  # a closing question keeps one paragraph; the rest would be the epilogue
        turns[-1] = (interviewer, turns[-1][1][:1])
    for speaker, paragraphs in turns:
        for paragraph in paragraphs:
            assume(not any(re.match(re.escape(label) + r"\s*:", paragraph) for label in labels))
            assume(paragraph.strip() == paragraph and paragraph.split() != [])
        # A guest's listening words ("Mm.", "I-") inside a question that goes on are, by design, shown after the
        # whole question (one question, one anchor): the order these tests check is that of everything else.
        assume(speaker == interviewer or not is_back_channel(Turn(speaker, tuple(Paragraph(p, 0) for p in paragraphs))))
    return labels, interviewer, turns


def text_of(turns: list[tuple[str, list[str]]]) -> str:
    return "\n\n".join(f"{speaker}: {paragraphs[0]}" + "".join(f"\n\n{p}" for p in paragraphs[1:]) for speaker, paragraphs in turns)


def read(labels: list[str], interviewer: str, turns: list[tuple[str, list[str]]]) -> Transcript:
    return parse(text_of(turns), interview="prop", labels=labels, interviewers=[interviewer], path="prop.txt")


def questions_unique(turns: list[tuple[str, list[str]]], interviewer: str) -> bool:
    asked = ["\n\n".join(p) for s, p in turns if s == interviewer]
    return len(asked) == len(set(asked))


@given(transcripts())
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_parsing_keeps_every_paragraph_in_order_once(case: tuple[list[str], str, list[tuple[str, list[str]]]]) -> None:
    labels, interviewer, turns = case
    assume(questions_unique(turns, interviewer))
    transcript = read(labels, interviewer, turns)
    parsed = [(t.speaker, p.text) for e in transcript.exchanges for t in e.turns for p in t.paragraphs]
    assert parsed == [(speaker, paragraph) for speaker, paragraphs in turns for paragraph in paragraphs]
    assert transcript.preface == () and transcript.epilogue == ()
    anchors = [e.anchor for e in transcript.exchanges]
    assert len(anchors) == len(set(anchors))


@given(transcripts(), st.data())
@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_editing_one_exchange_changes_no_other_anchor(
    case: tuple[list[str], str, list[tuple[str, list[str]]]], data: st.DataObject
) -> None:
    labels, interviewer, turns = case
    assume(questions_unique(turns, interviewer))
    before = read(labels, interviewer, turns)
    questions = [i for i, (speaker, _) in enumerate(turns) if speaker == interviewer]
    edited_turn = data.draw(st.sampled_from(questions))
    new_text = data.draw(PARAGRAPH)
    assume(not any(re.match(re.escape(label) + r"\s*:", new_text) for label in labels))
    edited = [(s, [new_text] if i == edited_turn else p) for i, (s, p) in enumerate(turns)]
    assume(questions_unique(edited, interviewer))
    after = read(labels, interviewer, edited)
    # At most the edited question's anchor goes (an edit may also make it, or undo, an interjection).
    assert len({e.anchor for e in before.exchanges} - {e.anchor for e in after.exchanges}) <= 1


@cache
def site_markdown() -> markdown.Markdown:
    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


def render_interview(labels: list[str], interviewer: str, transcript: Transcript) -> BeautifulSoup:
    speakers = {label: Speaker(label, f"{label} Name", "", "") for label in labels}
    interview = Interview("prop", "Prop", "2020", "https://example.com", "", "", (interviewer,), speakers, transcript)
    kb = KnowledgeBase((interview,), (), {e.anchor: () for e in transcript.exchanges})
    page = pages.render(kb, pages.Site("Site", ""))["interviews/prop.md"]
    body = page.split("\n---\n", 1)[1]
    return BeautifulSoup(site_markdown().reset().convert(body), "html.parser")


@given(transcripts())
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_rendering_shows_every_paragraph_literally(case: tuple[list[str], str, list[tuple[str, list[str]]]]) -> None:
    labels, interviewer, turns = case
    assume(questions_unique(turns, interviewer))
    transcript = read(labels, interviewer, turns)
    html = render_interview(labels, interviewer, transcript)
    shown = [normalise(p.get_text()) for p in html.select(".kb-turn p")]
    # A speaker's consecutive turns are one turn: the name shows at the first of them.
    starts = [
        i == 0 and (n == 0 or turns[n - 1][0] != speaker) for n, (speaker, paragraphs) in enumerate(turns) for i in range(len(paragraphs))
    ]
    texts = [(speaker, p) for speaker, paragraphs in turns for p in paragraphs]
    expected = [normalise((f"{speaker} Name: " if start else "") + p) for (speaker, p), start in zip(texts, starts, strict=True)]
    assert shown == expected
    for tag in ("script", "img", "a[href^='javascript']", "abbr", "pre", "code", "table", "blockquote", "h3", "ul", "ol"):
        assert html.select(f".kb-turn {tag}") == []
