"""Pictures built into the pages as plain HTML and CSS: no script, no charting library.

The map of a conversation (one mark per exchange), the map of the series
(interviews × topics), the timeline on a time axis, and a badge per speaker.
Every string from the seeds passes through `attribute`, so it shows literally
inside raw HTML. Colours come from classes styled in overrides/assets/kb.css.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from interview_kb.knowledge.base import KnowledgeBase
from interview_kb.reading.facts_file import Fact
from interview_kb.reading.loader import Interview
from interview_kb.reading.transcript import Exchange
from interview_kb.render.markdown_text import attribute
from interview_kb.urls import SiteUrls, interview_page, topic_page

# Topic colours (kb.css `.kb-topic-N`) go by taxonomy order; past this many they
# repeat with another of the eight patterns, so two topics never share both.
TOPIC_COLOURS = 8
BADGE_COLOURS = 8


def topic_class(index: int) -> str:
    """The colour and pattern classes of the topic at `index` in the taxonomy."""
    return f"kb-topic-{index % TOPIC_COLOURS} kb-pattern-{(index // TOPIC_COLOURS + index) % TOPIC_COLOURS}"


def swatch(index: int) -> str:
    return f'<span class="kb-swatch {topic_class(index)}" aria-hidden="true"></span>'


def words(exchange: Exchange) -> int:
    return sum(len(p.text.split()) for t in exchange.turns for p in t.paragraphs)


def mark_width(count: int) -> float:
    """A mark's width in rem: proportional to the words, 60 words a rem, 1.2 rem (a finger) at least."""
    return round(min(16.0, max(1.2, count / 60)), 2)


def conversation_map(interview: Interview, kb: KnowledgeBase) -> str:
    """The interview as a row of marks, one per exchange in order: width its length, bands its topics."""
    order = {t.slug: n for n, t in enumerate(kb.topics)}
    used = sorted({order[s] for e in interview.transcript.exchanges for s in kb.exchange_topics[e.anchor]})
    marks = []
    for exchange in interview.transcript.exchanges:
        indexes = [order[s] for s in kb.exchange_topics[exchange.anchor]]
        bands = "".join(f'<span class="kb-band {topic_class(n)}"></span>' for n in indexes) or '<span class="kb-band kb-topic-none"></span>'
        marks.append(
            f'<li style="width:{mark_width(words(exchange))}rem"><a class="kb-convmap__mark" href="#{exchange.anchor}">'
            f'<span class="kb-sr">{attribute(exchange.label)}</span><span class="kb-bands" aria-hidden="true">{bands}</span></a></li>'
        )
    legend = "".join(f"<li>{swatch(n)}{attribute(kb.topics[n].title)}</li>" for n in used)
    if any(not kb.exchange_topics[e.anchor] for e in interview.transcript.exchanges):
        legend += '<li><span class="kb-swatch kb-topic-none" aria-hidden="true"></span>No topic</li>'
    return (
        '<nav class="kb-convmap" aria-labelledby="kb-convmap-title" data-search-exclude>'
        '<p class="kb-convmap__title" id="kb-convmap-title"><strong>The conversation at a glance</strong>: '
        "one mark per exchange, in order; its width is its length, its colours and patterns its topics.</p>"
        f'<ol class="kb-convmap__marks">{"".join(marks)}</ol>'
        f'<ul class="kb-legend" aria-label="Topics">{legend}</ul></nav>'
    )


@dataclass(frozen=True)
class Cell:
    count: int
    href: str  # relative to the home page


def series_cells(kb: KnowledgeBase, full_text: int, urls: SiteUrls) -> dict[tuple[str, str], Cell]:
    """(interview slug, topic slug) → how many exchanges and where they lead; pairs with none are left out.

    A count leads to the interview's group on the topic page when that page shows
    it in full (the first `full_text` exchanges of the topic), else to its first
    exchange on the topic page (one interview) or in the interview.
    """
    cells: dict[tuple[str, str], Cell] = {}
    several = len(kb.interviews) > 1
    for topic in kb.topics:
        entries = kb.topic_exchanges(topic.slug)
        shown = {i.slug for i, _ in entries[:full_text]}
        page = urls.url(topic_page(topic.slug))
        counts: dict[str, int] = {}
        for interview, exchange in entries:
            key = (interview.slug, topic.slug)
            counts[interview.slug] = counts.get(interview.slug, 0) + 1
            if key not in cells:
                if interview.slug not in shown:
                    href = f"{urls.url(interview_page(interview.slug))}#{exchange.anchor}"
                else:
                    href = f"{page}#from-{interview.slug}" if several else f"{page}#{exchange.anchor}"
                cells[key] = Cell(0, href)
        for slug, count in counts.items():
            cells[(slug, topic.slug)] = Cell(count, cells[(slug, topic.slug)].href)
    return cells


def series_map(
    kb: KnowledgeBase,
    full_text: int,
    urls: SiteUrls,
    interviews: Sequence[Interview] | None = None,
    cells: dict[tuple[str, str], Cell] | None = None,
    root: str = "",
) -> str:
    """A table of `interviews` (default: all, newest first, under their year) × topics; each count links to those exchanges.

    `cells` are `series_cells(kb, full_text, urls)`, computed once for all the pages that show a part of the map;
    `root` leads from the page to the site's root (links in raw HTML are not rewritten by MkDocs).
    """
    cells = cells if cells is not None else series_cells(kb, full_text, urls)
    most = max((c.count for c in cells.values()), default=1)
    head = "".join(f'<th scope="col">{swatch(n)}<span>{attribute(t.title)}</span></th>' for n, t in enumerate(kb.topics))
    rows = []
    year = None
    for interview in kb.interviews if interviews is None else interviews:
        if interview.date[:4] != year:
            year = interview.date[:4]
            rows.append(f'<tr class="kb-series-map__year"><th scope="colgroup" colspan="{len(kb.topics) + 1}">{year}</th></tr>')
        row = [f'<th scope="row"><a href="{root}{urls.url(interview_page(interview.slug))}">{attribute(interview.title)}</a></th>']
        for topic in kb.topics:
            cell = cells.get((interview.slug, topic.slug))
            if cell is None:
                row.append('<td class="kb-series-map__none"></td>')
                continue
            share = round(cell.count / most, 2)
            row.append(
                f'<td style="--kb-share:{share}"><a href="{root}{cell.href}">{cell.count}'
                f'<span class="kb-sr"> on {attribute(topic.title)} in {attribute(interview.title)}</span></a></td>'
            )
        rows.append(f"<tr>{''.join(row)}</tr>")
    return (
        '<div class="kb-series-map" role="region" aria-labelledby="series-map" tabindex="0" data-search-exclude>'
        '<table class="kb-series-map__table"><thead><tr><th scope="col">Interview</th>'
        f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def initials(name: str) -> str:
    """Up to two letters: the first of the first and of the last word."""
    parts = [w for w in name.split() if any(c.isalnum() for c in w)]
    letters = [next(c for c in w if c.isalnum()) for w in (parts[:1] + parts[1:][-1:])]
    return "".join(letters).upper() or "?"


def badge(name: str, asks: bool) -> str:
    """A speaker's mark: initials on a colour derived from the name (the same on every page); square for who asks, round for who answers.

    The initials are drawn by CSS from `data-initials`, so that text copied from a turn is the speaker's words only.
    """
    colour = int(hashlib.sha256(name.encode()).hexdigest()[:8], 16) % BADGE_COLOURS
    shape = "kb-badge--asks" if asks else "kb-badge--answers"
    return f'<span class="kb-badge kb-badge-{colour} {shape}" data-initials="{attribute(initials(name))}" aria-hidden="true"></span>'


def event_id(event: Fact) -> str:
    """A timeline event's anchor: its date and a hash of its interview and words, so adding events moves none."""
    digest = hashlib.sha256(f"{event.interview}\n{event.fact}".encode()).hexdigest()[:6]
    return f"event-{event.date}-{digest}"


def position(date: str) -> float:
    """A date as a fractional year: the middle of the year or month when the day is not given."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 1:
        return parts[0] + 0.5
    if len(parts) == 2:
        return parts[0] + (parts[1] - 0.5) / 12
    return parts[0] + (parts[1] - 1) / 12 + (parts[2] - 0.5) / 365


def timeline_picture(events: Sequence[Fact]) -> str:
    """Dated events as dots on a year axis; each dot leads to the event in the list below, with its quote."""
    if not events:
        return ""
    first = int(min(position(e.date) for e in events))
    last = int(max(position(e.date) for e in events)) + 1
    span = last - first
    step = 1 if span <= 12 else 5 if span <= 60 else 10
    years = range(first, last + 1, step)
    ticks = "".join(f'<li style="left:{(year - first) / span * 100:.2f}%">{year}</li>' for year in years)
    dots = []
    rows: list[float] = []  # the rightmost dot of each row, so that close dots stack instead of overlapping
    for event in events:
        x = (position(event.date) - first) / span * 100
        row = next((n for n, right in enumerate(rows) if x - right >= 4), len(rows))
        if row == len(rows):
            rows.append(x)
        rows[row] = x
        dots.append(
            f'<li style="left:{x:.2f}%;--kb-row:{row}"><a href="#{event_id(event)}">'
            f'<span class="kb-sr">{attribute(event.when)}: {attribute(event.fact)}</span></a></li>'
        )
    return (
        f'<figure class="kb-timemap" style="--kb-rows:{len(rows)}" data-search-exclude>'
        f'<ol class="kb-timemap__events">{"".join(dots)}</ol>'
        f'<ol class="kb-timemap__years" aria-hidden="true">{ticks}</ol>'
        "<figcaption>Each dot is an event, placed at its date; follow it to the event and the words that date it.</figcaption></figure>"
    )
