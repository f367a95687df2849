"""Where every generated page and file lives in the docs folder, and where MkDocs publishes it.

Page URLs follow MkDocs' own `File` rules (`use_directory_urls`), made absolute
with `site_url` when the site has one, so no URL scheme is written by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

HOME_PAGE = "index.md"
TAGS_PAGE = "tags.md"  # written by hand in docs/, filled by Material's tags plugin
GLOSSARY_PAGE = "glossary.md"
FACTS_PAGE = "facts.md"
TIMELINE_PAGE = "timeline.md"
SERIES_PAGE = "series/index.md"  # every interview with its topics (the series map); by year in a large series
DOWNLOADS = "downloads"  # the transcripts as files, copied as they are
KB_INDEX = "kb.json"  # the export's index; each interview's exchanges are in `interview_data(slug)`
KB_INDEX_SCHEMA = "kb.schema.json"
INTERVIEW_DATA_SCHEMA = "kb/interview.schema.json"  # a slug has no dot: no interview's file is named so


def interview_page(slug: str) -> str:
    """Docs path of an interview's page."""
    return f"interviews/{slug}.md"


def series_page(part: str) -> str:
    """Docs path of one part of the series map: a year (`2019`), or a year's later interviews (`2019-2`)."""
    return f"series/{part}.md"


def topic_page(slug: str) -> str:
    """Docs path of a topic's page."""
    return f"topics/{slug}.md"


def interview_data(slug: str) -> str:
    """Site path of an interview's exchanges as data, linked from kb.json."""
    return f"kb/{slug}.json"


def text_download(slug: str) -> str:
    """Site path of an interview's plain-text download."""
    return f"{DOWNLOADS}/{slug}.txt"


def markdown_download(slug: str) -> str:
    """Site path of an interview's Markdown download."""
    return f"{DOWNLOADS}/{slug}.md"


@dataclass(frozen=True)
class SiteUrls:
    """URLs of pages in one site: `site_url` ("" when unknown) and MkDocs' `use_directory_urls`."""

    site_url: str = ""
    use_directory_urls: bool = True

    @classmethod
    def of(cls, config: MkDocsConfig) -> SiteUrls:
        return cls(config.site_url or "", config.use_directory_urls)

    def url(self, src_uri: str) -> str:
        """Site-relative URL of the page at docs path `src_uri`, e.g. `interviews/x/` for `interviews/x.md`."""
        return File(src_uri, src_dir=None, dest_dir="", use_directory_urls=self.use_directory_urls).url

    def absolute(self, src_uri: str) -> str | None:
        """Absolute URL of the page, or None when the site has no `site_url`."""
        return f"{self.site_url.rstrip('/')}/{self.url(src_uri)}" if self.site_url else None

    def interview(self, slug: str) -> str:
        return self.url(interview_page(slug))
