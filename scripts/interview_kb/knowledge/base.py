"""The knowledge base: the seeds as read, with the topics each exchange belongs to.

    kb = load(seeds_dir)

Reading (reading/loader.py) knows nothing of classification; this is the first
step that applies the topics' rules (knowledge/topics.py). Under `mkdocs serve`
the plugin passes a `TopicMemo`, so a rebuild scores only new or edited exchanges.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import cached_property
from pathlib import Path

from interview_kb.errors import MISTAKES, Report, errors_of, fail, print_warning
from interview_kb.knowledge import topics as topic_rules
from interview_kb.reading.loader import Interview, load_interview, read_seeds
from interview_kb.reading.topics_file import Topic
from interview_kb.reading.transcript import Exchange
from interview_kb.reading.yamlfile import ReadYaml, read


@dataclass(frozen=True)
class KnowledgeBase:
    interviews: tuple[Interview, ...]
    topics: tuple[Topic, ...]
    exchange_topics: dict[str, tuple[str, ...]]
    transcripts: dict[str, Path] = dataclass_field(default_factory=dict)  # slug → the transcript file it was read from

    def exchanges(self) -> list[tuple[Interview, Exchange]]:
        return list(self._exchanges)

    def topic_exchanges(self, slug: str) -> list[tuple[Interview, Exchange]]:
        return list(self._by_topic.get(slug, ()))

    @cached_property
    def _exchanges(self) -> tuple[tuple[Interview, Exchange], ...]:
        return tuple((i, e) for i in self.interviews for e in i.transcript.exchanges)

    @cached_property
    def _by_topic(self) -> dict[str, list[tuple[Interview, Exchange]]]:
        """Each topic's exchanges in the series' order, found in one pass (the pages ask for every topic's, some twice)."""
        found: dict[str, list[tuple[Interview, Exchange]]] = {}
        for interview, exchange in self._exchanges:
            for slug in self.exchange_topics[exchange.anchor]:
                found.setdefault(slug, []).append((interview, exchange))
        return found


class TopicMemo:
    """Each exchange's topics from the previous build, reused while the topics' rules are the same, and whether each
    interview is in the taxonomy's field while it is the same interview read (plugin/incremental.py keeps it)."""

    def __init__(self) -> None:
        self._topics: tuple[Topic, ...] = ()
        self._known: dict[tuple[Exchange, bool], tuple[str, ...]] = {}
        self._fields: dict[int, tuple[tuple[Exchange, ...], bool]] = {}  # id of the exchanges → (them, in the field)

    def in_field(self, topics: tuple[Topic, ...], exchanges: tuple[Exchange, ...]) -> bool:
        if topics != self._topics:
            self._topics, self._known, self._fields = topics, {}, {}
        known = self._fields.get(id(exchanges))
        if known is None or known[0] is not exchanges:  # kept with it, the tuple's id names no other meanwhile
            known = self._fields[id(exchanges)] = (exchanges, topic_rules.in_field(topics, exchanges))
        return known[1]

    def topics_of(self, topics: tuple[Topic, ...], exchange: Exchange, field: bool = True) -> tuple[str, ...]:
        if topics != self._topics:
            self._topics, self._known, self._fields = topics, {}, {}
        known = self._known.get((exchange, field))
        if known is None:
            known = self._known[exchange, field] = topic_rules.topics_of(topics, exchange, field)
        return known

    def forget(self, interviews: tuple[Interview, ...]) -> None:
        """Keep only what these interviews' exchanges need (the ones the last build read)."""
        exchanges = {exchange for interview in interviews for exchange in interview.transcript.exchanges}
        self._known = {key: t for key, t in self._known.items() if key[0] in exchanges}
        kept = {id(interview.transcript.exchanges) for interview in interviews}
        self._fields = {key: known for key, known in self._fields.items() if key in kept}


def load(
    seeds_dir: Path,
    report: Report = print_warning,
    read_interview: Callable[[Path], Interview] = load_interview,
    topics_path: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    memo: TopicMemo | None = None,
    read_yaml: ReadYaml = read,
) -> KnowledgeBase:
    """The seeds read (see `read_seeds` for the arguments) and every exchange classified; every mistake raised at once."""
    seeds = read_seeds(seeds_dir, report, read_interview, topics_path, progress, read_yaml)
    memo = memo or TopicMemo()
    exchange_topics = {}
    for interview in seeds.interviews:
        field = memo.in_field(seeds.topics, interview.transcript.exchanges)
        for exchange in interview.transcript.exchanges:
            exchange_topics[exchange.anchor] = memo.topics_of(seeds.topics, exchange, field)
    memo.forget(seeds.interviews)
    errors = list(seeds.mistakes)
    try:
        topic_rules.check(seeds.topics_path, seeds.topics, exchange_topics, report, {i.slug for i in seeds.interviews}, read_yaml)
    except MISTAKES as error:
        errors += errors_of(error)
    fail(errors)
    return KnowledgeBase(seeds.interviews, seeds.topics, exchange_topics, seeds.transcripts)
