"""The second engine: the same mkdocs.yml, overrides and hooks built with Zensical.

Zensical ignores `hooks:`, so `zensical build` alone gives a site without any
generated page; `make site-zensical` (`interview-kb zensical`, scripts/interview_kb/commands/zensical_build.py) runs the hook
events around it. Both facts are checked here. `make test` installs Zensical
into .venv-zensical; without it these tests are skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from interview_kb.commands import zensical_build
from interview_kb.outputs import site_folder

from scripts.tools import builds
from tests.support import ROOT, Build

pytestmark = pytest.mark.slow  # builds sites (make test-fast leaves it out)

ZENSICAL = ROOT / zensical_build.DEFAULT_ZENSICAL
SITE_URL = "https://kb.example.org/archive/"

needs_zensical = pytest.mark.skipif(
    not ZENSICAL.exists(), reason=f"{ZENSICAL.relative_to(ROOT)} is missing: `make test` or `make site-zensical` installs Zensical"
)


ENVIRONMENT = {"SOURCE_DATE_EPOCH": "1700000000", "SITE_URL": SITE_URL, "NO_COLOR": "1"}


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    site = tmp_path_factory.mktemp("zensical") / "site"
    result = builds.run("interview_kb", "zensical", "--seeds", str(ROOT / "seeds"), "--site", str(site), env=ENVIRONMENT)
    assert result.returncode == 0, result.stderr
    return Build(site, result.returncode, result.stderr)


@needs_zensical
def test_zensical_alone_ignores_the_hooks(tmp_path: Path) -> None:
    """If this fails, Zensical has started running MkDocs hooks: update zensical_build and the guide about it.

    The guide: docs/guide/publishing.md#a-second-engine-zensical.
    """
    for name in ("mkdocs.yml", "docs", "overrides"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            shutil.copy(source, tmp_path / name)
    result = subprocess.run(
        [str(ZENSICAL), "build", "--config-file", str(tmp_path / "mkdocs.yml")],
        cwd=tmp_path,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **ENVIRONMENT},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    assert (site / "tags" / "index.html").exists()
    assert not (site / "interviews").exists()
    assert not (site / "topics").exists()
    assert not (site / "kb.json").exists()


@needs_zensical
def test_every_exchange_anchor_and_topic_page_exists(zensical_site: Build) -> None:
    kb = zensical_site.kb
    assert kb["exchanges"]
    for exchange in kb["exchanges"]:
        page = BeautifulSoup(zensical_site.html(exchange["url"]), "html.parser")
        heading = page.find(id=exchange["id"])
        assert heading is not None and heading.name == "h2", exchange["url"]
    for topic in kb["topics"]:
        page = BeautifulSoup(zensical_site.html(f"topics/{topic['slug']}/"), "html.parser")
        listed = [str(a["href"]).split("#")[1] for a in page.select(".kb-topic-index a[href*='#']")]
        assert listed == [e["id"] for e in kb["exchanges"] if topic["slug"] in e["topics"]], topic["slug"]


@needs_zensical
def test_zensical_site_has_the_same_pages_and_files_as_mkdocs(zensical_site: Build, built: Build) -> None:
    def pages(site: Path) -> set[str]:
        return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}

    assert pages(zensical_site.site) == pages(built.site)
    for name in ("robots.txt", "sitemap.xml", "kb.json", "404.html"):
        assert (zensical_site.site / name).is_file(), name
    for download in (built.site / "downloads").iterdir():
        assert zensical_site.download(download.stem) == built.download(download.stem).replace(
            b"http://127.0.0.1:8000/", SITE_URL.encode()
        ), download.name


@needs_zensical
def test_zensical_pages_keep_previews_canonical_links_and_print_styles(zensical_site: Build) -> None:
    kb = zensical_site.kb
    interview = kb["interviews"][0]["slug"]
    page = BeautifulSoup(zensical_site.html(f"interviews/{interview}/"), "html.parser")
    canonical = f"{SITE_URL}interviews/{interview}/"
    assert [str(link["href"]) for link in page.select('link[rel="canonical"]')] == [canonical]
    assert page.select_one('meta[property="og:url"]')["content"] == canonical  # type: ignore[index]
    assert page.select_one('meta[property="og:title"]')["content"] == kb["interviews"][0]["title"]  # type: ignore[index]
    assert page.select_one('link[media="print"][href$="assets/kb-print.css"]')
    assert (zensical_site.site / "assets" / "kb-print.css").is_file()
    not_found = BeautifulSoup((zensical_site.site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert not_found.select_one('form.kb-404-search[action="/archive/"]')
    assert len(not_found.select(".kb-404-topics a")) == len(kb["topics"])
    robots = (zensical_site.site / "robots.txt").read_text(encoding="utf-8")
    assert robots.endswith(f"Sitemap: {SITE_URL}sitemap.xml\n")


def test_only_the_markdown_download_link_warning_is_tolerated(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "interviews").mkdir(parents=True)
    (docs / "interviews" / "x.md").write_text(
        "# X\n\n- [plain text](../downloads/x.txt) · [Markdown](../downloads/x.md)\n\n[broken](missing.md)\n", encoding="utf-8"
    )
    download = "Warning: page does not exist\n    ╭─[ interviews/x.md:3:49 ]\n    │\n"
    broken = "Warning: page does not exist\n    ╭─[ interviews/x.md:5:10 ]\n    │\n"
    assert zensical_build.unexpected_warnings(f"Build started\n{download}1 issue found\n", docs) == []
    assert zensical_build.unexpected_warnings(f"{download}{broken}2 issues found\n", docs) == ["interviews/x.md:5:10: page does not exist"]
    # Issues reported in a shape the parser does not know are never passed over.
    assert zensical_build.unexpected_warnings("Error: something new\n1 issue found\n", docs)


@needs_zensical
def test_zensical_site_has_the_same_search_index(zensical_site: Build, built: Build) -> None:
    assert not (zensical_site.site / "search.json").exists()
    assert zensical_site.search_records() == built.search_records()


FAKE_ZENSICAL = """#!{python}
import pathlib, sys
if {fail!r}:
    sys.exit("zensical: broken on purpose")
site = pathlib.Path("site")
site.mkdir()
(site / "index.html").write_text("<html><body>built by a stand-in</body></html>", encoding="utf-8")
"""


def stand_in(folder: Path, *, fail: bool = False) -> Path:
    """An executable in Zensical's place that writes a one-page site (or fails), for what the command does around it."""
    script = folder / "zensical"
    script.write_text(FAKE_ZENSICAL.format(python=sys.executable, fail=fail), encoding="utf-8")
    script.chmod(0o755)
    return script


def previous_site(site: Path) -> dict[str, bytes]:
    site.mkdir(parents=True)
    (site / site_folder.MARKER).write_text(site_folder.MARKER_TEXT, encoding="utf-8")
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    return {p.name: p.read_bytes() for p in site.iterdir()}


def test_a_zensical_build_stops_at_the_lock_of_another_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    before = previous_site(site)
    monkeypatch.chdir(ROOT)
    with site_folder.site_lock(site), pytest.raises(RuntimeError, match="another build into site/ is running"):
        zensical_build.build(ROOT / "seeds", site, zensical=stand_in(tmp_path))
    assert {p.name: p.read_bytes() for p in site.iterdir()} == before


def test_a_failed_zensical_build_leaves_the_previous_site_and_nothing_beside_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    before = previous_site(site)
    monkeypatch.chdir(ROOT)
    with pytest.raises(RuntimeError, match="broken on purpose"):
        zensical_build.build(ROOT / "seeds", site, zensical=stand_in(tmp_path, fail=True))
    assert {p.name: p.read_bytes() for p in site.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "zensical"]


def test_a_zensical_build_failing_after_zensical_leaves_the_previous_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The generated files, kb.json and the search index are written before the site is swapped in, not into it."""
    site = tmp_path / "site"
    before = previous_site(site)
    monkeypatch.chdir(ROOT)

    def full_disk(folder: Path) -> None:
        raise OSError(28, "No space left on device", str(folder))

    monkeypatch.setattr(site_folder, "mark", full_disk)
    with pytest.raises(OSError, match="No space left"):
        zensical_build.build(ROOT / "seeds", site, zensical=stand_in(tmp_path))
    assert {p.name: p.read_bytes() for p in site.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "zensical"]


def test_a_zensical_build_swaps_the_whole_site_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    previous_site(site)
    monkeypatch.chdir(ROOT)
    zensical_build.build(ROOT / "seeds", site, zensical=stand_in(tmp_path))
    assert "built by a stand-in" in (site / "index.html").read_text(encoding="utf-8")
    assert (site / site_folder.MARKER).is_file() and (site / "kb.json").is_file()
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "zensical"]  # no lock, no staging folder
