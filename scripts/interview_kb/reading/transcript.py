"""Split a plain-text transcript into preface, exchanges and epilogue.

Rules (see docs/guide/editors/formats.md#how-a-transcript-is-read):

* Paragraphs are separated by blank lines. Inside a paragraph, runs of ASCII
  whitespace become one space; nothing else is changed.
* A turn starts with a paragraph that begins with a declared speaker label and a
  colon (`Martin: ...`), or as the transcript's format says (see `formats`).
  Any other paragraph, `Word:` ones included, continues the current turn.
* Paragraphs before the first turn are the preface.
* Which turns open an exchange, which stay inside it as asides, and which parts
  are recognised as not the interview (cold open, introduction, sponsor read,
  closing) is the conversation model's (see `conversation`, and
  docs/guide/editors/conversation.md#the-rules). `interviewer:` may name several labels (hosts,
  moderators); any of them asks.
* A closing interviewer turn that gets no answer is one paragraph long; the
  paragraphs after it are the epilogue.
* Parts marked in the text (see `outside`): `[What]` … `[/What]` spans and the
  turns of announcers are set apart (`Outside`), never exchanges.
* Captions that name nobody are one voice in timed sections (`one_voice`).
* Anchors: see `exchange_anchor`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from markdown.extensions.toc import slugify

from interview_kb.errors import SeedError, SeedWarning
from interview_kb.reading import characters, conversation, diagnose, marked_parts
from interview_kb.reading.conversation import Outside as Outside
from interview_kb.reading.conversation import Turn as Turn
from interview_kb.reading.formats import AUTO, CaptionFormat, TranscriptFormat, TurnStart, detect, normalise, seconds
from interview_kb.reading.formats import FORMATS as FORMATS
from interview_kb.reading.formats import Paragraph as Paragraph
from interview_kb.reading.formats import raw_paragraphs as raw_paragraphs

ANCHOR_WORDS = 6
# Limits well above any real interview (a three-hour interview is about 200 KB and 300 exchanges), documented in
# docs/guide/editors/errors.md#limits: a page costs time linear in its size up to them
# (scripts/interview_kb/render/linear_markdown.py), and larger input is refused before any work.
MAX_BYTES = 20_000_000
MAX_LINE_CHARS = 100_000
MAX_EXCHANGES = 10_000
HASH_DIGITS = 6  # the anchor's hash; an exchange whose anchor another already has takes LONG_HASH_DIGITS
LONG_HASH_DIGITS = 16
LABEL_CHARS = 100
FILLER_WORDS = 3  # a first sentence this short ("Okay, cool.") never names an exchange
SHORT_QUESTION_WORDS = 3  # a question this short is headed with the sentence before it, when its turn has one


@dataclass(frozen=True)
class Exchange:
    anchor: str
    label: str
    question: Turn
    answers: tuple[Turn, ...]  # the guests' turns, with the interviewers' asides (`aside`) among them
    outside: tuple[tuple[int, Outside], ...] = ()  # parts inside it: (how many of its turns come before, part)

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
    opening: tuple[Outside, ...] = ()  # parts before the first question
    recognised: tuple[Outside, ...] = ()  # the parts found by the rules, not marked (a cold open, sponsor reads)
    one_voice: bool = False  # captions that name no speaker, read as timed paragraphs of one voice

    @property
    def outside(self) -> tuple[Outside, ...]:
        """Every part that is not the interview, in order."""
        return (*self.opening, *(part for e in self.exchanges for _, part in e.outside))


def read_transcript(path: Path) -> str:
    """The transcript file as text (see `decode`); a file above MAX_BYTES is refused before it is read."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise SeedError(
            path, 1, f"the transcript is {size:,} bytes, more than the limit of {MAX_BYTES:,}", "split it into several interviews"
        )
    return decode(path.read_bytes(), path)


def decode(data: bytes, path: Path | str) -> str:
    """UTF-8 text without BOM and with LF line ends; a bad byte, a character that is not text (`characters`) or an over-long
    line is a SeedError."""
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
    characters.refuse(text, path)
    for number, content in enumerate(text.split("\n"), start=1):
        if len(content) > MAX_LINE_CHARS:
            raise SeedError(
                path, number, f"the line is {len(content):,} characters long, more than {MAX_LINE_CHARS:,}", "break it into paragraphs"
            )
    return text


def paragraphs(text: str) -> list[Paragraph]:
    """Blank-line separated paragraphs, whitespace-normalised, with 1-based first line."""
    return [Paragraph(normalise(" ".join(lines)), line) for line, lines in raw_paragraphs(text)]


sentences = conversation.sentences


def key_sentence(text: str) -> str:
    """The sentence that names the question in one paragraph: the last one ending in `?`, else the first."""
    found = sentences(text)
    asked = [s for s in found if s.endswith("?")]  # the first interview's rule, which its anchors were made with
    return (asked[-1] if asked else found[0]) if found else text


def question_sentence(question: Turn) -> str:
    """The sentence that names an exchange, never a filler such as "Yeah.".

    The last sentence that asks (`conversation.asks`: not a tag, a back-channel
    or a hand-off) of the first paragraph that has one;
    else the last request ("Talk about …"); else the last sentence ending in `?`;
    else the first sentence of more than FILLER_WORDS words; else the longest.
    (For the first interview's questions this is `key_sentence`, so its anchors stay.)
    """
    every = [s for p in question.paragraphs for s in sentences(p.text)]
    for kind in (conversation.asks, conversation.requests, conversation.is_question):
        for paragraph in question.paragraphs:
            found = [s for s in sentences(paragraph.text) if kind(s)]
            if found:
                return found[-1]
    return next((s for s in every if len(s.split()) > FILLER_WORDS), max(every, key=len, default=question.text))


def exchange_label(question: Turn) -> str:
    """Heading text for an exchange: its question sentence, cut at a word near 100 characters."""
    sentence = question_sentence(question)
    # "What has happened?" says more after what came before it (words are not counted in scripts written without spaces).
    if len(sentence.split()) <= SHORT_QUESTION_WORDS and not re.search(f"[{conversation.UNSPACED}]", sentence):
        for paragraph in question.paragraphs:
            found = sentences(paragraph.text)
            if sentence in found[1:]:
                sentence = f"{found[found.index(sentence) - 1]} {sentence}"
                break
    if len(sentence) <= LABEL_CHARS:
        return sentence
    cut = sentence[:LABEL_CHARS].rsplit(" ", 1)[0].rstrip(",;:—–- ")
    return cut + "…"


def exchange_anchor(interview: str, question: Turn, digits: int = HASH_DIGITS, occurrence: int = 1) -> str:
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
    counted = f"\n{occurrence}" if occurrence > 1 else ""  # the same question asked again
    digest = hashlib.sha256(f"{interview}\n{question.text}{counted}".encode()).hexdigest()[:digits]
    return f"{slug or 'exchange'}-{digest}"


def parse(
    text: str,
    *,
    interview: str,
    labels: list[str],
    interviewers: Collection[str],
    path: Path | str,
    fmt: str | TranscriptFormat = AUTO,
    announcers: Collection[str] = (),
    names: Mapping[str, str] | None = None,
    recognise_parts: bool = True,
    split: Collection[int] = (),
    join: Collection[str | int] = (),
    turns_at: Mapping[str, str] | None = None,
) -> Transcript:
    """Read a decoded transcript. `labels` are the speaker labels declared in metadata.

    Turns by `announcers`, and spans marked `[What]` … `[/What]`, are parts that
    are not the interview (`Outside`), placed where they occur; with
    `recognise_parts`, so are a cold open and sponsor reads (see `conversation`).
    `names` maps labels to the speakers' names: a turn may be labelled with the
    full name (`**Sana Qureshi (Editor):**` on first mention, `**Sana:**` after),
    and names tell hand-offs between panelists and questions to a co-host.
    `split` names lines where an interviewer turn opens an exchange whatever it
    says, `join` anchors (or lines) of exchanges that continue the one before.
    `turns_at` maps times (`00:01:05`) to labels: the paragraph at or after each
    time starts a turn by that label (for captions that name nobody). Captions
    that name nobody otherwise read as one voice (`one_voice`).

    `fmt` is a name in `FORMATS`, `auto` (the format under which most turns are
    found), or a format object (which then recognises its own labels).
    """
    if not text.strip():
        raise SeedError(path, 1, "the transcript is empty", "paste the interview text into this file")
    names = dict(names or {})
    given = list(names.values())
    aliases = {name: label for label, name in names.items() if name and name not in labels and given.count(name) == 1}
    readable = [*labels, *aliases]
    turn_format = fmt if isinstance(fmt, TranscriptFormat) else detect(text, readable) if fmt == AUTO else FORMATS[fmt](readable)
    if turns_at and isinstance(turn_format, CaptionFormat):
        turn_format.breaks = sorted(seconds(time) for time in turns_at)
    blocks = turn_format.blocks(text)

    preface: list[Paragraph] = []
    read: list[tuple[str, list[Paragraph], str, int] | marked_parts.Part] = []  # turns and parts in order
    continuing: list[tuple[int, list[str]]] = []
    spans = marked_parts.Spans(blocks, turn_format, announcers, path)
    timed = TimedTurns(turns_at or {}, turn_format)
    for line, lines in blocks:
        part = spans.take(line, lines)
        if part is not None:
            if not read or read[-1] is not part:
                read.append(part)
            continue
        start = turn_format.turn_start(line, lines) or timed.start(line, lines)
        last_turn = next((t for t in reversed(read) if isinstance(t, tuple)), None)
        if start:
            read.append((aliases.get(start.speaker, start.speaker), [start.first] if start.first else [], start.timestamp, line))
        elif last_turn is not None:
            last_turn[1].append(Paragraph(turn_format.paragraph_text(lines), line))
            continuing.append((line, lines))
        else:
            preface.append(Paragraph(turn_format.paragraph_text(lines), line))

    turns = [t for t in read if isinstance(t, tuple)]
    if not turns and turn_format.captions and preface and interviewers:
        return one_voice(interview, preface, next(iter(interviewers)), turn_format, blocks, path, [*spans.warnings])
    if not turns:
        raise diagnose.no_turn(text, labels, turn_format, path)
    if type(turn_format).blocks is TranscriptFormat.blocks and (run_on := diagnose.turns_inside_paragraphs(blocks, turn_format, path)):
        raise run_on
    for speaker, body, _, line in turns:
        if not body:
            raise SeedError(path, line, f"the turn by '{speaker}' has no text", "add what was said after the label, or remove the label")
    first_speaker, first_paragraphs, _, _ = turns[0]
    if first_speaker not in interviewers and not recognise_parts:
        asks = " or ".join(f"'{label}'" for label in interviewers)
        asker = f"the interviewer {asks}" if len(interviewers) == 1 else f"an interviewer ({asks})"
        raise SeedError(
            path,
            first_paragraphs[0].line,
            f"the first turn is by '{first_speaker}', not {asker}",
            'mark what comes before the first question "[Cold open]" … "[/Cold open]", or set `recognise_parts: true` in the '
            "metadata, or correct `interviewer`",
        )
    if not any(t[0] in interviewers for t in turns):
        raise SeedError(
            path,
            first_paragraphs[0].line,
            "no turn is by an interviewer (" + ", ".join(f"'{label}'" for label in interviewers) + ")",
            "correct `interviewer` in the metadata: the label of whoever asks",
        )

    epilogue: list[Paragraph] = []
    last_speaker, last_paragraphs, _, _ = turns[-1]
    if last_speaker in interviewers:
        epilogue = last_paragraphs[1:]
        del last_paragraphs[1:]

    items: list[conversation.Item] = [
        Turn(t[0], tuple(t[1]), t[2])
        if isinstance(t, tuple)
        else Outside(
            t.what,
            t.line,
            tuple(Turn(aliases.get(pt.speaker, pt.speaker), tuple(pt.paragraphs), pt.timestamp) for pt in t.turns if pt.paragraphs),
        )
        for t in read
    ]
    recognised: list[Outside] = []
    if recognise_parts:  # the parts cut inside turns first, so that each turn keeps its own time
        items = conversation.closing_words(conversation.sponsor_reads(items, interviewers), interviewers)
    items = conversation.merge_same_speaker(items)
    if recognise_parts:
        items = conversation.introduction(conversation.cold_open(items, interviewers), interviewers)
        recognised = sorted((item for item in items if isinstance(item, Outside) and item.recognised), key=lambda part: part.line)
    names_of = {
        label: {n.casefold() for whole in (label, names.get(label, "")) if whole for n in (whole, *whole.split())} for label in labels
    }
    forced = {line: True for line in split}
    opening_items, groups = conversation.group(items, interviewers, names_of, forced)
    if join:
        lines_of = {}
        for g in groups:
            lines_of[exchange_anchor(interview, g.question)] = g.question.paragraphs[0].line
            lines_of[str(g.question.paragraphs[0].line)] = g.question.paragraphs[0].line
        for name in join:
            if str(name).lstrip("#") not in lines_of:
                raise SeedError(
                    path,
                    1,
                    f"`join` names '{name}', which is no exchange of this transcript",
                    "use an anchor shown on the page, or a line where a question starts",
                )
            forced[lines_of[str(name).lstrip("#")]] = False
        opening_items, groups = conversation.group(items, interviewers, names_of, forced)

    opening = [item for item in opening_items if isinstance(item, Outside)]
    if len(groups) > MAX_EXCHANGES:
        line = groups[MAX_EXCHANGES].question.paragraphs[0].line
        raise SeedError(
            path, line, f"the transcript has {len(groups):,} exchanges, more than {MAX_EXCHANGES:,}", "split it into several interviews"
        )
    exchanges: list[Exchange] = []
    seen: dict[str, Exchange] = {}
    repeats: dict[str, int] = {}
    for g in groups:
        question = g.question
        anchor = exchange_anchor(interview, question)
        if anchor in seen and seen[anchor].question.text == question.text:
            # The same words asked again ("Let's do it."): the n-th time takes a hash that counts it, stable while the
            # earlier ones stay.
            repeats[question.text] = repeats.get(question.text, 1) + 1
            anchor = exchange_anchor(interview, question, occurrence=repeats[question.text])
        if anchor in seen:
            # A hash clash between different questions: the earlier keeps its link, this one takes a longer hash.
            anchor = exchange_anchor(interview, question, LONG_HASH_DIGITS, occurrence=repeats.get(question.text, 1))
        answers: list[Turn] = []
        inside: list[tuple[int, Outside]] = []
        for item in g.rest:
            if isinstance(item, Outside):
                inside.append((len(answers) + 1, item))
            else:
                answers.append(item)
        exchange = Exchange(anchor, exchange_label(question), question, tuple(answers), tuple(inside))
        seen[anchor] = exchange
        exchanges.append(exchange)
    warnings = [*spans.warnings, *diagnose.undeclared_labels(continuing, labels, path)]
    return Transcript(
        tuple(preface), tuple(exchanges), tuple(epilogue), turn_format.name, tuple(warnings), tuple(opening), tuple(recognised)
    )


class TimedTurns:
    """Turns that the metadata starts at given times (`turns:`), for transcripts that do not name their speakers."""

    def __init__(self, starts: Mapping[str, str], fmt: TranscriptFormat) -> None:
        self.pending = sorted((seconds(time), label) for time, label in starts.items())
        self.fmt = fmt

    def start(self, line: int, lines: Sequence[str]) -> TurnStart | None:
        time = self.fmt.block_time(lines)
        if not self.pending or not time or seconds(time) < self.pending[0][0]:
            return None
        _, label = self.pending.pop(0)
        while self.pending and self.pending[0][0] <= seconds(time):  # two times within one paragraph: the later wins
            _, label = self.pending.pop(0)
        text = self.fmt.paragraph_text(lines)
        return TurnStart(label, time, Paragraph(text, line) if text else None)


SECTION_WORDS = 150  # one voice's paragraphs are gathered into sections of about this many words, each linkable


def one_voice(
    interview: str,
    paragraphs: Sequence[Paragraph],
    voice: str,
    fmt: TranscriptFormat,
    blocks: Sequence[tuple[int, list[str]]],
    path: Path | str,
    warnings: list[SeedWarning],
) -> Transcript:
    """Captions that name nobody: timed sections of about SECTION_WORDS words by one voice, searchable and linkable by time."""
    times = {line: fmt.block_time(lines) for line, lines in blocks}
    sections: list[list[Paragraph]] = []
    count = 0
    for paragraph in paragraphs:
        if not sections or count >= SECTION_WORDS:
            sections.append([])
            count = 0
        sections[-1].append(paragraph)
        count += len(paragraph.text.split())
    exchanges = []
    for section in sections:
        question = Turn(voice, tuple(section), times.get(section[0].line, ""))
        exchanges.append(Exchange(exchange_anchor(interview, question), exchange_label(question), question, ()))
    warnings.append(
        SeedWarning(
            path,
            paragraphs[0].line,
            "no cue names its speaker, so the captions are read as one voice in timed paragraphs",
            "name the turns: a voice tag `<v Name>` or `>> Name:` where a speaker starts, or their start times in the metadata "
            "(`turns: {'00:01:05': Label}`)",
        )
    )
    return Transcript((), tuple(exchanges), (), fmt.name, tuple(warnings), one_voice=True)
