"""Read and check `topics.yml`: the taxonomy and each topic's evidence rules (knowledge/topics.py applies them)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from interview_kb.reading.schemas import TopicsFile, validate
from interview_kb.reading.yamlfile import ReadYaml, YamlFile, read

TOPICS_FILE = "topics.yml"


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    description: str
    evidence: tuple[tuple[str, float], ...]
    threshold: float
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    field: tuple[str, ...] = ()  # the taxonomy's `field:` words, the same for every topic (knowledge/topics.in_field)
    per_exchange: int = 0  # the taxonomy's limit of topics an exchange gets from the rules (0: none; knowledge/topics.topics_of)


def anchor_of(override: str) -> str:
    """The anchor an `include`/`exclude` entry names: `anchor`, or `interview-slug#anchor`."""
    return override.rpartition("#")[2]


def check_term(source: YamlFile, where: tuple[str | int, ...], term: str) -> None:
    if not re.search(r"\w", term):
        raise source.error(where, f"evidence term '{term}' has no letter or digit", "write a word, e.g. `licens*: 2`, or remove it")
    if "*" in term.rstrip("*") or term.endswith("**"):
        raise source.error(where, f"evidence term '{term}' has a `*` that is not its one last character", "write `*` only at the end")


def load(path: Path, read_yaml: ReadYaml = read) -> tuple[Topic, ...]:
    """Read and check `topics.yml`."""
    source = read_yaml(path)
    data = validate(source, TopicsFile)
    for position, term in enumerate(data.field):
        check_term(source, ("field", position), term)
    topics: list[Topic] = []
    for index, entry in enumerate(data.topics):
        if any(t.slug == entry.slug for t in topics):
            raise source.error(("topics", index, "slug"), f"topic slug '{entry.slug}' is used twice", "give each topic its own slug")
        for term in entry.evidence:
            check_term(source, ("topics", index, "evidence", term), term)
        topics.append(
            Topic(
                slug=entry.slug,
                title=entry.title,
                description=entry.description,
                evidence=tuple(entry.evidence.items()),
                threshold=data.threshold if entry.threshold is None else entry.threshold,
                include=tuple(anchor_of(a) for a in entry.include),
                exclude=tuple(anchor_of(a) for a in entry.exclude),
                field=tuple(data.field),
                per_exchange=data.per_exchange or 0,
            )
        )
    return tuple(topics)
