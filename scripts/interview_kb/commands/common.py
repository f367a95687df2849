"""What the commands that run a build share: the project, the folders a build reads, the plugin, and failures told in one line."""

from __future__ import annotations

import errno
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, cast

from interview_kb.errors import MISTAKES, SeedError, SeedErrors, one_line, shown

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from interview_kb.plugin.plugin import KnowledgeBasePlugin

PLUGIN = "interview-kb"


def project_of(config_file: Path) -> Path:
    """The project: the folder of its mkdocs.yml (the commands run from it, as `mkdocs build` does)."""
    return config_file.resolve().parent


def read_folders(config: MkDocsConfig, seeds_dir: Path) -> list[tuple[str, Path]]:
    """The folders a build reads, which its output folder may not be, hold or lie inside."""
    folders = [("the seeds folder", seeds_dir), ("the docs folder", Path(config.docs_dir))]
    if config.theme.custom_dir:
        folders.append(("the overrides folder", Path(config.theme.custom_dir)))
    return folders


def use_seeds(config: MkDocsConfig, seeds_dir: Path) -> KnowledgeBasePlugin:
    """Point the knowledge-base plugin at `seeds_dir` (its `seeds` setting, whatever mkdocs.yml says); returns the plugin."""
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        raise RuntimeError(f"{config.config_file_path}:1: the `{PLUGIN}` plugin is not configured — add it under `plugins:`")
    plugin.config.seeds = str(seeds_dir.resolve())
    return cast("KnowledgeBasePlugin", plugin)


def seed_error_behind(error: BaseException | None) -> SeedError | SeedErrors | None:
    """The SeedError or SeedErrors raised in the hooks, which MkDocs wraps in PluginError and then Abort."""
    while error is not None and not isinstance(error, MISTAKES):
        error = error.__cause__ or error.__context__
    return error


def os_error_behind(error: BaseException | None) -> OSError | None:
    """The OSError behind what MkDocs raised (PluginError, Abort), if any."""
    while error is not None and not isinstance(error, OSError):
        error = error.__cause__ or error.__context__
    return error


# What to do when the system refuses: by errno, for a write (into the site) and a read (of the seeds).
FULL = "free some space on that disk (or build elsewhere with --site), then build again"


TODO = {
    errno.ENOSPC: FULL,
    errno.EDQUOT: "free some space within your disk quota (or build elsewhere with --site), then build again",
    errno.EROFS: "build into a folder on a writable file system with --site, or remount the one of {folder} writable",
    errno.EACCES: "make {folder} writable for you (or build into another folder with --site), then build again",
    errno.EPERM: "make {folder} writable for you (or build into another folder with --site), then build again",
    errno.ENOMEM: "free some memory (close other programs), then build again",
    errno.EMFILE: "raise the limit of open files (ulimit -n), then build again",
}


READ_TODO = {
    errno.EACCES: "make it readable for you, then build again",
    errno.EPERM: "make it readable for you, then build again",
}


def environment_failure(error: OSError, site: Path, seeds: Path) -> str:
    """One line for a failure of the system, not of the seeds: `path:1: what (cause) — what to do`.

    A path in the temporary folder a build writes into is named as the output folder
    it stands for; a failure with no path names the output folder.
    """
    site = site.absolute()
    path = Path(os.fsdecode(error.filename)).absolute() if error.filename else site
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS) and not _inside_output(path, site):
        path = site  # a copy into the site names its source: the disk that is full is the output's
    for folder in (path, *path.parents):
        if folder.parent == site.parent and folder.name.startswith(f".{site.name}.building-"):
            path = site / path.relative_to(folder)
            break
    cause = error.strerror or str(error)
    reading = path.is_relative_to(seeds.absolute())
    todo = (READ_TODO if reading else {}).get(error.errno or 0) or TODO.get(error.errno or 0, "check the path, then build again")
    what = f"cannot {'read' if reading else 'write'} {'this file' if reading else 'here'}"
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        what = "the disk is full"
    folder = next((p for p in (path, *path.parents) if p.is_dir()), path)
    return one_line(f"{shown(path)}:1: {what} ({cause}) — {todo.format(folder=shown(folder))}")


def _inside_output(path: Path, site: Path) -> bool:
    """Whether `path` lies in the output folder or in a temporary folder a build writes beside or inside it."""
    return path.is_relative_to(site) or any(
        folder.parent == site.parent and folder.name.startswith(f".{site.name}.") for folder in (path, *path.parents)
    )


def log_for_editors(verbose: bool = False) -> None:
    """Log to stderr as the build commands do: seed warnings as their one line, MkDocs' messages with their level."""
    handler = logging.StreamHandler()
    handler.setFormatter(EditorFormatter())
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, handlers=[handler])
    # MkDocs logs a PluginError before raising it; the one-line message the command prints says it all.
    logging.getLogger("mkdocs.commands.build").setLevel(logging.CRITICAL)


class EditorFormatter(logging.Formatter):
    """Seed warnings as their one line (`path:line: warning: …`); MkDocs' own messages with their level."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        return message if record.name == "mkdocs.plugins.interview_kb" else f"{record.levelname}: {message}"
