"""Transcript formats, each class exercised directly, and the registry that names them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from interview_kb.errors import SeedError
from interview_kb.reading.formats import (
    FORMATS,
    ColonFormat,
    LinesFormat,
    MarkdownFormat,
    NameLineFormat,
    Paragraph,
    PatternFormat,
    SRTFormat,
    TimestampedFormat,
    TranscriptFormat,
    TurnStart,
    WebVTTFormat,
    detect,
)
from interview_kb.reading.loader import load_interview
from interview_kb.reading.transcript import Transcript, parse

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
    if fmt is SRTFormat:
        return ["00:00:01,000 --> 00:00:02,000", f"{label}: {text}"]
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
    assert list(FORMATS) == ["colon", "timestamped", "name-line", "markdown", "lines", "webvtt", "srt"]
    classes = [ColonFormat, TimestampedFormat, NameLineFormat, MarkdownFormat, LinesFormat, WebVTTFormat, SRTFormat]
    assert [FORMATS[name] for name in FORMATS] == classes
    assert all(cls.name == name and cls.description for name, cls in FORMATS.items())


def test_loader_refuses_an_unknown_format(tmp_path: Path) -> None:
    (tmp_path / "demo.txt").write_text("Ann: Q?\n\nBob: A.\n", encoding="utf-8")
    (tmp_path / "demo.yml").write_text(
        "title: Demo\ndate: 2020\nsource: https://example.com/demo\ninterviewer: Ann\nspeakers:\n"
        "  Ann: {name: Ann A, role: Host, organization: Org}\n  Bob: {name: Bob B, role: Guest, organization: Org}\n"
        "format: docx\n",
        encoding="utf-8",
    )
    with pytest.raises(SeedError) as caught:
        load_interview(tmp_path / "demo.txt")
    assert (caught.value.line, caught.value.what) == (8, "unknown transcript format 'docx'")
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


def read(text: str, labels: list[str], fmt: str | TranscriptFormat = "auto", interviewers: tuple[str, ...] = ("Dana",)) -> Transcript:
    return parse(text, interview="d", labels=labels, interviewers=list(interviewers), path="d.txt", fmt=fmt)


def turns(transcript: Transcript) -> list[tuple[str, str, str]]:
    """(speaker, timestamp, text) of every turn, in order."""
    return [(t.speaker, t.timestamp, t.text) for e in transcript.exchanges for t in e.turns]


HOSTS = ["Dana", "Ben"]


class TestTimeAfterTheColon:
    """`Name: (mm:ss) text`, `Name: [hh:mm:ss] text`, `Name: 00:07 text`: the time is the turn's, not its text."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Dana: (00:07) Today I have a guest.", TurnStart("Dana", "00:07", Paragraph("Today I have a guest.", 7))),
            ("Dana: [00:00:07] Today I have a guest.", TurnStart("Dana", "00:00:07", Paragraph("Today I have a guest.", 7))),
            ("Dana: 00:07 Today I have a guest.", TurnStart("Dana", "00:07", Paragraph("Today I have a guest.", 7))),
            ("Ben:  [1:02:03]  Yes.", TurnStart("Ben", "1:02:03", Paragraph("Yes.", 7))),
            ("Dana: (00:07)", TurnStart("Dana", "00:07", None)),
            ("Ben: 10:30", TurnStart("Ben", "", Paragraph("10:30", 7))),  # a bare time with nothing after it is what was said
        ],
    )
    def test_shapes(self, text: str, expected: TurnStart) -> None:
        assert start(TimestampedFormat(HOSTS), text) == expected

    def test_auto_takes_the_time_out_of_headings_and_anchors(self) -> None:
        text = "Dana: (00:07) Today I have a guest who grows food on roofs. Why roofs?\n\nBen: (00:15) Because they are empty.\n"
        transcript = read(text, HOSTS)
        assert transcript.format == "timestamped"
        assert turns(transcript) == [
            ("Dana", "00:07", "Today I have a guest who grows food on roofs. Why roofs?"),
            ("Ben", "00:15", "Because they are empty."),
        ]
        assert transcript.exchanges[0].anchor.startswith("why-roofs-")

    def test_lines_format_takes_it_too(self) -> None:
        text = "Dana: [00:00:02] Why roofs?\nBen: [00:00:05] Because they are empty.\n"
        assert turns(read(text, HOSTS, "lines")) == [("Dana", "00:00:02", "Why roofs?"), ("Ben", "00:00:05", "Because they are empty.")]


class TestTimeOnlyLines:
    """A line holding only a time is never text: the speaker goes on after a pause."""

    ARCHIVE = (
        "Dana Whitfield (00:00:03):\nWhy did you start with a parking garage?\n\n"
        "Ben Ortiz (00:00:09):\nNobody else wanted the roof.\n\n"
        "(00:01:21):\nIt was cheap, flat and full of sun.\n\n"
        "[00:01:40]\n\nThe owners agreed in the end.\n\n"
        "00:02:05\nAnd the neighbours came to help.\n"
    )

    @pytest.mark.parametrize("fmt", ["auto", "name-line", "timestamped"])
    def test_archive_style_continuations(self, fmt: str) -> None:
        transcript = read(self.ARCHIVE, ["Dana Whitfield", "Ben Ortiz"], fmt, ("Dana Whitfield",))
        assert turns(transcript) == [
            ("Dana Whitfield", "00:00:03", "Why did you start with a parking garage?"),
            (
                "Ben Ortiz",
                "00:00:09",
                "Nobody else wanted the roof.\n\nIt was cheap, flat and full of sun.\n\n"
                "The owners agreed in the end.\n\nAnd the neighbours came to help.",
            ),
        ]

    def test_continuation_keeps_its_line_and_time(self) -> None:
        transcript = read(self.ARCHIVE, ["Dana Whitfield", "Ben Ortiz"], "name-line", ("Dana Whitfield",))
        answer = transcript.exchanges[0].answers[0]
        assert [p.line for p in answer.paragraphs] == [5, 7, 10, 14]
        fmt = NameLineFormat(["Dana Whitfield", "Ben Ortiz"])
        assert [fmt.block_time(lines) for _, lines in fmt.blocks(self.ARCHIVE)] == ["", "", "00:01:21", "00:01:40", "00:02:05"]

    def test_colon_format_too(self) -> None:
        text = "Dana: Why roofs?\n\nBen: They are empty.\n\n[00:01:21]\nAnd sunny.\n"
        assert turns(read(text, HOSTS, "colon"))[-1] == ("Ben", "", "They are empty.\n\nAnd sunny.")

    def test_a_time_alone_before_a_turn_or_at_the_end_is_dropped(self) -> None:
        text = "Dana: Why roofs?\n\n(00:00:09):\n\nBen: They are empty.\n\n00:00:15\n"
        assert turns(read(text, HOSTS, "colon")) == [("Dana", "", "Why roofs?"), ("Ben", "", "They are empty.")]

    def test_lines_format_time_on_the_line_before_the_label(self) -> None:
        text = "00:00:02\nDana: Why roofs?\n00:00:05\nBen: They are empty.\n00:00:09\nAnd sunny.\n"
        assert turns(read(text, HOSTS, "lines")) == [
            ("Dana", "00:00:02", "Why roofs?"),
            ("Ben", "00:00:05", "They are empty.\n\nAnd sunny."),
        ]

    def test_lines_format_time_with_a_colon_before_the_label(self) -> None:
        text = "(00:00:02):\nDana: Why roofs?\n(00:00:05):\nBen: They are empty.\n"
        assert turns(read(text, HOSTS, "lines")) == [("Dana", "00:00:02", "Why roofs?"), ("Ben", "00:00:05", "They are empty.")]

    def test_many_time_lines_in_one_paragraph(self) -> None:
        text = "Dana: Why roofs?\n\nBen: They are empty.\n\n" + "00:00:01\n" * 20_000 + "And sunny.\n"
        assert turns(read(text, HOSTS, "timestamped"))[-1][0] == "Ben"

    def test_a_time_inside_a_sentence_stays_text(self) -> None:
        assert ColonFormat(HOSTS).paragraph_text(["The train left at", "10:30 sharp."]) == "The train left at 10:30 sharp."
        assert ColonFormat(HOSTS).paragraph_text(["(00:01:21):", "Go on."]) == "Go on."


class TestOtter:
    """Otter's export: `Name  0:05` alone on a line, the text on the next lines."""

    TEXT = "Dana Whitfield  0:05\nWhy roofs?\n\nAna Ruiz  2:26\nBecause they are empty\nand sunny.\n\nDana Whitfield  1:02:33\nThank you.\n"

    def test_name_line(self) -> None:
        name_line = NameLineFormat(["Dana Whitfield", "Ana Ruiz"])
        assert start(name_line, "Ana Ruiz  2:26", "Because they are empty", "and sunny.") == TurnStart(
            "Ana Ruiz", "2:26", Paragraph("Because they are empty and sunny.", 8)
        )
        assert start(name_line, "Dana Whitfield  1:02:33", "Thank you.") == TurnStart(
            "Dana Whitfield", "1:02:33", Paragraph("Thank you.", 8)
        )

    def test_auto(self) -> None:
        transcript = read(self.TEXT, ["Dana Whitfield", "Ana Ruiz"], interviewers=("Dana Whitfield",))
        assert turns(transcript) == [
            ("Dana Whitfield", "0:05", "Why roofs?"),
            ("Ana Ruiz", "2:26", "Because they are empty and sunny."),
            ("Dana Whitfield", "1:02:33", "Thank you."),
        ]


class TestRoles:
    """A role or organisation in parentheses after the label, on first mention: `Dana Whitfield (Host, Example Radio): text`."""

    LABELS = ("Dana Whitfield", "Dana", "Ben")

    @pytest.mark.parametrize(
        ("fmt", "text"),
        [
            (ColonFormat, "Dana Whitfield (Host, Example Radio): Welcome."),
            (TimestampedFormat, "Dana Whitfield (Host, Example Radio): Welcome."),
            (LinesFormat, "Dana Whitfield  (Host, Example Radio) : Welcome."),
            (MarkdownFormat, "**Dana Whitfield (Host, Example Radio):** Welcome."),
            (MarkdownFormat, "**Dana Whitfield** (Host, Example Radio): Welcome."),
        ],
    )
    def test_role_is_kept_apart(self, fmt: type[TranscriptFormat], text: str) -> None:
        assert start(fmt(self.LABELS), text) == TurnStart("Dana Whitfield", "", Paragraph("Welcome.", 7), role="Host, Example Radio")

    def test_name_line_role(self) -> None:
        found = start(NameLineFormat(self.LABELS), "Dana Whitfield (Host, Example Radio):", "Welcome.")
        assert found == TurnStart("Dana Whitfield", "", Paragraph("Welcome.", 8), role="Host, Example Radio")

    def test_short_label_afterwards(self) -> None:
        text = "**Dana Whitfield (Host, Example Radio):** Why roofs?\n\n**Ben (Grower):** They are empty.\n\n**Dana:** And?\n"
        transcript = read(text, list(self.LABELS), interviewers=("Dana Whitfield", "Dana"))
        assert transcript.format == "markdown"
        assert turns(transcript) == [("Dana Whitfield", "", "Why roofs?"), ("Ben", "", "They are empty."), ("Dana", "", "And?")]

    def test_a_time_in_parentheses_is_no_role(self) -> None:
        assert start(ColonFormat(self.LABELS), "Dana (00:01:02): Welcome.") is None
        assert start(TimestampedFormat(self.LABELS), "Dana (00:01:02): Welcome.") == TurnStart("Dana", "00:01:02", Paragraph("Welcome.", 7))
        assert start(MarkdownFormat(self.LABELS), "**Dana (00:01:02):** Welcome.") == TurnStart(
            "Dana", "00:01:02", Paragraph("Welcome.", 7)
        )

    def test_undeclared_label_with_role_starts_no_turn(self) -> None:
        assert start(ColonFormat(self.LABELS), "Eve (Guest): Hello.") is None
        assert start(ColonFormat(self.LABELS), "Dana Whitfield (Host: Hello.") is None


SRT = """1
00:00:01,000 --> 00:00:04,000
Dana: Welcome back. Today we talk about
rooftop gardens in dense cities.

2
00:00:04,200 --> 00:00:07,000
Why did you start with a parking garage?

3
00:00:07,500 --> 00:00:11,000
>> Ben: Because nobody else wanted the roof.

4
00:00:11,000 --> 00:00:14,000
It was cheap, flat &amp; <i>full</i> of sun.

5
00:00:14,500 --> 00:00:16,000
>>DANA: Did the owners agree?
- Ben: Eventually, yes.
"""


class TestSRT:
    def test_cues_make_turns_timed_by_their_first_cue(self) -> None:
        transcript = read(SRT, ["Dana", "Ben", "DANA"], "srt", ("Dana", "DANA"))
        assert turns(transcript) == [
            (
                "Dana",
                "00:00:01",
                "Welcome back. Today we talk about rooftop gardens in dense cities. Why did you start with a parking garage?",
            ),
            ("Ben", "00:00:07", "Because nobody else wanted the roof. It was cheap, flat & full of sun."),
            ("DANA", "00:00:14", "Did the owners agree?"),
            ("Ben", "00:00:14", "Eventually, yes."),
        ]
        assert [t.paragraphs[0].line for e in transcript.exchanges for t in e.turns] == [3, 12, 20, 21]

    def test_blocks_and_their_times(self) -> None:
        srt = SRTFormat(["Dana", "Ben", "DANA"])
        assert srt.captions
        blocks = srt.blocks(SRT)
        assert [(line, srt.block_time(lines)) for line, lines in blocks] == [
            (2, "00:00:01"),
            (11, "00:00:07"),
            (19, "00:00:14"),
            (20, "00:00:14"),
        ]

    def test_auto_detects_it(self) -> None:
        assert detect(SRT, ["Dana", "Ben"]).name == "srt"
        assert detect("1\n00:00:01,000 --> 00:00:02,000\nHello there.\n", []).name == "srt"

    def test_other_paragraphs_start_no_turn(self) -> None:
        srt = SRTFormat(HOSTS)
        assert start(srt, "00:00:01,000 --> 00:00:02,000", "Eve: Hello.") is None
        assert start(srt, "00:00:01,000 --> 00:00:02,000", "- Hello.") is None
        assert start(srt, "Dana: not a cue") is None


VTT_ARROWS = """WEBVTT

00:00:01.000 --> 00:00:03.500
>> Dana: Welcome back to the show.

00:00:03.500 --> 00:00:06.000
What got you into rooftop farming?

00:00:06.500 --> 00:00:09.000
>> Ben: My grandmother kept bees on a roof.

00:00:09.000 --> 00:00:11.000
Dana: Really? In the city?

00:00:11.000 --> 00:00:13.000
>> Ben: Right in the middle.
- Of the old town.
"""


class TestWebVTTWithoutVoices:
    def test_named_changes_start_turns(self) -> None:
        transcript = read(VTT_ARROWS, HOSTS, "webvtt")
        assert turns(transcript) == [
            ("Dana", "00:00:01", "Welcome back to the show. What got you into rooftop farming?"),
            ("Ben", "00:00:06", "My grandmother kept bees on a roof."),
            ("Dana", "00:00:09", "Really? In the city?"),
            ("Ben", "00:00:11", "Right in the middle."),
            ("Dana", "00:00:11", "Of the old town."),  # an unnamed change: the word goes back to the speaker before
        ]
        assert [t.paragraphs[0].line for e in transcript.exchanges for t in e.turns] == [4, 10, 13, 16, 17]

    def test_auto_detects_it(self) -> None:
        assert detect(VTT_ARROWS, HOSTS).name == "webvtt"

    def test_voice_tags_still_read_as_before(self) -> None:
        text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Dana>Why roofs?\n\n00:00:05.000 --> 00:00:09.000\n<v Dana>Tell me.\n"
        assert turns(read(text, HOSTS, "webvtt", ("Dana",))) == [("Dana", "00:00:01", "Why roofs? Tell me.")]


def sentence(n: int) -> str:
    return " ".join(["word"] * 9 + [f"end{n}."])


class TestCaptionsWithoutNames:
    """No names at all: the captions are still paragraphs, each with its time, for a one-voice transcript."""

    TEXT = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n>> Welcome to the garden hour.\n\n"
        "00:00:03.000 --> 00:00:05.000\nToday we visit a roof.\n\n"
        "00:00:05.000 --> 00:00:07.000\n>> Thanks for having me.\n\n"
        "00:00:10.000 --> 00:00:12.000\nIt was a long climb.\n\n"
        "00:01:12.000 --> 00:01:13.000\n- Was it?\n"
    )

    def blocks(self, fmt: TranscriptFormat, text: str) -> list[tuple[str, str]]:
        return [(fmt.block_time(lines), fmt.paragraph_text(lines)) for _, lines in fmt.blocks(text)]

    def test_changes_and_pauses_make_paragraphs(self) -> None:
        vtt = WebVTTFormat([])
        assert self.blocks(vtt, self.TEXT) == [
            ("00:00:01", "Welcome to the garden hour. Today we visit a roof."),
            ("00:00:05", "Thanks for having me."),
            ("00:00:10", "It was a long climb."),
            ("00:01:12", "Was it?"),
        ]
        assert all(vtt.turn_start(line, lines) is None for line, lines in vtt.blocks(self.TEXT))
        assert detect(self.TEXT, []).name == "webvtt"

    def test_a_paragraph_ends_with_a_sentence_after_sixty_words(self) -> None:
        cues = [f"{i}\n00:00:{i:02},000 --> 00:00:{i + 1:02},000\n{sentence(i)}\n" for i in range(1, 9)]
        srt = SRTFormat([])
        found = self.blocks(srt, "\n".join(cues))
        assert [time for time, _ in found] == ["00:00:01", "00:00:07"]
        assert [len(text.split()) for _, text in found] == [60, 20]

    def test_no_break_inside_a_sentence(self) -> None:
        cues = [f"{i}\n00:00:{i:02},000 --> 00:00:{i + 1:02},000\n{' '.join(['word'] * 10)}\n" for i in range(1, 9)]
        assert len(SRTFormat([]).blocks("\n".join(cues))) == 1

    def test_text_formats_are_not_captions(self) -> None:
        assert SRTFormat.captions and WebVTTFormat.captions
        assert not any(cls.captions for cls in (ColonFormat, TimestampedFormat, NameLineFormat, MarkdownFormat, LinesFormat))
        assert ColonFormat(HOSTS).block_time(["Dana: Hello."]) == ""


class TestDetect:
    """`format: auto` on each shape; the shapes read before are read as before."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Dana: Why?\n\nBen: Because.\n", "colon"),
            ("[00:00:05] Dana: Why?\n\n[00:00:09] Ben: Because.\n", "timestamped"),
            ("Dana [00:00:05]: Why?\n\nBen [00:00:09]: Because.\n", "timestamped"),
            ("Dana: [00:00:05] Why?\n\nBen: [00:00:09] Because.\n", "timestamped"),
            ("Dana: 00:05 Why?\n\nBen: 00:09 Because.\n", "timestamped"),
            ("Dana (00:00:05):\nWhy?\n\nBen (00:00:09):\nBecause.\n", "timestamped"),  # as before; name-line reads it the same
            ("Dana\nWhy?\n\nBen\nBecause.\n", "name-line"),
            ("**Dana:** Why?\n\n**Ben:** Because.\n", "markdown"),
            ("**Dana (Host):** Why?\n\n**Ben (Grower):** Because.\n", "markdown"),
            ("Dana (Host): Why?\n\nBen (Grower): Because.\n", "colon"),
            ("Dana: Why?\nBen: Because.\n", "lines"),
            ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Dana>Why?\n\n00:00:02.000 --> 00:00:03.000\n<v Ben>Because.\n", "webvtt"),
            ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nDana: Why?\n\n00:00:02.000 --> 00:00:03.000\nBen: Because.\n", "webvtt"),
            ("1\n00:00:01,000 --> 00:00:02,000\nDana: Why?\n\n2\n00:00:02,000 --> 00:00:03,000\nBen: Because.\n", "srt"),
        ],
    )
    def test_shapes(self, text: str, expected: str) -> None:
        assert detect(text, HOSTS).name == expected

    def test_the_seed_interview_keeps_its_format(self) -> None:
        seed = Path(__file__).parent.parent / "seeds" / "real-ctos-nfv-martin-taylor.txt"
        assert detect(seed.read_text(encoding="utf-8"), ["Prayson", "Martin"]).name == "colon"


class TestRollingCaptions:
    """Captions as video sites export them: each cue repeats the line before, with word timings in tags."""

    VTT = (
        "WEBVTT\nKind: captions\nLanguage: en\n\n"
        "00:00:00.000 --> 00:00:02.500\n<v Dana>welcome back to the show<00:00:01.200><c> today</c>\n\n"
        "00:00:02.500 --> 00:00:02.510\nwelcome back to the show today\n\n"
        "00:00:02.510 --> 00:00:05.000\nwelcome back to the show today\nwhat got you into<00:00:03.900><c> farming?</c>\n\n"
        "00:00:05.000 --> 00:00:05.010\nwhat got you into farming?\n\n"
        "00:00:05.010 --> 00:00:08.000\n<v Ben>my grandmother kept bees\n"
    )

    def test_each_line_is_read_once(self) -> None:
        assert turns(read(self.VTT, HOSTS, "webvtt")) == [
            ("Dana", "00:00:00", "welcome back to the show today what got you into farming?"),
            ("Ben", "00:00:05", "my grandmother kept bees"),
        ]

    def test_an_echo_by_the_other_speaker_is_kept(self) -> None:
        vtt = (
            "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n>> Dana: Where did you learn?\n\n"
            "00:00:03.000 --> 00:00:05.000\n>> Ben: Between the stamps.\n\n"
            "00:00:05.300 --> 00:00:07.000\n>> Between the stamps.\nThat's a title.\n"
        )
        assert [(speaker, text) for speaker, _, text in turns(read(vtt, HOSTS, "webvtt"))] == [
            ("Dana", "Where did you learn?"),
            ("Ben", "Between the stamps."),
            ("Dana", "Between the stamps. That's a title."),
        ]


class TestTimesBeforeTheWords:
    """Podcast sites that export Markdown put the time in escaped brackets after the label and before some paragraphs."""

    MARKDOWN = (
        "**Dana:** \\[00:03:54.26\\] Well, what got you into rooftop farming?\n\n"
        "**Ben:** My grandmother kept bees.\n\n"
        "\\[00:04:10.02\\] She kept them on the roof of a bakery.\n\n"
        "**Dana:** \\[00:04:30.00\\]\n"
    )

    def test_the_time_after_the_label_times_the_turn_and_a_paragraph_loses_its_time(self) -> None:
        assert turns(read(self.MARKDOWN, HOSTS, "markdown")) == [
            ("Dana", "00:03:54.26", "Well, what got you into rooftop farming?"),
            ("Ben", "", "My grandmother kept bees.\n\nShe kept them on the roof of a bakery."),
            ("Dana", "", "[00:04:30.00]"),  # a time with no words after it stays what was said
        ]

    def test_plain_colon_transcripts_keep_a_bracketed_time_as_text(self) -> None:
        text = "Dana: What got you into it?\n\nBen: Bees.\n\n[00:04:10] On a bakery roof.\n"
        assert turns(read(text, HOSTS, "colon"))[1] == ("Ben", "", "Bees.\n\n[00:04:10] On a bakery roof.")
