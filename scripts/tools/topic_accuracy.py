"""Precision and recall of topic assignment against a hand-labelled set.

    python -m scripts.tools.topic_accuracy [--seeds seeds] [--labels tests/data/topic_labels.yml] [--topics seeds/topics.yml]

The held-out set (interviews the rules were not written for):

    python -m scripts.tools.topic_accuracy --seeds tests/data/heldout --topics seeds/topics.yml --labels tests/data/heldout_topic_labels.yml

Prints figures for the evidence rules alone and for rules plus the overrides in
topics.yml, per topic and overall (micro-averaged over exchange–topic pairs).
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

import yaml
from interview_kb.knowledge import base
from interview_kb.knowledge.topics import assign, in_field

from scripts.tools.scores import Figures


def measure(predicted: set[tuple[str, str]], labelled: set[tuple[str, str]]) -> Figures:
    return Figures(len(predicted & labelled), len(predicted), len(labelled))


def evaluate(seeds_dir: Path, labels_path: Path, topics_path: Path | None = None) -> dict[str, dict[str, Figures]]:
    """{"rules"|"rules+overrides": {topic slug or "all": Figures}}"""
    kb = base.load(seeds_dir, lambda warning: None, topics_path=topics_path)
    labels: dict[str, list[str]] = yaml.safe_load(labels_path.read_text(encoding="utf-8"))
    labelled = {(anchor, slug) for anchor, slugs in labels.items() for slug in slugs}
    field = {i.slug: in_field(kb.topics, i.transcript.exchanges) for i in kb.interviews}
    exchanges = [(field[i.slug], e) for i, e in kb.exchanges() if e.anchor in labels]
    bare = [dataclasses.replace(t, include=(), exclude=()) for t in kb.topics]
    runs = {
        "rules": {(e.anchor, t.slug) for f, e in exchanges for t in bare if assign(t, e, f)},
        "rules+overrides": {(e.anchor, t.slug) for f, e in exchanges for t in kb.topics if assign(t, e, f)},
    }
    result: dict[str, dict[str, Figures]] = {}
    for name, predicted in runs.items():
        result[name] = {"all": measure(predicted, labelled)}
        for topic in kb.topics:
            only = {pair for pair in predicted if pair[1] == topic.slug}
            result[name][topic.slug] = measure(only, {pair for pair in labelled if pair[1] == topic.slug})
    return result


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m scripts.tools.topic_accuracy", description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=Path("seeds"))
    parser.add_argument("--labels", type=Path, default=Path("tests/data/topic_labels.yml"))
    parser.add_argument("--topics", type=Path, default=None, help="the taxonomy (default: topics.yml in --seeds)")
    args = parser.parse_args()
    for name, figures in evaluate(args.seeds, args.labels, args.topics).items():
        print(f"{name}:")
        for slug, f in figures.items():
            print(
                f"  {slug:22} precision {f.precision:.2f} ({f.true_positive}/{f.predicted})"
                f"  recall {f.recall:.2f} ({f.true_positive}/{f.relevant})"
            )


if __name__ == "__main__":
    main()
