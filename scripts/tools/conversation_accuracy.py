"""How well transcripts of real conversations are split into exchanges, against a reader's labels.

    python -m scripts.tools.conversation_accuracy [--seeds tests/data/conversations]
        [--labels tests/data/conversation_labels.yml] [--verbose]

The transcripts in tests/data/conversations/ are shaped as conversations are
published (podcast exports, panels, captions, blog Q&As, archive pages); their
labels were written by a reader before any parsing rule was tuned on them.
For each labelled file the tool loads the transcript with the project's loader
and prints, per file and overall (summed over files):

* boundaries — precision and recall of exchange starts: an exchange found
  starting on a line matches a labelled start on the same line;
* answered — the share of exchanges found with at least one answer turn that
  is not an aside and not by an interviewer;
* asides — precision and recall of the interviewer turns read as asides
  (reactions, back-channel) against the labelled ones;
* outside — recall of the parts that are not the interview (cold open,
  sponsor read): a part found starting on a labelled line.

Lines are those of the turn's label (1-based). A line reported on the text
just below its label (the label on a line of its own), or on a caption cue's
number or timing line just above it, is read as the label's line.

A file that fails to load is listed as `file: failed to load: <message>`, and
all its labelled starts count as missed. The exit status is always 0: this is
a measurement, not a test.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from interview_kb.reading.loader import Interview, load_interview

from scripts.tools.scores import Figures

SEEDS = Path("tests/data/conversations")
LABELS = Path("tests/data/conversation_labels.yml")
TARGETS = {"precision": 0.95, "recall": 0.95, "answered": 0.97}
FIRST_WORDS = 8
_CUE_HEADER = re.compile(r"^\s*(\d+|.*-->.*)\s*$")  # a caption cue's number or timing line


def measure(predicted: Collection[int], labelled: Collection[int]) -> Figures:
    """Lines found against lines labelled: a found line matches a labelled one on the same line."""
    found, wanted = set(predicted), set(labelled)
    return Figures(len(found & wanted), len(found), len(wanted))


@dataclasses.dataclass(frozen=True)
class Labels:
    """A reader's judgement of one file, by line number."""

    exchanges: frozenset[int]
    asides: frozenset[int] = frozenset()
    outside: Mapping[int, str] = dataclasses.field(default_factory=dict)  # line → kind ("cold open", "sponsor")

    @property
    def lines(self) -> frozenset[int]:
        return self.exchanges | self.asides | frozenset(self.outside)


def read_labels(path: Path) -> dict[str, Labels]:
    """The labels file: {file name: {exchanges: [line…], asides: [line…], outside: {line: kind}}}."""
    data: dict[str, dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {
        name: Labels(
            frozenset(int(n) for n in entry.get("exchanges") or ()),
            frozenset(int(n) for n in entry.get("asides") or ()),
            {int(n): str(kind) for n, kind in (entry.get("outside") or {}).items()},
        )
        for name, entry in data.items()
    }


@dataclasses.dataclass(frozen=True)
class Found:
    """What the parser made of one file, by line number."""

    exchanges: tuple[int, ...]
    answered: int  # exchanges with an answer turn that is neither an aside nor by an interviewer
    asides: frozenset[int]
    outside: Mapping[int, str]


def snap(line: int, text_lines: Sequence[str], labelled: Collection[int]) -> int:
    """The labelled line of the turn that `line` points into, or `line` itself.

    A turn whose label stands alone on its line may be reported on its first
    text line below (after a blank line, perhaps); a caption cue may be reported
    on its number or timing line above the text that carries the label.
    """
    if line in labelled:
        return line

    def text(number: int) -> str:
        return text_lines[number - 1] if 1 <= number <= len(text_lines) else ""

    for label in (line - 1, line - 2):
        if label in labelled and all(not text(n).strip() for n in range(label + 1, line)):
            return label
    for label in (line + 1, line + 2):
        if label in labelled and all(_CUE_HEADER.match(text(n)) for n in range(line, label)):
            return label
    return line


def found_in(interview: Interview, text_lines: Sequence[str], labelled: Collection[int]) -> Found:
    """Exchange starts, answered exchanges, asides and outside parts of a loaded interview, as labelled lines."""
    exchanges = interview.transcript.exchanges
    hosts = set(interview.interviewers)

    def at(line: int) -> int:
        return snap(line, text_lines, labelled)

    return Found(
        exchanges=tuple(at(e.line) for e in exchanges),
        answered=sum(any(not t.aside and t.speaker not in hosts for t in e.answers) for e in exchanges),
        asides=frozenset(at(t.paragraphs[0].line) for e in exchanges for t in e.answers if t.aside and t.paragraphs),
        outside={at(part.line): part.what for part in interview.transcript.outside},
    )


@dataclasses.dataclass(frozen=True)
class Score:
    """One file's figures; `error` is set when the file did not load."""

    name: str
    boundaries: Figures
    answered: int
    asides: Figures
    outside: Figures
    missed: tuple[int, ...] = ()
    extra: tuple[int, ...] = ()
    error: str = ""

    @property
    def exchanges(self) -> int:
        return self.boundaries.predicted


def score(name: str, labels: Labels, found: Found) -> Score:
    starts = set(found.exchanges)
    return Score(
        name=name,
        boundaries=measure(starts, labels.exchanges),
        answered=found.answered,
        asides=measure(found.asides, labels.asides),
        outside=measure(found.outside, labels.outside),
        missed=tuple(sorted(labels.exchanges - starts)),
        extra=tuple(sorted(starts - labels.exchanges)),
    )


def failed(name: str, labels: Labels, message: str) -> Score:
    """A file that did not load: nothing found, every labelled start missed."""
    return Score(
        name=name,
        boundaries=measure((), labels.exchanges),
        answered=0,
        asides=measure((), labels.asides),
        outside=measure((), labels.outside),
        missed=tuple(sorted(labels.exchanges)),
        error=" ".join(message.split()) or "error",
    )


def score_file(path: Path, labels: Labels, load: Callable[[Path], Interview] = load_interview) -> Score:
    try:
        text_lines = path.read_text(encoding="utf-8").splitlines()
        interview = load(path)
    except Exception as error:  # any failure is a result to report, not a crash of the measurement
        return failed(path.name, labels, str(error) or type(error).__name__)
    return score(path.name, labels, found_in(interview, text_lines, labels.lines))


def evaluate(seeds_dir: Path, labels_path: Path, load: Callable[[Path], Interview] = load_interview) -> list[Score]:
    return [score_file(seeds_dir / name, labels, load) for name, labels in sorted(read_labels(labels_path).items())]


def total(scores: Iterable[Score]) -> Score:
    scores = list(scores)
    zero = Figures(0, 0, 0)
    return Score(
        name="all",
        boundaries=sum((s.boundaries for s in scores), zero),
        answered=sum(s.answered for s in scores),
        asides=sum((s.asides for s in scores), zero),
        outside=sum((s.outside for s in scores), zero),
    )


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f} ({part}/{whole})" if whole else f"   - ({part}/{whole})"


def row(s: Score, width: int) -> str:
    b, a, o = s.boundaries, s.asides, s.outside
    return (
        f"{s.name:{width}}  {ratio(b.true_positive, b.predicted):>15}  {ratio(b.true_positive, b.relevant):>15}"
        f"  {ratio(s.answered, s.exchanges):>15}  {ratio(a.true_positive, a.predicted):>13}  {ratio(a.true_positive, a.relevant):>13}"
        f"  {ratio(o.true_positive, o.relevant):>11}"
    )


def first_words(text_lines: Sequence[str], line: int, count: int = FIRST_WORDS) -> str:
    words = " ".join(text_lines[line - 1 : line + 3]).split()
    return " ".join(words[:count])


def report(scores: Sequence[Score], seeds_dir: Path, verbose: bool = False) -> list[str]:
    width = max([len(s.name) for s in scores] + [3])
    header = f"{'file':{width}}  {'precision':>15}  {'recall':>15}  {'answered':>15}"
    header += f"  {'aside prec.':>13}  {'aside rec.':>13}  {'outside rec.':>11}"
    out = [header]
    for s in scores:
        out.append(f"{s.name}: failed to load: {s.error}" if s.error else row(s, width))
        if verbose and (s.missed or s.extra):
            path = seeds_dir / s.name
            text_lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
            out += [f"  missed {s.name}:{n}: {first_words(text_lines, n)}" for n in s.missed]
            out += [f"  extra  {s.name}:{n}: {first_words(text_lines, n)}" for n in s.extra]
    overall = total(scores)
    out.append(row(overall, width))
    b = overall.boundaries
    share = overall.answered / overall.exchanges if overall.exchanges else 0.0
    out.append(
        f"targets: precision ≥ {TARGETS['precision']:.2f} ({b.precision:.2f}), recall ≥ {TARGETS['recall']:.2f} ({b.recall:.2f}),"
        f" answered ≥ {TARGETS['answered']:.2f} ({share:.2f})"
    )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.tools.conversation_accuracy", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="the folder of transcripts and their .yml")
    parser.add_argument("--labels", type=Path, default=LABELS, help="the reader's labels")
    parser.add_argument("--verbose", action="store_true", help="list each missed and extra exchange start")
    args = parser.parse_args(argv)
    for text in report(evaluate(args.seeds, args.labels), args.seeds, args.verbose):
        print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
