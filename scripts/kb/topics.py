"""The topic taxonomy (`seeds/topics.yml`) and the rules that assign exchanges to topics."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from scripts.kb.errors import Report, SeedWarning, print_warning
from scripts.kb.seeds.transcript import Exchange
from scripts.kb.seeds.yamlfile import read

MAX_COUNT = 3


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    description: str
    evidence: tuple[tuple[str, float], ...]
    threshold: float
    include: tuple[str, ...]
    exclude: tuple[str, ...]


@cache
def term_pattern(term: str) -> re.Pattern[str]:
    """Whole-word, case-insensitive match; a trailing `*` allows any word ending."""
    prefix = term.endswith("*")
    body = re.escape(term.rstrip("*")).replace(r"\ ", r"\s+")
    return re.compile(r"(?<!\w)" + body + (r"\w*" if prefix else r"(?!\w)"), re.IGNORECASE)


def exchange_text(exchange: Exchange) -> str:
    return "\n\n".join(turn.text for turn in exchange.turns)


@cache
def _first_word(term: str) -> str:
    return term.rstrip("*").split()[0].lower()


def score(topic: Topic, text: str) -> float:
    """Sum over evidence terms of weight × occurrences (each term counted at most 3 times)."""
    lowered = text.lower()
    return sum(
        weight * min(len(term_pattern(term).findall(text)), MAX_COUNT)
        for term, weight in topic.evidence
        if _first_word(term) in lowered  # a cheap test that skips most terms
    )


def assign(topic: Topic, exchange: Exchange) -> bool:
    if exchange.anchor in topic.exclude:
        return False
    return exchange.anchor in topic.include or score(topic, exchange_text(exchange)) >= topic.threshold


def load(path: Path) -> tuple[Topic, ...]:
    """Read and check `topics.yml`."""
    source = read(path)
    data = source.data
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
        raise source.error((), "`topics:` list is missing", "list the topics under a `topics:` key (see README)")
    default_threshold = data.get("threshold", 4)
    if not isinstance(default_threshold, int | float):
        raise source.error(("threshold",), "threshold must be a number", "write e.g. `threshold: 4`")
    topics: list[Topic] = []
    for index, entry in enumerate(data["topics"]):
        where: tuple[str | int, ...] = ("topics", index)
        if not isinstance(entry, dict):
            raise source.error(where, "a topic must be a mapping", "give it slug, title, description and evidence")
        for field in ("slug", "title", "description", "evidence"):
            if not entry.get(field):
                raise source.error(where, f"topic lacks `{field}`", f"add `{field}:` to this topic")
        slug = str(entry["slug"])
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
            raise source.error(
                (*where, "slug"), f"topic slug '{slug}' is not lower-case words joined by -", "rename it, e.g. 'open-source'"
            )
        if any(t.slug == slug for t in topics):
            raise source.error((*where, "slug"), f"topic slug '{slug}' is used twice", "give each topic its own slug")
        if not isinstance(entry.get("threshold", default_threshold), int | float):
            raise source.error((*where, "threshold"), "threshold must be a number", "write e.g. `threshold: 4`")
        evidence = entry["evidence"]
        if not isinstance(evidence, dict) or not all(isinstance(w, int | float) for w in evidence.values()):
            raise source.error((*where, "evidence"), "evidence must map terms to numeric weights", "write it as `term: weight` lines")
        topics.append(
            Topic(
                slug=slug,
                title=str(entry["title"]),
                description=" ".join(str(entry["description"]).split()),
                evidence=tuple((str(term), float(weight)) for term, weight in evidence.items()),
                threshold=float(entry.get("threshold", default_threshold)),
                include=tuple(str(a) for a in entry.get("include") or ()),
                exclude=tuple(str(a) for a in entry.get("exclude") or ()),
            )
        )
    return tuple(topics)


def check(path: Path, topics: tuple[Topic, ...], exchange_topics: dict[str, tuple[str, ...]], report: Report = print_warning) -> None:
    """Every anchor named in `include`/`exclude` must exist; a topic with no exchange is a warning."""
    source = read(path)
    anchors = set(exchange_topics)
    for index, topic in enumerate(topics):
        if not any(topic.slug in slugs for slugs in exchange_topics.values()):
            what = f"topic '{topic.slug}' has no exchange"
            report(SeedWarning(path, source.line("topics", index), what, "add evidence terms or `include` an exchange"))
        for field in ("include", "exclude"):
            for position, anchor in enumerate(getattr(topic, field)):
                if anchor not in anchors:
                    raise source.error(
                        ("topics", index, field, position),
                        f"topic '{topic.slug}' {field}s '{anchor}', which is no exchange anchor",
                        "copy the anchor from the exchange's link (after the #), or remove the line",
                    )
