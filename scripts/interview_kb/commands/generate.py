"""Write the generated Markdown pages and kb.json to a folder, for inspection.

    interview-kb generate [--seeds seeds] [--out build/generated]      (make generate)

It runs the same plugin as the site build (scripts/interview_kb/plugin/plugin.py), configured by mkdocs.yml.
"""

from __future__ import annotations

import os
from pathlib import Path

from interview_kb.commands.common import project_of, read_folders, seed_error_behind, use_seeds
from interview_kb.outputs import kb_json, site_folder
from interview_kb.urls import SiteUrls


def generate(seeds_dir: Path, out: Path, config_file: Path = Path("mkdocs.yml")) -> int:
    """Write every generated page and kb.json under `out`; returns the number of pages. Raises SeedError or SeedErrors."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError

    config = load_config(str(config_file))
    # It writes into `out` without emptying it, so any folder will do but those it reads and the project's own.
    site_folder.check(out, project=project_of(config_file), keep=read_folders(config, seeds_dir), replace=True)
    plugin = use_seeds(config, seeds_dir)
    try:
        config = plugin.on_config(config)
    except PluginError as error:
        raise seed_error_behind(error) or error from None
    plugin.progress.close()  # the status line of the interviews read, on a terminal: no pages are built here
    written = plugin.generated_pages(config)
    for path, text in written.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    kb_json.write(out, plugin.kb, SiteUrls.of(config), plugin.knowledge)
    return len(written)
