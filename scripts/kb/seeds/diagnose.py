"""What a transcript's lines start with when they do not fit its metadata.

The error for a transcript in which no turn is found names the first line that
explains why (HTML, another format, a label nobody declared), and undeclared
labels inside turns are warnings, so that a `TT:` question is not silently
filed inside an `AH:` answer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from scripts.kb.errors import SeedError, SeedWarning
from scripts.kb.seeds.formats import FORMATS, Block, TranscriptFormat, raw_paragraphs

# One to three capitalised words ("Aamir Hussain", "TT", "Q"), perhaps with a time, then a colon.
_LABEL_LIKE = re.compile(r"(?P<label>[A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*){0,2})\s*(?:[\[(][\d:.,]+[\])])?\s*:(?!\d)")
_INITIALS = re.compile(r"[A-Z]{1,4}")
_LEADING_MARKUP = re.compile(r"^(?:[*_]+|[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?[\])]?\s+)*")
# A label alone on a line, perhaps with a time or a colon (the `name-line` format).
_NAME_LINE = re.compile(r"(?P<label>[A-Z][\w'’&-]*(?: [A-Z][\w'’&-]*){0,2})\s*(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?[\])]?)?\s*:?")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+(?P<label>[^>]+)>")
_HTML = re.compile(r"<(?:!doctype|html|head|body|p|div|span|br)\b", re.IGNORECASE)
SNIPPET_CHARS = 30


def starts_with(line: str, end: int | None = None) -> str:
    """The beginning of a line as quoted in a message."""
    text = line.strip()
    if end is None:
        end = SNIPPET_CHARS
    return text if len(text) <= end else text[:end].rsplit(" ", 1)[0] + "…"


def label_like(line: str) -> str:
    """The label a line seems to start with (markup and a leading time skipped), or ""."""
    rest = line.strip()
    rest = rest[_LEADING_MARKUP.match(rest).end() :]  # type: ignore[union-attr]  # the pattern matches the empty string
    found = _LABEL_LIKE.match(rest)
    return found["label"] if found else ""


def labels_found(text: str) -> list[str]:
    """Every label-like word that starts a line in any format (`Name:`, `**Name:**`, `Name` alone, `<v Name>`).

    Labels that start two lines or more, or, when none does, every one found; most frequent first.
    """
    lines = text.split("\n")
    found: Counter[str] = Counter()
    for number, line in enumerate(lines):
        plain = line.replace("*", "").replace("\\", "")
        label = label_like(plain)
        alone = _NAME_LINE.fullmatch(line.strip())
        voice = _VOICE.search(line)
        if voice:
            found[voice["label"].strip()] += 1
        elif label:
            found[label] += 1
        elif alone and any(rest.strip() for rest in lines[number + 1 :]) and line.strip() != "WEBVTT":
            found[alone["label"]] += 1
    repeated = [label for label, count in found.most_common() if count > 1]
    return repeated or [label for label, _ in found.most_common()]


def no_turn(text: str, labels: Sequence[str], used: TranscriptFormat, path: Path | str) -> SeedError:
    """Why no turn was found, at the line that shows it: `this line starts with "…" — cause: fix`."""
    declared = ", ".join(f"'{label}'" for label in labels)
    blocks = raw_paragraphs(text)
    for line, lines in blocks:
        if _HTML.match(lines[0].strip()):
            return SeedError(
                path, line, f'this line starts with "{starts_with(lines[0], 20)}" — the file is HTML', "save the interview as plain text"
            )
    for cls in FORMATS.values():
        if cls is type(used):
            continue
        other = cls(labels)
        found = next(((line, lines) for line, lines in other.blocks(text) if other.turn_start(line, lines)), None)
        if found:
            line, lines = found
            return SeedError(
                path,
                line,
                f'this line starts with "{starts_with(lines[0])}" — {other.looks}',
                f"set `format: {other.name}` (or `format: auto`) in the metadata{other.or_else}",
            )
    for line, lines in blocks:
        label = label_like(lines[0])
        if label and label not in labels:
            return SeedError(
                path,
                line,
                f'this line starts with "{label}:", which is not a declared speaker label ({declared})',
                "add it under `speakers` in the metadata, or correct the label",
            )
    first_line, first_lines = blocks[0]
    return SeedError(
        path,
        first_line,
        f'no paragraph starts with a declared speaker label ({declared}); this line starts with "{starts_with(first_lines[0])}"',
        f"start each turn with its speaker's label {used.how}, or fix `speakers` or `format` in the metadata",
    )


def undeclared_labels(continuing: Sequence[Block], labels: Sequence[str], path: Path | str) -> list[SeedWarning]:
    """One warning per undeclared label that starts paragraphs inside turns: initials at once, names when seen twice."""
    seen: dict[str, list[int]] = {}
    for line, lines in continuing:
        label = label_like(lines[0])
        if label and label not in labels:
            seen.setdefault(label, []).append(line)
    return [
        SeedWarning(path, lines[0], f'"{label}:" looks like a speaker label but is not declared', "add it under speakers, or ignore")
        for label, lines in seen.items()
        if _INITIALS.fullmatch(label) or len(lines) > 1
    ]


def turns_inside_paragraphs(blocks: Sequence[Block], used: TranscriptFormat, path: Path | str) -> SeedError | None:
    """A turn that starts on a line inside a paragraph: turns written one per line, read as one turn."""
    lines_format = FORMATS["lines"](used.labels)
    for line, lines in blocks:
        for offset, text in enumerate(lines[1:], start=1):
            if lines_format.turn_start(line + offset, [text]):
                return SeedError(
                    path,
                    line + offset,
                    f'this line starts with "{starts_with(text)}" inside a paragraph — {lines_format.looks}',
                    f"set `format: {lines_format.name}` (or `format: auto`) in the metadata{lines_format.or_else}",
                )
    return None
