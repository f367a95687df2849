"""One status line on a terminal while a build runs: interviews read, pages written, the search index.

    progress = Progress()                       # on sys.stderr
    progress.step("interviews", 3, 300)         # interviews 3/300
    progress.state("search index", "started")   # interviews 300/300 · search index started
    progress.close()                            # the line is erased

Shown only when the stream is a terminal, `CI` is not set and `TERM` is not
`dumb`: logs, CI and tests see nothing at all. The line is rewritten in place
(carriage return, then erase to the end of the line), at most every
`interval` seconds but always at a stage's last step, and cut to the
terminal's width so that it never wraps. A log record written to the same
stream first erases it (the next step draws it again), so messages never land
at the end of the status line.
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import sys
import threading
import time
from collections.abc import Mapping
from typing import TextIO

ERASE = "\r\x1b[K"  # to the start of the line, then erase it


def shows_progress(stream: TextIO, environ: Mapping[str, str]) -> bool:
    """Whether `stream` is a terminal that a status line may be rewritten on."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and "CI" not in environ and environ.get("TERM") != "dumb"


class Progress:
    """The status line; every method does nothing when it is not shown (`enabled`). Safe to call from several threads."""

    def __init__(self, stream: TextIO | None = None, environ: Mapping[str, str] | None = None, interval: float = 0.1) -> None:
        self.stream = sys.stderr if stream is None else stream
        self.enabled = shows_progress(self.stream, os.environ if environ is None else environ)
        self.interval = interval
        self.parts: dict[str, str] = {}  # stage → its state, in the order the stages began
        self.drawn = False
        self.last_draw = float("-inf")
        self.lock = threading.RLock()
        self.handlers: list[logging.Handler] = []
        if self.enabled:
            self.handlers = [h for h in _stream_handlers() if getattr(h, "stream", None) is self.stream]
            for handler in self.handlers:
                handler.addFilter(self.erase_before_record)

    @classmethod
    def hidden(cls) -> Progress:
        """A status line shown nowhere, e.g. before a build has begun."""
        return cls(io.StringIO())

    def step(self, stage: str, done: int, total: int) -> None:
        """`done` of `total` (`pages 45/1210`); drawn at most every `interval`, and always when `done` reaches `total`."""
        self.state(stage, f"{done}/{total}", now=done >= total)

    def state(self, stage: str, state: str, now: bool = True) -> None:
        """Set what `stage` shows (`search index started`) and draw the line (unless drawn less than `interval` ago and not `now`)."""
        if not self.enabled:
            return
        with self.lock:
            self.parts[stage] = state
            moment = time.monotonic()
            if now or moment - self.last_draw >= self.interval:
                self.last_draw = moment
                self.draw()

    def draw(self) -> None:
        line = " · ".join(f"{stage} {state}" for stage, state in self.parts.items())
        width = shutil.get_terminal_size().columns - 1
        self.stream.write(ERASE + line[: max(width, 0)])
        self.stream.flush()
        self.drawn = True

    def erase(self) -> None:
        """Erase the line, if it is drawn; the next step draws it again."""
        with self.lock:
            if self.drawn:
                self.stream.write(ERASE)
                self.stream.flush()
                self.drawn = False

    def erase_before_record(self, record: logging.LogRecord) -> bool:
        """A logging filter on the handlers writing to the same stream: the record is written on a clean line."""
        self.erase()
        return True

    def close(self) -> None:
        """The end of the build (or its failure): the line is erased and logging is left as it was."""
        self.erase()
        with self.lock:
            self.parts.clear()
        for handler in self.handlers:
            handler.removeFilter(self.erase_before_record)
        self.handlers = []


def _stream_handlers() -> list[logging.Handler]:
    """The handlers that could write a build's log records: the root logger's, MkDocs' own, and Python's last resort."""
    loggers = [logging.getLogger(), logging.getLogger("mkdocs")]
    handlers = [handler for logger in loggers for handler in logger.handlers]
    if logging.lastResort is not None:  # where records go when no handler is configured (`make generate`)
        handlers.append(logging.lastResort)
    return [handler for handler in handlers if isinstance(handler, logging.StreamHandler)]
