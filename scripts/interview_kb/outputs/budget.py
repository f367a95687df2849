"""The published site's size budget: what a static host takes, and what a reader's browser can open quickly.

GitHub Pages publishes up to 1 GB and refuses files over 100 MB; the budget
keeps well inside both (`SITE_LIMIT`, `FILE_LIMIT`) whatever the series' size,
and keeps every page light enough to open on a phone (`PAGE_LIMIT`,
`PAGE_GZIP_LIMIT`). `over_budget` says, one warning per file, what breaks a
limit and by how much; `weights` sums the site by kind of file, for the
benchmark and for the guide (docs/guide/publishing.md#the-size-budget).
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

from interview_kb.errors import SeedWarning

MB = 1_000_000
KB = 1_000
SITE_LIMIT = 500 * MB
FILE_LIMIT = 10 * MB
PAGE_LIMIT = 1 * MB
PAGE_GZIP_LIMIT = 200 * KB
GUIDE = "see docs/guide/publishing.md#the-size-budget"

# Kinds of published file, by their first folder (or name), in the order the benchmark prints them.
KINDS = {
    "interviews": "interview pages",
    "people": "knowledge pages",
    "organizations": "knowledge pages",
    "products": "knowledge pages",
    "glossary": "knowledge pages",
    "facts": "knowledge pages",
    "timeline": "knowledge pages",
    "topics": "topic pages",
    "downloads": "downloads",
    "pagefind": "search index",
    "kb.json": "export",
    "kb": "export",
    "kb.schema.json": "export",
    "assets": "assets",
}
KIND_ORDER = [
    "interview pages",
    "share pages",
    "knowledge pages",
    "topic pages",
    "other pages",
    "downloads",
    "search index",
    "export",
    "assets",
]


def size(number: int) -> str:
    """Bytes as a reader says them: `8.9 MB`, `310 KB`, `12 bytes`."""
    if number >= MB:
        return f"{number / MB:.1f} MB"
    if number >= KB:
        return f"{number / KB:.0f} KB"
    return f"{number} bytes"


def kind_of(relative: str) -> str:
    """The kind of the published file at `relative` (a path inside the site, with `/`): an exchange's share page,
    `interviews/<slug>/<anchor>/index.html` (outputs/share_pages.py), is a kind of its own, one per exchange."""
    parts = relative.split("/")
    if parts[0] == "interviews" and len(parts) == 4:
        return "share pages"
    return KINDS.get(parts[0], "other pages")


def files(site: Path) -> Iterator[tuple[str, int]]:
    """Every published file as (path inside the site, bytes), in path order."""
    for path in sorted(site.rglob("*")):
        if path.is_file():
            yield path.relative_to(site).as_posix(), path.stat().st_size


def weights(site: Path) -> dict[str, int]:
    """Bytes by kind of file (`KIND_ORDER`), every kind present, 0 when none."""
    totals = dict.fromkeys(KIND_ORDER, 0)
    for relative, number in files(site):
        totals[kind_of(relative)] += number
    return totals


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def over_budget(site: Path) -> list[SeedWarning]:
    """One warning per file over its limit, then one for the whole site over `SITE_LIMIT`; none within budget."""
    warnings: list[SeedWarning] = []
    total = 0
    for relative, number in files(site):
        total += number
        page = relative.endswith(".html")
        if number > FILE_LIMIT:
            warnings.append(over(relative, f"the file weighs {size(number)}", number - FILE_LIMIT, "a file may weigh", FILE_LIMIT))
        elif page and number > PAGE_LIMIT:
            warnings.append(over(relative, f"the page weighs {size(number)}", number - PAGE_LIMIT, "a page may weigh", PAGE_LIMIT))
        elif page and number > PAGE_GZIP_LIMIT:  # a page within PAGE_GZIP_LIMIT raw is within it gzipped
            packed = gzip_size(site / relative)
            if packed > PAGE_GZIP_LIMIT:
                what = f"the page weighs {size(packed)} gzipped"
                warnings.append(over(relative, what, packed - PAGE_GZIP_LIMIT, "a page may weigh gzipped", PAGE_GZIP_LIMIT))
    if total > SITE_LIMIT:
        warnings.append(over(".", f"the site weighs {size(total)}", total - SITE_LIMIT, "a site may weigh", SITE_LIMIT))
    return warnings


# What an editor can do about a file too large, by its kind.
REMEDIES = {
    "interview pages": "split the interview into parts, one transcript each",
    "share pages": "split the interview into parts, one transcript each",
    "downloads": "split the interview into parts, one transcript each",
    "other pages": "split the series into sites, or leave files out of docs/",
    "assets": "leave large files out of docs/ and overrides/",
}
GENERATED = "the page is generated: report it with the series' size, so that its bound can be lowered"


def over(relative: str, what: str, excess: int, limited: str, limit: int) -> SeedWarning:
    """`site/<relative>:1: <what>, <excess> over the <limit> <limited> — <what to do>`."""
    remedy = REMEDIES["other pages"] if relative == "." else REMEDIES.get(kind_of(relative), GENERATED)
    path = "site" if relative == "." else f"site/{relative}"
    return SeedWarning(path, 1, f"{what}, {size(excess)} over the {size(limit)} {limited}", f"{remedy} ({GUIDE})")
