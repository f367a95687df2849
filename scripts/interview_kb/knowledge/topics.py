"""Which topics each exchange belongs to: the evidence rules of `topics.yml` (read by reading/topics_file.py) applied.

An exchange belongs to a topic when the topic `include`s it, or when the rules
say so; never when the topic `exclude`s it. The rules ask for evidence of the
subject, not common words that happen to occur (`reaches`):

- the weighted evidence terms found in the exchange reach the topic's threshold;
- they are at least two pieces of evidence, not one word said twice or said in
  two forms (terms whose first words begin alike, `culture` and `cultural`,
  `open source` and `open sourcing`, are one piece);
- they are dense enough: `DENSITY` points per 100 words of the exchange, so a
  long answer that mentions a term in passing is not about it;
- and the interview is in the taxonomy's field (`in_field`): its exchanges use
  the `field:` words of topics.yml at least `FIELD_DENSITY` times per 1,000
  words. A telecom taxonomy's "culture" or "adoption" is evidence in an
  interview about networks, and none in one about football.

With `per_exchange:` set, an exchange keeps only that many of the topics its
rules reach, those it has most evidence of (`limited`).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Collection
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path

from interview_kb.errors import Report, SeedWarning, print_warning
from interview_kb.reading.schemas import TopicsFile, validate
from interview_kb.reading.topics_file import Topic
from interview_kb.reading.transcript import Exchange
from interview_kb.reading.yamlfile import ReadYaml, read

MAX_COUNT = 3
MIN_EVIDENCE = 2  # distinct pieces of evidence
DENSITY = 2.5  # score per 100 words of the exchange
FIELD_DENSITY = 8  # field words per 1,000 words of the interview
ROOT_LETTERS = 5  # terms whose first words share these first letters are one piece of evidence


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


def reaches(topic: Topic, text: str) -> bool:
    """Whether the evidence in `text` is enough for `topic`: threshold, two pieces, density (see the module's docstring)."""
    words = Words.of(text)
    found = [(term, weight * min(words.count(term), MAX_COUNT)) for term, weight in topic.evidence]
    found = [(term, points) for term, points in found if points]
    total = sum(points for _, points in found)
    pieces = {piece(term) for term, _ in found}
    return total >= topic.threshold and len(pieces) >= MIN_EVIDENCE and total * 100 >= DENSITY * words.total


def piece(term: str) -> str:
    """Which piece of evidence a term is: terms whose first words begin alike (`culture`, `cultural`) are one."""
    return _words_of(term)[0][:ROOT_LETTERS]


def in_field(topics: tuple[Topic, ...], exchanges: Collection[Exchange]) -> bool:
    """Whether an interview's exchanges use the taxonomy's `field:` words often enough (always, when it has none)."""
    field = topics[0].field if topics else ()
    if not field:
        return True
    words = Words("\n\n".join(exchange_text(e) for e in exchanges))
    return sum(words.count(term) for term in field) * 1000 >= FIELD_DENSITY * words.total


_ONE_WORD = re.compile(r"\w+\*?")


@cache
def _one_word(term: str) -> bool:
    return bool(_ONE_WORD.fullmatch(term))


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
        tokens = re.findall(r"\w+", text.lower())
        self.counts = Counter(tokens)
        self.sorted = sorted(self.counts)
        self.total = len(tokens)
        self.pairs = set(pairwise(tokens))  # words next to each other: a phrase needs its words so

    @staticmethod
    @lru_cache(maxsize=8)  # the topics of one exchange are scored one after another
    def of(text: str) -> Words:
        return Words(text)

    def count(self, term: str) -> int:
        if not _one_word(term):
            # A phrase: only where its words are, each next to the one after it (cheap tests that skip most), by its pattern.
            found = _words_of(term)
            whole = found if not term.endswith("*") else found[:-1]
            if not all(self.counts.get(w) for w in found[:-1]) or not (found and self.starting(found[-1])):
                return 0
            if not all(pair in self.pairs for pair in pairwise(whole)):
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


def assign(topic: Topic, exchange: Exchange, field: bool = True) -> bool:
    """Whether the exchange belongs to the topic; `field` is `in_field` of its interview."""
    if exchange.anchor in topic.exclude:
        return False
    return exchange.anchor in topic.include or (field and reaches(topic, exchange_text(exchange)))


def topics_of(topics: tuple[Topic, ...], exchange: Exchange, field: bool = True) -> tuple[str, ...]:
    """Slugs of the topics the exchange belongs to, in the file's order (`per_exchange` applied: `limited`)."""
    return tuple(t.slug for t in limited([t for t in topics if assign(t, exchange, field)], exchange))


def limited(found: list[Topic], exchange: Exchange) -> list[Topic]:
    """Of the topics an exchange belongs to by itself, those it keeps under the taxonomy's `per_exchange: N`.

    The rules give an exchange only the N topics it has most evidence of
    (points; a tie goes to the first in the file): an exchange on one subject
    that uses a broad topic's words in passing is filed under its subject
    alone. `include` always assigns.
    """
    most = found[0].per_exchange if found else 0
    ruled = [t for t in found if exchange.anchor not in t.include]
    if not most or len(ruled) <= most:
        return found
    text = exchange_text(exchange)
    kept = set(sorted(ruled, key=lambda t: -score(t, text))[:most])  # a stable sort: ties keep the file's order
    return [t for t in found if t in kept or exchange.anchor in t.include]


def check(
    path: Path,
    topics: tuple[Topic, ...],
    exchange_topics: dict[str, tuple[str, ...]],
    report: Report = print_warning,
    interviews: Collection[str] | None = None,
    read_yaml: ReadYaml = read,
) -> None:
    """Every anchor named in `include`/`exclude` must exist; a topic with no exchange is a warning.

    An entry written `interview-slug#anchor` whose interview is not in `interviews`
    is skipped: the taxonomy can be shared by seeds folders without that interview.
    """
    source = read_yaml(path)
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
