"""Transcripts as they are published elsewhere (issue 13): several interviewers, interjections, common formats, clear errors.

The interviews in tests/data/heldout/ were written for this project, one per
format; each is read with `format: auto` and checked for its format, its
exchanges and who asked, headings, timestamps and that no text is lost. The
broken variants check the exact error or warning an editor gets.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from interview_kb.errors import SeedError
from interview_kb.reading.loader import Interview, load_interview
from interview_kb.reading.transcript import parse

from tests.page_citations import page_citations
from tests.support import Build, build_with_shipped_topics

pytestmark = pytest.mark.slow  # builds sites (make test-fast leaves it out)

HELDOUT = Path(__file__).parent / "data" / "heldout"


def read(name: str) -> Interview:
    return load_interview(HELDOUT / f"{name}.txt")


def asked(interview: Interview) -> list[tuple[str, str, list[tuple[str, str, bool]]]]:
    """(question speaker, heading, [(answer speaker, timestamp, aside)]) per exchange."""
    return [(e.question.speaker, e.label, [(t.speaker, t.timestamp, t.aside) for t in e.answers]) for e in interview.transcript.exchanges]


def reader_text(interview: Interview) -> str:
    t = interview.transcript
    parts = [p.text for p in t.preface] + [turn.text for e in t.exchanges for turn in e.turns] + [p.text for p in t.epilogue]
    parts += [turn.text for part in t.outside for turn in part.turns]
    return " ".join(parts)


# What is markup, not words, in the fixtures: labels, times, cue timings, voice tags, the WebVTT header.
MARKUP = re.compile(
    r"^(WEBVTT|\d+|[\d:.]+ --> [\d:.]+)$"
    r"|^(?:\*\*)?(?:\d\d:\d\d:\d\d )?(?:<v \w+>)?(?:Kai|Lena|Omar|Rita|Chen|Priya|Sam|Maria|Q|A)?(?: \([\d:.]+\))?:?(?:\*\*)? ?"
)


@pytest.mark.parametrize("name", ["podcast-two-hosts", "markdown-panel", "webvtt-captions", "lines-qa"])
def test_no_text_is_lost(name: str) -> None:
    shown = reader_text(read(name))
    for number, line in enumerate((HELDOUT / f"{name}.txt").read_text(encoding="utf-8").splitlines(), start=1):
        words = MARKUP.sub("", line.strip()).replace("\\", "")
        if name == "webvtt-captions":
            words = words.removeprefix("<v Sam>").removeprefix("<v Maria>")
        assert words in shown, f"{name}.txt:{number}: {line!r}"


def test_podcast_two_hosts_interjections_stay_inside_answers() -> None:
    interview = read("podcast-two-hosts")
    assert interview.transcript.format == "timestamped"
    assert interview.interviewers == ("Kai", "Lena")
    assert [g.name for g in interview.guests] == ["Omar Haddad"]
    assert asked(interview) == [
        (
            "Kai",
            "Omar, how far along is your company with virtualizing the network?",
            [("Omar", "00:00:19", False), ("Kai", "00:00:41", True), ("Omar", "00:00:42", False)],
        ),
        (
            "Lena",
            "What changed in the way those teams work?",
            [("Omar", "00:01:09", False), ("Kai", "00:01:33.5", True), ("Omar", "00:01:34", False)],
        ),
        (
            "Lena",
            "How do your suppliers price their software now that it runs on your servers?",
            [("Omar", "00:02:06", False), ("Kai", "00:02:30", True), ("Omar", "00:02:32", False)],
        ),
        ("Kai", "Do you run any open source in the network itself?", [("Omar", "00:03:02", False)]),
        ("Lena", "And the functions themselves, are they built for the cloud or lifted from appliances?", [("Omar", "00:03:30", False)]),
    ]
    asides = [t.text for e in interview.transcript.exchanges for t in e.answers if t.aside]
    assert asides == ["Yeah.", "Okay, cool.", "I want to talk about that, but go on."]


def test_markdown_panel_bold_labels_escapes_and_two_guests() -> None:
    interview = read("markdown-panel")
    assert interview.transcript.format == "markdown"
    assert [(q, [s for s, _, _ in answers]) for q, _, answers in asked(interview)] == [
        ("Rita", ["Chen"]),
        ("Rita", ["Chen", "Priya"]),
        ("Rita", ["Priya"]),
        ("Rita", ["Priya", "Chen"]),
        ("Rita", []),
    ]
    assert interview.transcript.exchanges[1].question.text.startswith("[From the audience] Why is")
    assert "Questions in [brackets] were sent" in interview.transcript.preface[0].text


def test_webvtt_cues_are_merged_into_turns_by_speaker() -> None:
    interview = read("webvtt-captions")
    assert interview.transcript.format == "webvtt"
    first = interview.transcript.exchanges[0]
    assert first.label == "Why give away something you spent years building?"
    assert first.question.timestamp == "00:00:01"
    assert first.question.paragraphs[0].line == 7
    assert first.question.text.startswith("Maria, your team published its orchestrator under an open licence last year. Why give")
    assert [(t.speaker, t.timestamp, t.aside) for t in interview.transcript.exchanges[1].answers] == [
        ("Maria", "00:00:24", False),
        ("Sam", "00:00:31", True),
        ("Maria", "00:00:35", False),
    ]
    assert interview.transcript.preface[0].text == "NOTE Captions of an invented video interview, written for this test."


def test_one_turn_per_line_with_bare_times_and_q_a_labels() -> None:
    interview = read("lines-qa")
    assert interview.transcript.format == "lines"
    assert [(q, label, [(s, time) for s, time, _ in answers]) for q, label, answers in asked(interview)] == [
        ("Q", "Where do you see network virtualization heading in smaller operators?", [("A", "00:00:09")]),
        ("Q", "Is culture the obstacle, or cost?", [("A", "00:00:35")]),
        ("Q", "Tell me about the vendors you work with.", [("A", "00:01:02")]),  # a request, not an interjection
        ("Q", "Thanks for your time.", []),
    ]


def test_heading_comes_from_the_question_not_a_filler_before_it() -> None:
    text = "Ann: Yeah.\n\nSo, what do you sell these days?\n\nBob: Software.\n"
    exchange = parse(text, interview="d", labels=["Ann", "Bob"], interviewers=["Ann"], path="d.txt").exchanges[0]
    assert exchange.label == "So, what do you sell these days?"
    assert exchange.anchor.startswith("so-what-do-you-sell-these-")


def test_a_closing_short_turn_stays_an_exchange() -> None:
    text = "Ann: Why?\n\nBob: Because.\n\nAnn: Thanks.\n"
    transcript = parse(text, interview="d", labels=["Ann", "Bob"], interviewers=["Ann"], path="d.txt")
    assert [e.question.text for e in transcript.exchanges] == ["Why?", "Thanks."]


# Errors and warnings say what the line starts with.

LABELS = ["Rita", "Chen", "Priya"]


def error_for(text: str, fmt: str, labels: list[str] = LABELS) -> str:
    with pytest.raises(SeedError) as caught:
        parse(text, interview="x", labels=labels, interviewers=[labels[0]], path="x.txt", fmt=fmt)
    return str(caught.value)


def test_bold_labels_in_the_colon_format_say_so() -> None:
    text = (HELDOUT / "markdown-panel.txt").read_text(encoding="utf-8")
    assert error_for(text, "colon") == (
        'x.txt:3: this line starts with "**Rita:** Welcome to both of…" — bold labels'
        " — set `format: markdown` (or `format: auto`) in the metadata, or remove the **"
    )


def test_webvtt_in_the_colon_format_says_so() -> None:
    text = (HELDOUT / "webvtt-captions.txt").read_text(encoding="utf-8")
    assert error_for(text, "colon", ["Sam", "Maria"]) == (
        'x.txt:6: this line starts with "00:00:01.000 --> 00:00:05.500" — WebVTT captions'
        " — set `format: webvtt` (or `format: auto`) in the metadata"
    )


def test_turns_on_single_lines_in_the_colon_format_say_so() -> None:
    text = "Rita: Why?\nChen: Because.\nRita: Thanks.\n"
    assert error_for(text, "colon") == (
        'x.txt:2: this line starts with "Chen: Because." inside a paragraph — one turn per line, without blank lines between turns'
        " — set `format: lines` (or `format: auto`) in the metadata, or put a blank line between turns"
    )


def test_html_says_so() -> None:
    assert error_for("<html>\n<body><p>Rita: Why?</p></body>\n</html>\n", "auto") == (
        'x.txt:1: this line starts with "<html>" — the file is HTML — save the interview as plain text'
    )


def test_only_undeclared_labels_name_the_first() -> None:
    text = "Intro.\n\nTT: Why?\n\nAH: Because.\n"
    assert error_for(text, "auto", ["Telco Transformation", "Aamir Hussain"]) == (
        "x.txt:3: this line starts with \"TT:\", which is not a declared speaker label ('Telco Transformation', 'Aamir Hussain')"
        " — add it under `speakers` in the metadata, or correct the label"
    )


def test_prose_only_names_line_one() -> None:
    assert error_for("Just prose.\n\nMore prose.\n", "colon") == (
        "x.txt:1: no paragraph starts with a declared speaker label ('Rita', 'Chen', 'Priya'); "
        'this line starts with "Just prose." — start each turn with its speaker\'s label and a colon, '
        "or fix `speakers` or `format` in the metadata"
    )


def test_labels_that_switch_to_initials_are_warned_about() -> None:
    text = (
        "Telco Transformation: Why now?\n\nAamir Hussain: Because the time is right.\n\n"
        "TT: And next?\n\nAH: More of the same.\n\nTT: Thanks.\n\nNote: one note.\n\nNote: and another.\n\nBottom line: fine.\n"
    )
    transcript = parse(
        text, interview="x", labels=["Telco Transformation", "Aamir Hussain"], interviewers=["Telco Transformation"], path="x.txt"
    )
    assert [str(w) for w in transcript.warnings] == [
        'x.txt:5: warning: "TT:" looks like a speaker label but is not declared — add it under speakers, or ignore',
        'x.txt:7: warning: "AH:" looks like a speaker label but is not declared — add it under speakers, or ignore',
        'x.txt:11: warning: "Note:" looks like a speaker label but is not declared — add it under speakers, or ignore',
    ]


# The built site, as a reader and kb.json see it.


@pytest.fixture(scope="module")
def heldout_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build_with_shipped_topics(HELDOUT, tmp_path_factory.mktemp("heldout"))


def test_build_log_names_each_format(heldout_site: Build) -> None:
    for name, fmt in [("podcast-two-hosts", "timestamped"), ("markdown-panel", "markdown"), ("webvtt-captions", "webvtt")]:
        assert f"{name}.txt: read in format '{fmt}'" in heldout_site.stderr


def test_kb_json_names_who_asked_and_keeps_asides(heldout_site: Build) -> None:
    kb = heldout_site.kb
    podcast = next(i for i in kb["interviews"] if i["slug"] == "podcast-two-hosts")
    assert (podcast["interviewer"], podcast["interviewers"]) == ("Kai", ["Kai", "Lena"])
    exchange = next(e for e in kb["exchanges"] if e["id"].startswith("what-changed-in-the-way-those-"))
    assert (exchange["question"]["speaker"], exchange["asked_by"]) == ("Lena", "Lena Ortiz")
    assert exchange["answer"]["speaker"] == "Omar"
    assert "Okay, cool." not in exchange["answer"]["text"]
    assert [(t["speaker"], t["aside"], t["timestamp"]) for t in exchange["turns"]] == [
        ("Lena", False, "00:01:05"),
        ("Omar", False, "00:01:09"),
        ("Kai", True, "00:01:33.5"),
        ("Omar", False, "00:01:34"),
    ]


def test_interview_page_shows_asides_and_cites_who_asked(heldout_site: Build) -> None:
    page = BeautifulSoup(heldout_site.html("interviews/podcast-two-hosts/"), "html.parser")
    asides = [" ".join(a.get_text().split()) for a in page.select(".kb-turn--aside")]
    assert asides == [
        "00:00:41 Kai Brandt: Yeah.",
        "00:01:33.5 Kai Brandt: Okay, cool.",
        "00:02:30 Kai Brandt: I want to talk about that, but go on.",
    ]
    links = [a["href"] for a in page.select(".kb-turn--aside a.kb-timestamp")]
    assert links[1] == "https://podcast.example.org/audio/omar-haddad.mp3#t=93"  # 00:01:33.5
    section = page.select_one("h2[id^=what-changed-in-the-way-those-]")
    assert section is not None
    assert section.find_next("button", class_="kb-cite") is not None
    cite = page_citations(heldout_site.html("interviews/podcast-two-hosts/"))[str(section["id"])]["Cite"]
    assert "interview by Lena Ortiz" in cite
