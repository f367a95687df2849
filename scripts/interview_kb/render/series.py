"""The series pages: every interview with its topics (the series map), off the home page, by year in a large series.

The map has a row per interview and a cell per topic: at a thousand
interviews it weighed 1.2 MB, on the home page. It has pages of its own: one
(`series/`) while the series has at most `ONE_PAGE` interviews; beyond, that
page lists the years and each year has its page, split into pages of at most
`ONE_PAGE` interviews, so that no page grows with the series.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from interview_kb.knowledge.base import KnowledgeBase
from interview_kb.reading.loader import Interview
from interview_kb.render import pictures
from interview_kb.render.templates import template
from interview_kb.urls import SERIES_PAGE, SiteUrls, series_page

ONE_PAGE = 100
# By organization: each organization's newest interviews, the rest counted; the organizations with most interviews first.
ORGANIZATION_INTERVIEWS = 5
ORGANIZATIONS = 100


@dataclass(frozen=True)
class Part:
    """One page of the series map: a year, or a part of a year of more than `ONE_PAGE` interviews."""

    path: str
    title: str
    interviews: list[Interview]


def parts(kb: KnowledgeBase) -> list[Part]:
    """The year pages, newest first; none while the whole series fits on one page."""
    if len(kb.interviews) <= ONE_PAGE:
        return []
    years: dict[str, list[Interview]] = {}
    for interview in kb.interviews:
        years.setdefault(interview.date[:4], []).append(interview)
    found = []
    for year, listed in years.items():
        for number, start in enumerate(range(0, len(listed), ONE_PAGE), start=1):
            name = year if number == 1 else f"{year}-{number}"
            title = year if len(listed) <= ONE_PAGE else f"{year} ({number} of {-(-len(listed) // ONE_PAGE)})"
            found.append(Part(series_page(name), title, listed[start : start + ONE_PAGE]))
    return found


def organizations(kb: KnowledgeBase) -> list[tuple[str, list[Interview], int]]:
    """Every speaker's organization with its newest interviews and how many more: at most `ORGANIZATIONS`, those with
    the most interviews, alphabetically."""
    found: dict[str, list[Interview]] = {}
    for interview in kb.interviews:
        for organization in dict.fromkeys(s.organization for s in interview.participants if s.organization):
            found.setdefault(organization, []).append(interview)
    most = sorted(found.items(), key=lambda item: (-len(item[1]), item[0].casefold()))[:ORGANIZATIONS]
    kept = sorted(most, key=lambda item: item[0].casefold())
    return [(name, listed[:ORGANIZATION_INTERVIEWS], len(listed) - ORGANIZATION_INTERVIEWS) for name, listed in kept]


def root_of(path: str, urls: SiteUrls) -> str:
    """The way up from the page at `path` to the site's root, for links in raw HTML (which MkDocs leaves as written)."""
    return "../" * urls.url(path).count("/")


def render(kb: KnowledgeBase, urls: SiteUrls, full_text: int) -> dict[str, str]:
    """The series pages, keyed by their path under `docs/`; `full_text` is how many exchanges a topic page shows in full."""
    cells = pictures.series_cells(kb, full_text, urls)
    years = parts(kb)
    organized = organizations(kb)
    pages = {
        SERIES_PAGE: template("series.md.j2").render(
            title="Interviews and their topics",
            interviews=[] if years else kb.interviews,
            years=[(part, part.path.removeprefix("series/")) for part in years],
            organizations=organized if len({name for name, _, _ in organized}) > 1 else [],
            series_map="" if years else pictures.series_map(kb, full_text, urls, cells=cells, root=root_of(SERIES_PAGE, urls)),
        )
    }
    for part in years:
        pages[part.path] = template("series.md.j2").render(
            title=f"Interviews of {part.title}",
            interviews=part.interviews,
            years=[],
            organizations=[],
            series_map=pictures.series_map(kb, full_text, urls, interviews=part.interviews, cells=cells, root=root_of(part.path, urls)),
        )
    return pages


def nav(kb: KnowledgeBase) -> dict[str, Any]:
    """The series map's nav entry: its page, and its year pages under it."""
    years = parts(kb)
    if not years:
        return {"Series map": SERIES_PAGE}
    return {"Series map": [SERIES_PAGE, *({html.escape(part.title): part.path} for part in years)]}
