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


def share_page(slug: str, anchor: str) -> str:
    """Where an exchange's share page would be in the docs folder: beside its interview page, under its folder.

    Never a docs file (the page is written as a plain file after the build); the path gives it
    MkDocs' URL rules. Anchors are unique across the series, so one page never takes another's place.
    """
    return f"interviews/{slug}/{anchor}.md"


def card_image(slug: str) -> str:
    """Site path of an interview's preview image (outputs/cards.py)."""
    return f"cards/{slug}.png"


def interview_data(slug: str) -> str:
    """Site path of an interview's exchanges as data, linked from kb.json."""
    return f"kb/{slug}.json"


# The downloads are stored gzip-compressed (outputs/downloads.py): the page saves them uncompressed.
COMPRESSED = ".gz"


def text_download(slug: str) -> str:
    """Site path of an interview's plain-text download (gzip-compressed)."""
    return f"{DOWNLOADS}/{slug}.txt{COMPRESSED}"


def markdown_download(slug: str) -> str:
    """Site path of an interview's Markdown download (gzip-compressed)."""
    return f"{DOWNLOADS}/{slug}.md{COMPRESSED}"


def bibtex_download(slug: str) -> str:
    """Site path of an interview's citations as BibTeX, the interview and every exchange (gzip-compressed)."""
    return f"{DOWNLOADS}/{slug}.bib{COMPRESSED}"


def csl_download(slug: str) -> str:
    """Site path of an interview's citations as CSL-JSON, the interview and every exchange (gzip-compressed)."""
    return f"{DOWNLOADS}/{slug}.json{COMPRESSED}"


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

    def share(self, slug: str, anchor: str) -> str:
        """Site-relative URL of an exchange's share page, e.g. `interviews/x/why-now-3fa2c1/` (outputs/share_pages.py)."""
        return self.url(share_page(slug, anchor))

    def share_file(self, slug: str, anchor: str) -> str:
        """Path in the site folder of an exchange's share page, e.g. `interviews/x/why-now-3fa2c1/index.html`."""
        return File(share_page(slug, anchor), src_dir=None, dest_dir="", use_directory_urls=self.use_directory_urls).dest_uri

    def full(self, url: str) -> str:
        """`url` (site-relative) made absolute with `site_url`; as it is when the site has none."""
        return f"{self.site_url.rstrip('/')}/{url}" if self.site_url else url
