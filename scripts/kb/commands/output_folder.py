"""Whether a build may replace a folder with the site: checked before anything is touched.

A build replaces its whole output folder, so a wrong `--site` (`make site SITE=.`,
the seeds folder, a folder of notes) would delete what the editor has. The
folder may not be, hold or lie inside the seeds, docs or overrides folder or
the project's own files; and an existing folder that is not empty is replaced
only when it is a previous site (it holds `MARKER`, which every build writes)
or when the editor says so (`--replace`). Otherwise one line, and nothing moved.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from pathlib import Path

from scripts.kb.errors import one_line, shown

MARKER = ".interview-kb-site"
MARKER_TEXT = "This folder is a site built by the interview knowledge base; each build replaces the whole folder.\n"
# Sites built before the marker existed hold these.
LEGACY_SITE = ("kb.json", "pagefind/pagefind-entry.json")
# The project's top level (besides whatever git tracks there): never an output folder.
PROJECT_ENTRIES = (
    ".ci",
    ".git",
    ".github",
    ".venv",
    ".venv-zensical",
    "Makefile",
    "README.md",
    "docs",
    "mkdocs.yml",
    "node_modules",
    "overrides",
    "package-lock.json",
    "package.json",
    "pyproject.toml",
    "scripts",
    "seeds",
    "tests",
)
CHOOSE = "choose another folder with --site (make site SITE=<dir>; default: site)"


class OutputFolderError(Exception):
    """An output folder that a build may not replace: `path:1: what — what to do`."""

    def __init__(self, folder: Path, what: str, todo: str = CHOOSE) -> None:
        super().__init__(one_line(f"{shown(folder)}:1: {what} — {todo}"))


def check(site: Path, *, project: Path, keep: Iterable[tuple[str, Path]], replace: bool = False) -> None:
    """Raise OutputFolderError unless a build may replace `site`.

    `keep` names the folders the build reads ("the seeds folder", seeds), which
    the site may not be, hold or lie inside; `project` is the project's folder,
    which the site may not be or hold, and whose own entries it may not be or
    lie inside. `replace` allows a non-empty folder that is not a previous site.
    """
    target = site.resolve()
    project = project.resolve()
    for name, folder in [("the project", project), *keep]:
        folder = folder.resolve()
        if target == folder:
            raise OutputFolderError(site, f"the output folder is {name} ({shown(folder)}), which a build would delete")
        if folder.is_relative_to(target):
            raise OutputFolderError(site, f"the output folder holds {name} ({shown(folder)}), which a build would delete")
        if name != "the project" and target.is_relative_to(folder):
            raise OutputFolderError(site, f"the output folder lies inside {name} ({shown(folder)})")
    if target.is_relative_to(project):
        entry = target.relative_to(project).parts[0]
        if entry in project_entries(project):
            raise OutputFolderError(site, f"the output folder is or lies inside the project's own {entry}")
    if target.exists() and not target.is_dir():
        raise OutputFolderError(
            site, "this is a file, not a folder, and a build would replace it", "choose a folder for the site with --site"
        )
    if target.is_dir() and not replace and not is_previous_site(target):
        # A build into a mount point writes inside it: what a killed one left there is removed by the next.
        found = sorted(p.name for p in target.iterdir() if not p.name.startswith(staging_prefix(target)))
        if found:
            example = ", ".join(found[:3]) + (", …" if len(found) > 3 else "")
            raise OutputFolderError(
                site,
                f"this folder is not empty ({example}) and is not a site built here, and a build replaces the whole folder",
                "choose an empty or new folder with --site, or pass --replace (make site REPLACE=yes) to replace it",
            )


def is_previous_site(folder: Path) -> bool:
    """A site this project built: it holds the marker (or, built before the marker, kb.json and the search index)."""
    return (folder / MARKER).is_file() or all((folder / name).is_file() for name in LEGACY_SITE)


def mark(folder: Path) -> None:
    """Write the marker that lets the next build replace `folder`."""
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def staging_prefix(site: Path) -> str:
    """How the name of a build's temporary folder for `site` begins (`.site.building-<pid>-<random>`)."""
    return f".{site.name}.building-"


def project_entries(project: Path) -> set[str]:
    """The names at the project's top level that are the project: git's tracked ones and `PROJECT_ENTRIES`."""
    try:
        listed = subprocess.run(["git", "-C", str(project), "ls-files", "-z"], capture_output=True, check=False, timeout=30).stdout.decode(
            "utf-8", "replace"
        )
    except (OSError, subprocess.SubprocessError):
        listed = ""
    return {path.split("/")[0] for path in listed.split("\0") if path} | set(PROJECT_ENTRIES)
