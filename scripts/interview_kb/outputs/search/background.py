"""The search index written in the background, while MkDocs renders the pages or after the page has reloaded.

The index needs only the seeds, and MkDocs renders pages on one core, so the
plugin starts the index (`start`) before the pages and the build waits for it
at its end (`wait`, which returns its failure for the build to raise). Under
`mkdocs serve --dirty` it is started after the build, so the page reloads
first; nothing waits for it until the next rebuild, so its failure is logged
as it happens and the served site keeps its previous index. A build that is
stopped (Ctrl-C, SIGTERM) gives it up (`stop`): Pagefind's processes are ended
and the job waited for, so nothing writes into the site folder afterwards.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent import futures

from interview_kb.outputs.search.pagefind import Pagefind

log = logging.getLogger("mkdocs.plugins.interview_kb")


class BackgroundIndex:
    """The search index being written, one at a time, in a thread of its own."""

    def __init__(self) -> None:
        self.executor = futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-index")
        self.job: futures.Future[None] | None = None
        self.pagefind: Pagefind | None = None

    @property
    def started(self) -> bool:
        """Whether an index was started and not yet waited for."""
        return self.job is not None

    def start(self, write: Callable[[], None], pagefind: Pagefind, *, log_failure: bool = False) -> None:
        """Run `write`, which runs `pagefind`, in the background, once the index started before it has ended.

        With `log_failure` its failure is logged, in one line, as soon as it happens.
        """
        self.wait()
        self.pagefind = pagefind
        self.job = self.executor.submit(write)
        if log_failure:
            self.job.add_done_callback(log_the_failure)

    def wait(self) -> BaseException | None:
        """Wait for the index being written, if any; its failure, if any.

        The job is forgotten only once it has ended: a Ctrl-C that interrupts the
        wait leaves it for `stop` to end.
        """
        job = self.job
        if job is None:
            return None
        failure = failure_of(job)  # once it has ended
        self.job = self.pagefind = None
        return failure

    def stop(self) -> None:
        """Give up the index being written: Pagefind's processes are ended, and the job is waited for."""
        if self.job is None:
            return
        self.job.cancel()  # not started yet: it never will be
        if self.pagefind is not None:
            self.pagefind.cancel()
        self.wait()


def failure_of(job: futures.Future[None]) -> BaseException | None:
    """What `job` raised, waiting for it to end; None if it returned or never started."""
    return None if job.cancelled() else job.exception()


def log_the_failure(job: futures.Future[None]) -> None:
    failure = failure_of(job)
    if failure is not None:
        log.error(f"the search index was not updated: {failure}")
