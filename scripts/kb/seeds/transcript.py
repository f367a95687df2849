"""Split a plain-text transcript into preface, exchanges and epilogue.

Rules (see README, "How a transcript is read"):

* Paragraphs are separated by blank lines. Inside a paragraph, runs of ASCII
  whitespace become one space; nothing else is changed.
* A turn starts with a paragraph that begins with a declared speaker label and a
  colon (`Martin: ...`), or as the transcript's format says (see `formats`).
  Any other paragraph, `Word:` ones included, continues the current turn.
* Paragraphs before the first turn are the preface.
* An exchange is one interviewer's question plus the guest turns that follow
  it, up to the next question. `interviewer:` may name several labels (hosts,
  moderators); any of them asks. A short interviewer turn that asks nothing
  ("Yeah.", "Go on.") after an answer is an interjection: it stays inside the
  answer as an aside (`is_interjection`).
* A closing interviewer turn that gets no answer is one paragraph long; the
  paragraphs after it are the epilogue.
* Anchors: see `exchange_anchor`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from markdown.extensions.toc import slugify

from scripts.kb.errors import SeedError, SeedWarning
from scripts.kb.seeds import diagnose
from scripts.kb.seeds.formats import AUTO, TranscriptFormat, detect, normalise
from scripts.kb.seeds.formats import FORMATS as FORMATS
from scripts.kb.seeds.formats import Paragraph as Paragraph
from scripts.kb.seeds.formats import raw_paragraphs as raw_paragraphs

# Control characters other than whitespace: invisible in an editor, and not allowed in HTML.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SENTENCE_END = re.compile(r"(?<=[.?!…])\s+")
ANCHOR_WORDS = 6
# Limits well above any real interview (a three-hour interview is about 200 KB and 300 exchanges); rendering
# one page costs more than linear time in Python-Markdown, so larger input is refused before any work.
MAX_BYTES = 5_000_000
MAX_LINE_CHARS = 100_000
MAX_EXCHANGES = 5_000
HASH_DIGITS = 6  # the anchor's hash; an exchange whose anchor another already has takes LONG_HASH_DIGITS
LONG_HASH_DIGITS = 16
LABEL_CHARS = 100
FILLER_WORDS = 3  # a first sentence this short ("Okay, cool.") never names an exchange
INTERJECTION_WORDS = 10  # an interviewer turn this short that asks nothing is an aside inside the answer
# First words that make a short turn a request, not an interjection ("Tell me about Acme.").
PROMPT_WORDS = {"tell", "describe", "explain", "talk", "walk", "take", "give", "share", "let's", "let’s", "lets", "what", "how", "why"}


@dataclass(frozen=True)
class Turn:
    speaker: str
    paragraphs: tuple[Paragraph, ...]
    timestamp: str = ""  # as written, e.g. "00:12:34", in the timestamped format
    aside: bool = False  # an interviewer's interjection inside an answer ("Yeah.", "Go on.")

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)


@dataclass(frozen=True)
class Exchange:
    anchor: str
    label: str
    question: Turn
    answers: tuple[Turn, ...]  # the guests' turns, with any interjections (`aside`) among them

    @property
    def turns(self) -> tuple[Turn, ...]:
        return (self.question, *self.answers)

    @property
    def line(self) -> int:
        return self.question.paragraphs[0].line


@dataclass(frozen=True)
class Transcript:
    preface: tuple[Paragraph, ...]
    exchanges: tuple[Exchange, ...]
    epilogue: tuple[Paragraph, ...]
    format: str = "colon"  # the format it was read in (what `format: auto` chose)
    warnings: tuple[SeedWarning, ...] = ()


def read_transcript(path: Path) -> str:
    """The transcript file as text (see `decode`); a file above MAX_BYTES is refused before it is read."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise SeedError(
            path, 1, f"the transcript is {size:,} bytes, more than the limit of {MAX_BYTES:,}", "split it into several interviews"
        )
    return decode(path.read_bytes(), path)


def decode(data: bytes, path: Path | str) -> str:
    """UTF-8 text without BOM and with LF line ends; a bad byte, a control character or an over-long line is a SeedError."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SeedError(
            path,
            line,
            f"byte 0x{data[error.start]:02x} at byte offset {error.start} is not UTF-8",
            "save the file as UTF-8",
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    control = _CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        column = control.start() - text.rfind("\n", 0, control.start())
        raise SeedError(
            path,
            line,
            f"character U+{ord(control.group()):04X} (a control character) at column {column} is not text",
            "delete it (it is invisible in most editors)",
        )
    for number, content in enumerate(text.split("\n"), start=1):
        if len(content) > MAX_LINE_CHARS:
            raise SeedError(
                path, number, f"the line is {len(content):,} characters long, more than {MAX_LINE_CHARS:,}", "break it into paragraphs"
            )
    return text


def paragraphs(text: str) -> list[Paragraph]:
    """Blank-line separated paragraphs, whitespace-normalised, with 1-based first line."""
    return [Paragraph(normalise(" ".join(lines)), line) for line, lines in raw_paragraphs(text)]


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s]


def key_sentence(text: str) -> str:
    """The sentence that names the question in one paragraph: the last one ending in `?`, else the first."""
    found = sentences(text)
    asked = [s for s in found if s.endswith("?")]
    return (asked[-1] if asked else found[0]) if found else text


def question_sentence(question: Turn) -> str:
    """The sentence that names an exchange, never a filler such as "Yeah.".

    The last sentence ending in `?` of the first paragraph that has one; else the
    first sentence of more than FILLER_WORDS words; else the longest sentence.
    (For a one-paragraph question this is `key_sentence`, so existing anchors stay.)
    """
    for paragraph in question.paragraphs:
        asked = [s for s in sentences(paragraph.text) if s.endswith("?")]
        if asked:
            return asked[-1]
    every = [s for p in question.paragraphs for s in sentences(p.text)]
    return next((s for s in every if len(s.split()) > FILLER_WORDS), max(every, key=len, default=question.text))


def exchange_label(question: Turn) -> str:
    """Heading text for an exchange: its question sentence, cut at a word near 100 characters."""
    sentence = question_sentence(question)
    if len(sentence) <= LABEL_CHARS:
        return sentence
    cut = sentence[:LABEL_CHARS].rsplit(" ", 1)[0].rstrip(",;:—–- ")
    return cut + "…"


def exchange_anchor(interview: str, question: Turn, digits: int = HASH_DIGITS) -> str:
    """Anchor id: a slug of the question sentence's first six words plus a content hash.

    The hash is the first 6 hex digits of SHA-256 over the interview slug and the
    question's text (all its paragraphs, whitespace-normalised). It depends on
    nothing else, so editing, adding or removing another exchange, or editing
    this exchange's answer, leaves the anchor as it was; rewording the question
    gives it a new one. `parse` asks for more digits when two different
    questions of one interview would share an anchor (24 bits can collide).
    """
    words = slugify(question_sentence(question), "-").split("-")
    slug = "-".join([w for w in words if w][:ANCHOR_WORDS])
    digest = hashlib.sha256(f"{interview}\n{question.text}".encode()).hexdigest()[:digits]
    return f"{slug or 'exchange'}-{digest}"


def is_interjection(turn: Turn) -> bool:
    """A short interviewer turn that asks nothing ("Yeah.", "Okay, cool.", "I want to talk about that, but go on.")."""
    words = turn.text.split()
    return (
        len(turn.paragraphs) == 1
        and "?" not in turn.text
        and len(words) <= INTERJECTION_WORDS
        and words[0].strip(",.!—-").lower() not in PROMPT_WORDS
    )


def parse(
    text: str,
    *,
    interview: str,
    labels: list[str],
    interviewers: Collection[str],
    path: Path | str,
    fmt: str | TranscriptFormat = AUTO,
) -> Transcript:
    """Read a decoded transcript. `labels` are the speaker labels declared in metadata.

    `fmt` is a name in `FORMATS`, `auto` (the format under which most turns are
    found), or a format object (which then recognises its own labels).
    """
    if not text.strip():
        raise SeedError(path, 1, "the transcript is empty", "paste the interview text into this file")
    turn_format = fmt if isinstance(fmt, TranscriptFormat) else detect(text, labels) if fmt == AUTO else FORMATS[fmt](labels)
    blocks = turn_format.blocks(text)

    preface: list[Paragraph] = []
    turns: list[tuple[str, list[Paragraph], str, int]] = []
    continuing: list[tuple[int, list[str]]] = []
    for line, lines in blocks:
        start = turn_format.turn_start(line, lines)
        if start:
            turns.append((start.speaker, [start.first] if start.first else [], start.timestamp, line))
        elif turns:
            turns[-1][1].append(Paragraph(turn_format.paragraph_text(lines), line))
            continuing.append((line, lines))
        else:
            preface.append(Paragraph(turn_format.paragraph_text(lines), line))

    if not turns:
        raise diagnose.no_turn(text, labels, turn_format, path)
    if type(turn_format).blocks is TranscriptFormat.blocks and (run_on := diagnose.turns_inside_paragraphs(blocks, turn_format, path)):
        raise run_on
    for speaker, body, _, line in turns:
        if not body:
            raise SeedError(path, line, f"the turn by '{speaker}' has no text", "add what was said after the label, or remove the label")
    first_speaker, first_paragraphs, _, _ = turns[0]
    if first_speaker not in interviewers:
        asks = " or ".join(f"'{label}'" for label in interviewers)
        asker = f"the interviewer {asks}" if len(interviewers) == 1 else f"an interviewer ({asks})"
        raise SeedError(
            path,
            first_paragraphs[0].line,
            f"the first turn is by '{first_speaker}', not {asker}",
            "start the transcript with the interviewer's question, or correct `interviewer` in the metadata",
        )

    epilogue: list[Paragraph] = []
    last_speaker, last_paragraphs, _, _ = turns[-1]
    if last_speaker in interviewers:
        epilogue = last_paragraphs[1:]
        del last_paragraphs[1:]

    grouped: list[tuple[Turn, list[Turn]]] = []
    for index, (speaker, body, timestamp, _) in enumerate(turns):
        turn = Turn(speaker, tuple(body), timestamp)
        # Right after a guest's turn: a short turn after an interjection starts an exchange.
        answered = bool(grouped and grouped[-1][1] and not grouped[-1][1][-1].aside)
        if speaker in interviewers and answered and index < len(turns) - 1 and is_interjection(turn):
            grouped[-1][1].append(Turn(speaker, tuple(body), timestamp, aside=True))
        elif speaker in interviewers:
            grouped.append((turn, []))
        else:
            grouped[-1][1].append(turn)

    if len(grouped) > MAX_EXCHANGES:
        line = grouped[MAX_EXCHANGES][0].paragraphs[0].line
        raise SeedError(
            path, line, f"the transcript has {len(grouped):,} exchanges, more than {MAX_EXCHANGES:,}", "split it into several interviews"
        )
    exchanges: list[Exchange] = []
    seen: dict[str, Exchange] = {}
    for question, answers in grouped:
        anchor = exchange_anchor(interview, question)
        if anchor in seen and seen[anchor].question.text != question.text:
            # A hash clash between different questions: the earlier keeps its link, this one takes a longer hash.
            anchor = exchange_anchor(interview, question, LONG_HASH_DIGITS)
        if anchor in seen:
            other = seen[anchor]
            what = "repeats the one" if other.question.text == question.text else "gets the same link as the one"
            raise SeedError(
                path,
                question.paragraphs[0].line,
                f"this question {what} on line {other.line}, so both would get the link #{anchor}",
                "reword one of them (or merge the two exchanges)",
            )
        exchange = Exchange(anchor, exchange_label(question), question, tuple(answers))
        seen[anchor] = exchange
        exchanges.append(exchange)
    warnings = diagnose.undeclared_labels(continuing, labels, path)
    return Transcript(tuple(preface), tuple(exchanges), tuple(epilogue), turn_format.name, tuple(warnings))
