"""The size budget: every file over a limit is one line saying by how much; a strict build stops on it."""

from __future__ import annotations

import logging
import random
from pathlib import Path

import pytest
from interview_kb.errors import SeedErrors
from interview_kb.outputs import budget


def write(site: Path, files: dict[str, bytes]) -> Path:
    for relative, content in files.items():
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        (site / relative).write_bytes(content)
    return site


def test_a_file_over_a_limit_is_one_line_with_its_excess(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(budget, "FILE_LIMIT", 5_000)
    monkeypatch.setattr(budget, "PAGE_LIMIT", 3_000)
    monkeypatch.setattr(budget, "PAGE_GZIP_LIMIT", 1_000)
    monkeypatch.setattr(budget, "SITE_LIMIT", 12_000)
    site = write(
        tmp_path,
        {
            "kb.json": b"x" * 6_000,  # over the file limit
            "people/host/index.html": b"y" * 3_500,  # over the page limit
            "interviews/long/index.html": random.Random(1).randbytes(2_600),  # does not compress
            "topics/light/index.html": b"z" * 2_900,  # compresses well: within budget
            "assets/big.js": b"w" * 2_000,  # not a page: only the file limit applies
        },
    )
    lines = [str(warning) for warning in budget.over_budget(site)]
    assert lines == [
        "site/interviews/long/index.html:1: warning: the page weighs 3 KB gzipped, 2 KB over the 1 KB a page may weigh gzipped"
        " — split the interview into parts, one transcript each (see docs/guide/publishing.md#the-size-budget)",
        "site/kb.json:1: warning: the file weighs 6 KB, 1 KB over the 5 KB a file may weigh"
        " — the page is generated: report it with the series' size, so that its bound can be lowered"
        " (see docs/guide/publishing.md#the-size-budget)",
        "site/people/host/index.html:1: warning: the page weighs 4 KB, 500 bytes over the 3 KB a page may weigh"
        " — the page is generated: report it with the series' size, so that its bound can be lowered"
        " (see docs/guide/publishing.md#the-size-budget)",
        "site:1: warning: the site weighs 17 KB, 5 KB over the 12 KB a site may weigh"
        " — split the series into sites, or leave files out of docs/ (see docs/guide/publishing.md#the-size-budget)",
    ]


def test_weights_sum_the_site_by_kind_of_file(tmp_path: Path) -> None:
    site = write(
        tmp_path,
        {
            "index.html": b"1",
            "interviews/a/index.html": b"22",
            "interviews/a/why-abc123/index.html": b"12345",
            "people/b/index.html": b"333",
            "glossary/index.html": b"4",
            "topics/c/index.html": b"55",
            "downloads/a.txt": b"666",
            "pagefind/x.pf_index": b"7",
            "kb.json": b"88",
            "kb/a.json": b"9",
            "assets/kb.css": b"10",
        },
    )
    assert budget.weights(site) == {
        "interview pages": 2,
        "share pages": 5,
        "knowledge pages": 4,
        "topic pages": 2,
        "other pages": 1,
        "downloads": 3,
        "search index": 1,
        "export": 3,
        "assets": 2,
    }


@pytest.mark.slow
def test_a_build_over_budget_warns_and_a_strict_one_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from interview_kb.commands import build

    from tests.support import make_seeds

    monkeypatch.setenv("KB_SEARCH_INDEX", "false")
    monkeypatch.setattr(budget, "PAGE_GZIP_LIMIT", 2_000)  # the seeds' pages are a few KB gzipped
    seeds = make_seeds(tmp_path / "seeds")
    monkeypatch.setenv("KB_STRICT", "false")
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.interview_kb"):
        build.build(seeds, tmp_path / "relaxed")
    warned = [r.getMessage() for r in caplog.records if "a page may weigh gzipped" in r.getMessage()]
    assert warned and all(line.startswith("site/") and ".html:1: warning: the page weighs" in line for line in warned)
    assert (tmp_path / "relaxed" / "index.html").is_file()
    monkeypatch.setenv("KB_STRICT", "true")
    with pytest.raises(SeedErrors) as stopped:
        build.build(seeds, tmp_path / "strict")
    made_errors = [line.replace(" warning:", "") + " (a strict build makes warnings errors)" for line in warned]
    assert [str(error) for error in stopped.value.errors] == made_errors
    assert not (tmp_path / "strict").exists()
