"""The generated pages converted by workers ahead of MkDocs (plugin/prerender.py): the same site as MkDocs' own conversion."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from interview_kb.commands.common import PLUGIN
from interview_kb.plugin import prerender
from interview_kb.plugin.plugin import KnowledgeBasePlugin
from mkdocs.structure.toc import TableOfContents

from tests.support import ROOT, plugin_config


def files_of(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def build(site: Path, seeds: Path) -> KnowledgeBasePlugin:
    from mkdocs.commands.build import build as mkdocs_build

    config = plugin_config(site, seeds)
    plugin = config.plugins[PLUGIN]  # type: ignore[attr-defined]
    assert isinstance(plugin, KnowledgeBasePlugin)
    mkdocs_build(config)  # type: ignore[arg-type]
    return plugin


@pytest.mark.parametrize("seeds", ["seeds", "tests/data/shapes", "tests/data/conversations"])
def test_workers_and_the_lean_conversion_give_the_html_mkdocs_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seeds: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("KB_SEARCH_INDEX", "false")
    monkeypatch.setenv("KB_STRICT", "false")  # the shipped topics warn on the test series; the HTML is what is compared
    folder = tmp_path / "seeds"
    shutil.copytree(ROOT / seeds, folder)
    if not (folder / "topics.yml").exists():
        shutil.copyfile(ROOT / "seeds" / "topics.yml", folder / "topics.yml")
    monkeypatch.setattr(prerender, "MIN_MARKDOWN", 0)  # workers for every build
    plugin = build(tmp_path / "workers", folder)
    assert plugin.prerender.taken > 1, "the workers converted the pages"
    assert plugin.prerender.pool is None, "the workers are stopped once the pages are read"
    monkeypatch.setattr(prerender.Prerender, "start", lambda self, pages, config, files: None)  # MkDocs' own Page.render
    build(tmp_path / "mkdocs", folder)
    assert files_of(tmp_path / "workers") == files_of(tmp_path / "mkdocs")


def test_a_worker_s_log_lines_are_logged_by_the_build_in_their_place(caplog: pytest.LogCaptureFixture) -> None:
    class Page:
        content: object = None
        toc: object = None
        _title_from_render: object = None
        present_anchor_ids: object = None
        links_to_anchors: object = None

    logged = [("mkdocs.structure.pages", logging.WARNING, "a link")]
    rendered = prerender.Rendered("", "<p>x</p>", TableOfContents([]), "T", {"a"}, None, logged)
    page = Page()
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        prerender.Prerender.apply(page, rendered, None)  # type: ignore[arg-type]
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == logged
    assert (page.content, page._title_from_render, page.present_anchor_ids) == ("<p>x</p>", "T", {"a"})


def test_markdown_that_holds_a_swap_name_already_is_converted_as_it_is() -> None:
    assert prerender.NAMED.search(prerender.NAME.format(3))
    button = '<button type="button" data-clipboard-text="' + "x" * 80 + '">Cite</button>'
    assert prerender.BUTTON.sub(lambda found: prerender.LONG_VALUE.sub("", found[0]), button) != button
