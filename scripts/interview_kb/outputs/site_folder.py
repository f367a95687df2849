"""The output folder: whether a build may replace it (checked before anything is touched), its lock, and the swap.

A build replaces its whole output folder, so a wrong `--site` (`make site SITE=.`,
the seeds folder, a folder of notes) would delete what the editor has. The
folder may not be, hold or lie inside the seeds, docs or overrides folder or
the project's own files; and an existing folder that is not empty is replaced
only when it is a previous site (it holds `MARKER`, which every build writes)
or when the editor says so (`--replace`). Otherwise one line, and nothing moved.

MkDocs builds into a temporary folder beside the target, which replaces the
target only when the build succeeded, so a failed build leaves the
previous site exactly as it was. A mistake in the seeds (found by the plugin)
prints one line, `path:line: what — what to do`, and exits 1; several print one
line each, sorted by file and line, then how many there are in how many files.

Only one build at a time writes beside a target: a second one stops at the lock
`.<site>.lock`, which holds the process id of the build that holds it (a lock
left by a build that was killed is taken over, with a note). The swap is one atomic step where the system has one (Linux
`renameat2` with RENAME_EXCHANGE), so the target is a complete site at every
instant. Elsewhere it is two renames through `.<site>.old`; a build interrupted
between them is repaired by the next build, which puts `.<site>.old` back first.
The search index puts its folder inside the site in place the same way
(outputs/search/index.py), with the same repair.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import re
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from interview_kb.errors import one_line, shown

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


def staging_folder(site: Path) -> Path:
    """A new temporary folder's path for building `site`: beside it, or inside it when it is a mount point (see `publish`)."""
    site = site.resolve()
    where = site if is_mount_point(site) else site.parent
    return where / f"{staging_prefix(site)}{os.getpid()}-{secrets.token_hex(4)}"


def publish(staging: Path, site: Path) -> None:
    """Put the complete site built in `staging` in place of `site`: `swap_contents` for a mount point, else `swap`."""
    if staging.parent == site:
        swap_contents(staging, site)
    else:
        swap(staging, site)


def project_entries(project: Path) -> set[str]:
    """The names at the project's top level that are the project: git's tracked ones and `PROJECT_ENTRIES`."""
    try:
        listed = subprocess.run(["git", "-C", str(project), "ls-files", "-z"], capture_output=True, check=False, timeout=30).stdout.decode(
            "utf-8", "replace"
        )
    except (OSError, subprocess.SubprocessError):
        listed = ""
    return {path.split("/")[0] for path in listed.split("\0") if path} | set(PROJECT_ENTRIES)


def is_mount_point(folder: Path) -> bool:
    """Whether `folder` is a mount point, which no rename can replace: `os.path.ismount`, or listed in /proc/self/mountinfo.

    A bind mount of a folder of the same file system (`docker run -v`) is one that `os.path.ismount` does not see.
    """
    if not folder.is_dir():
        return False
    if os.path.ismount(folder):
        return True
    try:
        table = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="surrogateescape")
    except OSError:
        return False
    # The fifth field is the mount point, with spaces and the like written as octal escapes (`\\040`).
    points = (line.split(" ")[4] for line in table.splitlines() if line.count(" ") >= 4)
    return str(folder) in {re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), point) for point in points}


@contextmanager
def site_lock(site: Path | str) -> Iterator[None]:
    """Hold `.<site>.lock` beside the output folder while building; RuntimeError when another build holds it.

    The lock is an flock on that file, which holds the holder's process id. The
    system releases the flock of a process that ends in any way, so a build
    killed (SIGKILL) leaves only the file: the next build takes it over, with a
    note naming the build that left it. The lock file is removed on release, so a
    waiting process may have locked a file that is no longer there: it checks that
    it holds the file at the path.
    """
    site = Path(site).resolve()
    path = site.with_name(f".{site.name}.lock")
    site.parent.mkdir(parents=True, exist_ok=True)
    while True:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = lock_holder(handle)
            os.close(handle)
            running = f" (process {holder})" if holder else ""
            raise RuntimeError(
                f"{shown(site)}:1: another build into {site.name}/ is running{running}"
                " — wait for it to finish, or build into another --site"
            ) from None
        try:
            if os.stat(path).st_ino == os.fstat(handle).st_ino:
                break
        except FileNotFoundError:
            pass
        os.close(handle)
    try:
        left = lock_holder(handle)
        if left and left != os.getpid():  # its flock is free: the build that wrote it has ended without removing it
            print(f"{shown(site)}:1: note: took over the lock of build {left}, which is no longer running", file=sys.stderr)
        os.ftruncate(handle, 0)
        os.pwrite(handle, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        path.unlink(missing_ok=True)
        os.close(handle)


def lock_holder(handle: int) -> int | None:
    """The process id written in a lock file, if any."""
    try:
        text = os.pread(handle, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def recover(site: Path) -> None:
    """Undo what an interrupted build left beside `site` (or inside it: a mount point), never deleting the last complete site."""
    retired = site.with_name(f".{site.name}.old")
    if retired.exists() and not site.exists():  # interrupted between the two renames of `swap`
        retired.rename(site)
    shutil.rmtree(retired, ignore_errors=True)
    for folder in (site.parent, site):
        for leftover in folder.glob(f"{staging_prefix(site)}*"):
            shutil.rmtree(leftover, ignore_errors=True)


def swap(staging: Path, site: Path) -> None:
    """Put the built `staging` folder in place of `site`, keeping a complete site at `site` as long as the system allows.

    A `site` that cannot be renamed (EBUSY: a mount point that `is_mount_point`
    did not see) or renamed over (EXDEV) keeps its folder: the new site is copied
    into it and its contents replaced (`swap_contents`).
    """
    try:
        if not site.exists():
            staging.rename(site)
        elif exchange(staging, site):
            shutil.rmtree(staging)
        else:
            retired = site.with_name(f".{site.name}.old")
            site.rename(retired)
            staging.rename(site)
            shutil.rmtree(retired)
        return
    except OSError as error:
        if error.errno not in (errno.EBUSY, errno.EXDEV):
            raise
    inner = site / staging.name
    try:
        shutil.copytree(staging, inner, symlinks=True)
        swap_contents(inner, site)
    finally:
        shutil.rmtree(inner, ignore_errors=True)
        shutil.rmtree(staging, ignore_errors=True)


def swap_contents(staging: Path, site: Path) -> None:
    """Replace the contents of `site` with those of `staging`, a folder inside it: for a `site` that is a mount point.

    A mount point cannot be renamed or exchanged, so there is no one atomic step
    for the whole site: each top-level entry of the new site is exchanged with the
    old one of its name (one atomic step per entry; where the system has no
    exchange, the old one is moved aside first), the marker first, so that the
    folder is a site this project built at every instant; then the entries the new
    site does not have are moved aside. The old entries end up in `staging` and
    `<staging>.old`, both removed.
    """
    retired = staging.with_name(f"{staging.name}.old")
    retired.mkdir()
    try:
        new = sorted(os.listdir(staging), key=lambda name: (name != MARKER, name))
        for name in new:
            entry = site / name
            if os.path.lexists(entry):
                if exchange(staging / name, entry):
                    continue
                entry.rename(retired / name)
            (staging / name).rename(entry)
        for name in sorted(set(os.listdir(site)) - {*new, staging.name, retired.name}):
            (site / name).rename(retired / name)
    finally:
        shutil.rmtree(retired, ignore_errors=True)
        shutil.rmtree(staging, ignore_errors=True)


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step (Linux `renameat2` with RENAME_EXCHANGE); False where the system has no such call."""
    at_fdcwd, rename_exchange = -100, 2
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):  # an old kernel, or a file system without it
        return False
    raise OSError(code, os.strerror(code), str(second))
