"""Build the site all or nothing: `interview-kb build [--seeds seeds] [--site site]` (`make site`).

The output folder is checked, locked and replaced by outputs/site_folder.py: only
one build at a time, and the new site swapped in atomically.

A target that is a mount point (a container volume, a CI cache) cannot be
renamed or exchanged (EBUSY), nor can a folder from another file system be
renamed into its place (EXDEV): its contents are replaced instead (`swap_contents`).
The build then writes into a hidden folder inside it, and each top-level entry
is exchanged into place, the marker first; entries the new site does not have
are removed. That is one atomic step per entry, not one for the whole site: a
reader may, for the few milliseconds it takes, get a new page next to an old
one, and a build killed (SIGKILL) halfway leaves a mix of the two, which the
next build replaces."""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from interview_kb.commands.common import os_error_behind, project_of, read_folders, seed_error_behind, use_seeds
from interview_kb.errors import MISTAKES, SeedError, SeedErrors
from interview_kb.outputs import site_folder


def build(seeds_dir: Path, site: Path, config_file: Path = Path("mkdocs.yml"), replace: bool = False) -> None:
    """Build into a temporary folder, then swap it in. Raises SeedError(s), OutputFolderError, RuntimeError or OSError.

    The output folder is checked first (`site_folder.check`): nothing is touched when a build may not replace it.
    The temporary folder is beside the output folder, or inside it when it is a mount point (see `swap_contents`).
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    given, site = site, site.resolve()
    staging = site_folder.staging_folder(site)
    try:
        # Loaded with its own output folder first: MkDocs refuses a site inside the docs folder in two lines of its own,
        # and the output folder's check says it in one.
        config = load_config(str(config_file))
    except (Abort, MkDocsException) as error:
        raise RuntimeError(f"{config_file}:1: the MkDocs configuration is not valid ({error}) — fix it and build again") from None
    site_folder.check(given, project=project_of(config_file), keep=read_folders(config, seeds_dir), replace=replace)
    config["site_dir"] = str(staging)
    with site_folder.site_lock(site):
        site_folder.recover(site)
        plugin = None
        try:
            staging.mkdir()
            plugin = use_seeds(config, seeds_dir)
            mkdocs_build(config)
            site_folder.mark(staging)
        except BaseException as error:
            if plugin:  # MkDocs lets the index finish on its errors, not on an interrupt: nothing may write here after
                if isinstance(error, KeyboardInterrupt):  # Ctrl-C, SIGTERM, SIGHUP: Pagefind is stopped, not waited for
                    plugin.indexing.stop()
                else:
                    plugin.indexing.wait()
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
                site_folder.publish(staging, site)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
            SIGNALS.replaced = True


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
