"""Transcript formats: how a paragraph shows that a speaker's turn starts.

One class per value of `format:` in the metadata. A format only recognises the
start of a turn; `transcript.parse` applies the reading rules (preface,
exchanges, epilogue, anchors). To add a format, subclass `TranscriptFormat`
(or `PatternFormat` when regexes suffice) and list the class in `FORMATS`.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

_WHITESPACE = re.compile(r"[ \t\r\n\f\v]+")
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"


def normalise(text: str) -> str:
    """Runs of ASCII whitespace become one space; nothing else is changed."""
    return _WHITESPACE.sub(" ", text).strip(" ")


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

    def __init__(self, labels: Iterable[str]) -> None:
        self.labels = tuple(labels)
        # Longest first, so that of two labels that both fit, the longer one is taken.
        longest_first = sorted(self.labels, key=len, reverse=True)
        self.speaker = "(?P<speaker>" + "|".join(re.escape(label) for label in longest_first) + ")"

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
                rest = found["text"]
                timestamp = found.groupdict().get("time") or ""
                return TurnStart(found["speaker"], timestamp, Paragraph(rest, line) if rest else None)
        return None


class ColonFormat(PatternFormat):
    name = "colon"
    description = "`Name: text`"

    def shapes(self) -> list[str]:
        return [rf"^{self.speaker}\s*:\s*(?P<text>.*)$"]


class TimestampedFormat(PatternFormat):
    """A time before or after the label; a turn without one is accepted too."""

    name = "timestamped"
    description = "`Name [hh:mm:ss]: text` or `[hh:mm:ss] Name: text`"

    def shapes(self) -> list[str]:
        time = rf"(?P<time>{_TIME})"
        return [
            rf"^{self.speaker}\s*\[{time}\]\s*:?\s*(?P<text>.*)$",
            rf"^\[{time}\]\s*{self.speaker}\s*:\s*(?P<text>.*)$",
            rf"^{self.speaker}\s*:\s*(?P<text>.*)$",
        ]


class NameLineFormat(TranscriptFormat):
    """The label alone on the paragraph's first line; the text follows on the next lines or paragraphs."""

    name = "name-line"
    description = "`Name` on a line of its own (a colon after it is allowed)"
    how = "on a line of its own"

    def __init__(self, labels: Iterable[str]) -> None:
        super().__init__(labels)
        self.pattern = re.compile(rf"^{self.speaker}\s*:?$")

    def turn_start(self, line: int, lines: Sequence[str]) -> TurnStart | None:
        found = self.pattern.match(lines[0].strip())
        if not found:
            return None
        rest = normalise(" ".join(lines[1:]))
        return TurnStart(found["speaker"], "", Paragraph(rest, line + 1) if rest else None)


FORMATS: dict[str, type[TranscriptFormat]] = {cls.name: cls for cls in (ColonFormat, TimestampedFormat, NameLineFormat)}
