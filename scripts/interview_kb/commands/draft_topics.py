"""Draft a taxonomy for a seeds folder: `<seeds>/topics.draft.yml`, beside topics.yml and never over it.

    interview-kb topics [--seeds seeds]     (make topics SEEDS=<dir>)

The draft holds the topics of topics.yml as the editor left them, then the
topics proposed (knowledge/drafting.py) for the exchanges none of those
gathers; renamed topics.yml it builds. A short report follows: topics
proposed, the share of exchanges the draft's rules cover, those left without a
topic, and topics whose rules reach many of the same exchanges.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from interview_kb.errors import MISTAKES, SeedError, SeedErrors, errors_of
from interview_kb.knowledge import drafting
from interview_kb.knowledge import topics as topic_rules
from interview_kb.reading import topics_file
from interview_kb.reading.loader import Interview, load_interview, require_folder
from interview_kb.reading.markdown_source import transcript_files
from interview_kb.reading.topics_file import TOPICS_FILE
from interview_kb.reading.transcript import Exchange

DRAFT_FILE = "topics.draft.yml"
SHOWN = 5  # overlapping pairs named in the report
OVERLAP = 0.3  # two topics overlap when they share this share of the smaller one's exchanges


@dataclass(frozen=True)
class Report:
    path: Path  # the draft written
    kept: int  # topics from topics.yml
    proposed: int
    exchanges: int
    covered: int  # exchanges the draft's rules give a topic
    overlaps: tuple[tuple[str, str, int], ...]  # (slug, slug, exchanges the rules of both reach)

    def __str__(self) -> str:
        share = self.covered / self.exchanges if self.exchanges else 0.0
        lines = [
            f"wrote {self.path}: {self.proposed} topics proposed" + (f", {self.kept} kept from {TOPICS_FILE}" if self.kept else ""),
            f"covered: {self.covered} of {self.exchanges} exchanges ({share:.0%}); {self.exchanges - self.covered} left without a topic",
        ]
        lines += [f"overlap: {a} and {b} both reach {n} exchanges" for a, b, n in self.overlaps[:SHOWN]] or ["overlap: none"]
        if len(self.overlaps) > SHOWN:
            lines.append(f"overlap: {len(self.overlaps) - SHOWN} more pairs")
        lines.append(f"next: edit titles and descriptions, merge or remove topics, then rename it {TOPICS_FILE}")
        return "\n".join(lines)


def read_interviews(seeds_dir: Path) -> list[Interview]:
    """Every interview in the folder, each read and checked alone (the checks across interviews are the build's)."""
    require_folder(seeds_dir)
    interviews: list[Interview] = []
    errors: list[SeedError] = []
    for path in transcript_files(seeds_dir):
        try:
            interviews.append(load_interview(path))
        except MISTAKES as error:
            errors += errors_of(error)
    if errors:
        raise SeedErrors(errors)
    return interviews


def draft(seeds_dir: Path) -> Report:
    """Write `<seeds_dir>/topics.draft.yml` and say what it covers. Raises SeedError(s) for seeds that cannot be read."""
    interviews = read_interviews(seeds_dir)
    kept_path = seeds_dir / TOPICS_FILE
    kept = topics_file.load(kept_path) if kept_path.exists() else ()
    kept_data = yaml.safe_load(kept_path.read_text(encoding="utf-8")) if kept_path.exists() else {}
    pairs = [(i.slug, e) for i in interviews for e in i.transcript.exchanges]
    names = [s.name for i in interviews for s in i.speakers.values()] + [s.label for i in interviews for s in i.speakers.values()]
    proposals = drafting.propose(pairs, kept, names)
    path = seeds_dir / DRAFT_FILE
    path.write_text(draft_text(kept_data, proposals, len(interviews)), encoding="utf-8")
    return summary(path, interviews, len(kept), len(proposals))


def draft_text(kept: dict[str, object], proposals: list[drafting.Proposal], interviews: int) -> str:
    lines = [
        f"# Topics drafted from {interviews} interviews by `make topics`. Rename this file {TOPICS_FILE} to use it,",
        "# after giving each topic a title and a description, and merging or removing the ones a reader would not want.",
        "# Its evidence terms and weights are read as in any topics.yml (see the guide, 'Topics').",
    ]
    head = {key: value for key, value in kept.items() if key != "topics"} or {
        "threshold": drafting.THRESHOLD,
        "per_exchange": drafting.PER_EXCHANGE,
    }
    lines.append(yaml.safe_dump(head, sort_keys=False, allow_unicode=True, width=120).rstrip())
    lines.append("topics:")
    entries = kept.get("topics") or []
    if entries:
        lines.append(f"  # Kept from {TOPICS_FILE}.")
        lines.append(_indented(yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, width=120)))
    if not entries and not proposals:
        lines[-1] = "topics: []"
    for proposal in proposals:
        lines.append("")
        lines.append(f"  # Would gather {len(proposal.gathered)} exchanges, such as:")
        lines += [f"  #   {question}" for question in proposal.examples]
        entry = {"slug": proposal.slug, "title": proposal.title, "description": "", "evidence": dict(proposal.evidence)}
        lines.append(_indented(yaml.safe_dump([entry], sort_keys=False, allow_unicode=True, width=120)))
    return "\n".join(lines) + "\n"


def _indented(text: str) -> str:
    return "\n".join("  " + line if line else line for line in text.rstrip().splitlines())


def summary(path: Path, interviews: list[Interview], kept: int, proposed: int) -> Report:
    """What the draft's rules, as a build would apply them, give each exchange."""
    found, reached = assigned_and_reached(topics_file.load(path), interviews)
    return report_of(path, found, kept, proposed, reached)


Found = list[tuple[str, Exchange, tuple[str, ...]]]


def assigned(topics: tuple[topics_file.Topic, ...], interviews: list[Interview]) -> Found:
    """Every exchange, with its interview's slug and the topics the build's rules give it."""
    return assigned_and_reached(topics, interviews)[0]


def assigned_and_reached(topics: tuple[topics_file.Topic, ...], interviews: list[Interview]) -> tuple[Found, Found]:
    """What `assigned` gives, and the topics each exchange reaches by each one's rules alone (before `per_exchange`)."""
    found: Found = []
    reached: Found = []
    for interview in interviews:
        field = topic_rules.in_field(topics, interview.transcript.exchanges)
        for exchange in interview.transcript.exchanges:
            alone = [t for t in topics if topic_rules.assign(t, exchange, field)]
            found.append((interview.slug, exchange, tuple(t.slug for t in topic_rules.limited(alone, exchange))))
            reached.append((interview.slug, exchange, tuple(t.slug for t in alone)))
    return found, reached


def report_of(path: Path, found: Found, kept: int, proposed: int, reached: Found | None = None) -> Report:
    """Coverage from `found` (what the build gives); overlaps from `reached` (each topic's rules alone), if given.

    With `per_exchange: 1` two topics never share an exchange, though one
    subject drafted as two topics reaches the same exchanges with both.
    """
    gathered: dict[str, set[str]] = {t.slug: set() for t in topics_file.load(path)}
    for slug, exchange, topics in found if reached is None else reached:
        for topic in topics:
            gathered[topic].add(f"{slug}#{exchange.anchor}")
    shared: Counter[tuple[str, str]] = Counter()
    slugs = list(gathered)
    for n, a in enumerate(slugs):
        for b in slugs[n + 1 :]:
            both = len(gathered[a] & gathered[b])
            if both and both >= OVERLAP * min(len(gathered[a]), len(gathered[b])):
                shared[a, b] = both
    overlaps = tuple((a, b, count) for (a, b), count in shared.most_common())
    covered = sum(1 for _, _, topics in found if topics)
    return Report(path, kept, proposed, len(found), covered, overlaps)
