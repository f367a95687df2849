"""Judge a drafted taxonomy as an editor would: `python -m scripts.tools.draft_quality SEEDS [--labels L.yml]`.

Prints what the draft (`SEEDS/topics.draft.yml`, or `--topics`) does under the
build's own rules (knowledge/topics.py, as commands/draft_topics.assigned
applies them): topics proposed, the share of exchanges covered, those left
without a topic, overlapping topics, and per topic how many exchanges it
gathers. Then it draws a deterministic random sample of covered exchanges
(`--sample`, `--seed`) and shows each with its drafted topics, for a person
to label. Labels are a YAML mapping kept outside the repository (they are
judgements of someone's transcripts):

    interview-slug#anchor: [topic-slug, …]   # the drafted topics an editor would accept ([] for none)

With `--labels`, the labelled pairs give the draft's precision (accepted
exchange–topic pairs over all drawn), and the exchanges of the sample not yet
labelled are printed for labelling.
"""

from __future__ import annotations

import argparse
import random
import textwrap
from collections import Counter
from pathlib import Path

import yaml
from interview_kb.commands.draft_topics import DRAFT_FILE, assigned_and_reached, read_interviews, report_of
from interview_kb.knowledge import topics as topic_rules
from interview_kb.reading import topics_file
from interview_kb.reading.transcript import Exchange

WORDS_SHOWN = 160  # of each sampled exchange


def sample(found: list[tuple[str, Exchange, tuple[str, ...]]], size: int, seed: int) -> list[tuple[str, Exchange, tuple[str, ...]]]:
    covered = [item for item in found if item[2]]
    return random.Random(seed).sample(covered, min(size, len(covered)))


def precision(drawn: list[tuple[str, Exchange, tuple[str, ...]]], labels: dict[str, list[str]]) -> tuple[int, int, int]:
    """(exchange–topic pairs accepted, pairs drawn, exchanges labelled), over the labelled exchanges of the sample."""
    accepted = pairs = done = 0
    for slug, exchange, slugs in drawn:
        if (key := f"{slug}#{exchange.anchor}") in labels:
            done += 1
            pairs += len(slugs)
            accepted += len(set(slugs) & set(labels[key]))
    return accepted, pairs, done


def excerpt(exchange: Exchange, words: int = WORDS_SHOWN) -> str:
    text = " ".join(topic_rules.exchange_text(exchange).split())
    cut = text.split(" ")
    return " ".join(cut[:words]) + (" …" if len(cut) > words else "")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m scripts.tools.draft_quality", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("seeds", type=Path)
    parser.add_argument("--topics", type=Path, help=f"default: SEEDS/{DRAFT_FILE}")
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--labels", type=Path, help="YAML: interview#anchor -> accepted topic slugs")
    args = parser.parse_args()
    topics_path = args.topics or args.seeds / DRAFT_FILE
    topics = topics_file.load(topics_path)
    found, reached = assigned_and_reached(topics, read_interviews(args.seeds))  # the rules applied once, for all that follows
    print(report_of(topics_path, found, 0, len(topics), reached))
    per_topic = Counter(slug for _, _, slugs in found for slug in slugs)
    for topic in topics_file.load(topics_path):
        print(f"  {topic.slug:40} {per_topic[topic.slug]:5}  {topic.title}")
    drawn = sample(found, args.sample, args.seed)
    labels: dict[str, list[str]] = {}
    if args.labels and args.labels.exists():
        labels = yaml.safe_load(args.labels.read_text(encoding="utf-8")) or {}
    for slug, exchange, slugs in drawn:
        if f"{slug}#{exchange.anchor}" not in labels:
            print(f"\n{slug}#{exchange.anchor}: {list(slugs)}")
            print(textwrap.indent(textwrap.fill(excerpt(exchange), 120), "    "))
    accepted, pairs, done = precision(drawn, labels)
    if labels:
        share = accepted / pairs if pairs else 0.0
        print(f"\nprecision: {accepted} of {pairs} exchange-topic pairs accepted ({share:.2f}); {done} of {len(drawn)} exchanges labelled")


if __name__ == "__main__":
    main()
