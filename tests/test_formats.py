"""Transcript formats, each class exercised directly, and the registry that names them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.kb.errors import SeedError
from scripts.kb.seeds.formats import (
    FORMATS,
    ColonFormat,
    LinesFormat,
    MarkdownFormat,
    NameLineFormat,
    Paragraph,
    PatternFormat,
    TimestampedFormat,
    TranscriptFormat,
    TurnStart,
    WebVTTFormat,
)
from scripts.kb.seeds.loader import load_interview
from scripts.kb.seeds.transcript import parse

LABELS = ["Ann", "Bob"]


def start(fmt: TranscriptFormat, *lines: str, line: int = 7) -> TurnStart | None:
    return fmt.turn_start(line, list(lines))


# colon


def test_colon_label_and_colon_start_a_turn() -> None:
    colon = ColonFormat(LABELS)
    assert start(colon, "Ann:  What is\tit,", "  then?") == TurnStart("Ann", "", Paragraph("What is it, then?", 7))
    assert start(colon, "Bob :") == TurnStart("Bob", "", None)


@pytest.mark.parametrize(
    "text",
    [
        "ann: lower case",
        "ANN: upper case",
        "Bob said: a word before the colon",
        "Bottom line: not a label",
        "Ann",
        "[00:00:05] Bob: a time",
    ],
)
def test_colon_other_paragraphs_do_not_start_a_turn(text: str) -> None:
    assert start(ColonFormat(LABELS), text) is None


def test_colon_has_no_timestamps() -> None:
    assert start(ColonFormat(LABELS), "Bob [00:01:10]: Answer.") is None
    assert start(ColonFormat(LABELS), "Bob: 10:30") == TurnStart("Bob", "", Paragraph("10:30", 7))


# timestamped


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[00:00:05] Ann: First?", TurnStart("Ann", "00:00:05", Paragraph("First?", 7))),
        ("Bob [00:01:10]: Answer.", TurnStart("Bob", "00:01:10", Paragraph("Answer.", 7))),
        ("Ann [1:02:03] Second?", TurnStart("Ann", "1:02:03", Paragraph("Second?", 7))),
        ("[12:34] Bob: Minutes and seconds.", TurnStart("Bob", "12:34", Paragraph("Minutes and seconds.", 7))),
        ("Bob: No time here.", TurnStart("Bob", "", Paragraph("No time here.", 7))),
        ("Bob: 10:30", TurnStart("Bob", "", Paragraph("10:30", 7))),
        ("Ann [00:00:05]:", TurnStart("Ann", "00:00:05", None)),
    ],
)
def test_timestamped_shapes(text: str, expected: TurnStart) -> None:
    assert start(TimestampedFormat(LABELS), text) == expected


@pytest.mark.parametrize(
    "text",
    ["[00:00:05] Ann First?", "[00:00:05] ann: lower case", "Bob [soon]: no time", "Bob [123:45]: hour too long", "Said Bob: x"],
)
def test_timestamped_other_paragraphs_do_not_start_a_turn(text: str) -> None:
    assert start(TimestampedFormat(LABELS), text) is None


# name-line


def test_name_line_label_alone_with_text_on_following_lines() -> None:
    name_line = NameLineFormat(LABELS)
    assert start(name_line, "Ann", "What brought", "  you here?", line=3) == TurnStart("Ann", "", Paragraph("What brought you here?", 4))
    assert start(name_line, "  Bob :  ") == TurnStart("Bob", "", None)


@pytest.mark.parametrize(
    "lines",
    [["Ann: text on the label's line"], ["ann", "lower case"], ["Ann said", "x"], ["Intro.", "Ann"], ["Bob [00:01:10] text"]],
)
def test_name_line_other_paragraphs_do_not_start_a_turn(lines: list[str]) -> None:
    assert NameLineFormat(LABELS).turn_start(1, lines) is None


# rules shared by every format


def paragraph(fmt: type[TranscriptFormat], label: str, text: str = "text") -> list[str]:
    """The raw lines of a paragraph in which `label` starts a turn in this format."""
    if fmt is NameLineFormat:
        return [label, text]
    if fmt is MarkdownFormat:
        return [f"**{label}:** {text}"]
    if fmt is WebVTTFormat:
        return ["00:00:01.000 --> 00:00:02.000", f"<v {label}>{text}"]
    return [f"{label}: {text}"]


@pytest.mark.parametrize("fmt", list(FORMATS.values()))
def test_longest_label_wins(fmt: type[TranscriptFormat]) -> None:
    """Alternatives backtrack, so the order only shows where a label and a longer one both fit, e.g. one with a colon in it."""
    longer = "Ann:" if fmt is NameLineFormat else "Ann: Lee"
    lines = paragraph(fmt, longer, "hello")
    found = fmt(["Ann", longer]).turn_start(7, lines)
    assert found is not None and found.speaker == longer
    assert fmt([longer, "Ann"]).turn_start(7, lines) == found


@pytest.mark.parametrize("fmt", list(FORMATS.values()))
def test_labels_are_case_sensitive_and_taken_literally(fmt: type[TranscriptFormat]) -> None:
    assert fmt(["Dr. Ng"]).turn_start(7, paragraph(fmt, "Dr. Ng")) is not None
    assert fmt(["Dr. Ng"]).turn_start(7, paragraph(fmt, "dr. ng")) is None
    assert fmt(["Dr. Ng"]).turn_start(7, paragraph(fmt, "DrX Ng")) is None


def test_error_hint_says_how_a_label_is_written() -> None:
    for fmt, how in [("colon", "and a colon"), ("timestamped", "and a colon"), ("name-line", "on a line of its own")]:
        with pytest.raises(SeedError) as caught:
            parse("Just prose.\n", interview="d", labels=LABELS, interviewers=["Ann"], path="d.txt", fmt=fmt)
        assert caught.value.todo == f"start each turn with its speaker's label {how}, or fix `speakers` or `format` in the metadata"


# registry and parse


def test_registry_lists_the_formats_in_order() -> None:
    """The order breaks ties in `format: auto`: the simplest reading first."""
    assert list(FORMATS) == ["colon", "timestamped", "name-line", "markdown", "lines", "webvtt"]
    classes = [ColonFormat, TimestampedFormat, NameLineFormat, MarkdownFormat, LinesFormat, WebVTTFormat]
    assert [FORMATS[name] for name in FORMATS] == classes
    assert all(cls.name == name and cls.description for name, cls in FORMATS.items())


def test_loader_refuses_an_unknown_format(tmp_path: Path) -> None:
    (tmp_path / "demo.txt").write_text("Ann: Q?\n\nBob: A.\n", encoding="utf-8")
    (tmp_path / "demo.yml").write_text(
        "title: Demo\ndate: 2020\nsource: https://example.com/demo\ninterviewer: Ann\nspeakers:\n"
        "  Ann: {name: Ann A, role: Host, organization: Org}\n  Bob: {name: Bob B, role: Guest, organization: Org}\n"
        "format: srt\n",
        encoding="utf-8",
    )
    with pytest.raises(SeedError) as caught:
        load_interview(tmp_path / "demo.txt")
    assert (caught.value.line, caught.value.what) == (8, "unknown transcript format 'srt'")
    assert "colon, timestamped, name-line" in caught.value.todo


def test_parse_takes_a_format_name_or_instance() -> None:
    text = "Ann\nQ?\n\nBob\nA.\n"
    by_name = parse(text, interview="d", labels=LABELS, interviewers=["Ann"], path="d.txt", fmt="name-line")
    by_instance = parse(text, interview="d", labels=LABELS, interviewers=["Ann"], path="d.txt", fmt=NameLineFormat(LABELS))
    assert by_instance == by_name
    assert [t.text for t in by_name.exchanges[0].turns] == ["Q?", "A."]


class BoldFormat(PatternFormat):
    """A format added outside the registry: `**Name:** text`."""

    name = "bold"
    description = "`**Name:** text`"

    def shapes(self) -> list[str]:
        return [rf"^\*\*{self.speaker}:\*\*\s*(?P<text>.*)$"]


def test_a_new_format_is_one_class() -> None:
    transcript = parse(
        "**Ann:** Q?\n\nAnn: not a turn here\n\n**Bob:** A.\n",
        interview="d",
        labels=LABELS,
        interviewers=["Ann"],
        path="d.txt",
        fmt=BoldFormat(LABELS),
    )
    question, answer = transcript.exchanges[0].turns
    assert (question.text, answer.speaker, answer.text) == ("Q?\n\nAnn: not a turn here", "Bob", "A.")
    assert re.fullmatch(r"q-[0-9a-f]{6}", transcript.exchanges[0].anchor)
