"""Rebuild only what an edit changed, under `mkdocs serve --dirty`.

MkDocs' dirty build skips every page whose `File.is_modified()` is false, and
with it the page's Markdown conversion, template rendering and search entries.
Generated pages say they are unmodified when their Markdown is the same as in
the previous build *and* nothing else a page's HTML depends on changed (the
`context`: nav, the set of files, the glossary tooltips, mkdocs.yml,
hand-written docs and theme overrides). When the context changed, everything is
rebuilt from an emptied site folder, exactly as a clean build would. When some
page's tags changed, the docs folder's pages (the tags listing) are built again.
The downloads are written only when their bytes changed.

The search index (scripts/interview_kb/outputs/search/) is made from the seeds after every
build, partial or not, so it never depends on which pages were rebuilt.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from interview_kb.knowledge.base import KnowledgeBase
from interview_kb.outputs import downloads
from interview_kb.reading.loader import Interview
from interview_kb.urls import interview_page


class GeneratedPage(File):
    """A generated page that tells MkDocs' dirty build whether its content changed since the last build."""

    unchanged = False

    @classmethod
    def of(cls, config: MkDocsConfig, path: str, content: str | bytes, *, unchanged: bool) -> Self:
        file = cls.generated(config, path, content=content)
        assert isinstance(file, cls)
        file.unchanged = unchanged
        return file

    def is_modified(self) -> bool:
        return not self.unchanged or not os.path.isfile(self.abs_dest_path)


class GeneratedFile(GeneratedPage):
    """A generated file that is no page (a download), which a dirty build writes again only when its bytes changed.

    It is copied as it is, even when its name ends in `.md`.
    """

    def is_documentation_page(self) -> bool:
        return False


def digest(value: str | bytes) -> str:
    return hashlib.sha256(value.encode() if isinstance(value, str) else value).hexdigest()


def files_state(paths: Iterable[Path]) -> list[tuple[str, int, int]]:
    """Name, size and modification time of each file, so that an edited one changes the context."""
    state = []
    for path in paths:
        stat = path.stat()
        state.append((str(path), stat.st_size, stat.st_mtime_ns))
    return sorted(state)


@dataclass
class Rebuilds:
    """What the previous build of this `mkdocs serve` produced."""

    pages: dict[str, str] = field(default_factory=dict)  # docs path → digest of its Markdown
    context: str = ""
    partial: bool = False  # whether the current build skips unchanged pages
    files: dict[str, str] = field(default_factory=dict)  # site path of a generated file (a download) → digest of its bytes
    tags: str = ""
    tags_changed: bool = False  # whether some page's tags are not those of the previous build

    def plan(self, pages: dict[str, str], context: Any, tags: Any = None) -> set[str]:
        """The generated pages that need no rebuild; remembers this build for the next one.

        `tags` (each page's tags) is not part of the context: a page's HTML shows only its own tags, which are in its
        Markdown; the tags plugin's listing of every page's tags, a page of the docs folder, is what they change.
        """
        context_digest = digest(json.dumps(context, sort_keys=True, default=str))
        tags_digest = digest(json.dumps(tags, sort_keys=True, default=str))
        hashes = {path: digest(text) for path, text in pages.items()}
        self.partial = bool(self.context) and context_digest == self.context
        self.tags_changed = tags_digest != self.tags
        unchanged = {path for path, h in hashes.items() if self.pages.get(path) == h} if self.partial else set()
        self.pages, self.context, self.tags = hashes, context_digest, tags_digest
        return unchanged

    def plan_files(self, contents: dict[str, bytes]) -> set[str]:
        """The generated files (not pages) of this build whose bytes are those of the previous one; call after `plan`."""
        hashes = {path: digest(content) for path, content in contents.items()}
        unchanged = {path for path, h in hashes.items() if self.files.get(path) == h} if self.partial else set()
        self.files = hashes
        return unchanged


class InterviewCache:
    """Each interview as read in an earlier build, reused while its transcript and metadata bytes are the same."""

    def __init__(self, read: Callable[[Path], Interview]) -> None:
        self._read = read
        self._known: dict[Path, tuple[str, Interview]] = {}

    def read(self, transcript: Path) -> Interview:
        meta = transcript.with_suffix(".yml")
        key = digest(transcript.read_bytes() + b"\0" + (meta.read_bytes() if meta.is_file() else b""))
        known = self._known.get(transcript)
        if known and known[0] == key:
            return known[1]
        interview = self._read(transcript)
        self._known[transcript] = (key, interview)
        return interview


class DownloadMemo:
    """Each interview's downloads (outputs/downloads.py) from the previous build, while it is the same interview read
    (`InterviewCache` hands out the same object while its files' bytes are the same) at the same address."""

    def __init__(self) -> None:
        self._known: dict[str, tuple[Interview, str | None, dict[str, bytes]]] = {}

    def render(self, kb: KnowledgeBase, page_urls: dict[str, str | None]) -> dict[str, bytes]:
        """`downloads.render(kb, page_urls)`, made again only for the interviews read again."""
        files: dict[str, bytes] = {}
        known: dict[str, tuple[Interview, str | None, dict[str, bytes]]] = {}
        for interview in kb.interviews:
            url = page_urls.get(interview.slug)
            kept = self._known.get(interview.slug)
            if kept is None or kept[0] is not interview or kept[1] != url:
                one = dataclasses.replace(kb, interviews=(interview,))
                kept = (interview, url, downloads.render(one, {interview.slug: url}))
            known[interview.slug] = kept
            files.update(kept[2])
        self._known = known
        return files


def context(files: Files, generated: dict[str, str], config: MkDocsConfig) -> Any:
    """Everything besides its own Markdown that a generated page's HTML depends on."""
    watched = [Path(f.abs_src_path) for f in files if f.abs_src_path]
    theme = [Path(config.config_file_path)]
    if config.theme.custom_dir:
        theme += [p for p in Path(config.theme.custom_dir).rglob("*") if p.is_file()]
    return {
        "nav": config.nav,
        "files": sorted([*(f.src_uri for f in files), *generated]),
        "sources": files_state([*watched, *theme]),
        "glossary": config.mdx_configs.get("abbr"),
        "site": [config.site_url, config.site_name, config.site_description, config.use_directory_urls],
    }


def tags(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Each interview page's topics, which are its tags."""
    return {
        interview_page(i.slug): sorted({t for e in i.transcript.exchanges for t in kb.exchange_topics[e.anchor]}) for i in kb.interviews
    }


def rebuild_docs_pages(files: Files) -> None:
    """The docs folder's own pages are built again in a dirty build (their output removed): the tags listing is one."""
    for file in files.documentation_pages():
        if not isinstance(file, GeneratedPage) and os.path.isfile(file.abs_dest_path):
            os.remove(file.abs_dest_path)
