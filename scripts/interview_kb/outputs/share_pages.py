"""A share page per exchange: what a link previewer shows for that exchange, and a door straight on to it.

Link previewers (chat apps, social sites) read a page's Open Graph and Twitter
tags and ignore the `#anchor`, so an exchange's own link previews as its whole
interview. `interviews/<slug>/<anchor>/` is a small page of its own whose tags
name the exchange: its question, who answers and how the answer starts. A
reader who opens it is sent on at once to the exchange on the interview page:
by `location.replace` (so Back skips it), by a meta refresh without JavaScript,
and by a plain link. Its canonical link is the exchange's `#anchor` address; it
is `noindex`. There is one per exchange (about 60 for a one-hour episode), so
it carries nothing else: its description is in its tags only, and the site's
name in `og:site_name`, not in its title.

The pages are plain files written after the build (not MkDocs pages: tens of
thousands of themed pages would take minutes), so they are in neither the nav,
the sitemap nor the search index.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils import get_relative_url

from interview_kb.knowledge.base import KnowledgeBase
from interview_kb.reading.loader import Interview
from interview_kb.reading.transcript import Exchange
from interview_kb.render.citation import speakers
from interview_kb.render.templates import excerpt
from interview_kb.urls import SiteUrls, interview_page

DESCRIPTION_WORDS = 24


@dataclass(frozen=True)
class Site:
    """What every share page says about the site: its name and where its pages are."""

    name: str
    urls: SiteUrls


def description(interview: Interview, exchange: Exchange) -> str:
    """`Who: “The answer's opening words…” — Interview title, date`; an exchange nobody answers, by its question."""
    answer = next((turn for turn in exchange.answers if not turn.aside), None)
    said = excerpt((answer or exchange.question).text, DESCRIPTION_WORDS)
    return f"{speakers(interview, exchange)}: “{said}” — {interview.title}, {interview.date}"


def share_page(interview: Interview, exchange: Exchange, site: Site, image: str = "") -> str:
    """The page's HTML; `image` is the absolute URL of a preview image, if there is one."""
    urls = site.urls
    here = urls.share(interview.slug, exchange.anchor)
    target = f"{get_relative_url(urls.interview(interview.slug), here)}#{exchange.anchor}"
    canonical = urls.full(f"{urls.interview(interview.slug)}#{exchange.anchor}")
    title = exchange.label
    said = description(interview, exchange)

    def attr(text: str) -> str:
        return html.escape(text, quote=True)

    tags = [
        ("property", "og:type", "article"),
        ("property", "og:site_name", site.name),
        ("property", "og:title", title),
        ("property", "og:description", said),
        ("property", "og:url", urls.full(here)),  # this page: a previewer that follows og:url keeps the exchange's tags
        *([("property", "og:image", image)] if image else []),
        ("property", "article:published_time", interview.date),
        ("name", "twitter:card", "summary_large_image" if image else "summary"),  # its title, text and image: og:'s
    ]
    meta = "".join(f'<meta {kind}="{name}" content="{attr(value)}">\n' for kind, name, value in tags)
    script = json.dumps(target).replace("<", "\\u003c")
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)} · {html.escape(interview.title)}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{attr(canonical)}">\n'
        f'<meta http-equiv="refresh" content="0; url={attr(target)}">\n'
        f"{meta}"
        f"<script>location.replace({script})</script>\n"
        "</head>\n<body>\n"
        f'<p><a href="{attr(target)}">{html.escape(title)}</a></p>\n'
        "</body>\n</html>\n"
    )


def render(kb: KnowledgeBase, site: Site, images: dict[str, str] | None = None) -> dict[str, str]:
    """Every share page, keyed by its path in the site folder; `images` maps a slug to its preview image's URL."""
    images = images or {}
    return {
        site.urls.share_file(i.slug, e.anchor): share_page(i, e, site, images.get(i.slug, ""))
        for i in kb.interviews
        for e in i.transcript.exchanges
    }


def write(site_dir: Path, kb: KnowledgeBase, site: Site, images: dict[str, str] | None = None) -> int:
    """Write every share page into the site folder (and remove those of exchanges no longer there); the bytes written."""
    pages = render(kb, site, images)
    for interview in kb.interviews:  # under `mkdocs serve --dirty`, an edited question leaves its old page behind
        page = site_dir / site.urls.url(interview_page(interview.slug))
        folder = site_dir / "interviews" / interview.slug
        for old in sorted(folder.rglob("*.html")) if folder.is_dir() else []:
            if old.relative_to(site_dir).as_posix() not in pages and old != page / "index.html":
                old.unlink()
                if old.parent != folder and not any(old.parent.iterdir()):
                    old.parent.rmdir()
    written = 0
    for path, text in pages.items():
        data = text.encode("utf-8")
        write_if_changed(site_dir / path, data)
        written += len(data)
    return written


def write_if_changed(file: Path, data: bytes) -> None:
    """Write `data` unless the file holds it already: a rebuild under `mkdocs serve --dirty` rewrites only what changed."""
    try:
        if file.read_bytes() == data:
            return
    except FileNotFoundError:
        file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(data)
