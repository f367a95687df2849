"""Which topics each exchange belongs to: the evidence rules of `topics.yml` (read by reading/topics_file.py) applied.

An exchange belongs to a topic when the weighted evidence terms found in its
text reach the topic's threshold, or when the topic `include`s it; never when
it `exclude`s it.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Collection
from functools import cache, lru_cache
from pathlib import Path

from interview_kb.errors import Report, SeedWarning, print_warning
from interview_kb.reading.schemas import TopicsFile, validate
from interview_kb.reading.topics_file import Topic
from interview_kb.reading.transcript import Exchange
from interview_kb.reading.yamlfile import read

MAX_COUNT = 3


@cache
def term_pattern(term: str) -> re.Pattern[str]:
    """Whole-word, case-insensitive match; a trailing `*` allows any word ending."""
    prefix = term.endswith("*")
    body = re.escape(term.rstrip("*")).replace(r"\ ", r"\s+")
    return re.compile(r"(?<!\w)" + body + (r"\w*" if prefix else r"(?!\w)"), re.IGNORECASE)


def exchange_text(exchange: Exchange) -> str:
    return "\n\n".join(turn.text for turn in exchange.turns)


def score(topic: Topic, text: str) -> float:
    """Sum over evidence terms of weight × occurrences (each term counted at most 3 times)."""
    words = Words.of(text)
    return sum(weight * min(words.count(term), MAX_COUNT) for term, weight in topic.evidence)


_ONE_WORD = re.compile(r"\w+\*?")


@cache
def _words_of(term: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", term.lower()))


class Words:
    """An exchange's words, counted once for every term of every topic.

    A term of one word is counted from the words (`licens*` by the words that
    start so, found by bisection in the sorted distinct words), which is what its
    whole-word pattern finds; other terms are found with their pattern. Scanning
    the text once per term cost a third of reading a podcast archive.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.counts = Counter(re.findall(r"\w+", text.lower()))
        self.sorted = sorted(self.counts)

    @staticmethod
    @lru_cache(maxsize=8)  # the topics of one exchange are scored one after another
    def of(text: str) -> Words:
        return Words(text)

    def count(self, term: str) -> int:
        if not _ONE_WORD.fullmatch(term):
            # A phrase: only where each of its words is (a cheap test that skips most), by its pattern.
            found = _words_of(term)
            if not all(self.counts.get(w) for w in found[:-1]) or not (found and self.starting(found[-1])):
                return 0
            return len(term_pattern(term).findall(self.text))
        word = term.rstrip("*").lower()
        if not term.endswith("*"):
            return self.counts.get(word, 0)
        return sum(self.counts[w] for w in self.starting(word))

    def starting(self, prefix: str) -> list[str]:
        """The distinct words that start with `prefix`."""
        start = bisect.bisect_left(self.sorted, prefix)
        end = start
        while end < len(self.sorted) and self.sorted[end].startswith(prefix):
            end += 1
        return self.sorted[start:end]


def assign(topic: Topic, exchange: Exchange) -> bool:
    if exchange.anchor in topic.exclude:
        return False
    return exchange.anchor in topic.include or score(topic, exchange_text(exchange)) >= topic.threshold


def topics_of(topics: tuple[Topic, ...], exchange: Exchange) -> tuple[str, ...]:
    """Slugs of the topics the exchange belongs to."""
    return tuple(t.slug for t in topics if assign(t, exchange))


def check(
    path: Path,
    topics: tuple[Topic, ...],
    exchange_topics: dict[str, tuple[str, ...]],
    report: Report = print_warning,
    interviews: Collection[str] | None = None,
) -> None:
    """Every anchor named in `include`/`exclude` must exist; a topic with no exchange is a warning.

    An entry written `interview-slug#anchor` whose interview is not in `interviews`
    is skipped: the taxonomy can be shared by seeds folders without that interview.
    """
    source = read(path)
    data = validate(source, TopicsFile)
    anchors = set(exchange_topics)
    absent: list[tuple[int, str]] = []
    for index, topic in enumerate(topics):
        if not any(topic.slug in slugs for slugs in exchange_topics.values()):
            what = f"topic '{topic.slug}' has no exchange"
            report(SeedWarning(path, source.line("topics", index), what, "add evidence terms or `include` an exchange"))
        for field in ("include", "exclude"):
            for position, written in enumerate(getattr(data.topics[index], field)):
                slug, _, anchor = written.rpartition("#")
                if slug and interviews is not None and slug not in interviews:
                    absent.append((source.line("topics", index, field, position), slug))
                elif anchor not in anchors:
                    raise source.error(
                        ("topics", index, field, position),
                        f"topic '{topic.slug}' {field}s '{written}', which is no exchange anchor",
                        "copy the anchor from the exchange's link (after the #), or remove the line",
                    )
    if absent:
        slugs = ", ".join(sorted({slug for _, slug in absent}))
        what = f"{len(absent)} include/exclude entries name interviews that are not here ({slugs}), so they were skipped"
        report(SeedWarning(path, absent[0][0], what, "ignore this when building without those interviews, or remove the entries"))
