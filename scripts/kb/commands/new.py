"""Start an interview from a transcript: a draft `seeds/<slug>.yml` with every speaker label found.

    python -m scripts.kb.commands.new [--seeds seeds] PATH      (make new TRANSCRIPT=PATH)

The format is detected as `format: auto` does, the labels as the error messages
find them (`diagnose.labels_found`); the interviewer is guessed as the label
whose turns end with `?` most often. Blank values are left for the editor, so
the draft does not build until they are filled in. Nothing is ever overwritten:
the transcript is copied to `seeds/<slug>.txt` only when it lies elsewhere.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from markdown.extensions.toc import slugify

from scripts.kb.errors import SeedError, shown
from scripts.kb.seeds import diagnose
from scripts.kb.seeds.formats import detect
from scripts.kb.seeds.loader import SLUG_HELP
from scripts.kb.seeds.schemas import SLUG
from scripts.kb.seeds.transcript import read_transcript

# Words YAML reads as something other than text when unquoted.
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}
_PLAIN = re.compile(r"[A-Za-z][\w .'’&-]*")


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


def draft(found: Guess, source: Path) -> str:
    """The metadata file's text: every required value blank, each line saying what it wants."""
    lines = [
        f"# Draft written by `make new` from {source.name}: fill in the blank values (README, 'Adding an interview').",
        "title:          # the interview's title",
        "date:           # YYYY, YYYY-MM or YYYY-MM-DD",
        "source:         # https:// address of the original publication",
        "publication:    # optional: where it was published",
        f"format: {found.format}   # detected, as `format: auto` reads it",
        f"interviewer: {yaml_text(found.interviewer)}   # guessed: its turns end with ? most often; several: [A, B]",
        "# announcer: [Label]   # optional: speakers whose turns are not the interview",
        "speakers:       # every label found: name required, role and organization optional",
    ]
    for label, (count, asked) in found.turns.items():
        lines += [
            f"  {yaml_text(label)}:   # {count} turns, {asked} end with ?",
            "    name:",
            "    role:",
            "    organization:",
        ]
    return "\n".join(lines) + "\n"


def slug_of(path: Path) -> str:
    slug = re.sub(r"[-_]+", "-", slugify(path.stem, "-")).strip("-")
    if not SLUG.fullmatch(slug):
        raise SeedError(path, 1, f"the file name gives no usable slug ('{slug}')", SLUG_HELP)
    return slug


def new(source: Path, seeds: Path) -> list[str]:
    """Write the draft (and copy the transcript); returns the lines to print. Raises SeedError, having written nothing."""
    text = read_transcript(source)
    slug = slug_of(source)
    meta, target = seeds / f"{slug}.yml", seeds / f"{slug}.txt"
    copy = not (target.exists() and target.samefile(source))
    for path in (meta, target) if copy else (meta,):
        if path.exists():
            raise SeedError(path, 1, "this file already exists, so nothing was written", "remove it, or rename the transcript")
    found = guess(text)
    if found is None:
        raise SeedError(
            source,
            1,
            "no speaker label found (such as `Name:` at the start of a paragraph)",
            'label each turn with its speaker (see README, "Transcript formats")',
        )
    if copy:
        with target.open("xb") as out:
            out.write(source.read_bytes())
    with meta.open("x", encoding="utf-8") as out:
        out.write(draft(found, source))
    labels = list(found.turns)
    said = [f"{shown(meta)}: draft for {len(labels)} speaker labels ({', '.join(labels)}), format {found.format}"]
    if copy:
        said.append(f"{shown(target)}: copied from {shown(source)}")
    said.append(f"left to fill in: title, date, source; name of {', '.join(labels)}; check interviewer (guessed: {found.interviewer})")
    said.append(f"then run `make site` (errors name the line of {shown(meta)} still to fix)")
    return said


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.kb.commands.new", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("transcript", type=Path, help="the transcript (make new TRANSCRIPT=path)")
    parser.add_argument("--seeds", type=Path, default=Path("seeds"), help="seeds folder (default: seeds)")
    args = parser.parse_args(argv)
    if not args.transcript.name or not args.transcript.is_file():
        print(f"{args.transcript}:1: no such transcript file — give its path: make new TRANSCRIPT=path/to/interview.txt", file=sys.stderr)
        return 1
    try:
        said = new(args.transcript, args.seeds)
    except SeedError as error:
        print(error, file=sys.stderr)
        return 1
    print("\n".join(said))
    return 0


if __name__ == "__main__":
    sys.exit(main())
