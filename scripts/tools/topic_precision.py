"""How much of a series on other subjects a taxonomy files under its topics: `python -m scripts.tools.topic_precision DIR… [--topics T]`.

A taxonomy written for one series should be silent on interviews about
something else. Each DIR is a seeds folder of such interviews (e.g. the
synthetic archive, `python -m scripts.tools.synthetic_podcast 300 /tmp/arch`);
the rules of `--topics` (default: seeds/topics.yml, without its overrides,
which name other exchanges) are applied to every exchange, and the share that
gets any topic is printed, per topic and overall, with a few examples.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections import Counter
from pathlib import Path

from interview_kb.knowledge.topics import assign, in_field
from interview_kb.reading import topics_file
from interview_kb.reading.loader import read_seeds

from scripts.tools.synthetic import ROOT


@dataclasses.dataclass
class Share:
    exchanges: int = 0
    assigned: int = 0
    per_topic: Counter[str] = dataclasses.field(default_factory=Counter)
    examples: list[tuple[str, str]] = dataclasses.field(default_factory=list)  # (topic slug, question)

    @property
    def fraction(self) -> float:
        return self.assigned / self.exchanges if self.exchanges else 0.0


def measure(seeds_dir: Path, topics_path: Path, examples: int = 5) -> Share:
    taxonomy = tuple(dataclasses.replace(t, include=(), exclude=()) for t in topics_file.load(topics_path))
    seeds = read_seeds(seeds_dir, lambda warning: None, topics_path=topics_path)
    share = Share()
    for interview in seeds.interviews:
        field = in_field(taxonomy, interview.transcript.exchanges)
        for exchange in interview.transcript.exchanges:
            share.exchanges += 1
            found = [t.slug for t in taxonomy if assign(t, exchange, field)]
            share.assigned += bool(found)
            share.per_topic.update(found)
            if found and len(share.examples) < examples:
                share.examples.append((found[0], exchange.label[:100]))
    return share


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m scripts.tools.topic_precision", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("dirs", type=Path, nargs="+", help="seeds folders of interviews on other subjects")
    parser.add_argument("--topics", type=Path, default=ROOT / "seeds" / "topics.yml")
    args = parser.parse_args()
    total = Share()
    for folder in args.dirs:
        share = measure(folder, args.topics)
        total.exchanges += share.exchanges
        total.assigned += share.assigned
        print(f"{folder}: {share.assigned} of {share.exchanges} exchanges get a topic ({share.fraction:.2%})")
        for slug, count in share.per_topic.most_common():
            print(f"  {slug:22} {count}")
        for slug, question in share.examples:
            print(f"  e.g. {slug}: {question}")
    if len(args.dirs) > 1:
        print(f"all: {total.assigned} of {total.exchanges} exchanges get a topic ({total.fraction:.2%})")


if __name__ == "__main__":
    main()
