"""The status line of a build on a terminal: rewritten in place, erased at the end, and never written elsewhere."""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from interview_kb.plugin.progress import ERASE, Progress

from tests.support import ROOT

TERMINAL = {"TERM": "xterm-256color"}


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "get_terminal_size", lambda *args: os.terminal_size((120, 40)))


def test_the_line_is_rewritten_in_place_and_erased_at_the_end(wide: None) -> None:
    stream = FakeTerminal()
    progress = Progress(stream, TERMINAL, interval=0)
    progress.step("interviews", 1, 2)
    progress.step("interviews", 2, 2)
    progress.state("search index", "started")
    progress.step("pages", 5, 5)
    progress.state("search index", "done")
    progress.close()
    assert stream.getvalue().split(ERASE) == [
        "",
        "interviews 1/2",
        "interviews 2/2",
        "interviews 2/2 · search index started",
        "interviews 2/2 · search index started · pages 5/5",
        "interviews 2/2 · search index done · pages 5/5",
        "",
    ]


@pytest.mark.parametrize(
    ("stream", "environ"),
    [
        (io.StringIO(), TERMINAL),  # a log file, a pipe, a test's captured stderr
        (FakeTerminal(), {**TERMINAL, "CI": "true"}),
        (FakeTerminal(), {"TERM": "dumb"}),
    ],
    ids=["not a terminal", "CI", "dumb terminal"],
)
def test_nothing_is_written_but_on_a_terminal_outside_ci(stream: io.StringIO, environ: dict[str, str]) -> None:
    progress = Progress(stream, environ, interval=0)
    assert not progress.enabled
    progress.step("interviews", 1, 1)
    progress.state("search index", "started")
    progress.close()
    assert stream.getvalue() == ""


def test_steps_are_drawn_at_most_every_interval_but_the_last_always(wide: None) -> None:
    stream = FakeTerminal()
    progress = Progress(stream, TERMINAL, interval=3600)
    for done in range(1, 301):
        progress.step("interviews", done, 300)
    assert stream.getvalue().split(ERASE) == ["", "interviews 1/300", "interviews 300/300"]


def test_the_line_is_cut_to_the_terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "get_terminal_size", lambda *args: os.terminal_size((12, 40)))
    stream = FakeTerminal()
    Progress(stream, TERMINAL, interval=0).step("interviews", 100, 300)
    assert stream.getvalue() == ERASE + "interviews "  # 11 characters: the cursor stays on the line


@pytest.fixture
def logged_to() -> Iterator[FakeTerminal]:
    stream = FakeTerminal()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield stream
    finally:
        logger.removeHandler(handler)


def test_a_log_record_is_written_on_an_erased_line(wide: None, logged_to: FakeTerminal) -> None:
    progress = Progress(logged_to, TERMINAL, interval=0)
    progress.step("pages", 1, 9)
    logging.getLogger("mkdocs.plugins.interview_kb").warning("seeds/x.yml:1: warning: doubtful — check it")
    progress.step("pages", 2, 9)
    progress.close()
    logging.getLogger("mkdocs.plugins.interview_kb").warning("after the build")
    assert logged_to.getvalue() == (
        f"{ERASE}pages 1/9{ERASE}seeds/x.yml:1: warning: doubtful — check it\n{ERASE}pages 2/9{ERASE}after the build\n"
    )


def mkdocs_build_on_a_terminal(seeds: Path, site: Path, monkeypatch: pytest.MonkeyPatch) -> FakeTerminal:
    """`mkdocs build` with stderr a terminal: what it wrote there (MkDocs' own log is not on it)."""
    from interview_kb.commands.common import use_seeds
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    terminal = FakeTerminal()
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setattr("sys.stderr", terminal)
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site))
    use_seeds(config, seeds)
    try:
        build(config)
    finally:
        monkeypatch.undo()
    return terminal


def test_a_build_on_a_terminal_shows_interviews_pages_and_the_search_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wide: None
) -> None:
    from tests.support import add_interview, make_seeds

    seeds = make_seeds(tmp_path / "seeds")
    add_interview(seeds, "omega")
    lines = mkdocs_build_on_a_terminal(seeds, tmp_path / "site", monkeypatch).getvalue().split(ERASE)
    assert lines[0] == lines[-1] == ""  # nothing but the line, erased at the end
    assert lines[1:3] == ["interviews 1/2", "interviews 2/2"]
    assert any(line.startswith("interviews 2/2 · pages 0/") and line.endswith(" · search index started") for line in lines), lines
    assert re.fullmatch(r"interviews 2/2 · pages (\d+)/\1 · search index done", lines[-2]), lines
    assert (tmp_path / "site" / "pagefind").is_dir()


def test_a_failed_build_erases_the_line_before_its_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wide: None) -> None:
    from interview_kb.commands.common import use_seeds
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError

    from tests.support import broken_seeds

    terminal = FakeTerminal()
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setattr("sys.stderr", terminal)
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    plugin = use_seeds(config, broken_seeds(tmp_path / "seeds", "alpha", "beta"))
    with pytest.raises(PluginError, match="2 mistakes in 2 files"):
        plugin.on_config(config)
    assert terminal.getvalue().split(ERASE) == ["", "interviews 1/3", "interviews 3/3", ""]  # 2/3 within 0.1 s of 1/3
