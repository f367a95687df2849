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
TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
# How a time is written around a label: in brackets, in parentheses, or bare.
_WRAPS = ((r"\[", r"\]"), (r"\(", r"\)"), ("", ""))
# A line that holds only a time, perhaps with a colon: `(00:01:21):`, `[00:01:21]`, `00:01:21`.
_TIME_ONLY = re.compile("^(?:" + "|".join(rf"{left}(?P<time{i}>{TIME}){right}" for i, (left, right) in enumerate(_WRAPS)) + r")\s*:?$")
# A time in brackets or parentheses (Markdown-escaped or not) before the words of a paragraph: `\[00:03:54.26\] Well, …`.
_LEADING_TIME = re.compile(rf"^\\?[\[(](?P<time>{TIME})\\?[\])]\s+(?=\S)")
# A role or organisation in parentheses after a label, `Dana (Host, Example Radio):`; never a time (that is `timestamped`).
_ROLE = rf"(?:\s*\((?!\s*{TIME}\s*\))(?P<role>[^()]+)\))?"

Block = tuple[int, list[str]]  # a paragraph as written: its first line number and its raw lines


def normalise(text: str) -> str:
    """Runs of ASCII whitespace become one space; nothing else is changed."""
    return _WHITESPACE.sub(" ", text).strip(" ")


def time_only(line: str) -> str:
    """The time of a line that holds only a time (`(00:01:21):` → `00:01:21`, a fraction dropped), else ""."""
    found = _TIME_ONLY.match(line.replace("\\", "").strip())
    if not found:
        return ""
    time = next(value for value in found.groups() if value)
    return re.split(r"[.,]", time)[0]


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
    role: str = ""  # what the parentheses after the label say, `Dana (Host, Example Radio):` → "Host, Example Radio"


class TranscriptFormat(ABC):
    """How turns are marked in one transcript format, for a given set of speaker labels."""

    name: ClassVar[str]  # the value of `format:` in the metadata
    description: ClassVar[str]  # what a turn's start looks like, e.g. "`Name: text`"
    how: ClassVar[str] = "and a colon"  # ends the hint "start each turn with its speaker's label …"
    looks: ClassVar[str] = "labels with a colon"  # the likely cause, when a transcript fits this format but not the one set
    or_else: ClassVar[str] = ""  # another fix, after "set `format: …`"
    timed: ClassVar[bool] = False  # times mark its turns and paragraphs (`\[00:03:54\]` before words is not text)
    captions: ClassVar[bool] = False  # a caption file (cues with times), whose blocks may name no speaker at all

    def __init__(self, labels: Iterable[str]) -> None:
        self.labels = tuple(labels)
        # Longest first, so that of two labels that both fit, the longer one is taken.
        longest_first = sorted(self.labels, key=len, reverse=True)
        self.speaker = "(?P<speaker>" + "|".join(re.escape(label) for label in longest_first) + ")"

    def blocks(self, text: str) -> list[Block]:
        """The transcript's paragraphs as this format delimits them (default: blank lines; see `join_times`)."""
        return self.join_times(raw_paragraphs(text))

    def join_times(self, blocks: Sequence[Block], *, into_turns: bool = False) -> list[Block]:
        """A paragraph that is only a time joins the next paragraph, which it times, when that one starts no turn.

        A time alone before a turn (unless `into_turns`) or at the end is dropped: a time is never text.
        """
        joined: list[Block] = []
        waiting: Block | None = None
        for line, lines in blocks:
            if len(lines) == 1 and time_only(lines[0]):
                waiting = (line, lines)
                continue
            if waiting and (into_turns or not self.turn_start(line, lines)):
                joined.append((waiting[0], [*waiting[1], *lines]))
            else:
                joined.append((line, lines))
            waiting = None
        return joined

    def clean(self, text: str) -> str:
        """The reader's text of whitespace-normalised source text (default: unchanged)."""
        return text

    def paragraph_text(self, lines: Sequence[str]) -> str:
        """The reader's text of a paragraph that starts no turn; a first line that is only a time is left out, and in
        a format that reads times (`timed`), so is a time in brackets before the paragraph's words."""
        if lines and time_only(lines[0]):
            lines = lines[1:]
        text = normalise(" ".join(lines))
        return self.clean(_LEADING_TIME.sub("", text, count=1) if self.timed else text)

    def block_time(self, lines: Sequence[str]) -> str:
        """When a block starts, as written (`00:01:21`, no fraction): here, the time of a first line that is only a time, else ""."""
        return time_only(lines[0]) if lines else ""

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
        """A first line that is only a time, before the label on the next line, is the turn's time."""
        before = time_only(lines[0]) if len(lines) > 1 else ""
        if before:
            line, lines = line + 1, lines[1:]
        text = normalise(" ".join(lines))
        for pattern in self.patterns:
            found = pattern.match(text)
            if found:
                rest, groups = found["text"], found.groupdict()
                leading = _LEADING_TIME.match(rest) if self.timed and not groups.get("time") else None
                if leading:  # `**Name:** \[00:03:54.26\] Well, …`: the time after the label times the turn
                    groups["time"], rest = leading["time"], rest[leading.end() :]
                rest = self.clean(rest)
                timestamp = groups.get("time") or before
                role = normalise(groups.get("role") or "")
                return TurnStart(found["speaker"], timestamp, Paragraph(rest, line) if rest else None, role)
        return None


class ColonFormat(PatternFormat):
    name = "colon"
    description = "`Name: text` (a role may follow the label: `Name (Host, Example Radio): text`)"

    def shapes(self) -> list[str]:
        return [rf"^{self.speaker}{_ROLE}\s*:\s*(?P<text>.*)$"]


class TimestampedFormat(PatternFormat):
    """A time before or after the label, in brackets, in parentheses or bare; a turn without one is accepted too."""

    name = "timestamped"
    timed = True
    looks = "a time beside the label"
    description = "`Name [hh:mm:ss]: text`, `Name (hh:mm:ss): text`, `hh:mm:ss Name: text` or `Name: (hh:mm:ss) text`"

    def shapes(self) -> list[str]:
        time = rf"(?P<time>{TIME})"
        after = [rf"^{self.speaker}\s*{left}{time}{right}\s*:?\s*(?P<text>.*)$" for left, right in _WRAPS]
        before = [rf"^{left}{time}{right}\s*{self.speaker}\s*:\s*(?P<text>.*)$" for left, right in _WRAPS]
        # After the colon: in brackets or parentheses; bare only when text follows (`Bob: 10:30` is what Bob said).
        after_colon = [rf"^{self.speaker}\s*:\s*{left}{time}{right}\s*:?\s*(?P<text>.*)$" for left, right in _WRAPS[:2]]
        bare_after_colon = rf"^{self.speaker}\s*:\s*{time}\s+(?P<text>\S.*)$"
        return [*after, *before, *after_colon, bare_after_colon, rf"^{self.speaker}{_ROLE}\s*:\s*(?P<text>.*)$"]


class NameLineFormat(TranscriptFormat):
    """The label alone on the paragraph's first line, perhaps with a time; the text follows on the next lines or paragraphs."""

    name = "name-line"
    timed = True
    looks = "the label on a line of its own"
    description = "`Name` on a line of its own (a colon, or a time such as `Name  0:05` or `Name (00:01:02):`, may follow)"
    how = "on a line of its own"

    def __init__(self, labels: Iterable[str]) -> None:
        super().__init__(labels)
        times = "|".join(rf"{left}(?P<time{i}>{TIME}){right}" for i, (left, right) in enumerate(_WRAPS))
        self.pattern = re.compile(rf"^{self.speaker}{_ROLE}\s*(?:{times})?\s*:?$")

    def turn_start(self, line: int, lines: Sequence[str]) -> TurnStart | None:
        found = self.pattern.match(lines[0].strip())
        if not found:
            return None
        timestamp = next((value for key, value in found.groupdict().items() if key.startswith("time") and value), "")
        rest = normalise(" ".join(lines[1:]))
        return TurnStart(found["speaker"], timestamp, Paragraph(rest, line + 1) if rest else None, normalise(found["role"] or ""))


_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


class MarkdownFormat(PatternFormat):
    r"""Markdown as exported by editors: bold labels, and backslash escapes (`\[`) that are undone."""

    name = "markdown"
    timed = True
    looks = "bold labels"
    or_else = ", or remove the **"
    description = "`**Name:** text` or `**Name**: text` (Markdown; `\\[` escapes are undone; a role may follow the name)"
    how = "in bold with a colon"

    def shapes(self) -> list[str]:
        time = rf"(?:\s*\\?[\[(]?(?P<time>{TIME})\\?[\])]?)?"
        return [
            rf"^\*\*{self.speaker}{_ROLE}{time}\s*:\s*\*\*\s*(?P<text>.*)$",
            rf"^\*\*{self.speaker}\*\*{_ROLE}{time}\s*:\s*(?P<text>.*)$",
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
        """Every line; a line that is only a time joins the next one, which it times (`00:00:02` then `Q: Why?`)."""
        lines = [(number, [line]) for number, line in enumerate(text.split("\n"), start=1) if line.strip()]
        return self.join_times(lines, into_turns=True)


_CLOCK = r"(?:\d+:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"  # a cue time: `00:01:02.500` (WebVTT), `00:01:02,500` (SRT), `01:02.500`
_CUE_TIME = re.compile(rf"^\s*(?P<start>{_CLOCK})\s+-->\s+(?P<end>{_CLOCK})")
# A WebVTT voice tag, `<v Name>` or `<v.loud Name>`.
VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+(?P<name>[^>]+)>")
_TAG = re.compile(r"<[^>]*>")
_CHANGE = re.compile(r"^\s*(?:>>|-(?=\s))\s*")  # `>> text` or `- text`: another speaker, unnamed
_SENTENCE_END = re.compile(r"[.?!…][\"'”’)\]]*$")
_WEBVTT_SKIPPED = ("STYLE", "REGION")
PAUSE_SECONDS = 2.0  # a pause this long between one speaker's cues starts a new paragraph
PARAGRAPH_WORDS = 60  # … and so does the end of a sentence once a paragraph has this many words


def seconds(time: str) -> float:
    """A cue time in seconds: `01:02:03.500` → 3723.5."""
    whole, _, fraction = time.replace(",", ".").partition(".")
    total = 0
    for part in whole.split(":"):
        total = total * 60 + int(part)
    return total + (float(f"0.{fraction}") if fraction else 0.0)


@dataclass(frozen=True)
class Cue:
    """One caption cue: its timing line (number and text), its start and end in seconds, and its text lines (number, line)."""

    line: int
    timing: str
    start: float
    end: float
    text: tuple[tuple[int, str], ...]


class CaptionFormat(TranscriptFormat):
    """Caption cues merged into paragraphs: a new one at each speaker change, else after a pause or a long run.

    A change is a voice tag `<v Name>`, `Name:` (a declared label) or `>> Name:` at
    the start of a cue line, or `>>` or `- ` alone (another speaker, unnamed). A
    speaker's cues are joined until the text ends a sentence and has
    PARAGRAPH_WORDS words, or until a pause of PAUSE_SECONDS; the cues of one
    voice tag are always joined, as they always were. A block is [timing line of
    its first cue, text lines…]; its line number is the line before its first
    text line (the timing line, unless the block starts inside a cue).
    """

    captions = True

    def __init__(self, labels: Iterable[str]) -> None:
        super().__init__(labels)
        self.named = re.compile(rf"^\s*(?:>>\s*|-\s+)?{self.speaker}\s*:\s*") if self.labels else None
        self.inferred: dict[int, str] = {}  # block line → the speaker an unnamed change gives the word to (`blocks`)
        self.breaks: list[float] = []  # times (seconds) where a paragraph must start: turns the metadata names

    @classmethod
    @abstractmethod
    def written_in(cls, text: str) -> bool:
        """Whether the text is a caption file of this kind (for `format: auto`)."""

    @abstractmethod
    def cues(self, text: str) -> list[Cue | Block]:
        """The file's cues in order, with any other paragraph (a NOTE) as a block."""

    def mark(self, line: str) -> tuple[bool, str | None, bool]:
        """(whether this cue line marks a speaker change, the speaker it names or None, whether by a voice tag)."""
        voice = VOICE.search(line)
        if voice:
            return True, voice["name"].strip(), True
        named = self.named.match(line) if self.named else None
        if named:
            return True, named["speaker"], False
        return bool(_CHANGE.match(line)), None, False

    def unmark(self, line: str) -> str:
        """A cue line without its speaker mark (voice tags go with the other tags, in `clean`)."""
        named = self.named.match(line) if self.named else None
        return line[named.end() :] if named else _CHANGE.sub("", line, count=1)

    def blocks(self, text: str) -> list[Block]:
        if not self.written_in(text):
            return raw_paragraphs(text)
        merged: list[Block] = []
        speaker: str | None = None
        before: str | None = None  # the speaker before the current one, who an unnamed change gives the word back to
        voiced = joining = False
        words, last, end = 0, "", 0.0
        shown = ""  # the last cue line's text, which rolling captions repeat
        self.inferred = {}
        for item in self.cues(text):
            if not isinstance(item, Cue):
                merged.append(item)
                speaker, voiced, joining = None, False, False
                continue
            for index, (number, line) in enumerate(item.text):
                spoken = self.clean(self.unmark(line))
                change, name, voice = self.mark(line)
                if spoken and spoken == shown and not change:
                    continue  # rolling captions (as video sites export them) repeat the line before at each cue
                shown = spoken or shown
                if change and name is None and before is not None and speaker is not None:
                    name = before  # `>>` alone, in a file that names its speakers elsewhere: the conversation goes back
                    self.inferred[number - 1] = name
                if change and name is not None and name != speaker:
                    before = speaker
                same = joining and (not change or (name is not None and name == speaker))
                ended = bool(_SENTENCE_END.search(last)) and words >= PARAGRAPH_WORDS
                pause = item.start - end >= PAUSE_SECONDS or any(end < at <= item.start + 0.5 for at in self.breaks)
                if same and (change or voiced or index > 0 or not (ended or pause)):
                    merged[-1][1].append(line)
                else:
                    merged.append((number - 1, [item.timing, line]))
                    words, last = 0, ""
                    if not same:
                        speaker, voiced = name, voice
                joining = True
                words += len(spoken.split())
                last = spoken or last
            end = item.end
        return merged

    def clean(self, text: str) -> str:
        return normalise(html.unescape(_TAG.sub(" ", text)))

    def cue_text(self, lines: Sequence[str]) -> str:
        return self.clean(" ".join(self.unmark(line) for line in lines))

    def paragraph_text(self, lines: Sequence[str]) -> str:
        return self.cue_text(lines[1:]) if _CUE_TIME.match(lines[0]) else self.clean(" ".join(lines))

    def block_time(self, lines: Sequence[str]) -> str:
        """The start of the block's first cue as hh:mm:ss (`00:01:21.500` → `00:01:21`, `01:21.500` → `00:01:21`)."""
        timing = _CUE_TIME.match(lines[0]) if lines else None
        if not timing:
            return super().block_time(lines)
        whole = re.split(r"[.,]", timing["start"])[0]
        return whole if whole.count(":") == 2 else f"00:{whole}"

    def turn_start(self, line: int, lines: Sequence[str]) -> TurnStart | None:
        timing = _CUE_TIME.match(lines[0])
        if not timing or len(lines) < 2:
            return None
        _, name, _ = self.mark(lines[1])
        name = name or self.inferred.get(line)
        if name not in self.labels:
            return None
        rest = self.cue_text(lines[1:])
        timestamp = re.split(r"[.,]", timing["start"])[0]
        return TurnStart(name, timestamp, Paragraph(rest, line + 1) if rest else None)

    @staticmethod
    def cue(line: int, lines: Sequence[str]) -> Cue | None:
        """The cue whose timing line is `lines[0]`, on line `line`; None when that line is not a timing."""
        timing = _CUE_TIME.match(lines[0])
        if not timing:
            return None
        text = tuple((line + offset, text_line) for offset, text_line in enumerate(lines[1:], start=1))
        return Cue(line, lines[0], seconds(timing["start"]), seconds(timing["end"]), text)


class WebVTTFormat(CaptionFormat):
    """WebVTT captions: a speaker's consecutive cues are one turn, timed by its first cue.

    Written here rather than with webvtt-py, because reading must keep each
    cue's line number (for messages and facts), which that library drops.
    """

    name = "webvtt"
    looks = "WebVTT captions"
    description = (
        "WebVTT: a `WEBVTT` first line, then cues `00:00:01.000 --> 00:00:04.000` with `<v Name>text`, `>> Name: text` or `Name: text`"
    )
    how = "as a voice tag `<v Name>`, or `Name:` at the start of a cue's text"

    @classmethod
    def written_in(cls, text: str) -> bool:
        found = raw_paragraphs(text[:1000])
        return bool(found) and found[0][1][0].startswith("WEBVTT")

    def cues(self, text: str) -> list[Cue | Block]:
        found: list[Cue | Block] = []
        for line, lines in raw_paragraphs(text)[1:]:
            if lines[0].split(" ")[0] in _WEBVTT_SKIPPED:
                continue  # styles and regions: how captions look, not what was said
            timing = next((i for i, text_line in enumerate(lines) if "-->" in text_line), None)
            cue = self.cue(line + timing, lines[timing:]) if timing is not None else None
            if cue is None:  # a NOTE (a comment) or text outside any cue: kept as a paragraph
                found.append((line, lines))
            elif cue.text:
                found.append(cue)
        return found


class SRTFormat(CaptionFormat):
    """SubRip captions: numbered cues, `Name:`, `>> Name:` or `- ` marking a speaker change; consecutive cues are one turn."""

    name = "srt"
    looks = "SRT captions"
    description = "SRT: numbered cues `1`, `00:00:01,000 --> 00:00:04,000`, then `Name: text`, `>> Name: text` or `- text`"
    how = "as `Name:` at the start of a cue's text"

    @classmethod
    def written_in(cls, text: str) -> bool:
        found = raw_paragraphs(text[:1000])
        return bool(found) and len(found[0][1]) > 1 and found[0][1][0].strip().isdigit() and bool(_CUE_TIME.match(found[0][1][1]))

    def cues(self, text: str) -> list[Cue | Block]:
        found: list[Cue | Block] = []
        for line, lines in raw_paragraphs(text):
            skip = 1 if len(lines) > 1 and lines[0].strip().isdigit() else 0
            cue = self.cue(line + skip, lines[skip:])
            if cue is None:
                found.append((line, lines))
            elif cue.text:
                found.append(cue)
        return found


FORMATS: dict[str, type[TranscriptFormat]] = {
    cls.name: cls for cls in (ColonFormat, TimestampedFormat, NameLineFormat, MarkdownFormat, LinesFormat, WebVTTFormat, SRTFormat)
}
AUTO = "auto"
DETECT_CHARS = 30_000  # `detect` reads about this much of a transcript's beginning (a quarter of an hour of talk)


def detect(text: str, labels: Iterable[str]) -> TranscriptFormat:
    """The format of a caption file (WebVTT, SRT), else the one under which most paragraphs start a turn by a declared label.

    Of formats that find as many turns, the one that finds more times wins (so that `Name: (00:07) text`
    is `timestamped`, not `colon` with the time in the text); on a tie, the one listed first in `FORMATS`.
    """
    labels = tuple(labels)
    for cls in FORMATS.values():
        if issubclass(cls, CaptionFormat) and cls.written_in(text):
            return cls(labels)
    # A transcript keeps one format throughout: its beginning tells (reading a long episode under every format cost
    # a tenth of a podcast archive's build). The whole text is read only when the beginning shows no turn at all.
    cut = text.find("\n\n", DETECT_CHARS)
    for part in (text[:cut], text) if cut > 0 else (text,):
        best: TranscriptFormat | None = None
        most = (0, 0)
        for cls in FORMATS.values():
            candidate = cls(labels)
            starts = [found for line, lines in candidate.blocks(part) if (found := candidate.turn_start(line, lines))]
            score = (len(starts), sum(1 for found in starts if found.timestamp))
            if score > most:
                best, most = candidate, score
        if best is not None:
            return best
    return ColonFormat(labels)
