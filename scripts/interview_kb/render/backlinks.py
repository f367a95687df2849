"""A knowledge page's list of exchanges (a person's turns, an entity's mentions, a term's uses), bounded at any series' size.

Whoever asks every question of a podcast speaks in every exchange of its
archive: listed in full, the host's page of 300 episodes weighed 8.9 MB. The
list links rather than copies, grouped by interview, newest first: the first
`full` exchanges with their words, the next up to `listed` as links, then one
link per earlier interview, by year, with how many of its exchanges there are;
past `interviews` of those, only how many interviews each year has. The page
then grows with neither the exchanges nor the interviews.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from interview_kb.knowledge.exchange_links import ExchangeLinks
from interview_kb.reading.loader import Interview

Item = TypeVar("Item")


@dataclass(frozen=True)
class Group:
    """An interview's exchanges in the list: each one's links and its words as Markdown ("" when listed as a link only)."""

    interview: Interview
    exchanges: list[tuple[ExchangeLinks, str]]


@dataclass(frozen=True)
class Backlinks:
    total: int  # exchanges in the whole list
    shown: list[Group]  # the first `full` with their words, then up to `listed` as links
    earlier: list[tuple[str, list[tuple[Interview, int]]]]  # year → the next interviews, each with its number of exchanges
    counted: list[tuple[str, int]]  # year → how many interviews beyond those

    @property
    def more(self) -> int:
        """Exchanges not shown one by one."""
        return self.total - sum(len(group.exchanges) for group in self.shown)


def bounded(
    items: Sequence[tuple[ExchangeLinks, Item]], words: Callable[[ExchangeLinks, Item], str], *, full: int, listed: int, interviews: int
) -> Backlinks:
    """`items` (one per exchange, in the knowledge base's order: newest interview first) as a bounded list;
    `words` is called only for the `full` first ones."""
    shown: list[Group] = []
    for index, (links, item) in enumerate(items[:listed]):
        said = words(links, item) if index < full else ""
        if shown and shown[-1].interview.slug == links.interview.slug:
            shown[-1].exchanges.append((links, said))
        else:
            shown.append(Group(links.interview, [(links, said)]))
    earlier, counted = by_year([links.interview for links, _ in items[listed:]], interviews)
    return Backlinks(len(items), shown, earlier, counted)


def by_year(interviews: Sequence[Interview], named: int) -> tuple[list[tuple[str, list[tuple[Interview, int]]]], list[tuple[str, int]]]:
    """The distinct `interviews` (one per item they hold, in the order given) by year: the first `named` of them
    with how many items each holds, then only how many interviews each year has beyond those."""
    counts: dict[str, tuple[Interview, int]] = {}
    for interview in interviews:
        known = counts.get(interview.slug)
        counts[interview.slug] = (interview, known[1] + 1 if known else 1)
    earlier: dict[str, list[tuple[Interview, int]]] = {}
    counted: dict[str, int] = {}
    for number, (interview, count) in enumerate(counts.values()):
        year = interview.date[:4]
        if number < named:
            earlier.setdefault(year, []).append((interview, count))
        else:
            counted[year] = counted.get(year, 0) + 1
    return list(earlier.items()), list(counted.items())


def first_per_exchange(items: Sequence[tuple[ExchangeLinks, Item]]) -> list[tuple[ExchangeLinks, Item]]:
    """The first item of each exchange (a person's first turn in it), in order."""
    seen: set[str] = set()
    firsts = []
    for links, item in items:
        if links.exchange.anchor not in seen:
            seen.add(links.exchange.anchor)
            firsts.append((links, item))
    return firsts
