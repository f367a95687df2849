"""Build the site all or nothing: `python -m scripts.kb.commands.build [--seeds seeds] [--site site]`.

MkDocs builds into a temporary folder beside the target, which replaces the
target only when the build succeeded, so a failed build leaves the
previous site exactly as it was. A mistake in the seeds (found by the plugin)
prints one line, `path:line: what — what to do`, and exits 1; several print one
line each, sorted by file and line, then how many there are in how many files.

Only one build at a time writes beside a target: a second one stops at the lock
`.<site>.lock`. The swap is one atomic step where the system has one (Linux
`renameat2` with RENAME_EXCHANGE), so the target is a complete site at every
instant. Elsewhere it is two renames through `.<site>.old`; a build interrupted
between them is repaired by the next build, which puts `.<site>.old` back first.
"""

from __future__ import annotations

import argparse
import ctypes
import errno
import fcntl
import logging
import os
import secrets
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, cast

from scripts.kb.commands import output_folder
from scripts.kb.errors import MISTAKES, SeedError, SeedErrors, one_line, shown

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from scripts.kb.plugin import KnowledgeBasePlugin

ROOT = Path(__file__).resolve().parents[3]
PLUGIN = "interview-kb"


def build(seeds_dir: Path, site: Path, config_file: Path = ROOT / "mkdocs.yml", replace: bool = False) -> None:
    """Build into a temporary folder, then swap it in. Raises SeedError(s), OutputFolderError, RuntimeError or OSError.

    The output folder is checked first (`output_folder.check`): nothing is touched when a build may not replace it.
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    given, site = site, site.resolve()
    staging = site.with_name(f".{site.name}.building-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        config = load_config(str(config_file), site_dir=str(staging))
    except (Abort, MkDocsException) as error:
        raise RuntimeError(f"{config_file}:1: the MkDocs configuration is not valid ({error}) — fix it and build again") from None
    output_folder.check(given, project=ROOT, keep=read_folders(config, seeds_dir), replace=replace)
    with site_lock(site):
        recover(site)
        staging.mkdir()
        plugin = None
        try:
            plugin = use_seeds(config, seeds_dir)
            mkdocs_build(config)
            output_folder.mark(staging)
        except BaseException as error:
            if plugin:  # MkDocs lets the index finish on its errors, not on an interrupt: nothing may write here after
                plugin.wait_for_search_index()
                plugin.progress.close()  # the status line on a terminal, before what is printed next
            shutil.rmtree(staging, ignore_errors=True)
            if not isinstance(error, Abort | MkDocsException | SeedError | SeedErrors):
                raise
            if isinstance(error, MISTAKES):
                raise
            seed_error = seed_error_behind(error)
            if seed_error:
                raise seed_error from None
            system_error = os_error_behind(error)
            if system_error:  # a full disk or a folder that cannot be written, met in a hook
                raise system_error from None
            raise RuntimeError(f"{config_file}:1: the MkDocs build failed ({error}) — fix the messages above and build again") from None
        swap(staging, site)


@contextmanager
def site_lock(site: Path | str) -> Iterator[None]:
    """Hold `.<site>.lock` beside the output folder while building; RuntimeError when another build holds it.

    The lock file is removed on release, so a waiting process may have locked a
    file that is no longer there: it checks that it holds the file at the path.
    """
    site = Path(site).resolve()
    path = site.with_name(f".{site.name}.lock")
    site.parent.mkdir(parents=True, exist_ok=True)
    while True:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(handle)
            raise RuntimeError(
                f"{shown(site)}:1: another build into {site.name}/ is running — wait for it to finish, or build into another --site"
            ) from None
        try:
            if os.stat(path).st_ino == os.fstat(handle).st_ino:
                break
        except FileNotFoundError:
            pass
        os.close(handle)
    try:
        yield
    finally:
        path.unlink(missing_ok=True)
        os.close(handle)


def recover(site: Path) -> None:
    """Undo what an interrupted build left beside `site`, never deleting the last complete site."""
    retired = site.with_name(f".{site.name}.old")
    if retired.exists() and not site.exists():  # interrupted between the two renames of `swap`
        retired.rename(site)
    shutil.rmtree(retired, ignore_errors=True)
    for leftover in site.parent.glob(f".{site.name}.building-*"):
        shutil.rmtree(leftover, ignore_errors=True)


def swap(staging: Path, site: Path) -> None:
    """Put the built `staging` folder in place of `site`, keeping a complete site at `site` as long as the system allows."""
    if not site.exists():
        staging.rename(site)
    elif exchange(staging, site):
        shutil.rmtree(staging)
    else:
        retired = site.with_name(f".{site.name}.old")
        site.rename(retired)
        staging.rename(site)
        shutil.rmtree(retired)


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.kb.commands.build", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=Path("seeds"), help="seeds folder (default: seeds)")
    parser.add_argument("--site", type=Path, default=Path("site"), help="output folder (default: site)")
    parser.add_argument("--verbose", action="store_true", help="show MkDocs' progress messages")
    parser.add_argument("--replace", action="store_true", help="replace the output folder even if it is not a previous site")
    args = parser.parse_args(argv)
    log_for_editors(args.verbose)
    try:
        build(args.seeds, args.site, replace=args.replace)
    except output_folder.OutputFolderError as error:
        print(error, file=sys.stderr)
        return 2
    except (*MISTAKES, RuntimeError) as error:
        print(error, file=sys.stderr)  # several mistakes: one line each, then the count
        return 1
    except OSError as error:  # the system refused: a full disk, a read-only folder, …
        print(environment_failure(error, args.site, args.seeds), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
