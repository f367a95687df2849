"""The search index written in the background: its failure returned by `wait` (and logged at once under `mkdocs serve --dirty`), `stop`."""

from __future__ import annotations

import logging
import os
import time
from concurrent import futures
from pathlib import Path

import pytest
from interview_kb.outputs.search import background
from interview_kb.outputs.search.background import BackgroundIndex
from interview_kb.outputs.search.pagefind import Cancelled, Pagefind, group_alive

from tests.support import fake_pagefind

LOGGER = "mkdocs.plugins.interview_kb"


def failing() -> None:
    raise RuntimeError("pagefind failed: no space left on device")


def test_wait_returns_the_failure_once_and_nothing_is_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    indexing = BackgroundIndex()
    indexing.start(failing, Pagefind(tmp_path / "pagefind"))
    assert indexing.started
    failure = indexing.wait()
    assert isinstance(failure, RuntimeError) and str(failure) == "pagefind failed: no space left on device"
    assert not indexing.started and indexing.wait() is None  # forgotten once waited for
    assert not [record for record in caplog.records if record.name == LOGGER]
    indexing.start(lambda: None, Pagefind(tmp_path / "pagefind"))
    assert indexing.wait() is None


def test_a_failure_is_logged_in_one_line_as_it_happens_when_asked(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Under `mkdocs serve --dirty` nothing waits for the index until the next rebuild: its failure is told at once."""
    caplog.set_level(logging.ERROR, logger=LOGGER)
    indexing = BackgroundIndex()
    indexing.start(failing, Pagefind(tmp_path / "pagefind"), log_failure=True)
    deadline = time.monotonic() + 10
    while not caplog.records and time.monotonic() < deadline:
        time.sleep(0.01)
    assert [(record.name, record.levelno, record.getMessage()) for record in caplog.records] == [
        (LOGGER, logging.ERROR, "the search index was not updated: pagefind failed: no space left on device")
    ]
    assert indexing.started  # logged before anything waited for it
    assert isinstance(indexing.wait(), RuntimeError)


def slow_pagefind(folder: Path, ignore_sigterm: bool = False) -> Path:
    """A Pagefind that runs a child process of its own (as npm's launcher does) and writes the child's id to `<output>.child`."""
    trap = "trap '' TERM\n" if ignore_sigterm else ""
    return fake_pagefind(folder, f'{trap}sleep 30 &\necho $! > "$4.child"\nwait')


def started_child(output: Path) -> int:
    """The process group of the slow Pagefind's child, once it has started."""
    marker = Path(f"{output}.child")
    deadline = time.monotonic() + 30
    while not (marker.is_file() and marker.read_text().strip()):
        assert time.monotonic() < deadline, "the fake Pagefind did not start"
        time.sleep(0.01)
    return os.getpgid(int(marker.read_text()))


@pytest.mark.parametrize("ignore_sigterm", [False, True], ids=["ends on SIGTERM", "ignores SIGTERM"])
def test_stop_ends_pagefinds_processes_and_returns_once_the_job_has_ended(tmp_path: Path, ignore_sigterm: bool) -> None:
    runner = Pagefind(slow_pagefind(tmp_path / "bin", ignore_sigterm))
    runner.GRACE = 0.5  # then SIGKILL
    ended: list[BaseException] = []

    def job() -> None:
        try:
            runner.index(tmp_path, tmp_path / "out")
        except BaseException as error:
            time.sleep(0.3)  # its cleanup, as `index.complete` removes its half-made index
            ended.append(error)
            raise

    indexing = BackgroundIndex()
    indexing.start(job, runner)
    group = started_child(tmp_path / "out")
    assert group_alive(group)
    start = time.monotonic()
    indexing.stop()
    assert time.monotonic() - start < 10, "stop waited for Pagefind to end of itself"
    assert [type(error) for error in ended] == [Cancelled]  # the job has ended when stop returns
    assert not group_alive(group), "Pagefind's child process is still running"
    assert not indexing.started and indexing.wait() is None


def test_a_ctrl_c_while_the_build_waits_leaves_the_index_for_stop_to_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = Pagefind(slow_pagefind(tmp_path / "bin"))
    indexing = BackgroundIndex()
    indexing.start(lambda: runner.index(tmp_path, tmp_path / "out"), runner)
    group = started_child(tmp_path / "out")
    interrupts, failure_of = [KeyboardInterrupt()], background.failure_of

    def interrupted_once(job: futures.Future[None]) -> BaseException | None:
        if interrupts:  # Ctrl-C, as the build waits for the index at its end
            raise interrupts.pop()
        return failure_of(job)

    monkeypatch.setattr(background, "failure_of", interrupted_once)
    with pytest.raises(KeyboardInterrupt):
        indexing.wait()
    assert indexing.started
    indexing.stop()
    assert not group_alive(group), "Pagefind's child process is still running"


def test_stop_before_pagefind_runs_keeps_it_from_running(tmp_path: Path) -> None:
    runner = Pagefind(fake_pagefind(tmp_path / "bin", f"touch {tmp_path / 'ran'}"))

    def job() -> None:
        runner.cancelled.wait(timeout=30)  # the records are still being written when the build is stopped
        runner.index(tmp_path, tmp_path / "out")

    indexing = BackgroundIndex()
    indexing.start(job, runner)
    indexing.stop()
    assert not (tmp_path / "ran").exists()
    assert not indexing.started
