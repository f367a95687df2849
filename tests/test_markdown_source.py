"""Transcripts published as Markdown or MDX: front matter as defaults, markup kept out of the text, any transcript suffix."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from interview_kb.errors import SeedError
from interview_kb.knowledge.base import load
from interview_kb.outputs import downloads
from interview_kb.reading.loader import load_interview
from interview_kb.reading.markdown_source import as_date, blank_markup, reader_text, strip_tags
from interview_kb.render import pages
from interview_kb.urls import interview_page, text_download

TOPICS = "topics:\n  - slug: widgets\n    title: Widgets\n    description: Widgets.\n    evidence: {widgets: 5, answer: 1, scale: 1}\n"
FRONT = """---
title: "Episode 12: Widgets at scale"
date: 2023-04-05
url: https://example.org/podcast/12
description: Two people talk about widgets.
layout: episode
tags: [widgets, scale]
guests:
  - name: Bo Berg
    role: Engineer
---
"""
BODY = """
## Transcript

**Ann:** Why do widgets break at scale?

**Bo:** Because nobody counts them until it is too late.
"""
SPEAKERS = "interviewer: Ann\nspeakers:\n  Ann: {name: Ann Ash}\n  Bo: {name: Bo Berg}\n"


def seeds_with(tmp_path: Path, name: str, text: str, meta: str = SPEAKERS) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir(exist_ok=True)
    (seeds / name).write_text(text, encoding="utf-8")
    (seeds / f"{Path(name).stem}.yml").write_text(meta, encoding="utf-8")
    (seeds / "topics.yml").write_text(TOPICS, encoding="utf-8")
    return seeds / name


# Front matter: defaults the metadata may override


def test_front_matter_gives_title_date_source_and_description(tmp_path: Path) -> None:
    interview = load_interview(seeds_with(tmp_path, "ep-12.md", FRONT + BODY))
    assert (interview.title, interview.date, interview.source) == (
        "Episode 12: Widgets at scale",
        "2023-04-05",
        "https://example.org/podcast/12",
    )
    assert interview.description == "Two people talk about widgets."
    assert interview.transcript.preface == ()  # neither the front matter nor the heading is text
    (exchange,) = interview.transcript.exchanges
    assert exchange.line == 15 and exchange.question.text == "Why do widgets break at scale?"
    assert exchange.answers[0].paragraphs[0].line == 17


def test_the_metadata_overrides_the_front_matter(tmp_path: Path) -> None:
    meta = 'title: "Widgets, retold"\ndate: 2023-04\ndescription: Mine.\n' + SPEAKERS
    interview = load_interview(seeds_with(tmp_path, "ep-12.md", FRONT + BODY, meta))
    assert (interview.title, interview.date, interview.description) == ("Widgets, retold", "2023-04", "Mine.")
    assert interview.source == "https://example.org/podcast/12"


def test_a_metadata_file_without_front_matter_has_no_description(tmp_path: Path) -> None:
    meta = "title: T\ndate: 2020\nsource: https://example.org/t\n" + SPEAKERS
    interview = load_interview(seeds_with(tmp_path, "plain.txt", "Ann: Why?\n\nBo: Because.\n", meta))
    assert interview.description == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-04-05", "2023-04-05"),
        ("2023-04-05T10:00:00Z", "2023-04-05"),
        ("2023-04-05 10:00:00+02:00", "2023-04-05"),
        (datetime.date(2023, 4, 5), "2023-04-05"),
        (datetime.datetime(2023, 4, 5, 10, 0), "2023-04-05"),
        ("April 5, 2023", "2023-04-05"),
        ("Apr 5, 2023", "2023-04-05"),
        ("5 April 2023", "2023-04-05"),
        ("April 2023", "2023-04"),
        (2023, "2023"),
        ("2023-04", "2023-04"),
        ("next week", ""),
        ("2023-02-30", ""),
        ("April 31, 2023", ""),
        ("04/05/2023", ""),  # April or May: not guessed
        (True, ""),
    ],
)
def test_dates_are_read_conservatively(value: object, expected: str) -> None:
    assert as_date(value) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [("date: April 5, 2023", "2023-04-05"), ("date: 2023-04-05T10:00:00Z", "2023-04-05"), ("date: !!timestamp 2023-04-05", "2023-04-05")],
)
def test_dates_in_front_matter(tmp_path: Path, written: str, expected: str) -> None:
    interview = load_interview(seeds_with(tmp_path, "ep-12.md", FRONT.replace("date: 2023-04-05", written) + BODY))
    assert interview.date == expected


def test_a_front_matter_date_that_is_not_a_date_names_its_line(tmp_path: Path) -> None:
    path = seeds_with(tmp_path, "ep-12.md", FRONT.replace("date: 2023-04-05", "date: next week") + BODY)
    with pytest.raises(SeedError) as raised:
        load_interview(path)
    assert str(raised.value) == (
        f"{path}:3: date 'next week' in the front matter is not a date"
        " — write it as 2023-04-05 or April 5, 2023, or set `date:` in ep-12.yml"
    )
    # Set in the metadata, the date of the front matter is not needed.
    (path.parent / "ep-12.yml").write_text("date: 2023\n" + SPEAKERS, encoding="utf-8")
    assert load_interview(path).date == "2023"


def test_address_is_the_first_http_one(tmp_path: Path) -> None:
    front = FRONT.replace("url: https://example.org/podcast/12", "url: /podcast/12\npermalink: https://example.org/p/12")
    assert load_interview(seeds_with(tmp_path, "ep-12.md", front + BODY)).source == "https://example.org/p/12"


def test_without_any_address_the_metadata_must_give_one(tmp_path: Path) -> None:
    path = seeds_with(tmp_path, "ep-12.md", FRONT.replace("url: https://example.org/podcast/12\n", "") + BODY)
    with pytest.raises(SeedError, match=r"ep-12.yml:1: required field `source` is missing"):
        load_interview(path)


def test_front_matter_yaml_is_read_as_seed_yaml_is(tmp_path: Path) -> None:
    path = seeds_with(tmp_path, "ep-12.md", FRONT.replace("layout: episode", "layout: &x episode\nother: *x") + BODY)
    with pytest.raises(SeedError) as raised:
        load_interview(path)
    assert str(raised.value).startswith(f"{path}:6: YAML anchor &x is not allowed in seed files")
    path.write_text(FRONT.replace("layout: episode", "layout: [episode") + BODY, encoding="utf-8")
    with pytest.raises(SeedError, match=r"ep-12.md:\d+: not valid YAML"):
        load_interview(path)


def test_a_title_that_is_not_text_is_refused_at_its_line(tmp_path: Path) -> None:
    path = seeds_with(tmp_path, "ep-12.md", FRONT.replace('title: "Episode 12: Widgets at scale"', "title: [a, b]") + BODY)
    with pytest.raises(SeedError) as raised:
        load_interview(path)
    assert str(raised.value) == f"{path}:2: `title` in the front matter is not text — write `title:` in ep-12.yml to replace it"


def test_front_matter_is_recognised_whatever_the_extension(tmp_path: Path) -> None:
    interview = load_interview(seeds_with(tmp_path, "ep-12.txt", FRONT + BODY))
    assert interview.title == "Episode 12: Widgets at scale" and interview.transcript.preface == ()


# Markup kept out of the text, lines kept


def test_markup_lines_become_empty_lines() -> None:
    text = (
        "import Audio from '../components/Audio'\n"
        'import { Note } from "./note.js";\n'
        "export const meta = {\n  episode: 12,\n}\n"
        "# Episode 12\n"
        "<!-- a comment\nover lines -->\n"
        '<Audio src="ep12.mp3"/>\n'
        '<div class="x">\n'
        "</div>\n"
        "<Audio\n  src='a.mp3'\n/>\n"
        "Ann: Hello <!-- aside --> there.\n"
        "---\n"
    )
    cleaned = blank_markup(text)
    assert cleaned.count("\n") == text.count("\n")
    assert [line for line in cleaned.split("\n") if line.strip()] == ["Ann: Hello  there."]
    assert cleaned.split("\n").index("Ann: Hello  there.") == 14


def test_tags_inside_speech_are_stripped_and_their_text_kept() -> None:
    assert strip_tags("It is <b>very</b> big,<br/>and <Tooltip text='x'>wide</Tooltip>.") == "It is very big, and wide."
    assert strip_tags("when x < 3 and y > 2, or x<y and y>z") == "when x < 3 and y > 2, or x<y and y>z"
    assert strip_tags("<https://example.org> is kept") == "<https://example.org> is kept"


def test_a_plain_transcript_is_never_cleaned() -> None:
    text = "# not a heading here\n\nAnn: I said <b>this</b>.\n\n<!-- kept -->\n"
    assert reader_text(text, "x.txt").text == text
    assert reader_text(text, "x.vtt").text == text
    assert reader_text(text, "x.md").text == "\n\nAnn: I said this.\n\n\n"


def test_markup_stays_out_of_the_interview_but_in_the_download(tmp_path: Path) -> None:
    text = FRONT + "\n<!-- recorded live -->\n\n<Audio src='ep12.mp3'/>\n" + BODY.replace("at scale?", "at <em>scale</em>?")
    path = seeds_with(tmp_path, "ep-12.mdx", text)
    kb = load(path.parent)
    (interview,) = kb.interviews
    assert interview.transcript.exchanges[0].question.text == "Why do widgets break at scale?"
    assert interview.transcript.preface == () and interview.transcript.epilogue == ()
    assert downloads.contents(kb, {})[text_download(interview.slug)] == path.read_bytes()


# Any transcript suffix


@pytest.mark.parametrize("suffix", [".md", ".mdx", ".txt", ".srt"])
def test_a_transcript_keeps_its_suffix(tmp_path: Path, suffix: str) -> None:
    meta = "title: T\ndate: 2020\nsource: https://example.org/t\n" + SPEAKERS
    path = seeds_with(tmp_path, f"chat{suffix}", "Ann: Why?\n\nBo: Because.\n", meta)
    kb = load(path.parent)
    assert [i.slug for i in kb.interviews] == ["chat"] and kb.transcripts["chat"] == path


def test_two_transcripts_with_one_stem_are_refused(tmp_path: Path) -> None:
    path = seeds_with(tmp_path, "chat.txt", "Ann: Why?\n\nBo: Because.\n")
    (path.parent / "chat.md").write_text("Ann: Why?\n\nBo: Because.\n", encoding="utf-8")
    with pytest.raises(SeedError) as raised:
        load(path.parent)
    assert str(raised.value) == f"{path}:1: chat.md and chat.txt are both transcripts of 'chat' — keep one of them, or rename the other"


def test_metadata_beside_a_markdown_transcript_has_its_transcript(tmp_path: Path) -> None:
    path = seeds_with(tmp_path, "ep-12.md", FRONT + BODY)
    assert [i.slug for i in load(path.parent).interviews] == ["ep-12"]
    path.rename(path.with_name("other.md"))
    (path.parent / "other.yml").write_text((path.parent / "ep-12.yml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(SeedError, match=r"ep-12.yml:1: metadata file has no transcript — add ep-12.txt, .md"):
        load(path.parent)


def test_the_description_is_the_interview_page_summary(tmp_path: Path) -> None:
    path = seeds_with(tmp_path, "ep-12.md", FRONT + BODY)
    page = pages.render(load(path.parent), pages.Site("KB", ""))[interview_page(load_interview(path).slug)]
    assert 'description: "Two people talk about widgets."' in page.split("\n---", 1)[0]


def test_a_rule_above_the_first_turn_is_no_front_matter() -> None:
    text = "---\nAnn: Why: really?\n\nBo: Because.\n---\n"
    assert reader_text(text, "x.txt").text == text and reader_text(text, "x.txt").front_matter is None
