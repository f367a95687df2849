"""Rebuild only what an edit changed, under `mkdocs serve --dirty`.

MkDocs' dirty build skips every page whose `File.is_modified()` is false, and
with it the page's Markdown conversion, template rendering and search entries.
Generated pages say they are unmodified when their Markdown is the same as in
the previous build *and* nothing else a page's HTML depends on changed (the
`context`: nav, the set of files, the glossary tooltips, the tags, mkdocs.yml,
hand-written docs and theme overrides). When the context changed, everything is
rebuilt from an emptied site folder, exactly as a clean build would.

Material's search index is written from the pages built in this run, so after a
partial rebuild it is merged with the previous complete index (`merge_search`).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from scripts.kb.seeds.loader import Interview


class GeneratedPage(File):
    """A generated page that tells MkDocs' dirty build whether its content changed since the last build."""

    unchanged = False

    @classmethod
    def of(cls, config: MkDocsConfig, path: str, text: str, *, unchanged: bool) -> GeneratedPage:
        page = cls.generated(config, path, content=text)
        assert isinstance(page, GeneratedPage)
        page.unchanged = unchanged
        return page

    def is_modified(self) -> bool:
        return not self.unchanged or not os.path.isfile(self.abs_dest_path)


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
    search_docs: list[dict[str, Any]] | None = None
    partial: bool = False  # whether the current build skips unchanged pages

    def plan(self, pages: dict[str, str], context: Any) -> set[str]:
        """The generated pages that need no rebuild; remembers this build for the next one."""
        context_digest = digest(json.dumps(context, sort_keys=True, default=str))
        hashes = {path: digest(text) for path, text in pages.items()}
        self.partial = bool(self.context) and context_digest == self.context
        unchanged = {path for path, h in hashes.items() if self.pages.get(path) == h} if self.partial else set()
        self.pages, self.context = hashes, context_digest
        return unchanged

    def merge_search(self, docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The complete search index: this build's entries for the pages it built, the previous ones for the rest."""
        if self.partial and self.search_docs is not None:
            current: dict[str, list[dict[str, Any]]] = {}
            for doc in docs:
                current.setdefault(page_of(doc), []).append(doc)
            built = set(current)
            merged: list[dict[str, Any]] = []
            for doc in self.search_docs:
                page = page_of(doc)
                if page not in built:
                    merged.append(doc)
                elif page in current:
                    merged.extend(current.pop(page))  # where the page's old entries began
            docs = merged + [doc for rest in current.values() for doc in rest]
        self.search_docs = docs
        return docs


def page_of(doc: dict[str, Any]) -> str:
    return str(doc["location"]).split("#", 1)[0]


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
