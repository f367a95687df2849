"""MkDocs hooks: generate the knowledge-base pages from `seeds/` inside every build.

The seeds folder is `seeds/` beside mkdocs.yml, or the `KB_SEEDS` environment
variable. `mkdocs serve` watches it, so editing a transcript rebuilds the site.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

# MkDocs puts only this file's folder on sys.path; the package is `scripts`.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scripts.kb.errors import SeedError
from scripts.kb.export import kb_json
from scripts.kb.knowledge import glossary
from scripts.kb.knowledge import layer as knowledge
from scripts.kb.render import knowledge_pages, pages
from scripts.kb.render.downloads import add_files as add_downloads
from scripts.kb.seeds import loader as seeds

_state: dict[str, Any] = {}


def seeds_dir(config: MkDocsConfig) -> Path:
    base = Path(config.config_file_path).parent
    return base / os.environ.get("KB_SEEDS", "seeds")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        kb = seeds.load(seeds_dir(config))
        know = knowledge.load(seeds_dir(config), kb)
    except SeedError as error:
        raise PluginError(str(error)) from error
    _state["kb"] = kb
    _state["knowledge"] = know
    config.nav = pages.nav(kb, knowledge_pages.nav(know))
    # Glossary tooltips: every spelling becomes an abbreviation on every page (Python-Markdown `abbr`).
    config.mdx_configs.setdefault("abbr", {})["glossary"] = glossary.abbreviations(know.glossary)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    know: knowledge.Knowledge = _state["knowledge"]
    generated = pages.render(_state["kb"], config.site_name, know, config.site_url or "", config.use_directory_urls)
    for path, text in {**generated, **knowledge_pages.render(know)}.items():
        files.append(File.generated(config, path, content=text))
    add_downloads(files, config, _state["kb"], seeds_dir(config))
    return files


def on_post_build(config: MkDocsConfig) -> None:
    kb: seeds.KnowledgeBase = _state["kb"]
    urls = {i.slug: f"interviews/{i.slug}/" if config.use_directory_urls else f"interviews/{i.slug}.html" for i in kb.interviews}
    Path(config.site_dir, "kb.json").write_text(kb_json(kb, urls, _state["knowledge"], config.use_directory_urls), encoding="utf-8")
    drop_section_tags(Path(config.site_dir, "search", "search_index.json"))


def drop_section_tags(index_path: Path) -> None:
    """Keep a page's tags on its page entry only: an exchange is not about every topic of its interview."""
    if not index_path.exists():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    for doc in index["docs"]:
        if "#" in doc["location"]:
            doc.pop("tags", None)
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    server.watch(str(seeds_dir(config)))
    return server
