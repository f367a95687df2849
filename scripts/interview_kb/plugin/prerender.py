"""The generated pages' Markdown converted on every core, ahead of MkDocs, with MkDocs' own code and configuration.

MkDocs converts pages one after the other on one core; converting the
generated pages was about half of a large build. Before MkDocs reads the
pages (`on_nav`), `start` forks one worker per core, which inherit the whole
build as it is (configuration, files, extensions, glossary), and hands them the
generated pages, largest first. Each worker runs what MkDocs runs for a page
(`Page.read_source`, the plugins' `on_page_markdown`, `Page.render`) and sends
back what `Page.render` sets: the HTML, the table of contents, the title, the
anchors, the links to anchors, and the lines it logged.

MkDocs then goes through the pages as always; for a page sent to a worker,
`Page.render` takes the worker's result instead of converting again, if the
worker converted exactly the Markdown MkDocs has for the page at that point
(compared by digest), and replays the worker's log lines in place, so that a
warning counts in a strict build as it would have. In any other case (a worker
failed, another plugin changed the page differently in MkDocs' own run) the
page is converted in the build's process, as without workers: the HTML is the
same either way, and only the time differs.

Forking needs a system that has it (not Windows, where pages are converted as
before); small builds and the partial rebuilds of `mkdocs serve --dirty`, where
forking would cost more than it saves, are converted as before too.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import multiprocessing
import os
import re
from concurrent import futures
from dataclasses import dataclass, field
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

# Pages to convert, in characters of Markdown, below which workers cost more than they save (forking takes about 0.1 s).
MIN_MARKDOWN = 2_000_000
LOGGERS = ("mkdocs", "")  # MkDocs' logger (plugins log under it) and the root logger: what a worker logs is sent back


@dataclass(frozen=True)
class Rendered:
    """What `Page.render` sets on a page, as a worker sends it back (files named by their path, not as objects)."""

    digest: str  # of the Markdown converted
    content: str
    toc: TableOfContents
    title: str | None
    present_anchor_ids: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None
    logged: list[tuple[str, int, str]]  # logger name, level, message


# A button's long attribute values (the citations the interview's Cite as… buttons copy; an exchange's Cite button
# carried its own until its citations were written in the browser, 38 % of a long interview page's Markdown). Raw
# HTML inside Markdown passes through as written, and Python-Markdown and MkDocs each parse it with an HTML parser
# that reads every character of them (and every character reference): they are swapped for a short name while the page
# is converted, and put back in the HTML (`lean_render`).
BUTTON = re.compile(r"<button\s[^<>]*>")
LONG_VALUE = re.compile(r'(\s(?:title|data-clipboard-text)=")([^"<>]{64,})(")')
NAME = "kb-value-{}-z"
NAMED = re.compile(r"kb-value-(\d+)-z")


def lean_render(page: Page, config: MkDocsConfig, files: Files) -> None:
    """`Page.render`, with the buttons' long attribute values swapped out while it converts; the same HTML.

    A value is swapped only in a `<button>` tag without a `markdown` attribute, whose text Python-Markdown passes on as
    written; if the HTML does not hold every name exactly once, the page is converted again as it is.
    """
    source = page.markdown or ""
    values: list[str] = []

    def named(found: re.Match[str]) -> str:
        values.append(found[2])
        return f"{found[1]}{NAME.format(len(values) - 1)}{found[3]}"

    def button(found: re.Match[str]) -> str:
        return found[0] if " markdown" in found[0] else LONG_VALUE.sub(named, found[0])

    lean = BUTTON.sub(button, source) if NAMED.search(source) is None else source
    if not values:
        Page.render(page, config, files)
        return
    page.markdown = lean
    try:
        Page.render(page, config, files)
    finally:
        page.markdown = source
    content = page.content or ""
    seen = [int(found[1]) for found in NAMED.finditer(content)]
    if sorted(seen) != list(range(len(values))):
        Page.render(page, config, files)
        return
    page.content = NAMED.sub(lambda found: values[int(found[1])], content)


def digest(markdown: str) -> str:
    return hashlib.sha256(markdown.encode("utf-8", "surrogatepass")).hexdigest()


class _Kept(logging.Handler):
    """A worker's log lines, kept to be sent back with the page instead of printed."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


@dataclass
class _Build:
    """The build a worker inherits at the fork."""

    config: MkDocsConfig
    files: Files
    kept: _Kept = field(default_factory=_Kept)


_inherited: _Build | None = None


def _worker_start() -> None:
    """In a new worker: what it logs is kept, not printed (the build's process prints it, in its place)."""
    assert _inherited is not None
    for name in LOGGERS:
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.addHandler(_inherited.kept)


def _convert(src_uri: str) -> Rendered:
    """In a worker: MkDocs' steps for one page up to its HTML (mkdocs/commands/build.py, `_populate_page`)."""
    assert _inherited is not None
    config, files, kept = _inherited.config, _inherited.files, _inherited.kept
    kept.records = []
    file = files.get_file_from_path(src_uri)
    assert file is not None and file.page is not None
    page = file.page
    config._current_page = page
    page.read_source(config)
    page.markdown = config.plugins.on_page_markdown(page.markdown or "", page=page, config=config, files=files)
    lean_render(page, config, files)
    links = None if page.links_to_anchors is None else {f.src_uri: dict(v) for f, v in page.links_to_anchors.items()}
    return Rendered(
        digest(page.markdown or ""),
        page.content or "",
        page.toc,
        page._title_from_render,
        page.present_anchor_ids,
        links,
        kept.records,
    )


class Prerender:
    """The workers of one build, and the pages they convert."""

    def __init__(self) -> None:
        self.pool: futures.ProcessPoolExecutor | None = None
        self.pending: dict[str, futures.Future[Rendered]] = {}
        self.taken = 0  # pages whose workers' HTML the build took, in this build

    def start(self, pages: list[Page], config: MkDocsConfig, files: Files) -> None:
        """Hand `pages` (whose source is in memory: generated) to workers, if there are enough of them and cores to share."""
        global _inherited
        self.close()
        self.taken = 0
        workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
        for page in pages:
            page.render = self._render_for(page)  # type: ignore[method-assign]
        sizes = {page.file.src_uri: len(page.file.content_string) for page in pages}
        if workers < 2 or "fork" not in multiprocessing.get_all_start_methods() or sum(sizes.values()) < MIN_MARKDOWN:
            return
        _inherited = _Build(config, files)
        # The objects there are now are left out of garbage collection while the workers are forked, so that a worker's
        # collection does not write to, and so copy, every page of memory it shares with the build's process.
        gc.freeze()
        try:
            self.pool = futures.ProcessPoolExecutor(workers, multiprocessing.get_context("fork"), initializer=_worker_start)
            for page in sorted(pages, key=lambda p: -sizes[p.file.src_uri]):  # the largest first: the last to end is short
                self.pending[page.file.src_uri] = self.pool.submit(_convert, page.file.src_uri)  # the first forks them
        finally:
            gc.unfreeze()
            _inherited = None  # the workers have their copy

    def _render_for(self, page: Page) -> Any:
        def render(config: MkDocsConfig, files: Files) -> None:
            del page.render  # once: a later build of the same page (`mkdocs serve`) converts it anew
            job = self.pending.pop(page.file.src_uri, None)
            try:
                rendered = job.result() if job else None
            except Exception:  # the build's process converts it, and says what is wrong if anything is
                rendered = None
            if rendered is None or rendered.digest != digest(page.markdown or ""):
                lean_render(page, config, files)
            else:
                self.apply(page, rendered, files)
                self.taken += 1
            if job and not self.pending:
                self.close()

        return render

    @staticmethod
    def apply(page: Page, rendered: Rendered, files: Files) -> None:
        for name, level, message in rendered.logged:
            logging.getLogger(name or None).log(level, message)
        page.content = rendered.content
        page.toc = rendered.toc
        page._title_from_render = rendered.title
        page.present_anchor_ids = rendered.present_anchor_ids
        if rendered.links_to_anchors is not None:
            linked = {files.get_file_from_path(uri): links for uri, links in rendered.links_to_anchors.items()}
            page.links_to_anchors = {file: links for file, links in linked.items() if file is not None}

    def close(self) -> None:
        """Stop the workers: at the end of the pages, or when a build stops before (what they had not begun is dropped)."""
        self.pending = {}
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
