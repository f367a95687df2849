"""Build the site all or nothing: `python -m scripts.kb.commands.build [--seeds seeds] [--site site]`.

MkDocs builds into a temporary folder beside the target, which replaces the
target only when the build succeeded, so a failed build leaves the
previous site exactly as it was. A mistake in the seeds (found by the plugin)
prints one line, `path:line: what — what to do`, and exits 1.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from scripts.kb.errors import SeedError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

ROOT = Path(__file__).resolve().parents[3]
PLUGIN = "interview-kb"


def build(seeds_dir: Path, site: Path, config_file: Path = ROOT / "mkdocs.yml") -> None:
    """Build into a temporary folder, then swap it in. Raises SeedError or RuntimeError."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    site = site.resolve()
    staging = site.with_name(f".{site.name}.building")
    retired = site.with_name(f".{site.name}.old")
    for leftover in (staging, retired):
        shutil.rmtree(leftover, ignore_errors=True)
    try:
        config = load_config(str(config_file), site_dir=str(staging))
        use_seeds(config, seeds_dir)
        mkdocs_build(config)
    except BaseException as error:
        shutil.rmtree(staging, ignore_errors=True)
        if not isinstance(error, Abort | MkDocsException | SeedError):
            raise
        if isinstance(error, SeedError):
            raise
        seed_error = seed_error_behind(error)
        if seed_error:
            raise seed_error from None
        raise RuntimeError(f"{config_file}:1: the MkDocs build failed ({error}) — fix the messages above and build again") from None
    if site.exists():
        site.rename(retired)
    staging.rename(site)
    shutil.rmtree(retired, ignore_errors=True)


def use_seeds(config: MkDocsConfig, seeds_dir: Path) -> None:
    """Point the knowledge-base plugin at `seeds_dir` (its `seeds` setting, whatever mkdocs.yml says)."""
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        raise RuntimeError(f"{config.config_file_path}:1: the `{PLUGIN}` plugin is not configured — add it under `plugins:`")
    plugin.config.seeds = str(seeds_dir.resolve())


def seed_error_behind(error: BaseException | None) -> SeedError | None:
    """The SeedError raised in the hooks, which MkDocs wraps in PluginError and then Abort."""
    while error is not None and not isinstance(error, SeedError):
        error = error.__cause__ or error.__context__
    return error


class EditorFormatter(logging.Formatter):
    """Seed warnings as their one line (`path:line: warning: …`); MkDocs' own messages with their level."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        return message if record.name == "mkdocs.plugins.interview_kb" else f"{record.levelname}: {message}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.kb.commands.build", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=Path("seeds"), help="seeds folder (default: seeds)")
    parser.add_argument("--site", type=Path, default=Path("site"), help="output folder (default: site)")
    parser.add_argument("--verbose", action="store_true", help="show MkDocs' progress messages")
    args = parser.parse_args(argv)
    handler = logging.StreamHandler()
    handler.setFormatter(EditorFormatter())
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, handlers=[handler])
    # MkDocs logs a PluginError before raising it; the one-line message below says it all.
    logging.getLogger("mkdocs.commands.build").setLevel(logging.CRITICAL)
    try:
        build(args.seeds, args.site)
    except (SeedError, RuntimeError) as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
