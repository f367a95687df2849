"""Build the site all or nothing: `python -m scripts.kb.commands.build [--seeds seeds] [--site site]`.

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

A target that is a mount point (a container volume, a CI cache) cannot be
renamed or exchanged (EBUSY), nor can a folder from another file system be
renamed into its place (EXDEV): its contents are replaced instead (`swap_contents`).
The build then writes into a hidden folder inside it, and each top-level entry
is exchanged into place, the marker first; entries the new site does not have
are removed. That is one atomic step per entry, not one for the whole site: a
reader may, for the few milliseconds it takes, get a new page next to an old
one, and a build killed (SIGKILL) halfway leaves a mix of the two, which the
next build replaces.

SIGTERM and SIGHUP (docker stop, systemd, a CI timeout, a closed terminal) stop a
build as Ctrl-C does: the search index's Pagefind processes are ended and
waited for, the temporary folders removed, the lock released, and the command
prints one line and exits 128 + the signal's number (130, 143, 129) as shells
expect. A signal that comes while the new site is being put in place is acted
on once it is in place, never halfway.
"""

from __future__ import annotations

import argparse
import ctypes
import errno
import fcntl
import logging
import os
import re
import secrets
import shutil
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
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
    The temporary folder is beside the output folder, or inside it when it is a mount point (see `swap_contents`).
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    given, site = site, site.resolve()
    inside = is_mount_point(site)
    staging = (site if inside else site.parent) / f"{output_folder.staging_prefix(site)}{os.getpid()}-{secrets.token_hex(4)}"
    try:
        # Loaded with its own output folder first: MkDocs refuses a site inside the docs folder in two lines of its own,
        # and the output folder's check says it in one.
        config = load_config(str(config_file))
    except (Abort, MkDocsException) as error:
        raise RuntimeError(f"{config_file}:1: the MkDocs configuration is not valid ({error}) — fix it and build again") from None
    output_folder.check(given, project=ROOT, keep=read_folders(config, seeds_dir), replace=replace)
    config["site_dir"] = str(staging)
    with site_lock(site):
        recover(site)
        plugin = None
        try:
            staging.mkdir()
            plugin = use_seeds(config, seeds_dir)
            mkdocs_build(config)
            output_folder.mark(staging)
        except BaseException as error:
            if plugin:  # MkDocs lets the index finish on its errors, not on an interrupt: nothing may write here after
                if isinstance(error, KeyboardInterrupt):  # Ctrl-C, SIGTERM, SIGHUP: Pagefind is stopped, not waited for
                    plugin.stop_search_index()
                else:
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
        with SIGNALS.held():  # a stop signal is acted on once the new site is in place, not halfway
            try:
                if inside:
                    swap_contents(staging, site)
                else:
                    swap(staging, site)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
            SIGNALS.replaced = True


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
        for leftover in folder.glob(f"{output_folder.staging_prefix(site)}*"):
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
        new = sorted(os.listdir(staging), key=lambda name: (name != output_folder.MARKER, name))
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


STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


class Stopped(KeyboardInterrupt):
    """A stop signal (SIGINT, SIGTERM, SIGHUP), raised in the main thread as Ctrl-C is, so that the build's cleanup runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.name = signal.Signals(signum).name


class StopSignals:
    """What the build command does on a stop signal: raise `Stopped` once, or later while `held`.

    Signals that come while the first one's cleanup runs are ignored: the cleanup
    ends Pagefind and removes the temporary folders, which a second Ctrl-C or
    SIGTERM would leave half done. A signal the process was started ignoring
    (`nohup`, a background job) stays ignored.
    """

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.stopping = False
        self.holding = False
        self.pending: int | None = None
        self.replaced = False  # the new site is in place

    def handle(self, signum: int, frame: FrameType | None) -> None:
        if self.stopping:
            return
        if self.holding:
            self.pending = self.pending or signum
            return
        self.stopping = True
        raise Stopped(signum)

    @contextmanager
    def installed(self) -> Iterator[None]:
        self.reset()
        previous = {number: signal.getsignal(number) for number in STOP_SIGNALS}
        for number, handler in previous.items():
            if handler != signal.SIG_IGN:
                signal.signal(number, self.handle)
        try:
            yield
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)

    @contextmanager
    def held(self) -> Iterator[None]:
        """A stop signal that comes meanwhile is raised at the end, not in the middle."""
        self.holding = True
        try:
            yield
        finally:
            self.holding = False
        if self.pending is not None and not self.stopping:
            self.stopping = True
            raise Stopped(self.pending)


SIGNALS = StopSignals()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.kb.commands.build", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=Path("seeds"), help="seeds folder (default: seeds)")
    parser.add_argument("--site", type=Path, default=Path("site"), help="output folder (default: site)")
    parser.add_argument("--verbose", action="store_true", help="show MkDocs' progress messages")
    parser.add_argument("--replace", action="store_true", help="replace the output folder even if it is not a previous site")
    args = parser.parse_args(argv)
    log_for_editors(args.verbose)
    try:
        with SIGNALS.installed():
            return run(args.seeds, args.site, args.replace)
    except Stopped as stopped:
        if SIGNALS.replaced:
            what = f"the build was stopped ({stopped.name}) as it ended; the new site is in place — nothing to redo"
        else:
            what = f"the build was stopped ({stopped.name}); the previous site is unchanged — build again"
        print(f"{shown(args.site)}:1: {what}", file=sys.stderr)
        return 128 + stopped.signum


def run(seeds: Path, site: Path, replace: bool) -> int:
    """`build`, its failures printed as their lines: the exit status."""
    try:
        build(seeds, site, replace=replace)
    except output_folder.OutputFolderError as error:
        print(error, file=sys.stderr)
        return 2
    except (*MISTAKES, RuntimeError) as error:
        print(error, file=sys.stderr)  # several mistakes: one line each, then the count
        return 1
    except OSError as error:  # the system refused: a full disk, a read-only folder, …
        print(environment_failure(error, site, seeds), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
