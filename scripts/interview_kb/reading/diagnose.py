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

from interview_kb.errors import SeedError, SeedWarning
from interview_kb.reading.formats import FORMATS, TIME, VOICE, Block, TranscriptFormat, raw_paragraphs

# One to three capitalised words ("Aamir Hussain", "TT", "Q"), perhaps with a role in parentheses ("Ana Lima (CTO, Acme)")
# or a time, then a colon.
_LABEL_LIKE = re.compile(
    r"(?P<label>[A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*){0,2}(?: ?\([^()\d][^()]{0,80}\))?)\s*(?P<time>[\[(][\d:.,]+[\])])?\s*:(?!\d)"
)
_TIME = re.compile(TIME)
_INITIALS = re.compile(r"[A-Z]{1,4}")
_LEADING_MARKUP = re.compile(rf"^(?:[*_]+|[\[(]?{TIME}[\])]?\s+)*")
# A label alone on a line, perhaps with a time or a colon (the `name-line` format).
_NAME_LINE = re.compile(rf"(?P<label>[A-Z][\w'’&-]*(?: [A-Z][\w'’&-]*){{0,2}})\s*(?:[\[(]?{TIME}[\])]?)?\s*:?")
# Words that start a paragraph like a label but name no speaker, when seen once ("Note: recorded live.", "Yeah" alone).
NOT_LABELS = frozenset(
    {
        *("Note", "Notes", "Update", "Edit", "Editor", "Correction", "Disclaimer", "Transcript", "Summary", "Source", "Sources"),
        *("Warning", "Credits", "Music", "Intro", "Outro", "Sponsor", "Links", "Listen", "Watch", "Read", "Subscribe", "Quote"),
        *("Example", "Tip", "Question", "Answer", "Topic", "Topics", "Chapter", "Part", "Episode", "PS", "NB", "Re", "Yeah"),
        *("Yes", "No", "Okay", "Ok", "OK", "Right", "Thanks", "Hello", "Hi", "So", "Well", "Sure", "Exactly", "Absolutely"),
        *("Great", "Cool", "Wow", "Oh", "Um", "Uh", "Hmm", "Laughs", "Laughter", "Applause", "Crosstalk", "Inaudible", "Silence"),
    }
)
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


def _shape(line: str, kind: str) -> str:
    """How a label is written on its line: `voice`, `bold`, `colon` or `alone`, and `+time` when a time is beside it."""
    if kind == "voice":
        return kind
    if kind == "alone":
        return kind + ("+time" if _TIME.search(line) else "")
    rest = line.strip().replace("*", "").replace("\\", "")
    markup = _LEADING_MARKUP.match(rest).end()  # type: ignore[union-attr]  # the pattern matches the empty string
    found = _LABEL_LIKE.match(rest[markup:])
    timed = bool(_TIME.search(rest[:markup]) or (found and found["time"]))
    return ("bold" if line.lstrip().startswith(("**", "__")) else "colon") + ("+time" if timed else "")


def labels_found(text: str) -> list[str]:
    """Every label-like word that starts a line in any format (`Name:`, `**Name:**`, `Name` alone, `<v Name>`).

    Labels that start two lines or more; and a label seen once when it starts a paragraph after the first
    turn of those, written in the same way as they are (`**Ana Lima (CTO, Acme):**` among `**Ana:**`
    turns, a single `Bo  2:26` among `Ann  0:05` ones), unless it is a word such as `Note` (NOT_LABELS).
    When no label is repeated, every one found. Most frequent first, then in order of appearance.
    """
    lines = text.split("\n")
    found: Counter[str] = Counter()
    first: dict[str, tuple[int, str, bool]] = {}  # label → its first line, shape, and whether it starts a paragraph
    shapes: dict[str, set[str]] = {}
    for number, line in enumerate(lines):
        plain = line.replace("*", "").replace("\\", "")
        label = label_like(plain)
        alone = _NAME_LINE.fullmatch(line.strip())
        voice = VOICE.search(line)
        if voice:
            name, kind = voice["name"].strip(), "voice"
        elif label:
            name, kind = label, "colon"
        elif alone and any(rest.strip() for rest in lines[number + 1 :]) and line.strip() != "WEBVTT":
            name, kind = alone["label"], "alone"
        else:
            continue
        found[name] += 1
        shape = _shape(line, kind)
        shapes.setdefault(name, set()).add(shape)
        first.setdefault(name, (number, shape, number == 0 or not lines[number - 1].strip() or kind == "voice"))
    repeated = [label for label, count in found.most_common() if count > 1]
    if not repeated:
        return [label for label, _ in found.most_common()]
    start = min(first[label][0] for label in repeated)
    real = {shape for label in repeated for shape in shapes[label]}
    once = [
        label
        for label, count in found.most_common()
        if count == 1 and first[label][0] > start and first[label][2] and first[label][1] in real and label not in NOT_LABELS
    ]
    return [*repeated, *once]


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
    """One warning per undeclared label that starts paragraphs inside turns, naming its first line.

    Initials (`TT:`) and names seen twice, and a label seen once unless it is a word such as `Note`
    (NOT_LABELS); a name alone on its line counts when a time follows it (`Bo  2:26`), as a turn of
    the `name-line` format.
    """
    seen: dict[str, list[int]] = {}
    for line, lines in continuing:
        label = label_like(lines[0].replace("*", "").replace("\\", ""))
        alone = _NAME_LINE.fullmatch(lines[0].strip())
        if not label and alone and _TIME.search(lines[0]):
            label = alone["label"]
        if label and label not in labels:
            seen.setdefault(label, []).append(line)
    return [
        SeedWarning(path, lines[0], f'"{label}:" looks like a speaker label but is not declared', "add it under speakers, or ignore")
        for label, lines in seen.items()
        if _INITIALS.fullmatch(label) or len(lines) > 1 or label not in NOT_LABELS
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
