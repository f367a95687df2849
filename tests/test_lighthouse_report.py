"""`make lighthouse SITE=dir` scores the home page and the heaviest page of each kind (scripts/tools/lighthouse_report.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.tools import lighthouse_report


def write(site: Path, files: dict[str, int]) -> None:
    for relative, size in files.items():
        path = site / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * size)


def test_the_heaviest_page_of_each_kind_is_chosen_and_share_pages_are_not_interview_pages(tmp_path: Path) -> None:
    write(tmp_path, {
        "index.html": 1,
        "interviews/short/index.html": 10, "interviews/long/index.html": 30, "interviews/short/why-abc123/index.html": 99,
        "topics/a/index.html": 5, "topics/b/index.html": 4,
        "people/index.html": 50, "people/host/index.html": 20, "people/guest/index.html": 2,
    })  # fmt: skip
    assert lighthouse_report.heaviest(tmp_path) == {
        "home": "",
        "topic": "topics/a/",
        "person": "people/host/",
        "interview": "interviews/long/",
    }


def test_a_kind_the_site_has_no_page_of_is_left_out(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": 1, "interviews/one/index.html": 3})
    assert lighthouse_report.heaviest(tmp_path) == {"home": "", "interview": "interviews/one/"}


def test_a_folder_that_is_not_a_built_site_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="not a built site"), lighthouse_report.served(tmp_path):
        pass
