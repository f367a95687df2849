"""The transcript parser: turns, preface, epilogue, continuation, encodings, anchors."""

from __future__ import annotations

from pathlib import Path

import pytest
from interview_kb.errors import SeedError
from interview_kb.reading.transcript import Transcript, decode, exchange_label, parse

ROOT = Path(__file__).resolve().parents[1]

LABELS = ["Ann", "Bob"]


def read(text: str) -> Transcript:
    return parse(text, interview="demo", labels=LABELS, interviewers=["Ann"], path="demo.txt")


SAMPLE = """Editor's note: this is the preface.

It has two paragraphs.

Ann: First question?

Bob: First answer.

Bottom line: this paragraph continues Bob's turn.

Ann: Second question, in
two lines?

Bob: Second answer.

Note: still Bob.

Ann: Thank you.

For more interviews, see the series page.
"""


def test_turns_preface_and_epilogue() -> None:
    transcript = read(SAMPLE)
    assert [p.text for p in transcript.preface] == ["Editor's note: this is the preface.", "It has two paragraphs."]
    assert [e.question.text for e in transcript.exchanges] == ["First question?", "Second question, in two lines?", "Thank you."]
    assert [p.text for p in transcript.epilogue] == ["For more interviews, see the series page."]


def test_other_word_colon_continues_the_turn() -> None:
    first, second, _ = read(SAMPLE).exchanges
    assert [p.text for p in first.answers[0].paragraphs] == ["First answer.", "Bottom line: this paragraph continues Bob's turn."]
    assert [p.text for p in second.answers[0].paragraphs] == ["Second answer.", "Note: still Bob."]


def test_closing_question_without_answer_is_kept() -> None:
    closing = read(SAMPLE).exchanges[-1]
    assert closing.question.text == "Thank you."
    assert closing.answers == ()


def test_multi_paragraph_turns_and_several_guest_turns() -> None:
    text = "Ann: Q?\n\nBob: A1.\n\nA2.\n\nCid: Me too.\n\nAnn: What comes after that?\n\nBob: Yes.\n"
    transcript = parse(text, interview="demo", labels=["Ann", "Bob", "Cid"], interviewers=["Ann"], path="x")
    first = transcript.exchanges[0]
    assert [t.speaker for t in first.answers] == ["Bob", "Cid"]
    assert first.answers[0].text == "A1.\n\nA2."
    assert transcript.epilogue == ()


def test_line_numbers_point_at_the_paragraph() -> None:
    transcript = read(SAMPLE)
    assert [e.line for e in transcript.exchanges] == [5, 11, 18]
    assert transcript.epilogue[0].line == 20


def test_crlf_and_bom_read_like_plain_lf() -> None:
    data = ("\ufeff" + SAMPLE.replace("\n", "\r\n")).encode("utf-8")
    assert read(decode(data, "demo.txt")) == read(SAMPLE)


def test_labels_are_case_sensitive_and_need_a_colon() -> None:
    transcript = read("Ann: Q?\n\nBob: A.\n\nann: not a turn\n\nBob said: not a turn either\n")
    assert [p.text for p in transcript.exchanges[0].answers[0].paragraphs] == ["A.", "ann: not a turn", "Bob said: not a turn either"]


def test_longer_label_wins_over_its_prefix() -> None:
    transcript = parse("Ann: Q?\n\nAnn Lee: A.\n", interview="d", labels=["Ann", "Ann Lee"], interviewers=["Ann"], path="x")
    assert transcript.exchanges[0].answers[0].speaker == "Ann Lee"


def test_whitespace_is_normalised_but_text_is_kept() -> None:
    transcript = read("Ann:   Tabs\tand   spaces  \n  across lines?\n\nBob: <b>&amp; *as is*</b>\n")
    assert transcript.exchanges[0].question.text == "Tabs and spaces across lines?"
    assert transcript.exchanges[0].answers[0].text == "<b>&amp; *as is*</b>"


def test_anchor_ignores_other_exchanges_and_the_answer() -> None:
    before = {e.question.text: e.anchor for e in read(SAMPLE).exchanges}
    edited = SAMPLE.replace("Second answer.", "A rewritten answer.").replace(
        "Ann: Thank you.", "Ann: Why insert a question here?\n\nBob: Inserted.\n\nAnn: Thank you."
    )
    after = {e.question.text: e.anchor for e in read(edited).exchanges}
    assert all(after[q] == anchor for q, anchor in before.items())
    assert len(set(after.values())) == 4


def test_anchor_changes_with_its_own_question() -> None:
    old = read(SAMPLE).exchanges[0].anchor
    new = read(SAMPLE.replace("First question?", "First question, reworded?")).exchanges[0].anchor
    assert old != new


def test_anchor_shape() -> None:
    anchors = [e.anchor for e in read(SAMPLE).exchanges]
    assert anchors[0].startswith("first-question-")
    assert all(a.rsplit("-", 1)[1].isalnum() and len(a.rsplit("-", 1)[1]) == 6 for a in anchors)


def test_anchor_of_non_latin_question_falls_back_to_hash() -> None:
    transcript = read("Ann: 你好吗？\n\nBob: 很好。\n")
    assert transcript.exchanges[0].anchor.startswith("exchange-")


def test_anchor_depends_on_interview() -> None:
    one = parse(SAMPLE, interview="one", labels=LABELS, interviewers=["Ann"], path="x").exchanges[0].anchor
    two = parse(SAMPLE, interview="two", labels=LABELS, interviewers=["Ann"], path="x").exchanges[0].anchor
    assert one != two


def test_label_is_the_question_sentence() -> None:
    transcript = read("Ann: A long preamble. Then a real question? And a coda.\n\nBob: A.\n")
    assert exchange_label(transcript.exchanges[0].question) == "Then a real question?"


def test_long_label_is_cut_at_a_word() -> None:
    words = " ".join(["word"] * 40) + "?"
    label = read(f"Ann: {words}\n\nBob: A.\n").exchanges[0].label
    assert label.endswith("word…") and len(label) <= 101


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "demo.txt:1: the transcript is empty"),
        ("  \n\n \n", "demo.txt:1: the transcript is empty"),
        ("Just prose.\n\nMore prose.\n", "demo.txt:1: no paragraph starts with a declared speaker label"),
        ("Intro.\n\nBob: I speak first.\n", "demo.txt:3: no turn is by an interviewer ('Ann')"),
    ],
)
def test_errors_name_file_and_line(text: str, message: str) -> None:
    with pytest.raises(SeedError) as caught:
        read(text)
    assert str(caught.value).startswith(message)
    assert " — " in str(caught.value)


def test_bad_utf8_names_the_byte_offset() -> None:
    with pytest.raises(SeedError) as caught:
        decode(b"Ann: ok\n\nBob: caf\xe9\n", "demo.txt")
    assert str(caught.value).startswith("demo.txt:3: byte 0xe9 at byte offset 17 is not UTF-8")


def test_timestamped_format_both_shapes() -> None:
    text = (
        "Intro.\n\n[00:00:05] Ann: First?\n\nBob [00:01:10]: Answer.\n\nMore answer.\n\n"
        "Ann [1:02:03] And the second question?\n\nBob: No time here.\n"
    )
    transcript = parse(text, interview="t", labels=LABELS, interviewers=["Ann"], path="t.txt", fmt="timestamped")
    first, second = transcript.exchanges
    assert (first.question.timestamp, first.question.text) == ("00:00:05", "First?")
    assert (first.answers[0].timestamp, first.answers[0].text) == ("00:01:10", "Answer.\n\nMore answer.")
    assert (second.question.timestamp, second.question.text) == ("1:02:03", "And the second question?")
    assert second.answers[0].timestamp == ""
    assert [p.text for p in transcript.preface] == ["Intro."]


def test_timestamps_are_text_in_the_colon_format() -> None:
    text = "Ann: Q?\n\n[00:00:05] Bob: not a turn in this format\n"
    transcript = parse(text, interview="t", labels=LABELS, interviewers=["Ann"], path="t.txt", fmt="colon")
    assert transcript.exchanges[0].answers == ()
    assert transcript.epilogue[0].text == "[00:00:05] Bob: not a turn in this format"


def test_name_line_format() -> None:
    text = "Preface.\n\nAnn\nWhat brought you here?\n\nBob:\n\nI came for the fibre.\n\nNote: and stayed.\n\nAnn\nThanks.\n\nThe end.\n"
    transcript = parse(text, interview="n", labels=LABELS, interviewers=["Ann"], path="n.txt", fmt="name-line")
    first, closing = transcript.exchanges
    assert (first.question.text, first.question.paragraphs[0].line) == ("What brought you here?", 4)
    assert first.answers[0].text == "I came for the fibre.\n\nNote: and stayed."
    assert closing.question.text == "Thanks."
    assert [p.text for p in transcript.preface] == ["Preface."]
    assert [p.text for p in transcript.epilogue] == ["The end."]


def test_name_line_turn_without_text_is_an_error() -> None:
    with pytest.raises(SeedError) as caught:
        parse("Ann\nQ?\n\nBob\n\nAnn\nNext?\n", interview="n", labels=LABELS, interviewers=["Ann"], path="n.txt", fmt="name-line")
    assert str(caught.value).startswith("n.txt:4: the turn by 'Bob' has no text — ")


def test_a_time_in_the_text_is_not_a_timestamp() -> None:
    transcript = parse("Ann: Q?\n\nBob: 10:30\n", interview="t", labels=LABELS, interviewers=["Ann"], path="t.txt", fmt="timestamped")
    assert (transcript.exchanges[0].answers[0].timestamp, transcript.exchanges[0].answers[0].text) == ("", "10:30")


# Two different questions whose first six words agree and whose 6-hex-digit hashes collide in interview "one".
CLASHING = ("What do you think about the network in case 837?", "What do you think about the network in case 4721?")


def test_a_hash_clash_lengthens_the_later_anchor_and_keeps_the_earlier() -> None:
    text = f"Ann: {CLASHING[0]}\n\nBob: A.\n\nAnn: {CLASHING[1]}\n\nBob: B.\n"
    first, second = parse(text, interview="one", labels=LABELS, interviewers=["Ann"], path="x").exchanges
    alone = parse(f"Ann: {CLASHING[0]}\n\nBob: A.\n", interview="one", labels=LABELS, interviewers=["Ann"], path="x").exchanges[0]
    assert first.anchor == alone.anchor == "what-do-you-think-about-the-6e63fb"  # the clash is real
    assert second.anchor.startswith("what-do-you-think-about-the-6e63fb") and len(second.anchor) > len(first.anchor)


def test_the_seed_interviews_anchors_never_move() -> None:
    from pathlib import Path

    from interview_kb.knowledge import base

    root = Path(__file__).resolve().parents[1]
    kb = base.load(root / "seeds", lambda warning: None)
    recorded = (root / "tests/data/seed_anchors.txt").read_text(encoding="utf-8").split()
    assert [e.anchor for _, e in kb.exchanges()] == recorded


def test_a_control_character_is_refused_at_its_line() -> None:
    with pytest.raises(SeedError) as caught:
        decode(b"Ann: ok\n\nBob: a\x00b\n", "demo.txt")
    assert str(caught.value).startswith("demo.txt:3: character U+0000 (a control character) at column 7 is not text — ")
    assert "\n" not in str(caught.value)


def test_input_above_the_limits_is_refused_before_work(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from interview_kb.reading import transcript

    monkeypatch.setattr(transcript, "MAX_BYTES", 40)
    path = tmp_path / "big.txt"
    path.write_text("Ann: Q?\n\nBob: " + "a" * 40 + "\n")
    with pytest.raises(SeedError, match=r"big.txt:1: the transcript is 55 bytes, more than the limit of 40 — "):
        transcript.read_transcript(path)
    monkeypatch.setattr(transcript, "MAX_LINE_CHARS", 10)
    with pytest.raises(SeedError, match=r"demo.txt:3: the line is 15 characters long, more than 10 — "):
        decode(b"Ann: Q?\n\nBob: aaaaaaaaaa\n", "demo.txt")
    monkeypatch.setattr(transcript, "MAX_EXCHANGES", 2)
    with pytest.raises(SeedError, match=r"demo.txt:9: the transcript has 3 exchanges, more than 2 — "):
        read("Ann: Q1?\n\nBob: A.\n\nAnn: And the second one?\n\nBob: A.\n\nAnn: And the third one?\n\nBob: A.\n")


def test_an_edit_that_makes_a_turn_an_aside_swallows_no_other_question() -> None:
    def anchors(third: str) -> list[str]:
        text = f"Ann: First question?\n\nBob: An answer.\n\nAnn: {third}\n\nBob: More.\n\nAnn: Where does that leave us?\n\nBob: Yes.\n"
        return [e.anchor for e in parse(text, interview="one", labels=LABELS, interviewers=["Ann"], path="x").exchanges]

    long_turn = anchors("A turn of two paragraphs.\n\nIs it a question of its own?")
    short_turn = anchors("Okay.")  # now an aside inside Bob's answer
    assert len(long_turn) == 3 and len(short_turn) == 2
    assert set(long_turn) - set(short_turn) == {long_turn[1]}  # only the edited turn's anchor went


def test_the_limits_allow_ten_thousand_exchanges_and_are_the_documented_ones() -> None:
    """A page builds in linear time up to 10,000 exchanges (`make bench`), so the limits reach that far."""
    from interview_kb.reading import transcript

    assert transcript.MAX_EXCHANGES >= 10_000
    assert transcript.MAX_BYTES >= 10_000 * 1_200  # the benchmark's synthetic exchanges are about 1.1 KB
    guide = " ".join((ROOT / "docs" / "guide" / "editors" / "errors.md").read_text(encoding="utf-8").split())
    limits = (
        f"a transcript of at most {transcript.MAX_BYTES // 1_000_000} MB, lines of at most {transcript.MAX_LINE_CHARS:,} "
        f"characters, at most {transcript.MAX_EXCHANGES:,} exchanges per interview"
    )
    assert limits in guide


def test_a_repeated_question_never_stops_the_build_and_each_keeps_its_own_anchor() -> None:
    """The host said "What do you mean by that?" twice: the n-th time counts in its hash, so the earlier keep theirs."""
    once = "Ann: What do you mean by that?\n\nBob: One thing.\n\nAnn: Where did it start?\n\nBob: Here.\n"
    twice = once + "\nAnn: What do you mean by that?\n\nBob: Another thing.\n"
    first = [e.anchor for e in read(once).exchanges]
    second = [e.anchor for e in read(twice).exchanges]
    assert second[:2] == first and len(set(second)) == 3
    assert second[2].startswith("what-do-you-mean-by-that-") and second[2] != second[0]
    assert [e.anchor for e in read(twice).exchanges] == second  # the same on every build


def test_a_short_question_is_headed_with_the_sentence_before_it() -> None:
    text = "Ann: Where do we start?\n\nBob: Here.\n\nAnn: The market moved a lot last year. What has happened?\n\nBob: Prices fell.\n"
    labels = [e.label for e in read(text).exchanges]
    assert labels == ["Where do we start?", "The market moved a lot last year. What has happened?"]
    assert read(text).exchanges[1].anchor.startswith("what-has-happened-")  # the anchor keeps the question's own words


def test_an_unanswered_exchange_cites_its_speaker_in_an_interview_with_the_guest() -> None:
    from interview_kb.reading.loader import Interview, Speaker
    from interview_kb.render.citation import citation

    transcript = read("Ann: What is the plan?\n\nBob: To ship.\n\nAnn: Thank you for your time, Bob.\n")
    speakers = {"Ann": Speaker("Ann", "Ann Lee", "", ""), "Bob": Speaker("Bob", "Bob Roe", "", "")}
    interview = Interview("demo", "Demo", "2020", "https://example.org", "", "", ("Ann",), speakers, transcript)
    answered, closing = transcript.exchanges
    assert citation(interview, answered, "u").startswith("Bob Roe, “Demo”, interview by Ann Lee, 2020")
    assert citation(interview, closing, "u").startswith("Ann Lee, “Demo”, interview with Bob Roe, 2020")
