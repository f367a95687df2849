"""How a conversation is read (scripts/interview_kb/reading/conversation.py, applied by `transcript.parse`): one test per rule.

Each transcript here is a few invented turns. What is checked is what an
editor sees on the page: where each exchange opens (who asks, its heading, its
line), which turns are asides, which parts are recognised as not the
interview, and the anchors.
"""

from __future__ import annotations

import logging
import re
import shutil
from collections.abc import Collection, Mapping
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from interview_kb.errors import SeedError
from interview_kb.reading import conversation
from interview_kb.reading.conversation import Turn
from interview_kb.reading.formats import Paragraph
from interview_kb.reading.loader import load_interview
from interview_kb.reading.transcript import Exchange, Transcript, parse

from tests.support import ROOT

HOST, GUEST = "Host", "Guest"
# A statement long enough to prompt an answer without asking (more than STATEMENT_WORDS words).
LONG = (
    "So you left the boats for an office job, then went back to the boats ten years later, "
    "and most people I know who leave never come back."
)


def read(
    text: str,
    labels: Collection[str] = (HOST, GUEST),
    interviewers: Collection[str] = (HOST,),
    names: Mapping[str, str] | None = None,
    *,
    fmt: str = "auto",
    recognise_parts: bool = True,
    split: Collection[int] = (),
    join: Collection[str | int] = (),
) -> Transcript:
    return parse(
        text,
        interview="demo",
        labels=list(labels),
        interviewers=list(interviewers),
        path="demo.txt",
        names=names,
        fmt=fmt,
        recognise_parts=recognise_parts,
        split=split,
        join=join,
    )


def starts(transcript: Transcript) -> list[tuple[str, int, str]]:
    """(who asks, line, heading) of each exchange."""
    return [(e.question.speaker, e.line, e.label) for e in transcript.exchanges]


def turns(exchange: Exchange) -> list[tuple[str, str, bool]]:
    """(speaker, text, aside) of the exchange's answers."""
    return [(t.speaker, t.text, t.aside) for t in exchange.answers]


def parts(transcript: Transcript) -> list[tuple[str, int, list[str]]]:
    """(kind, line, speakers) of each recognised part."""
    return [(p.what, p.line, [t.speaker for t in p.turns]) for p in transcript.recognised]


def turn(speaker: str, text: str, line: int = 1) -> Turn:
    return Turn(speaker, (Paragraph(text, line),))


# A speaker's consecutive turns are one turn.


def test_a_speakers_consecutive_turns_are_one_turn_timed_by_the_first() -> None:
    text = (
        "Host [00:00:01]: Where did you grow up?\n\n"
        "Guest [00:00:04]: In a harbour town.\n\n"
        "Guest [00:00:09]: My father fixed nets there.\n\n"
        "Host [00:00:15]: And then?\n\n"
        "Host [00:00:16]: What did you do after school?\n\n"
        "Guest [00:00:20]: I fixed nets too.\n"
    )
    transcript = read(text, fmt="timestamped")
    first, second = transcript.exchanges
    assert [(t.speaker, t.timestamp, [p.text for p in t.paragraphs]) for t in first.answers] == [
        ("Guest", "00:00:04", ["In a harbour town.", "My father fixed nets there."])
    ]
    assert (second.question.timestamp, [p.text for p in second.question.paragraphs]) == (
        "00:00:15",
        ["And then?", "What did you do after school?"],
    )
    merged = conversation.merge_same_speaker([turn(HOST, "a"), turn(GUEST, "b", 3), turn(GUEST, "c", 5)])
    assert merged == [turn(HOST, "a"), Turn(GUEST, (Paragraph("b", 3), Paragraph("c", 5)))]


# Recognised parts: cold open, introduction, sponsor read, closing words.


def test_turns_before_the_first_interviewer_turn_are_a_cold_open() -> None:
    text = (
        "Guest: The sea does not care how many degrees you have.\n\n"
        "Guest: It cares whether you tied the knot.\n\n"
        "Host: What did the sea teach you first?\n\n"
        "Guest: Patience.\n"
    )
    transcript = read(text)
    assert parts(transcript) == [("cold open", 1, ["Guest"])]
    assert transcript.opening == transcript.recognised and transcript.opening[0].recognised
    assert starts(transcript) == [(HOST, 5, "What did the sea teach you first?")]
    assert turns(transcript.exchanges[0]) == [(GUEST, "Patience.", False)]


def test_the_hosts_introduction_up_to_the_first_question_is_a_part() -> None:
    text = (
        "Host: Welcome to The Tide Table, the show about working harbours. I'm your host.\n\n"
        "Guest: Glad to be here.\n\n"
        "Host: It's good to have you. We have a lot to cover.\n\n"
        "Guest: Let's go.\n\n"
        "Host: What brought you to the harbour?\n\n"
        "Guest: My father was a pilot.\n"
    )
    transcript = read(text)
    assert parts(transcript) == [("introduction", 1, ["Host", "Guest", "Host", "Guest"])]
    assert [p.what for p in transcript.opening] == ["introduction"]
    assert starts(transcript) == [(HOST, 9, "What brought you to the harbour?")]


def test_an_introduction_that_asks_is_the_first_question() -> None:
    text = (
        "Host: Welcome to The Tide Table. What brought you to the harbour?\n\n"
        "Guest: My father was a pilot.\n\n"
        "Host: Did you follow him?\n\n"
        "Guest: Eventually.\n"
    )
    transcript = read(text)
    assert transcript.recognised == ()
    assert starts(transcript) == [(HOST, 1, "What brought you to the harbour?"), (HOST, 5, "Did you follow him?")]


def test_a_sponsor_read_up_to_the_hosts_return_is_a_part_inside_the_exchange() -> None:
    text = (
        "Host: What brought you to the harbour?\n\n"
        "Guest: My father was a pilot.\n\n"
        "Host: This episode is brought to you by Larkspur Tea. Larkspur Tea is dried in the sun for a week.\n\n"
        "Now, back to my conversation with our guest.\n\n"
        "He was a pilot for thirty years.\n\n"
        "Guest: As I was saying, he was a pilot for thirty years.\n\n"
        "Host: How did he train you?\n\n"
        "Guest: On the water.\n"
    )
    transcript = read(text)
    assert parts(transcript) == [("sponsor", 5, ["Host"])]
    (read_at, sponsor) = transcript.exchanges[0].outside[0]
    assert read_at == 2 and [p.text for p in sponsor.turns[0].paragraphs] == [
        "This episode is brought to you by Larkspur Tea. Larkspur Tea is dried in the sun for a week.",
        "Now, back to my conversation with our guest.",
    ]
    assert starts(transcript) == [(HOST, 1, "What brought you to the harbour?"), (HOST, 13, "How did he train you?")]
    assert turns(transcript.exchanges[0]) == [
        (GUEST, "My father was a pilot.", False),
        (HOST, "He was a pilot for thirty years.", True),
        (GUEST, "As I was saying, he was a pilot for thirty years.", False),
    ]


def test_a_sponsor_read_ends_where_the_host_asks_again() -> None:
    text = (
        "Host: What brought you to the harbour?\n\n"
        "Guest: My father was a pilot.\n\n"
        "Host: Today's sponsor is Larkspur Tea, dried in the sun.\n\n"
        "So what did your father think of your choice?\n\n"
        "Guest: He laughed.\n"
    )
    transcript = read(text)
    assert parts(transcript) == [("sponsor", 5, ["Host"])]
    assert starts(transcript) == [(HOST, 1, "What brought you to the harbour?"), (HOST, 7, "So what did your father think of your choice?")]


def test_a_question_in_the_hosts_return_after_a_sponsor_read_opens_an_exchange() -> None:
    text = (
        "Host: What brought you to the harbour?\n\n"
        "Guest: My father was a pilot.\n\n"
        "Host: This episode is brought to you by Larkspur Tea.\n\n"
        "Welcome back. So what did your father think of your choice?\n\n"
        "Guest: He laughed.\n"
    )
    transcript = read(text)
    assert [(p.what, p.line) for p in transcript.recognised] == [("sponsor", 5)]
    assert starts(transcript) == [(HOST, 1, "What brought you to the harbour?"), (HOST, 7, "So what did your father think of your choice?")]


def test_the_question_after_a_sponsor_read_keeps_its_time() -> None:
    text = (
        "Host [00:00:01]: What brought you to the harbour?\n\n"
        "Guest [00:00:05]: My father was a pilot.\n\n"
        "Host [00:01:24]: This episode is brought to you by Larkspur Tea.\n\n"
        "Host [00:01:40]: And we're back.\n\n"
        "Host [00:01:42]: What did your father think of your choice?\n\n"
        "Guest [00:01:47]: He laughed.\n"
    )
    transcript = read(text, fmt="timestamped")
    assert [(e.question.timestamp, e.label) for e in transcript.exchanges] == [
        ("00:00:01", "What brought you to the harbour?"),
        ("00:01:42", "What did your father think of your choice?"),
    ]


def test_closing_words_after_the_last_question_are_a_part() -> None:
    text = (
        "Host: What brought you to the harbour?\n\n"
        "Guest: My father was a pilot.\n\n"
        "Host: That's our show. The Tide Table is produced by Ana Reyes.\n\n"
        "Guest: Thanks for having me.\n"
    )
    transcript = read(text)
    assert parts(transcript) == [("closing", 5, ["Host", "Guest"])]
    assert starts(transcript) == [(HOST, 1, "What brought you to the harbour?")]
    assert transcript.exchanges[0].outside[0][1].what == "closing"
    assert turns(transcript.exchanges[0]) == [(GUEST, "My father was a pilot.", False)]


def test_closing_words_before_the_last_question_are_not_a_part() -> None:
    text = (
        "Host: What brought you to the harbour?\n\n"
        "Guest: My father was a pilot.\n\n"
        "Host: We'll see you next week, I hope. But first, what would you tell a new pilot?\n\n"
        "Guest: Watch the tide.\n"
    )
    transcript = read(text)
    assert transcript.recognised == ()
    assert [e.line for e in transcript.exchanges] == [1, 5]


def test_closing_words_after_an_exchange_without_a_question_keep_it() -> None:
    text = (
        "Host: What is next for you?\n\n"
        "Guest: A race in the hills next week.\n\n"
        "Host: Great, we'll see you there.\n\n"
        "Guest: You will.\n\n"
        f"Host: {LONG}\n\n"
        "Guest: The office was dull.\n\n"
        "Host: Thank you.\n"
    )
    transcript = read(text)
    assert transcript.recognised == ()
    assert [e.line for e in transcript.exchanges] == [1, 9, 13]


# Where an exchange opens.


def test_a_real_question_opens_an_exchange_a_tag_question_does_not() -> None:
    text = (
        "Host: What brought you to the harbour?\n\n"
        "Guest: My father was a pilot.\n\n"
        "Host: That's wild, right?\n\n"
        "Guest: It was normal to us.\n\n"
        "Host: You were one of the first women to pilot ships in that port, right?\n\n"
        "Guest: The second.\n"
    )
    transcript = read(text)
    assert starts(transcript) == [
        (HOST, 1, "What brought you to the harbour?"),
        (HOST, 9, "You were one of the first women to pilot ships in that port, right?"),
    ]
    assert turns(transcript.exchanges[0]) == [
        (GUEST, "My father was a pilot.", False),
        (HOST, "That's wild, right?", True),
        (GUEST, "It was normal to us.", False),
    ]


def test_a_back_channel_question_is_an_aside() -> None:
    text = (
        "Host: What brought you to the harbour?\n\n"
        "Guest: My father was a pilot.\n\n"
        "Host: Really?\n\n"
        "Guest: For thirty years.\n\n"
        "Host: Oh, seriously?\n\n"
        "Guest: Yes.\n"
    )
    transcript = read(text)
    assert starts(transcript) == [(HOST, 1, "What brought you to the harbour?")]
    assert [t.aside for t in transcript.exchanges[0].answers] == [False, True, False, True, False]


PANEL = ["MOD", "EV", "JK", "AL"]
PANEL_NAMES = {"MOD": "Carl Dunmore", "EV": "Elizabeth Varga", "JK": "Jin Kwon", "AL": "Amara Lindqvist"}


def test_a_hand_off_between_panelists_is_an_aside() -> None:
    text = (
        "MOD: Does switching to cover crops pay, and when?\n\n"
        "EV: Eventually, after about five years.\n\n"
        "MOD: Jin?\n\n"
        "JK: Only if you plan for two lean years.\n\n"
        "MOD: What about you, Amara?\n\n"
        "AL: On a dairy it paid sooner.\n\n"
        "MOD: Elizabeth, your take?\n\n"
        "EV: I agree with Amara.\n\n"
        "MOD: How close are your trial plots to a real farm?\n\n"
        "EV: Closer than you would think.\n"
    )
    transcript = read(text, labels=PANEL, interviewers=["MOD"], names=PANEL_NAMES)
    assert starts(transcript) == [
        ("MOD", 1, "Does switching to cover crops pay, and when?"),
        ("MOD", 17, "How close are your trial plots to a real farm?"),
    ]
    assert turns(transcript.exchanges[0]) == [
        ("EV", "Eventually, after about five years.", False),
        ("MOD", "Jin?", True),
        ("JK", "Only if you plan for two lean years.", False),
        ("MOD", "What about you, Amara?", True),
        ("AL", "On a dairy it paid sooner.", False),
        ("MOD", "Elizabeth, your take?", True),
        ("EV", "I agree with Amara.", False),
    ]


CO_HOSTS = ["Nadia", "Tom", "Harriet"]
CO_HOST_NAMES = {"Nadia": "Nadia Okafor", "Tom": "Tom Brisco", "Harriet": "Harriet Kolb"}


def test_a_question_to_a_co_host_opens_nothing() -> None:
    text = (
        "Nadia: How did the database start?\n\n"
        "Harriet: As a weekend project for a weather station.\n\n"
        "Tom: Nadia, didn't you run one of those stations?\n\n"
        "Nadia: For a summer, yes.\n\n"
        "Harriet: Then you know the clocks drift.\n\n"
        "Tom: Why do the clocks drift so much?\n\n"
        "Harriet: Cheap crystals.\n"
    )
    transcript = read(text, labels=CO_HOSTS, interviewers=["Nadia", "Tom"], names=CO_HOST_NAMES)
    assert starts(transcript) == [("Nadia", 1, "How did the database start?"), ("Tom", 11, "Why do the clocks drift so much?")]
    assert turns(transcript.exchanges[0]) == [
        ("Harriet", "As a weekend project for a weather station.", False),
        ("Tom", "Nadia, didn't you run one of those stations?", True),
        ("Nadia", "For a summer, yes.", True),
        ("Harriet", "Then you know the clocks drift.", False),
    ]


@pytest.mark.parametrize(
    "request_",
    [
        "Talk about those two differences.",
        "You mentioned the night shifts earlier.",
        "Let me push back on that a little.",
        "Walk us through the first winter.",
    ],
)
def test_a_request_opens_an_exchange(request_: str) -> None:
    text = f"Host: What brought you to the harbour?\n\nGuest: My father.\n\nHost: {request_}\n\nGuest: Well.\n"
    transcript = read(text)
    assert starts(transcript) == [(HOST, 1, "What brought you to the harbour?"), (HOST, 5, request_)]


@pytest.mark.parametrize("deferred", ["I want to talk about that, but go on.", "Tell me."])
def test_a_request_put_off_or_too_short_is_an_aside(deferred: str) -> None:
    text = f"Host: What brought you to the harbour?\n\nGuest: My father.\n\nHost: {deferred}\n\nGuest: Well, he sailed.\n"
    transcript = read(text)
    assert starts(transcript) == [(HOST, 1, "What brought you to the harbour?")]
    assert turns(transcript.exchanges[0])[1] == (HOST, deferred, True)


def test_a_long_statement_right_after_a_guests_statement_opens_an_exchange() -> None:
    assert len(conversation.words(LONG)) > conversation.STATEMENT_WORDS
    text = f"Host: What brought you to the harbour?\n\nGuest: My father was a pilot.\n\nHost: {LONG}\n\nGuest: The office was dull.\n"
    transcript = read(text)
    assert [e.line for e in transcript.exchanges] == [1, 5]
    assert turns(transcript.exchanges[1]) == [(GUEST, "The office was dull.", False)]


def test_a_long_statement_after_a_guests_question_is_the_hosts_answer() -> None:
    text = (
        "Host: What brought you to the harbour?\n\n"
        "Guest: My father was a pilot. Have you ever been on a pilot boat?\n\n"
        f"Host: {LONG}\n\n"
        "Guest: That is true.\n"
    )
    transcript = read(text)
    assert [e.line for e in transcript.exchanges] == [1]
    assert turns(transcript.exchanges[0])[1] == (HOST, LONG, True)


def test_a_long_statement_after_a_co_host_is_a_co_hosts_reply() -> None:
    text = (
        "Nadia: How did the database start?\n\n"
        "Harriet: As a weekend project.\n\n"
        "Tom: Honestly it was probably her config.\n\n"
        f"Nadia: {LONG}\n\n"
        "Harriet: It usually is.\n"
    )
    transcript = read(text, labels=CO_HOSTS, interviewers=["Nadia", "Tom"], names=CO_HOST_NAMES)
    assert [e.line for e in transcript.exchanges] == [1]
    assert [t.aside for t in transcript.exchanges[0].answers] == [False, True, True, False]


def test_a_short_statement_after_an_answer_is_an_aside() -> None:
    text = (
        "Host: What brought you to the harbour?\n\n"
        "Guest: My father was a pilot.\n\n"
        "Host: Yeah.\n\n"
        "Guest: And his father before him.\n\n"
        "Host: That's a lot of pilots in one family.\n\n"
        "Guest: Four generations.\n"
    )
    transcript = read(text)
    assert [e.line for e in transcript.exchanges] == [1]
    assert [(t.speaker, t.aside) for t in transcript.exchanges[0].answers] == [
        (GUEST, False),
        (HOST, True),
        (GUEST, False),
        (HOST, True),
        (GUEST, False),
    ]


def test_a_guests_back_channel_during_the_hosts_set_up_is_an_aside() -> None:
    text = (
        "Host: What brought you to the harbour?\n\n"
        "Guest: My father was a pilot.\n\n"
        f"Host: {LONG}\n\n"
        "Guest: Mm-hmm.\n\n"
        "Host: Why did you go back?\n\n"
        "Guest: The office was dull.\n"
    )
    transcript = read(text)
    assert starts(transcript) == [(HOST, 1, "What brought you to the harbour?"), (HOST, 5, "Why did you go back?")]
    second = transcript.exchanges[1]
    assert [p.text for p in second.question.paragraphs] == [LONG, "Why did you go back?"]
    assert turns(second) == [(GUEST, "Mm-hmm.", True), (GUEST, "The office was dull.", False)]


# A set-up too short to open an exchange by itself (more than SET_UP_WORDS words, at most STATEMENT_WORDS).
SET_UP = "You moved from the boats to the office and then back again, which is really unusual."


def test_a_set_up_by_the_asker_just_before_the_question_joins_it() -> None:
    assert conversation.SET_UP_WORDS < len(conversation.words(SET_UP)) <= conversation.STATEMENT_WORDS
    text = (
        "Host: What brought you to the harbour?\n\n"
        "Guest: My father was a pilot.\n\n"
        f"Host: {SET_UP}\n\n"
        "Guest: Mm-hmm.\n\n"
        "Host: Why did you go back?\n\n"
        "Guest: The office was dull.\n"
    )
    transcript = read(text)
    first, second = transcript.exchanges
    assert turns(first) == [(GUEST, "My father was a pilot.", False)]
    assert [t.text for t in second.answers] == ["Mm-hmm.", "The office was dull."]
    assert (second.line, second.label, [p.text for p in second.question.paragraphs]) == (
        5,
        "Why did you go back?",
        [SET_UP, "Why did you go back?"],
    )


def test_a_back_channel_during_a_short_set_up_is_an_aside() -> None:
    text = (
        "Host: What brought you to the harbour?\n\n"
        "Guest: My father was a pilot.\n\n"
        f"Host: {SET_UP}\n\n"
        "Guest: Mm-hmm.\n\n"
        "Host: Why did you go back?\n\n"
        "Guest: The office was dull.\n"
    )
    second = read(text).exchanges[1]
    assert [p.text for p in second.question.paragraphs] == [SET_UP, "Why did you go back?"]
    assert turns(second) == [(GUEST, "Mm-hmm.", True), (GUEST, "The office was dull.", False)]


def test_asking_again_before_any_answer_is_one_question() -> None:
    text = "Host: What brought you here?\n\nGuest: Mm-hmm.\n\nHost: I mean, why this harbour?\n\nGuest: The tide.\n"
    transcript = read(text)
    assert starts(transcript) == [(HOST, 1, "What brought you here?")]
    exchange = transcript.exchanges[0]
    assert [p.text for p in exchange.question.paragraphs] == ["What brought you here?", "I mean, why this harbour?"]
    assert turns(exchange) == [(GUEST, "Mm-hmm.", True), (GUEST, "The tide.", False)]


# Anchors.


REPEATED = (
    "Host: Shall we start with the quiz?\n\n"
    "Guest: Go on.\n\n"
    "Host: Let's do it.\n\n"
    "Guest: First answer: the tide.\n\n"
    "Host: What is the second word?\n\n"
    "Guest: Rope.\n\n"
    "Host: Let's do it.\n\n"
    "Guest: Last answer: the moon.\n"
)


def test_a_repeated_question_gets_a_stable_distinct_anchor() -> None:
    forced = [5, 13]  # "Let's do it." asks nothing: here it opens the exchanges, as an editor may set
    transcript = read(REPEATED, split=forced)
    anchors = [e.anchor for e in transcript.exchanges]
    assert [e.question.text for e in transcript.exchanges] == [
        "Shall we start with the quiz?",
        "Let's do it.",
        "What is the second word?",
        "Let's do it.",
    ]
    assert len(set(anchors)) == 4
    assert all(re.fullmatch(r"lets-do-it-[0-9a-f]{6}", anchors[i]) for i in (1, 3)), anchors
    # Editing what is said around them moves neither.
    edited = read(REPEATED.replace("Rope.", "Rope, and a knot.").replace("What is the second", "Which is the second"), split=forced)
    assert [edited.exchanges[i].anchor for i in (0, 1, 3)] == [anchors[i] for i in (0, 1, 3)]
    # The first time keeps the anchor it would have if asked once.
    once = read(REPEATED.split("Host: What is the second")[0], split=[5])
    assert once.exchanges[1].anchor == anchors[1]


def test_a_repeated_real_question_gets_a_distinct_anchor() -> None:
    text = "Host: And then what?\n\nGuest: We sailed.\n\nHost: And then what?\n\nGuest: We sank.\n"
    first, second = read(text).exchanges
    assert first.anchor != second.anchor and first.anchor.startswith("and-then-what-")
    assert first.anchor == read("Host: And then what?\n\nGuest: We sailed.\n").exchanges[0].anchor


# Anchor stability over the conversation rules: questions, asides, set-ups, parts.

SENTENCES = [
    "What brought you here?",
    "Why did you go back?",
    "That's wild, right?",
    "Really?",
    "Yeah.",
    "Mm-hmm.",
    "Guest?",
    "What about you, Guest?",
    "Talk about those two differences.",
    "You mentioned the tide.",
    "Welcome to The Tide Table.",
    "This episode is brought to you by Larkspur Tea.",
    "Now, back to my conversation.",
    "That's our show.",
    "The harbour was quiet that winter and the boats stayed tied up for weeks on end.",
    LONG,
    SET_UP,
    "Do you know what I mean?",
]
# Closing words are left out: test_closing_words_after_an_exchange_without_a_question_keep_it shows why.
PARAGRAPH = st.lists(st.sampled_from([s for s in SENTENCES if s != "That's our show."]), min_size=1, max_size=3).map(" ".join)


@st.composite
def conversations(draw: st.DrawFn) -> list[tuple[str, str]]:
    first = [(HOST, draw(PARAGRAPH))]
    rest = draw(st.lists(st.tuples(st.sampled_from([HOST, GUEST]), PARAGRAPH), min_size=1, max_size=10))
    return first + rest


def text_of(conversation_turns: list[tuple[str, str]]) -> str:
    return "\n\n".join(f"{speaker}: {paragraph}" for speaker, paragraph in conversation_turns) + "\n"


def unique_questions(transcript: Transcript) -> bool:
    """No question asked twice (the second time's anchor counts the first: it moves when the first goes)."""
    asked = [e.question.text for e in transcript.exchanges]
    return len(asked) == len(set(asked))


@given(conversations(), st.data())
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_editing_one_interviewer_turn_changes_no_other_anchor(case: list[tuple[str, str]], data: st.DataObject) -> None:
    before = read(text_of(case))
    assume(unique_questions(before))
    index = data.draw(st.sampled_from([i for i, (speaker, _) in enumerate(case) if speaker == HOST]))
    edited = [(speaker, data.draw(PARAGRAPH) if i == index else paragraph) for i, (speaker, paragraph) in enumerate(case)]
    after = read(text_of(edited))
    assume(unique_questions(after))
    # At most one anchor goes: the edited turn's exchange (an edit may also make a turn an aside, or undo it).
    assert len({e.anchor for e in before.exchanges} - {e.anchor for e in after.exchanges}) <= 1


STATEMENTS = [s for s in SENTENCES if not s.endswith("?") and not conversation.is_back_channel(turn(GUEST, s))]


@given(conversations(), st.data(), st.sampled_from(STATEMENTS), st.sampled_from(STATEMENTS))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_rewording_a_guests_statement_changes_no_anchor(case: list[tuple[str, str]], data: st.DataObject, old: str, new: str) -> None:
    index = data.draw(st.integers(min_value=1, max_value=len(case) - 1))

    def said(text: str) -> str:
        return text_of([(GUEST, text) if i == index else t for i, t in enumerate(case)])

    assert [e.anchor for e in read(said(new)).exchanges] == [e.anchor for e in read(said(old)).exchanges]


# Metadata: recognise_parts, split, join.


def test_without_recognise_parts_nothing_is_recognised() -> None:
    text = (
        "Host: Welcome to The Tide Table, the show about working harbours.\n\n"
        "Guest: Glad to be here.\n\n"
        "Host: What brought you to the harbour?\n\n"
        "Guest: My father was a pilot.\n\n"
        "Host: This episode is brought to you by Larkspur Tea.\n\n"
        "Guest: I like that tea.\n\n"
        "Host: That's our show.\n"
    )
    assert [p.what for p in read(text).recognised] == ["introduction", "sponsor", "closing"]
    transcript = read(text, recognise_parts=False)
    assert transcript.recognised == () and transcript.outside == ()
    assert [e.line for e in transcript.exchanges] == [1, 5, 13]
    assert turns(transcript.exchanges[1])[1] == (HOST, "This episode is brought to you by Larkspur Tea.", True)


def test_without_recognise_parts_a_guest_first_is_an_error_naming_the_cold_open_marker() -> None:
    text = "Guest: The sea does not care.\n\nHost: What did the sea teach you?\n\nGuest: Patience.\n"
    with pytest.raises(SeedError) as caught:
        read(text, recognise_parts=False)
    message = str(caught.value)
    assert message.startswith("demo.txt:1: the first turn is by 'Guest', not the interviewer 'Host'")
    assert '"[Cold open]"' in message and "recognise_parts" in message and "\n" not in message


SPLIT_JOIN = (
    "Host: What brought you to the harbour?\n\n"
    "Guest: My father was a pilot.\n\n"
    "Host: Yeah.\n\n"
    "Guest: Four generations of pilots.\n\n"
    "Host: Was it expected that you would follow them?\n\n"
    "Guest: Nobody asked me.\n"
)


def test_split_opens_an_exchange_at_a_line_and_join_continues_the_one_before() -> None:
    assert [e.line for e in read(SPLIT_JOIN).exchanges] == [1, 9]
    split = read(SPLIT_JOIN, split=[5])
    assert starts(split) == [
        (HOST, 1, "What brought you to the harbour?"),
        (HOST, 5, "Yeah."),
        (HOST, 9, "Was it expected that you would follow them?"),
    ]
    anchor = read(SPLIT_JOIN).exchanges[1].anchor
    for join in (anchor, f"#{anchor}", 9):
        joined = read(SPLIT_JOIN, join=[join])
        assert [e.line for e in joined.exchanges] == [1], join
        assert turns(joined.exchanges[0])[-2:] == [
            (HOST, "Was it expected that you would follow them?", True),
            (GUEST, "Nobody asked me.", False),
        ]


def seeds_folder(folder: Path, meta: str, text: str = SPLIT_JOIN) -> Path:
    folder.mkdir()
    (folder / "harbour.txt").write_text(text, encoding="utf-8")
    (folder / "harbour.yml").write_text(
        "title: The harbour\ndate: 2024-05-01\nsource: https://example.org/harbour\ninterviewer: Host\n"
        "speakers:\n  Host: {name: Hana Host, role: Host}\n  Guest: {name: Gus Guest, role: Pilot}\n" + meta,
        encoding="utf-8",
    )
    shutil.copy(ROOT / "seeds" / "topics.yml", folder / "topics.yml")
    return folder / "harbour.txt"


def test_split_and_join_in_the_metadata(tmp_path: Path) -> None:
    plain = load_interview(seeds_folder(tmp_path / "plain", ""))
    assert [e.line for e in plain.transcript.exchanges] == [1, 9]
    anchor = plain.transcript.exchanges[1].anchor
    split = load_interview(seeds_folder(tmp_path / "split", "split: [5]\n"))
    assert [e.line for e in split.transcript.exchanges] == [1, 5, 9]
    joined = load_interview(seeds_folder(tmp_path / "join", f"join: ['{anchor}']\n"))
    assert [e.line for e in joined.transcript.exchanges] == [1]
    by_line = load_interview(seeds_folder(tmp_path / "join-line", "join: 9\n"))
    assert [e.line for e in by_line.transcript.exchanges] == [1]
    welcomed = "Host: Welcome to the show.\n\nGuest: Thanks.\n\n" + SPLIT_JOIN
    on = load_interview(seeds_folder(tmp_path / "on", "", welcomed))
    assert [p.what for p in on.transcript.recognised] == ["introduction"] and [e.line for e in on.transcript.exchanges] == [5, 13]
    off = load_interview(seeds_folder(tmp_path / "off", "recognise_parts: false\n", welcomed))
    assert off.transcript.recognised == () and [e.line for e in off.transcript.exchanges] == [1, 5, 13]


def test_join_naming_an_unknown_anchor_is_a_one_line_error(tmp_path: Path) -> None:
    path = seeds_folder(tmp_path / "seeds", "join: [was-it-expected-000000]\n")
    with pytest.raises(SeedError) as caught:
        load_interview(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.endswith(
        "harbour.txt:1: `join` names 'was-it-expected-000000', which is no exchange of this transcript"
        " — use an anchor shown on the page, or a line where a question starts"
    )


def test_the_build_log_names_the_recognised_parts(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from interview_kb.commands.common import use_seeds
    from mkdocs.config import load_config

    text = "Guest: The sea does not care.\n\nHost: What did the sea teach you?\n\nGuest: Patience.\n\nHost: That's our show.\n"
    path = seeds_folder(tmp_path / "seeds", "", text)
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=False)  # not as CI's KB_STRICT
    plugin = use_seeds(config, path.parent)
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.interview_kb"):
        plugin.on_config(config)
    lines = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO and "harbour.txt" in r.getMessage()]
    assert len(lines) == 1
    assert re.search(
        r"harbour\.txt: read in format 'colon'; recognised cold open at line 1; closing at line 7"
        r" \(`recognise_parts: false` turns this off\)$",
        lines[0],
    ), lines[0]


# How turns are labelled.


def test_a_turn_may_be_labelled_with_the_full_name_on_first_mention() -> None:
    text = (
        "**Sana Qureshi (Editor, The Ledger Line):** Where did the money go before?\n\n"
        "**Malik Osei (Chief Investment Officer):** To managers who did not beat their index.\n\n"
        "**Sana:** How did you tell the good ones apart?\n\n"
        "**Malik:** I asked each the same question.\n"
    )
    transcript = read(
        text,
        labels=["Sana", "Malik"],
        interviewers=["Sana"],
        names={"Sana": "Sana Qureshi", "Malik": "Malik Osei"},
        fmt="markdown",
    )
    assert starts(transcript) == [("Sana", 1, "Where did the money go before?"), ("Sana", 5, "How did you tell the good ones apart?")]
    assert [[t.speaker for t in e.answers] for e in transcript.exchanges] == [["Malik"], ["Malik"]]
    assert transcript.exchanges[0].answers[0].text == "To managers who did not beat their index."


@pytest.mark.parametrize("change", [">>", "-"])
def test_an_unnamed_caption_change_gives_the_word_back_to_the_speaker_before(change: str) -> None:
    text = (
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:04.000\n>> HOST: What brought you to the harbour?\n\n"
        "00:00:05.000 --> 00:00:08.000\n>> GUEST: My father was a pilot.\n\n"
        "00:00:09.000 --> 00:00:10.000\n>> HOST: Really?\n\n"
        f"00:00:11.000 --> 00:00:14.000\n{change} For thirty years, in all weathers.\n\n"
        "00:00:15.000 --> 00:00:18.000\n>> HOST: Why did you follow him?\n\n"
        f"00:00:19.000 --> 00:00:22.000\n{change} Nobody asked me.\n"
    )
    transcript = read(text, labels=["HOST", "GUEST"], interviewers=["HOST"])
    assert transcript.format == "webvtt"
    assert [(e.question.speaker, e.label) for e in transcript.exchanges] == [
        ("HOST", "What brought you to the harbour?"),
        ("HOST", "Why did you follow him?"),
    ]
    assert [turns(e) for e in transcript.exchanges] == [
        [
            ("GUEST", "My father was a pilot.", False),
            ("HOST", "Really?", True),
            ("GUEST", "For thirty years, in all weathers.", False),
        ],
        [("GUEST", "Nobody asked me.", False)],
    ]


def test_the_conversation_functions_directly() -> None:
    names = {"jin", "kwon", "elizabeth"}
    assert conversation.asks("How close are your plots to a farm?")
    assert not conversation.asks("That's wild, right?")
    assert not conversation.asks("Really?")
    assert not conversation.asks("Jin?", names) and not conversation.asks("What about you, Jin?", names)
    assert conversation.requests("Talk about those two differences.")
    assert not conversation.requests("I want to talk about that, but go on.")
    assert conversation.is_back_channel(turn(GUEST, "Mm-hmm.")) and not conversation.is_back_channel(turn(GUEST, "Mm-hmm, the tide."))
    assert not conversation.opens(turn(HOST, "Wen, you were there?"), co_hosts={"wen"})
    assert conversation.opens(turn(HOST, LONG)) and not conversation.opens(turn(HOST, LONG), statement=False)


def test_a_greeting_question_opens_no_exchange() -> None:
    text = (
        "Host: Welcome to The Tide Table. My guest today is a harbour pilot.\n\n"
        "Guest: Thanks for having me.\n\n"
        "Host: How are you doing?\n\n"
        "Guest: Good, good.\n\n"
        "Host: What brought you to the harbour?\n\n"
        "Guest: My father was a pilot.\n"
    )
    transcript = read(text)
    assert starts(transcript) == [(HOST, 9, "What brought you to the harbour?")]
    assert [(p.what, p.line) for p in transcript.recognised] == [("introduction", 1)]


def test_a_question_asked_late_takes_no_link_from_the_opening() -> None:
    """The introduction ends where the turns up to it say, so asking at the end leaves the opening as it was."""
    plain = "Host: Welcome to The Tide Table.\n\nGuest: What brought you here?\n\nHost: That's wild, right?\n"
    asked = plain.replace("That's wild, right?", "What brought you here?")
    assert [(p.what, p.line) for p in read(plain).recognised] == [("introduction", 1)]
    assert [(p.what, p.line) for p in read(asked).recognised] == [("introduction", 1)]
    assert [e.line for e in read(plain).exchanges] == [e.line for e in read(asked).exchanges] == [5]
