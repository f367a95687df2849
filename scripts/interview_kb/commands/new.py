"""Start interviews from transcripts: a draft `seeds/<slug>.yml` with every speaker label found.

    interview-kb new [--seeds seeds] PATH          (make new TRANSCRIPT=PATH)
    interview-kb import [--seeds seeds] FOLDER     (make import SOURCE=FOLDER)

PATH is a transcript or a folder of them (every `.txt`, `.md`, `.mdx`, `.vtt`
and `.srt` file in it). The format is detected as `format: auto` does, the
labels as the error messages find them (`diagnose.labels_found`); the
interviewer is guessed as the label whose turns end with `?` most often. A
Markdown transcript's front matter gives the title, date, address and
description (the draft shows them as comments: the build reads them from the
transcript) and, from `guests` and `hosts`, the name of each label that is a
person's name or first name. Blank values are left for the editor, so the draft
does not build until they are filled in. Nothing is ever overwritten: the
transcript is copied to `seeds/<slug><suffix>` only when it lies elsewhere, and
of a folder, a transcript whose files exist is skipped and the others written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from markdown.extensions.toc import slugify

from interview_kb.errors import SeedError, shown
from interview_kb.reading import diagnose
from interview_kb.reading.formats import detect
from interview_kb.reading.loader import SLUG_HELP, reserved_name
from interview_kb.reading.markdown_source import SUFFIXES, FrontMatter, Person, reader_text
from interview_kb.reading.schemas import SLUG
from interview_kb.reading.transcript import read_transcript

# Words YAML reads as something other than text when unquoted.
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}
_PLAIN = re.compile(r"[A-Za-z][\w .'’&-]*")
_ROLE = re.compile(r"\s*\([^()]*\)$")  # "Bo Berg (Engineer, Acme)": the label's role, left out when matching a name
METADATA = ("title", "date", "source")  # required values the front matter may give


@dataclass(frozen=True)
class Guess:
    format: str
    turns: dict[str, tuple[int, int]]  # label → (turns, turns ending with "?"), in order of first turn
    interviewer: str


def guess(text: str) -> Guess | None:
    """The format, the labels with their turns, and who probably asks; None when no label is found."""
    candidates = diagnose.labels_found(text)
    if not candidates:
        return None
    fmt = detect(text, candidates)
    texts: list[tuple[str, list[str]]] = []
    for line, lines in fmt.blocks(text):
        start = fmt.turn_start(line, lines)
        if start:
            texts.append((start.speaker, [start.first.text] if start.first else []))
        elif texts:
            texts[-1][1].append(fmt.paragraph_text(lines))
    turns: dict[str, tuple[int, int]] = {}
    for speaker, paragraphs in texts:
        count, asked = turns.get(speaker, (0, 0))
        asks = " ".join(paragraphs).rstrip(" \"'”’)]").endswith("?")
        turns[speaker] = (count + 1, asked + asks)
    if not turns:
        return None
    interviewer = max(turns, key=lambda label: turns[label][1] / turns[label][0])
    return Guess(fmt.name, turns, interviewer)


def yaml_text(value: str) -> str:
    return value if _PLAIN.fullmatch(value) and value.lower() not in _YAML_WORDS and not value.endswith(" ") else json.dumps(value)


def people_of(labels: list[str], front: FrontMatter | None) -> dict[str, Person]:
    """The person of the front matter's `guests` and `hosts` each label names: their name or first name, one person only."""
    known = [*front.guests, *front.hosts] if front else []
    named: dict[str, Person] = {}
    for label in labels:
        bare = _ROLE.sub("", label).casefold()
        matches = {p for p in known if bare in (p.name.casefold(), p.name.split()[0].casefold())}
        if len(matches) == 1:
            named[label] = matches.pop()
    return named


def draft(found: Guess, source: Path, front: FrontMatter | None = None) -> str:
    """The metadata file's text: every required value blank, each line saying what it wants."""
    from_front = {name: getattr(front, name) for name in (*METADATA, "description") if front and getattr(front, name)}
    lines = [
        f"# Draft written by `make new` from {source.name}: fill in the blank values"
        " (docs/guide/editors/adding-interviews.md#the-metadata)."
    ]
    if from_front:
        lines.append(f"# From the front matter of {source.name} (read from it at each build; a value written here replaces it):")
        lines += [f"# {name}: {yaml_text(value)}" for name, value in from_front.items()]
    wanted = {
        "title": "title:          # the interview's title",
        "date": "date:           # YYYY, YYYY-MM or YYYY-MM-DD",
        "source": "source:         # https:// address of the original publication",
    }
    lines += [line for name, line in wanted.items() if name not in from_front]
    people = people_of(list(found.turns), front)
    lines += [
        "publication:    # optional: where it was published",
        f"format: {found.format}   # detected, as `format: auto` reads it",
        f"interviewer: {yaml_text(found.interviewer)}   # guessed: its turns end with ? most often; several: [A, B]",
        "# announcer: [Label]   # optional: speakers whose turns are not the interview",
        "speakers:       # every label found: name required, role and organization optional",
    ]
    for label, (count, asked) in found.turns.items():
        person = people.get(label, Person(""))
        lines += [
            f"  {yaml_text(label)}:   # {count} turn{'' if count == 1 else 's'}, {asked} end{'s' if asked == 1 else ''} with ?",
            f"    name: {yaml_text(person.name)}   # from the front matter" if person.name else "    name:",
            f"    role: {yaml_text(person.role)}" if person.role else "    role:",
            f"    organization: {yaml_text(person.organization)}" if person.organization else "    organization:",
        ]
    return "\n".join(lines) + "\n"


def left_to_fill(found: Guess, front: FrontMatter | None) -> str:
    """What the editor still has to write, e.g. `title, date, source; name of Kai, Omar; check interviewer (guessed: Kai)`."""
    fields = [name for name in METADATA if not (front and getattr(front, name))]
    unnamed = [label for label in found.turns if label not in people_of(list(found.turns), front)]
    parts = [", ".join(fields)] if fields else []
    parts += [f"name of {', '.join(unnamed)}"] if unnamed else []
    said = "; ".join([*parts, f"check interviewer (guessed: {found.interviewer})"])
    if front and not fields:
        said += " — title, date and source from the front matter" + ("" if unnamed else ", names from its guests")
    return said


def slug_of(path: Path) -> str:
    slug = re.sub(r"[-_]+", "-", slugify(path.stem, "-")).strip("-")
    if not SLUG.fullmatch(slug):
        raise SeedError(path, 1, f"the file name gives no usable slug ('{slug}')", SLUG_HELP)
    return slug


@dataclass(frozen=True)
class Written:
    meta: Path
    copied: Path | None  # the transcript's copy in seeds/, if it was copied
    found: Guess
    left: str  # what is left to fill in (`left_to_fill`)


def new(source: Path, seeds: Path) -> list[str]:
    """Write the draft (and copy the transcript); returns the lines to print. Raises SeedError, having written nothing."""
    written = write_draft(source, seeds)
    meta, found = written.meta, written.found
    labels = list(found.turns)
    noun = "speaker label" if len(labels) == 1 else "speaker labels"
    said = [f"{shown(meta)}: draft for {len(labels)} {noun} ({', '.join(labels)}), format {found.format}"]
    if written.copied:
        said.append(f"{shown(written.copied)}: copied from {shown(source)}")
    said.append(f"left to fill in: {written.left}")
    said.append(f"then run `make site` (errors name the line of {shown(meta)} still to fix)")
    return said


def write_draft(source: Path, seeds: Path) -> Written:
    """Write the draft of one transcript (and copy it); raises SeedError, having written nothing."""
    text = read_transcript(source)
    read = reader_text(text, source)
    slug = slug_of(source)
    reserved = reserved_name(source.with_stem(slug))
    if reserved:
        raise SeedError(source, 1, reserved.what, reserved.todo + ", then run make new again")
    suffix = source.suffix.lower() if source.suffix.lower() in SUFFIXES else ".txt"
    meta, target = seeds / f"{slug}.yml", seeds / f"{slug}{suffix}"
    copy = not (target.exists() and target.samefile(source))
    others = [seeds / f"{slug}{other}" for other in SUFFIXES if other != suffix]
    for path in [meta, *([target] if copy else []), *others]:
        if path.exists():
            raise SeedError(path, 1, "this file already exists, so nothing was written", "remove it, or rename the transcript")
    found = guess(read.text)
    if found is None:
        raise SeedError(
            source,
            1,
            "no speaker label found (such as `Name:` at the start of a paragraph)",
            "label each turn with its speaker (see docs/guide/editors/formats.md#the-formats)",
        )
    seeds.mkdir(parents=True, exist_ok=True)
    if copy:
        with target.open("xb") as out:
            out.write(source.read_bytes())
    with meta.open("x", encoding="utf-8") as out:
        out.write(draft(found, source, read.front_matter))
    return Written(meta, target if copy else None, found, left_to_fill(found, read.front_matter))


def new_all(folder: Path, seeds: Path) -> tuple[list[str], list[str], bool]:
    """A draft for every transcript in `folder`: (lines for stdout, lines for stderr, whether one failed other than by existing).

    A transcript whose files exist in `seeds/` is skipped and reported; the others are still written.
    """
    written: list[Written] = []
    problems: list[str] = []
    skipped = 0
    failed = False
    for source in sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES):
        try:
            written.append(write_draft(source, seeds))
        except SeedError as error:
            problems.append(str(error))
            skipped += 1
            failed = failed or "already exists" not in error.what
    drafts = "draft" if len(written) == 1 else "drafts"
    said = [f"{len(written)} {drafts} written, {skipped} skipped, from {shown(folder)} into {shown(seeds)}"]
    said += sorted(f"{shown(w.meta)}: left to fill in: {w.left}" for w in written)
    if written:
        said.append("then run `make site` (errors name the line still to fix)")
    return said, problems, failed
