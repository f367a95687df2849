"""`make site` into one folder: one build at a time, and a complete site at every instant, even after a crash."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scripts.kb.commands import build
from tests.conftest import ROOT
from tests.test_errors import ONE_LINE, make_seeds, run_build


def test_a_second_build_into_the_same_site_stops_with_one_line(tmp_path: Path) -> None:
    site = tmp_path / "site"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from scripts.kb.commands.build import site_lock\n"
            f"with site_lock({str(site)!r}):\n    print('held', flush=True); time.sleep(60)",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        result = run_build(make_seeds(tmp_path / "seeds"), site)
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 1
    assert ONE_LINE.match(result.stderr), result.stderr
    assert "another build into" in result.stderr
    assert not site.exists()


def test_builds_one_after_another_leave_nothing_beside_the_site(tmp_path: Path) -> None:
    seeds = make_seeds(tmp_path / "seeds")
    for _ in range(2):
        assert run_build(seeds, tmp_path / "site").returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seeds", "site"]


def test_a_build_after_a_crash_between_two_renames_restores_the_last_complete_site(tmp_path: Path) -> None:
    """Where no atomic exchange exists, the swap is two renames: killed between them, `site/` is missing."""
    site = tmp_path / "site"
    retired = tmp_path / ".site.old"
    retired.mkdir()
    (retired / "index.html").write_text("last complete site")
    seeds = make_seeds(tmp_path / "seeds")
    (seeds / "demo.txt").write_text("")  # and the next build fails
    result = run_build(seeds, site)
    assert result.returncode == 1
    assert (site / "index.html").read_text() == "last complete site"
    assert not retired.exists()


@pytest.mark.parametrize("exchange", [True, False], ids=["atomic exchange", "two renames"])
def test_swap_without_or_with_the_exchange_call(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool) -> None:
    if not exchange:
        monkeypatch.setattr(build, "exchange", lambda a, b: False)
    site, staging = tmp_path / "site", tmp_path / ".site.building-x"
    for folder, text in ((site, "old"), (staging, "new")):
        folder.mkdir()
        (folder / "index.html").write_text(text)
    build.swap(staging, site)
    assert (site / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
