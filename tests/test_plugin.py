"""The plugin: its settings, page URLs, and rebuilds under `mkdocs serve --dirty` that equal a clean build."""

from __future__ import annotations

import gzip
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest
from interview_kb.commands.common import PLUGIN
from interview_kb.outputs.search.pagefind import Cancelled, Pagefind
from interview_kb.plugin.incremental import Rebuilds
from interview_kb.plugin.plugin import KnowledgeBasePlugin
from interview_kb.reading.markdown_source import transcript_files
from interview_kb.urls import SiteUrls, interview_page

from tests.support import ROOT, add_interview, build_site, plugin_config, soup, yaml_parsed

pytestmark = pytest.mark.slow  # builds sites (make test-fast leaves it out)

SERVE_URL = "http://127.0.0.1:8000/"


def test_page_urls_follow_mkdocs_rules() -> None:
    directories = SiteUrls("https://example.org/kb/", use_directory_urls=True)
    assert directories.url(interview_page("talk")) == "interviews/talk/"
    assert directories.absolute("people/ann-a.md") == "https://example.org/kb/people/ann-a/"
    assert directories.url("people/index.md") == "people/"
    files = SiteUrls("", use_directory_urls=False)
    assert files.url(interview_page("talk")) == "interviews/talk.html"
    assert files.absolute(interview_page("talk")) is None


def test_a_rebuild_skips_only_pages_whose_markdown_and_context_are_unchanged() -> None:
    rebuilds = Rebuilds()
    assert rebuilds.plan({"a.md": "A", "b.md": "B"}, {"nav": 1}) == set()
    assert not rebuilds.partial  # a first build is a full one
    assert rebuilds.plan({"a.md": "A", "b.md": "B2"}, {"nav": 1}) == {"a.md"}
    assert rebuilds.partial
    assert rebuilds.plan({"a.md": "A", "b.md": "B2"}, {"nav": 2}) == set()
    assert not rebuilds.partial  # the nav changed: every page is rebuilt
    assert rebuilds.plan_files({"a.txt": b"A", "b.txt": b"B"}) == set()
    rebuilds.plan({"a.md": "A", "b.md": "B2"}, {"nav": 2})
    assert rebuilds.plan_files({"a.txt": b"A", "b.txt": b"B2"}) == {"a.txt"}


def files_of(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_dirty_rebuild_after_an_edit_equals_a_clean_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.commands.build import build

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    add_interview(seeds, "second")
    served = tmp_path / "served"
    config = plugin_config(served, seeds)
    plugin = config.plugins[PLUGIN]  # type: ignore[attr-defined]
    assert isinstance(plugin, KnowledgeBasePlugin)
    config.plugins.on_startup(command="serve", dirty=True)  # type: ignore[attr-defined]
    try:
        build(config, serve_url=SERVE_URL, dirty=True)  # type: ignore[arg-type]
        transcript = transcript_files(seeds)[0]
        assert transcript.stem != "second"
        home_before = (served / "index.html").stat().st_mtime_ns
        other_download = served / "downloads" / "second.md.gz"
        other_before = other_download.stat().st_mtime_ns
        transcript.write_text(transcript.read_text(encoding="utf-8").replace("packets", "packets (edited)", 1), encoding="utf-8")
        build(plugin_config(served, seeds), serve_url=SERVE_URL, dirty=True)  # type: ignore[arg-type]
        assert plugin.session.rebuilds.partial
        assert (served / "index.html").stat().st_mtime_ns == home_before, "the home page did not change, so it is not rebuilt"
        assert "packets (edited)" in (served / "interviews" / f"{transcript.stem}" / "index.html").read_text(encoding="utf-8")
        assert "packets (edited)" in gzip.decompress((served / "downloads" / f"{transcript.stem}.md.gz").read_bytes()).decode("utf-8")
        assert other_download.stat().st_mtime_ns == other_before, "the other interview's downloads are not written again"
    finally:
        config.plugins.on_shutdown()  # type: ignore[attr-defined]
    clean = build_site(tmp_path / "clean", seeds)  # in a process of its own, as `make site` runs
    assert clean.returncode == 0, clean.stderr
    assert files_of(served) == files_of(clean.site)


def tagged(site: Path) -> list[str]:
    """The interviews the tags page lists (under Widgets, the one topic)."""
    article = soup((site / "tags" / "index.html").read_text(encoding="utf-8")).select_one("article")
    assert article is not None
    return sorted(str(a["href"]).split("/")[-2] for a in article.select('a[href^="../interviews/"]'))


def test_an_edit_that_changes_an_interview_s_tags_rebuilds_it_and_the_tags_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its topics are its tags: they were part of every page's context, so such an edit rebuilt the whole site."""
    from mkdocs.commands.build import build

    from tests.support import make_seeds

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    seeds = make_seeds(tmp_path / "seeds")
    add_interview(seeds, "second")
    served = tmp_path / "served"
    config = plugin_config(served, seeds)
    plugin = config.plugins[PLUGIN]  # type: ignore[attr-defined]
    config.plugins.on_startup(command="serve", dirty=True)  # type: ignore[attr-defined]
    try:
        build(config, serve_url=SERVE_URL, dirty=True)  # type: ignore[arg-type]
        assert tagged(served) == ["demo", "second"]
        other = served / "downloads" / "second.txt.gz"
        other_before = other.stat().st_mtime_ns
        transcript = seeds / "demo.txt"
        transcript.write_text(transcript.read_text(encoding="utf-8").replace("about widgets", "about gadgets"), encoding="utf-8")
        build(plugin_config(served, seeds), serve_url=SERVE_URL, dirty=True)  # type: ignore[arg-type]
        assert plugin.session.rebuilds.partial and plugin.session.rebuilds.tags_changed
        assert other.stat().st_mtime_ns == other_before, "no full rebuild: the other interview's files are not written again"
        assert tagged(served) == ["second"]
    finally:
        config.plugins.on_shutdown()  # type: ignore[attr-defined]
    clean = build_site(tmp_path / "clean", seeds, strict=False)
    assert clean.returncode == 0, clean.stderr
    assert files_of(served) == files_of(clean.site)


def test_seed_warnings_go_through_mkdocs_logger_and_fail_a_strict_build(tmp_path: Path) -> None:
    from tests.support import make_seeds

    seeds = make_seeds(tmp_path / "seeds")
    with (seeds / "topics.yml").open("a") as topics:
        topics.write("  - slug: gadgets\n    title: Gadgets\n    description: Gadgets.\n    evidence: {gadgets: 5}\n")
    line = "topics.yml:6: warning: topic 'gadgets' has no exchange — add evidence terms or `include` an exchange"
    relaxed = build_site(tmp_path / "relaxed", seeds, strict=False, KB_STRICT="false")
    assert relaxed.returncode == 0
    assert f"WARNING -  {seeds}/{line}" in relaxed.stderr  # MkDocs' own log format
    strict = build_site(tmp_path / "strict", seeds, KB_STRICT="false")  # `mkdocs build --strict`
    assert strict.returncode == 1
    assert line.replace(" warning:", "") in strict.stderr


def test_the_search_index_is_written_while_the_pages_are_rendered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`mkdocs build` renders pages on one core: the index (Pagefind, from the seeds) is written meanwhile, not after."""
    import mkdocs.commands.build
    from interview_kb.commands import build
    from interview_kb.outputs.search import index as search_index

    from tests.support import make_seeds

    entered, rendered = threading.Event(), threading.Event()
    seen_before_a_page: list[bool] = []
    complete, build_page = search_index.complete, mkdocs.commands.build._build_page

    def complete_after_a_page(prepared: search_index.Prepared) -> None:
        entered.set()
        rendered.wait(timeout=60)
        complete(prepared)

    def build_page_seeing_the_index(*args: Any, **kwargs: Any) -> None:
        if not seen_before_a_page:
            seen_before_a_page.append(entered.wait(timeout=10))
        build_page(*args, **kwargs)
        rendered.set()

    monkeypatch.setattr(search_index, "complete", complete_after_a_page)
    monkeypatch.setattr(mkdocs.commands.build, "_build_page", build_page_seeing_the_index)
    build.build(make_seeds(tmp_path / "seeds"), tmp_path / "site")
    assert seen_before_a_page == [True]
    assert (tmp_path / "site" / "pagefind" / "pagefind-entry.json").is_file()


def test_a_failed_search_index_fails_the_build_and_leaves_no_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from interview_kb.commands import build

    from tests.support import make_seeds

    def failing(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("pagefind failed: no space left on device")

    monkeypatch.setattr(Pagefind, "index", failing)
    with pytest.raises(RuntimeError, match="pagefind failed: no space left on device"):
        build.build(make_seeds(tmp_path / "seeds"), tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seeds"]


def test_a_build_that_fails_waits_for_the_search_index_and_leaves_no_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Else the index would go on writing into the build's folder after it is removed."""
    import mkdocs.commands.build
    from interview_kb.commands import build
    from interview_kb.outputs.search import index as search_index
    from mkdocs.exceptions import PluginError

    from tests.support import make_seeds

    released, written = threading.Event(), threading.Event()
    complete, on_build_error = search_index.complete, KnowledgeBasePlugin.on_build_error

    def slow_complete(prepared: search_index.Prepared) -> None:
        released.wait(timeout=60)
        complete(prepared)
        written.set()

    def failing_page(*args: Any, **kwargs: Any) -> None:
        raise PluginError("a page could not be rendered")

    def release_then_handle(self: KnowledgeBasePlugin, *, error: Exception) -> None:
        released.set()
        on_build_error(self, error=error)

    monkeypatch.setattr(search_index, "complete", slow_complete)
    monkeypatch.setattr(mkdocs.commands.build, "_build_page", failing_page)
    monkeypatch.setattr(KnowledgeBasePlugin, "on_build_error", release_then_handle)
    with pytest.raises(RuntimeError, match="the MkDocs build failed"):
        build.build(make_seeds(tmp_path / "seeds"), tmp_path / "site")
    assert written.is_set()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seeds"]


def test_a_build_without_the_search_index(tmp_path: Path) -> None:
    from tests.support import make_seeds

    result = build_site(tmp_path / "site", make_seeds(tmp_path / "seeds"), KB_SEARCH_INDEX="false")
    assert result.returncode == 0, result.stderr
    assert (result.site / "index.html").is_file()
    assert not (result.site / "pagefind").exists()


def test_an_interrupted_build_stops_the_search_index_and_leaves_no_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs tells plugins of its errors, not of an interrupt (Ctrl-C): the build command stops the index and waits for it."""
    import mkdocs.commands.build
    from interview_kb.commands import build
    from interview_kb.outputs.search import index as search_index

    from tests.support import make_seeds

    interrupted, ended = threading.Event(), threading.Event()
    complete = search_index.complete

    def complete_after_the_interrupt(prepared: search_index.Prepared) -> None:
        interrupted.wait(timeout=60)
        try:
            complete(prepared)
        except Cancelled:
            ended.set()  # stopped, and nothing writes into the build's folder after this
            raise

    def interrupted_page(*args: Any, **kwargs: Any) -> None:
        interrupted.set()
        raise KeyboardInterrupt

    monkeypatch.setattr(search_index, "complete", complete_after_the_interrupt)
    monkeypatch.setattr(mkdocs.commands.build, "_build_page", interrupted_page)
    with pytest.raises(KeyboardInterrupt):
        build.build(make_seeds(tmp_path / "seeds"), tmp_path / "site")
    assert ended.is_set()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seeds"]


def test_a_build_interrupted_while_it_waits_for_the_search_index_stops_the_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C or SIGTERM as the build waits for the index at its end: the index is still found, stopped and waited for."""
    from interview_kb.commands import build
    from interview_kb.outputs.search import index as search_index
    from interview_kb.outputs.search.background import BackgroundIndex

    from tests.support import make_seeds

    started, ended = threading.Event(), threading.Event()
    complete, wait = search_index.complete, BackgroundIndex.wait

    def long_complete(prepared: search_index.Prepared) -> None:
        started.set()
        prepared.pagefind.cancelled.wait(timeout=60)  # a long Pagefind run, until the build stops it
        try:
            complete(prepared)
        except Cancelled:
            ended.set()
            raise

    interrupts = [KeyboardInterrupt()]

    def interrupted_once(self: BackgroundIndex) -> BaseException | None:
        if interrupts and self.started:  # the build's wait at its end
            started.wait(timeout=60)
            raise interrupts.pop()
        return wait(self)

    monkeypatch.setattr(search_index, "complete", long_complete)
    monkeypatch.setattr(BackgroundIndex, "wait", interrupted_once)
    with pytest.raises(KeyboardInterrupt):
        build.build(make_seeds(tmp_path / "seeds"), tmp_path / "site")
    assert ended.is_set()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seeds"]


def test_the_seeds_option_is_a_folder_relative_to_mkdocs_yml(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    plugin = config.plugins[PLUGIN]
    assert isinstance(plugin, KnowledgeBasePlugin)
    assert Path(plugin.config.seeds) == ROOT / "seeds"
    assert plugin.config.enabled is True


def test_a_disabled_plugin_builds_the_docs_folder_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.commands.build import build

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    config: Any = plugin_config(tmp_path / "site", tmp_path / "no-seeds-here")
    config.plugins[PLUGIN].config.enabled = False
    build(config)
    assert (tmp_path / "site" / "tags" / "index.html").exists()  # the docs folder's own page
    assert not (tmp_path / "site" / "interviews").exists()
    assert not (tmp_path / "site" / "kb.json").exists()


def test_a_missing_seeds_folder_is_one_line(tmp_path: Path) -> None:
    result = build_site(tmp_path / "site", tmp_path / "missing")
    assert result.returncode == 1
    assert f"{tmp_path / 'missing'}:1: the seeds folder does not exist — create it, or name the folder" in result.stderr


def test_a_serve_session_keeps_its_caches_until_shutdown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config: Any = plugin_config(tmp_path / "site", ROOT / "seeds")
    plugin = config.plugins[PLUGIN]
    config.plugins.on_startup(command="serve", dirty=True)
    config = config.plugins.on_config(config)
    session = plugin.session
    first = plugin.kb
    parsed = yaml_parsed(monkeypatch)
    config = config.plugins.on_config(config)  # a rebuild with nothing edited reads nothing again
    assert plugin.session is session
    assert plugin.kb.interviews[0] is first.interviews[0]
    assert parsed == []  # not even the topics, glossary, entities and facts files
    assert session.formats_told
    config.plugins.on_shutdown()
    assert plugin.session is not session and not plugin.session.formats_told
    config = config.plugins.on_config(config)  # the next serve parses every file again
    assert ROOT / "seeds" / "topics.yml" in parsed


def test_material_s_search_plugin_draws_the_box_but_indexes_no_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its lunr index was parsed from every page's HTML and deleted: the box is Pagefind's, the plugin indexes nothing."""
    from interview_kb.commands import build
    from material.plugins.search.plugin import SearchIndex

    from tests.support import make_seeds

    indexed: list[str] = []
    monkeypatch.setattr(SearchIndex, "add_entry_from_context", lambda self, page: indexed.append(page.url))
    monkeypatch.setenv("KB_SEARCH_INDEX", "false")
    build.build(make_seeds(tmp_path / "seeds"), tmp_path / "site")
    assert indexed == []
    assert not (tmp_path / "site" / "search").exists()
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'for="__search"' in home  # the search box
