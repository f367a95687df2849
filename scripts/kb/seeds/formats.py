"""Transcript formats: how a paragraph shows that a speaker's turn starts.

One class per value of `format:` in the metadata. A format only recognises the
start of a turn; `transcript.parse` applies the reading rules (preface,
exchanges, epilogue, anchors). To add a format, subclass `TranscriptFormat`
(or `PatternFormat` when regexes suffice) and list the class in `FORMATS`.
"""

from __future__ import annotations

import html
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

_WHITESPACE = re.compile(r"[ \t\r\n\f\v]+")
# h:mm:ss, mm:ss, optionally with a fraction of a second (`00:01:02.5`, `00:01:02,500`).
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
# How a time is written around a label: in brackets, in parentheses, or bare.
_WRAPS = ((r"\[", r"\]"), (r"\(", r"\)"), ("", ""))

Block = tuple[int, list[str]]  # a paragraph as written: its first line number and its raw lines


def normalise(text: str) -> str:
    """Runs of ASCII whitespace become one space; nothing else is changed."""
    return _WHITESPACE.sub(" ", text).strip(" ")


def raw_paragraphs(text: str) -> list[Block]:
    """Blank-line separated paragraphs as (first line number, lines)."""
    found: list[Block] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        if found and found[-1][0] + len(found[-1][1]) == number:
            found[-1][1].append(line)
        else:
            found.append((number, [line]))
    return found


@dataclass(frozen=True)
class Paragraph:
    """Reader's text of one paragraph (without the speaker label) and its line."""

    text: str
    line: int


@dataclass(frozen=True)
class TurnStart:
    speaker: str
    timestamp: str
    first: Paragraph | None  # text on the same paragraph as the label, if any


class TranscriptFormat(ABC):
    """How turns are marked in one transcript format, for a given set of speaker labels."""

    name: ClassVar[str]  # the value of `format:` in the metadata
    description: ClassVar[str]  # what a turn's start looks like, e.g. "`Name: text`"
    how: ClassVar[str] = "and a colon"  # ends the hint "start each turn with its speaker's label …"
    looks: ClassVar[str] = "labels with a colon"  # the likely cause, when a transcript fits this format but not the one set
    or_else: ClassVar[str] = ""  # another fix, after "set `format: …`"

    def __init__(self, labels: Iterable[str]) -> None:
        self.labels = tuple(labels)
        # Longest first, so that of two labels that both fit, the longer one is taken.
        longest_first = sorted(self.labels, key=len, reverse=True)
        self.speaker = "(?P<speaker>" + "|".join(re.escape(label) for label in longest_first) + ")"

    def blocks(self, text: str) -> list[Block]:
        """The transcript's paragraphs as this format delimits them (default: blank lines)."""
        return raw_paragraphs(text)

    def clean(self, text: str) -> str:
        """The reader's text of whitespace-normalised source text (default: unchanged)."""
        return text

    def paragraph_text(self, lines: Sequence[str]) -> str:
        """The reader's text of a paragraph that starts no turn."""
        return self.clean(normalise(" ".join(lines)))

    @abstractmethod
    def turn_start(self, line: int, lines: Sequence[str]) -> TurnStart | None:
        """The turn that this paragraph (first line number, raw lines) starts, or None."""


class PatternFormat(TranscriptFormat):
    """A format matched on the whole paragraph, whitespace-normalised, by the first of some regexes.

    Each regex has the groups `speaker` and `text` (what follows the label), and
    may have `time`.
    """

    def __init__(self, labels: Iterable[str]) -> None:
        super().__init__(labels)
        self.patterns = [re.compile(shape) for shape in self.shapes()]

    @abstractmethod
    def shapes(self) -> list[str]:
        """The regexes, tried in order; `self.speaker` is the group matching a label."""

    def turn_start(self, line: int, lines: Sequence[str]) -> TurnStart | None:
        text = normalise(" ".join(lines))
        for pattern in self.patterns:
            found = pattern.match(text)
            if found:
                rest = self.clean(found["text"])
                timestamp = found.groupdict().get("time") or ""
                return TurnStart(found["speaker"], timestamp, Paragraph(rest, line) if rest else None)
        return None


class ColonFormat(PatternFormat):
    name = "colon"
    description = "`Name: text`"

    def shapes(self) -> list[str]:
        return [rf"^{self.speaker}\s*:\s*(?P<text>.*)$"]


class TimestampedFormat(PatternFormat):
    """A time before or after the label, in brackets, in parentheses or bare; a turn without one is accepted too."""

    name = "timestamped"
    looks = "a time beside the label"
    description = "`Name [hh:mm:ss]: text`, `Name (hh:mm:ss): text` or `hh:mm:ss Name: text`"

    def shapes(self) -> list[str]:
        time = rf"(?P<time>{_TIME})"
        after = [rf"^{self.speaker}\s*{left}{time}{right}\s*:?\s*(?P<text>.*)$" for left, right in _WRAPS]
        before = [rf"^{left}{time}{right}\s*{self.speaker}\s*:\s*(?P<text>.*)$" for left, right in _WRAPS]
        return [*after, *before, rf"^{self.speaker}\s*:\s*(?P<text>.*)$"]


class NameLineFormat(TranscriptFormat):
    """The label alone on the paragraph's first line, perhaps with a time; the text follows on the next lines or paragraphs."""

    name = "name-line"
    looks = "the label on a line of its own"
    description = "`Name` on a line of its own (a colon, or a time such as `Name  0:05` or `Name (00:01:02):`, may follow)"
    how = "on a line of its own"

    def __init__(self, labels: Iterable[str]) -> None:
        super().__init__(labels)
        times = "|".join(rf"{left}(?P<time{i}>{_TIME}){right}" for i, (left, right) in enumerate(_WRAPS))
        self.pattern = re.compile(rf"^{self.speaker}\s*(?:{times})?\s*:?$")

    def turn_start(self, line: int, lines: Sequence[str]) -> TurnStart | None:
        found = self.pattern.match(lines[0].strip())
        if not found:
            return None
        timestamp = next((value for key, value in found.groupdict().items() if key.startswith("time") and value), "")
        rest = normalise(" ".join(lines[1:]))
        return TurnStart(found["speaker"], timestamp, Paragraph(rest, line + 1) if rest else None)


_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


class MarkdownFormat(PatternFormat):
    r"""Markdown as exported by editors: bold labels, and backslash escapes (`\[`) that are undone."""

    name = "markdown"
    looks = "bold labels"
    or_else = ", or remove the **"
    description = "`**Name:** text` or `**Name**: text` (Markdown; `\\[` escapes are undone)"
    how = "in bold with a colon"

    def shapes(self) -> list[str]:
        time = rf"(?:\s*\\?[\[(]?(?P<time>{_TIME})\\?[\])]?)?"
        return [
            rf"^\*\*{self.speaker}{time}\s*:\s*\*\*\s*(?P<text>.*)$",
            rf"^\*\*{self.speaker}\*\*{time}\s*:\s*(?P<text>.*)$",
        ]

    def clean(self, text: str) -> str:
        return _MARKDOWN_ESCAPE.sub(r"\1", text)


class LinesFormat(TimestampedFormat):
    """One turn per line, without blank lines between turns; every line is a paragraph."""

    name = "lines"
    looks = "one turn per line, without blank lines between turns"
    or_else = ", or put a blank line between turns"
    description = "one turn per line, no blank line between: `Name: text` (a time as in `timestamped` is allowed)"

    def blocks(self, text: str) -> list[Block]:
        return [(number, [line]) for number, line in enumerate(text.split("\n"), start=1) if line.strip()]


_CUE_TIME = re.compile(r"^\s*(?P<start>[\d:.]+)\s+-->")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+(?P<name>[^>]+)>")
_TAG = re.compile(r"<[^>]*>")
_WEBVTT_SKIPPED = ("STYLE", "REGION")


class WebVTTFormat(TranscriptFormat):
    """WebVTT captions: cues whose text starts with a `<v Name>` voice tag; a speaker's consecutive cues are one turn.

    Written here rather than with webvtt-py, because reading must keep each
    cue's line number (for messages and facts), which that library drops.
    """

    name = "webvtt"
    looks = "WebVTT captions"
    description = "WebVTT: a `WEBVTT` first line, then cues `00:00:01.000 --> 00:00:04.000` with `<v Name>text`"
    how = "as a voice tag `<v Name>` in each cue"

    def blocks(self, text: str) -> list[Block]:
        """Cue blocks, each as [timing line, text lines…]; a cue by the speaker of the one before joins it."""
        found = raw_paragraphs(text)
        if not found or not found[0][1][0].startswith("WEBVTT"):
            return found
        merged: list[Block] = []
        voice: str | None = None
        for line, lines in found[1:]:
            if lines[0].split(" ")[0] in _WEBVTT_SKIPPED:
                continue  # styles and regions: how captions look, not what was said
            timing = next((i for i, text_line in enumerate(lines) if "-->" in text_line), None)
            if timing is None:  # a NOTE (a comment) or text outside any cue: kept as a paragraph
                merged.append((line, lines))
                voice = None
                continue
            cue = lines[timing + 1 :]
            if not cue:
                continue
            spoken = _VOICE.search(cue[0])
            if merged and (spoken is None or spoken["name"].strip() == voice):
                merged[-1][1].extend(cue)
            else:
                merged.append((line + timing, [lines[timing], *cue]))
                voice = spoken["name"].strip() if spoken else None
        return merged

    def clean(self, text: str) -> str:
        return normalise(html.unescape(_TAG.sub(" ", text)))

    def paragraph_text(self, lines: Sequence[str]) -> str:
        return self.clean(" ".join(lines[1:] if "-->" in lines[0] else lines))

    def turn_start(self, line: int, lines: Sequence[str]) -> TurnStart | None:
        timing = _CUE_TIME.match(lines[0])
        spoken = _VOICE.search(lines[1]) if timing and len(lines) > 1 else None
        if not (timing and spoken) or spoken["name"].strip() not in self.labels:
            return None
        rest = self.clean(" ".join(lines[1:]))
        timestamp = timing["start"].split(".")[0]
        return TurnStart(spoken["name"].strip(), timestamp, Paragraph(rest, line + 1) if rest else None)


FORMATS: dict[str, type[TranscriptFormat]] = {
    cls.name: cls for cls in (ColonFormat, TimestampedFormat, NameLineFormat, MarkdownFormat, LinesFormat, WebVTTFormat)
}
AUTO = "auto"


def detect(text: str, labels: Iterable[str]) -> TranscriptFormat:
    """The format under which most paragraphs start a turn by a declared label; on a tie, the one listed first in `FORMATS`."""
    best: TranscriptFormat | None = None
    most = 0
    for cls in FORMATS.values():
        candidate = cls(labels)
        starts = sum(1 for line, lines in candidate.blocks(text) if candidate.turn_start(line, lines))
        if starts > most:
            best, most = candidate, starts
    return best or ColonFormat(labels)
