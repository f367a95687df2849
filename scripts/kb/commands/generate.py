"""Write the generated Markdown pages and kb.json to a folder, for inspection.

    python -m scripts.kb.commands.generate [--seeds seeds] [--out build/generated]

It runs the same plugin as the site build (scripts/kb/plugin.py), configured by mkdocs.yml.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from scripts.kb.commands import output_folder
from scripts.kb.commands.build import ROOT, read_folders, seed_error_behind, use_seeds
from scripts.kb.errors import MISTAKES
from scripts.kb.export import kb_json
from scripts.kb.urls import SiteUrls


def generate(seeds_dir: Path, out: Path, config_file: Path = ROOT / "mkdocs.yml") -> int:
    """Write every generated page and kb.json under `out`; returns the number of pages. Raises SeedError or SeedErrors."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError

    config = load_config(str(config_file))
    # It writes into `out` without emptying it, so any folder will do but those it reads and the project's own.
    output_folder.check(out, project=ROOT, keep=read_folders(config, seeds_dir), replace=True)
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
    (out / "kb.json").write_text(kb_json(plugin.kb, SiteUrls.of(config), plugin.knowledge), encoding="utf-8")
    return len(written)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.kb.commands.generate", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=Path("seeds"), help="seeds folder (default: seeds)")
    parser.add_argument("--out", type=Path, default=Path("build/generated"), help="output folder (default: build/generated)")
    args = parser.parse_args(argv)
    try:
        count = generate(args.seeds, args.out)
    except output_folder.OutputFolderError as error:
        print(error, file=sys.stderr)
        return 2
    except MISTAKES as error:
        print(error, file=sys.stderr)
        return 1
    print(f"wrote {count} pages and kb.json to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
