"""Parts of a transcript that are not the interview: `[What]` … `[/What]` spans and announcers' turns.

Marked in the text rather than as line ranges in the metadata: a marker stays
right when lines are added or removed above it, the editor sees it where it
applies, and plain brackets survive any editor or format. An opening marker
counts only when its closing marker follows, so bracketed words in what was
said ("[Laughs]", "[From the audience]") stay text.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from interview_kb.errors import SeedError, SeedWarning
from interview_kb.reading.formats import Block, Paragraph, TranscriptFormat, normalise

_WHAT = r"(?P<what>[A-Za-z][A-Za-z' -]{0,40})"
_OPENER = re.compile(rf"\[{_WHAT}\](?![(\[:])\s*")
_CLOSER = re.compile(rf"\s*\[/{_WHAT}\]$")
ANNOUNCER = "announcer"


@dataclass
class PartTurn:
    speaker: str  # "" for paragraphs before any label
    timestamp: str
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class Part:
    """A part being read; `marked` when it ends at its closing marker, else it is an announcer's turns."""

    what: str
    line: int
    marked: bool
    turns: list[PartTurn] = field(default_factory=list)


class Spans:
    """Takes the paragraphs (blocks) that belong to a part that is not the interview, in reading order."""

    def __init__(self, blocks: Sequence[Block], fmt: TranscriptFormat, announcers: Collection[str], path: Path | str) -> None:
        self.fmt = fmt
        self.announcers = set(announcers)
        self.path = path
        self.warnings: list[SeedWarning] = []
        self.current: Part | None = None
        self.last_close: dict[str, int] = {}  # what (case ignored) → line of the last paragraph it closes
        for line, lines in blocks:
            found = _CLOSER.search(normalise(" ".join(lines)))
            if found:
                self.last_close[found["what"].casefold()] = line

    def take(self, line: int, lines: list[str]) -> Part | None:
        """The part this paragraph belongs to, or None when it belongs to the interview."""
        closer = _CLOSER.search(normalise(" ".join(lines)))
        if self.current is None or not self.current.marked:
            opened = self._open(line, lines)
            if opened is None and closer:
                what = closer["what"]
                raise SeedError(
                    self.path,
                    line,
                    f'"[/{what}]" closes no "[{what}]" before it',
                    f'put "[{what}]" at the start of the part that is not the interview, or remove "[/{what}]"',
                )
            if opened is None:
                return self._announcer(line, lines)
            what, lines, after_label = opened
            self.current = Part(what, line, True)
            self._add(line, lines)
            if after_label:
                _strip(self.current.turns[0].paragraphs, 0, _OPENER)
        else:
            self._add(line, lines)
        part = self.current
        if closer and closer["what"].casefold() == part.what.casefold():
            last = next((t.paragraphs for t in reversed(part.turns) if t.paragraphs), [])
            _strip(last, len(last) - 1, _CLOSER)
            self.current = None
        return part

    def _open(self, line: int, lines: list[str]) -> tuple[str, list[str], bool] | None:
        """(what, the lines without a marker before the label, whether the marker follows the label) of an opening paragraph."""
        found = _OPENER.match(lines[0].lstrip())
        after_label = False
        if found:
            rest = [lines[0].lstrip()[found.end() :], *lines[1:]]
        else:
            start = self.fmt.turn_start(line, lines)
            found = _OPENER.match(start.first.text) if start and start.first else None
            rest, after_label = lines, True
        if not found:
            return None
        what = found["what"]
        if self.last_close.get(what.casefold(), 0) < line:
            if normalise(" ".join(lines)) == found.group().strip():
                self.warnings.append(
                    SeedWarning(
                        self.path,
                        line,
                        f'"[{what}]" is not closed, so it is read as part of the interview',
                        f'write "[{what}] [/{what}]", or put "[/{what}]" where the part ends, or ignore',
                    )
                )
            return None
        return what, rest, after_label

    def _announcer(self, line: int, lines: list[str]) -> Part | None:
        """An announcer's turn, with the paragraphs that continue it, is a part of its own."""
        start = self.fmt.turn_start(line, lines)
        if start and start.speaker in self.announcers:
            if self.current is None:
                self.current = Part(ANNOUNCER, line, False)
            self._add(line, lines)
            return self.current
        if start or self.current is None:
            self.current = None
            return None
        self._add(line, lines)
        return self.current

    def _add(self, line: int, lines: list[str]) -> None:
        part = self.current
        assert part is not None
        start = self.fmt.turn_start(line, lines) if lines[0].strip() else None
        if start:
            part.turns.append(PartTurn(start.speaker, start.timestamp, [start.first] if start.first else []))
            return
        text = self.fmt.paragraph_text(lines)
        if text:
            if not part.turns:
                part.turns.append(PartTurn("", ""))
            part.turns[-1].paragraphs.append(Paragraph(text, line))


def _strip(paragraphs: list[Paragraph], index: int, marker: re.Pattern[str]) -> None:
    """Remove a marker from one paragraph's text (and the paragraph, if nothing else is left)."""
    if not paragraphs:
        return
    paragraph = paragraphs[index]
    text = marker.sub("", paragraph.text, count=1).strip()
    if text:
        paragraphs[index] = Paragraph(text, paragraph.line)
    else:
        del paragraphs[index]
