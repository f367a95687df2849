"""The MkDocs plugin that turns `seeds/` into the knowledge-base pages inside every build.

    plugins:
      - interview-kb:
          seeds: !ENV [KB_SEEDS, seeds]

One instance lives for a whole `mkdocs serve` (it has `on_startup`), so a
rebuild re-reads only the interviews whose files changed and, with `--dirty`,
MkDocs rebuilds only the pages whose content changed (scripts/interview_kb/plugin/incremental.py).

The search index is made from the seeds, not from the pages, in a thread of its
own (scripts/interview_kb/outputs/search/background.py): it is written while
MkDocs renders the pages, which it does on one core, and the build waits for it
at its end; under `mkdocs serve --dirty` (`make serve`) it is written after the
page has reloaded.

On a terminal, one status line (scripts/interview_kb/plugin/progress.py) tells how far the build
is: interviews read, pages written, the search index; it is erased at the end.
"""

from __future__ import annotations

import json
import logging
import re
import time
from pathlib import Path
from typing import Any, Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.utils import clean_directory

from interview_kb.errors import MISTAKES, Collect, SeedWarning, errors_of, fail, shown
from interview_kb.knowledge import base, glossary
from interview_kb.knowledge import exchange_links as knowledge
from interview_kb.knowledge.base import KnowledgeBase
from interview_kb.knowledge.exchange_links import Knowledge
from interview_kb.outputs import budget, cards, feeds, kb_json, llms_txt, robots, share_pages
from interview_kb.outputs.search import index as search_index
from interview_kb.outputs.search.background import BackgroundIndex
from interview_kb.outputs.search.pagefind import Pagefind
from interview_kb.plugin.config import KnowledgeBaseConfig
from interview_kb.plugin.incremental import GeneratedFile, GeneratedPage, context, rebuild_docs_pages, tags
from interview_kb.plugin.prerender import Prerender
from interview_kb.plugin.progress import Progress
from interview_kb.plugin.session import Session
from interview_kb.render import compact_html, knowledge_pages, pages
from interview_kb.render.first_tooltips import FirstTooltips
from interview_kb.render.linear_markdown import LinearMarkdown
from interview_kb.render.pages import Site
from interview_kb.urls import SiteUrls, card_image, interview_page

log = logging.getLogger("mkdocs.plugins.interview_kb")
# As Material's search plugin removes them from every page (its on_page_context).
SEARCH_ATTRIBUTES = re.compile(r'\s?data-search-\w+="[^"]+"')


class _QuietDirtyNotice(logging.Filter):
    """MkDocs warns on every dirty build that navigation may be stale; this plugin rebuilds fully whenever it could be."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.session = Session()
        self.dirty = False
        self.index_after_reload = False  # `mkdocs serve --dirty`
        self._kb: KnowledgeBase | None = None
        self._knowledge: Knowledge | None = None
        self.seeds_dir = Path("seeds")
        self.page_order: list[str] = []
        self.indexing = BackgroundIndex()  # the search index; the build commands stop it or wait for it when a build fails
        self.progress = Progress.hidden()  # replaced at each build
        self.pages_written = self.pages_to_write = 0
        self.strict = False  # seed warnings and the size budget stop the build
        self.search_unhooked = False  # Material's search plugin draws the search box but indexes nothing
        self.prerender = Prerender()  # the generated pages' Markdown converted on every core (plugin/prerender.py)

    @property
    def kb(self) -> KnowledgeBase:
        assert self._kb is not None, "on_config has not run"
        return self._kb

    @property
    def knowledge(self) -> Knowledge:
        assert self._knowledge is not None, "on_config has not run"
        return self._knowledge

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Keeps this instance across the rebuilds of `mkdocs serve`."""
        self.dirty = dirty
        self.index_after_reload = command == "serve" and dirty
        if dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(_QuietDirtyNotice())

    def on_shutdown(self) -> None:
        """The end of a `mkdocs serve`: what the next build is compared with is forgotten."""
        self.indexing.wait()
        self.dirty = False
        self.index_after_reload = False
        self.session = Session()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            return config
        self.indexing.wait()  # the index of the build before is finished before anything touches the site folder
        self.progress.close()
        self.progress = Progress()
        self.seeds_dir = Path(self.config.seeds)  # made absolute against mkdocs.yml's folder by `opt.Dir`
        self.strict = config.strict if self.config.strict is None else self.config.strict
        try:
            self.read_seeds(strict=self.strict)
        except MISTAKES as error:  # MkDocs logs its message, every line of it
            self.progress.close()
            raise PluginError(str(error)) from error
        for interview in self.kb.interviews:
            told = (interview.slug, interview.transcript.format)
            if told not in self.session.formats_told:  # once per `mkdocs serve`, not at every rebuild
                found = "; ".join(f"{part.what} at line {part.line}" for part in interview.transcript.recognised)
                recognised = f"; recognised {found} (`recognise_parts: false` turns this off)" if found else ""
                log.info(f"{shown(self.kb.transcripts[interview.slug])}: read in format '{interview.transcript.format}'{recognised}")
                self.session.formats_told.add(told)
        config.nav = pages.nav(self.kb, knowledge_pages.nav(self.knowledge))
        # Glossary tooltips: every spelling becomes an abbreviation on every page (Python-Markdown `abbr`).
        config.mdx_configs.setdefault("abbr", {})["glossary"] = glossary.abbreviations(self.knowledge.glossary)
        # Last, so that it replaces `abbr`'s and `md_in_html`'s quadratic steps (a page of 10,000 exchanges).
        if not any(isinstance(extension, LinearMarkdown) for extension in config.markdown_extensions):
            config.markdown_extensions.append(LinearMarkdown())
        # A tooltip at each term's first occurrence in each exchange, not at every one.
        if not any(isinstance(extension, FirstTooltips) for extension in config.markdown_extensions):
            config.markdown_extensions.append(FirstTooltips())
        self.search_box_only(config)
        return config

    def search_box_only(self, config: MkDocsConfig) -> None:
        """Material's search plugin is kept for its search box (the header draws it only when the plugin is on), which is
        Pagefind's (overrides/partials/search.html); its indexing, which parses every page's HTML for a lunr index the
        site does not use (13 % of a large build), is unhooked."""
        search = config.plugins.get("material/search")
        self.search_unhooked = search is not None
        for event in ("page_context", "post_build"):
            config.plugins.events[event] = [m for m in config.plugins.events[event] if getattr(m, "__self__", None) is not search]

    def on_page_context(self, context: Any, *, page: Any, config: MkDocsConfig, nav: Navigation) -> Any:
        """What Material's search plugin did to every page besides indexing it: it removes `data-search-*` attributes."""
        if self.config.enabled and self.search_unhooked:
            page.content = SEARCH_ATTRIBUTES.sub("", page.content)
        return context

    def read_seeds(self, *, strict: bool) -> None:
        """The interviews, topics and knowledge layer; raises every mistake at once, and in a `strict` build every warning too."""
        warnings_as_errors = Collect()
        report = warnings_as_errors if strict else self.log_warning
        try:
            session = self.session
            self._kb = base.load(
                self.seeds_dir,
                report,
                session.interviews.read,
                progress=self.interviews_read,
                memo=session.topics,
                read_yaml=session.yaml.read,
            )
            self._knowledge = knowledge.load(self.seeds_dir, self.kb, report, session.links, session.yaml.read)
        except MISTAKES as error:
            fail([*warnings_as_errors.errors, *errors_of(error)])
        fail(warnings_as_errors.errors)

    @staticmethod
    def log_warning(warning: SeedWarning) -> None:
        log.warning(str(warning))

    def interviews_read(self, done: int, total: int) -> None:
        self.progress.step("interviews", done, total)

    def generated_pages(self, config: MkDocsConfig) -> dict[str, str]:
        """Every generated page's Markdown, keyed by its path under the docs folder."""
        return {**pages.render(self.kb, Site.of(config), self.knowledge, self.session.pages), **knowledge_pages.render(self.knowledge)}

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        generated = self.generated_pages(config)
        rebuilds = self.session.rebuilds
        unchanged = rebuilds.plan(generated, context(files, generated, config), tags(self.kb)) if self.dirty else set()
        if self.dirty and not rebuilds.partial:
            clean_directory(config.site_dir)  # a full rebuild, as `mkdocs build` would do it
        elif self.dirty and rebuilds.tags_changed:
            rebuild_docs_pages(files)  # the tags plugin's listing
        for path, text in generated.items():
            files.append(GeneratedPage.of(config, path, text, unchanged=path in unchanged))
        self.add_downloads(files, config)
        robots.add_file(files, config)
        feeds.add_files(files, config, self.kb)
        llms_txt.add_file(files, config, self.kb)
        return files

    def add_downloads(self, files: Files, config: MkDocsConfig) -> None:
        """The transcripts and citations as files (outputs/downloads.py); a dirty build writes only those that changed."""
        site = SiteUrls.of(config)
        contents = self.session.downloads.render(self.kb, {i.slug: site.absolute(interview_page(i.slug)) for i in self.kb.interviews})
        unchanged = self.session.rebuilds.plan_files(contents) if self.dirty else set()
        for path, content in contents.items():
            files.append(GeneratedFile.of(config, path, content, unchanged=path in unchanged))

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """In a partial rebuild, read the skipped pages' front matter, which other pages and plugins use.

        The 404 page lists topic descriptions from their pages' metadata, and the
        tags plugin links tags and writes tags.json from every page's tags; the
        skipped pages' Markdown is not converted.
        """
        if not self.config.enabled:
            return nav
        self.page_order = [file.url for file in files.documentation_pages()]
        if self.dirty and self.session.rebuilds.partial:
            for file in files.documentation_pages():
                if file.page is not None and not file.is_modified():
                    file.page.read_source(config)
                    config.plugins.on_page_markdown(file.page.markdown or "", page=file.page, config=config, files=files)
                    file.page.content = ""  # never written: the tags plugin fills a listing page's content in place
        generated = [f.page for f in files.documentation_pages() if isinstance(f, GeneratedPage) and f.page and f.is_modified()]
        self.prerender.start(generated, config, files)
        return nav

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """`mkdocs build` is about to render the pages, on one core: the search index is written meanwhile."""
        if not self.config.enabled:
            return env
        self.prerender.close()
        if self.dirty:  # `mkdocs serve --dirty`: the theme's templates are compiled once (plugin/session.py)
            env.bytecode_cache = self.session.templates
        pages = files.documentation_pages()
        self.pages_written, self.pages_to_write = 0, sum(1 for f in pages if not self.dirty or f.is_modified())
        self.progress.step("pages", 0, self.pages_to_write)
        if not self.index_after_reload and self.config.search_index:
            runner = self.pagefind()
            runner.check()  # missing or another version: one line now, not after the pages
            prepared = search_index.prepare(Path(config.site_dir), self.kb, self.knowledge, SiteUrls.of(config), runner)
            self.progress.state("search index", "started")
            self.indexing.start(lambda: self.index_then_tell(prepared), runner)
        return env

    def index_then_tell(self, prepared: search_index.Prepared) -> None:
        search_index.complete(prepared)
        self.progress.state("search index", "done")

    def pagefind(self) -> Pagefind:
        """Pagefind's command line as the `pagefind:` setting names it, for one build's search index."""
        return Pagefind(Path(self.config.pagefind))

    def on_post_page(self, output: str, *, page: Any, config: MkDocsConfig) -> str:
        if not self.config.enabled:
            return output
        self.pages_written += 1
        self.progress.step("pages", self.pages_written, max(self.pages_to_write, self.pages_written))
        return compact_html.compact(output)

    def write_export(self, *, config: MkDocsConfig) -> None:
        """kb.json: everything the site says, as data (under `mkdocs serve --dirty`, after the page reloads: `after_reload`)."""
        if self.config.enabled and not self.index_after_reload:
            kb_json.write(Path(config.site_dir), self.kb, SiteUrls.of(config), self.knowledge)

    def finish_search_index(self, *, config: MkDocsConfig) -> None:
        """The search index is complete when the build ends (under `mkdocs serve --dirty`, a moment after the page reloads)."""
        if not self.config.enabled:
            return
        urls = SiteUrls.of(config)
        if self.index_after_reload:
            self.after_reload(config)
        elif not self.config.search_index:
            log.info("search index: not written (`search_index: false`)")
        elif self.indexing.started:  # by on_env
            start = time.perf_counter()
            failure = self.indexing.wait()
            if failure:
                raise failure
            log.info(f"search index: the build waited {time.perf_counter() - start:.2f} s for it at its end")
        else:  # the Zensical build (commands/zensical_build.py), which does not run on_env
            search_index.write(Path(config.site_dir), self.kb, self.knowledge, urls, self.pagefind())

    def after_reload(self, config: MkDocsConfig) -> None:
        """Under `mkdocs serve --dirty`, what the page being edited does not show is written after it has reloaded, in the
        background, in this order: kb.json, the preview cards, the share pages, the search index, then the size budget
        checked (its excess logged). The next rebuild waits for it first (`on_config`), so nothing else writes meanwhile."""
        site_dir, kb, knowledge, urls, runner = Path(config.site_dir), self.kb, self.knowledge, SiteUrls.of(config), self.pagefind()
        site_name, search = config.site_name, self.config.search_index

        def write() -> None:
            kb_json.write(site_dir, kb, urls, knowledge)
            cards.write(site_dir, kb, site_name)
            self.share_pages(site_dir, kb, site_name, urls)
            if search:
                search_index.write(site_dir, kb, knowledge, urls, runner)
            else:
                log.info("search index: not written (`search_index: false`)")
            for warning in budget.over_budget(site_dir):
                log.warning(str(warning))

        self.indexing.start(write, runner, log_failure=True)

    def sort_tags_export(self, *, config: MkDocsConfig) -> None:
        tags_path = Path(config.site_dir, "tags.json")
        if self.config.enabled and tags_path.exists():
            self.write_tags_export(tags_path)

    def check_budget(self, *, config: MkDocsConfig) -> None:
        """Every file over the size budget, one line each: warnings, or in a strict build the mistakes that stop it."""
        if not self.config.enabled or self.index_after_reload:  # under `mkdocs serve --dirty`, after the reload
            return
        over = budget.over_budget(Path(config.site_dir))
        if not self.strict:
            for warning in over:
                self.log_warning(warning)
            return
        try:
            fail(warning.as_error() for warning in over)
        except MISTAKES as error:  # as for the seeds: MkDocs logs every line, the build command prints them
            self.progress.close()
            raise PluginError(str(error)) from error

    def close_progress(self, *, config: MkDocsConfig) -> None:
        self.progress.close()

    def write_cards(self, *, config: MkDocsConfig) -> None:
        """A preview image per interview (outputs/cards.py)."""
        if not self.config.enabled or self.index_after_reload:  # under `mkdocs serve --dirty`, after the reload
            return
        start = time.perf_counter()
        written = cards.write(Path(config.site_dir), self.kb, config.site_name)
        log.info(f"preview cards: {written:,} bytes in {time.perf_counter() - start:.2f} s")

    def write_share_pages(self, *, config: MkDocsConfig) -> None:
        """A small page per exchange for link previewers (outputs/share_pages.py): plain files, not MkDocs pages."""
        if not self.config.enabled or self.index_after_reload:  # under `mkdocs serve --dirty`, after the reload
            return
        self.share_pages(Path(config.site_dir), self.kb, config.site_name, SiteUrls.of(config))

    @staticmethod
    def share_pages(site_dir: Path, kb: KnowledgeBase, site_name: str, urls: SiteUrls) -> None:
        start = time.perf_counter()
        images = {i.slug: urls.full(card_image(i.slug)) for i in kb.interviews} if urls.site_url else {}
        written = share_pages.write(site_dir, kb, share_pages.Site(site_name, urls), images)
        log.info(f"share pages: {written:,} bytes in {time.perf_counter() - start:.2f} s")

    on_post_build = CombinedEvent(
        write_export, write_cards, write_share_pages, finish_search_index, sort_tags_export, check_budget, close_progress
    )

    def write_tags_export(self, path: Path) -> None:
        """The tags plugin's export, the same bytes from every build: pages in the order a clean build reads them, one serialisation.

        The tags plugin lists pages in the order it read them (under `mkdocs serve
        --dirty`, the skipped pages' last); it is rewritten after every build, clean or not.
        """
        position = {url: index for index, url in enumerate(self.page_order)}
        export = json.loads(path.read_text(encoding="utf-8"))
        export["mappings"].sort(key=lambda mapping: position.get(mapping["item"]["url"], len(position)))
        path.write_text(json.dumps(export, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

    def on_build_error(self, *, error: Exception) -> None:
        """The build stops: the search index is let finish first, so that nothing writes into the site folder after it."""
        self.prerender.close()
        self.indexing.wait()
        self.progress.close()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if not self.config.enabled:
            return server
        server.watch(str(self.seeds_dir))
        return server
