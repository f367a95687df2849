"""Captions that name nobody build as one voice in timed sections, with one warning; `turns:` in the metadata names them."""

from __future__ import annotations

from pathlib import Path

import pytest
from interview_kb.errors import SeedError
from interview_kb.reading.loader import load_interview
from interview_kb.reading.transcript import SECTION_WORDS, parse


def captions(cues: int) -> str:
    """A WebVTT file of `cues` cues a second apart with no speaker marks, each a sentence of ten words."""
    lines = ["WEBVTT", ""]
    for n in range(cues):
        start, end = n * 5, n * 5 + 4
        lines += [f"00:{start // 60:02d}:{start % 60:02d}.000 --> 00:{end // 60:02d}:{end % 60:02d}.000"]
        lines += [f"Sentence {n} of the talk goes on about rivers and old mills.", ""]
    return "\n".join(lines)


META = """title: A talk
date: 2024
source: https://example.org/talk
interviewer: Host
speakers:
  Host: {name: Hana Host}
  Guest: {name: Gil Guest}
"""


def test_captions_without_speakers_are_timed_sections_of_one_voice() -> None:
    transcript = parse(captions(60), interview="talk", labels=["Host", "Guest"], interviewers=["Host"], path="talk.vtt", fmt="webvtt")
    assert transcript.one_voice
    words = [len(e.question.text.split()) for e in transcript.exchanges]
    assert sum(words) == 60 * 12  # every word kept
    assert len(transcript.exchanges) > 1 and all(n >= SECTION_WORDS for n in words[:-1])
    assert all(e.question.timestamp for e in transcript.exchanges)  # linkable by time
    assert transcript.exchanges[0].question.timestamp == "00:00:00"
    assert len({e.anchor for e in transcript.exchanges}) == len(transcript.exchanges)
    (warning,) = transcript.warnings
    assert "no cue names its speaker" in warning.what and "turns:" in warning.todo and "<v Name>" in warning.todo


def test_a_plain_text_transcript_without_labels_is_still_an_error() -> None:
    with pytest.raises(SeedError, match="no paragraph starts with a declared speaker label"):
        parse("Just prose.\n\nMore prose.\n", interview="x", labels=["Host"], interviewers=["Host"], path="x.txt")


def test_turn_times_in_the_metadata_name_the_turns(tmp_path: Path) -> None:
    (tmp_path / "talk.vtt").write_text(captions(8), encoding="utf-8")
    # Unquoted, YAML 1.1 reads 0:15 as 15 seconds: both spellings mean the same time.
    (tmp_path / "talk.yml").write_text(META + "turns:\n  '00:00:00': Host\n  0:15: Guest\n  '00:00:25': Host\n  0:30: Guest\n")
    interview = load_interview(tmp_path / "talk.vtt")
    assert not interview.transcript.one_voice
    turns = [(t.speaker, t.timestamp) for e in interview.transcript.exchanges for t in e.turns]
    assert turns == [("Host", "00:00:00"), ("Guest", "00:00:15"), ("Host", "00:00:25"), ("Guest", "00:00:30")]


def test_a_turn_time_naming_no_speaker_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "talk.vtt").write_text(captions(4), encoding="utf-8")
    (tmp_path / "talk.yml").write_text(META + "turns:\n  '00:00:00': Nobody\n")
    with pytest.raises(SeedError, match=r"talk.yml:\d+: turn at 00:00:00 names 'Nobody', not one of the speakers"):
        load_interview(tmp_path / "talk.vtt")


def test_one_voice_loads_without_speakers_that_never_speak(tmp_path: Path) -> None:
    (tmp_path / "talk.vtt").write_text(captions(30), encoding="utf-8")
    (tmp_path / "talk.yml").write_text(META)
    interview = load_interview(tmp_path / "talk.vtt")
    assert interview.transcript.one_voice and {t.speaker for e in interview.transcript.exchanges for t in e.turns} == {"Host"}


def test_a_turn_time_that_is_not_a_time_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "talk.vtt").write_text(captions(4), encoding="utf-8")
    (tmp_path / "talk.yml").write_text(META + "turns:\n  soon: Host\n")
    with pytest.raises(SeedError, match=r"talk.yml:\d+: turn at 'soon' is not a time — "):
        load_interview(tmp_path / "talk.vtt")
