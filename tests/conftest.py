"""Shared fixtures: the project root and a site built from `seeds/` once per test session."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Build:
    site: Path
    returncode: int
    stderr: str

    @property
    def kb(self) -> Any:
        return json.loads((self.site / "kb.json").read_text(encoding="utf-8"))

    def html(self, url: str) -> str:
        """HTML of a site-relative URL such as `interviews/x/` (fragment ignored)."""
        path = url.split("#")[0]
        file = self.site / path / "index.html" if path.endswith("/") or not path else self.site / path
        return file.read_text(encoding="utf-8")

    def search_records(self) -> list[dict[str, Any]]:
        """Every record of the Pagefind index (`content`, `meta`, `filters`), read from its fragment files (in every part).

        `url` is the link the search box follows: the exchange's permanent link, kept in the meta `href`.
        """
        records = [
            json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd"))
            for f in (self.site / "pagefind").glob("**/fragment/*.pf_fragment")
            if not f.name.endswith("-words.pf_fragment")  # a part's page of other parts' words, never a result
        ]
        for record in records:
            record["url"] = record["meta"]["href"]
        return sorted(records, key=lambda record: str(record["url"]))


def build_site(site: Path, seeds: Path | None = None, strict: bool = True, **extra_env: str) -> Build:
    """Run `mkdocs build` (strict unless told) with the project's plugin (as `make site` does, minus the swap)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", **extra_env}
    env["KB_SEEDS"] = str(seeds or ROOT / "seeds")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []), "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return Build(site, result.returncode, result.stderr)


def write_search_index(site: Path, shard_size: int) -> list[str]:
    """Write the shipped seeds' search index into `site` in parts of at most `shard_size` records (as the plugin
    does at the end of a build, with its settings from mkdocs.yml); returns every record's link."""
    from mkdocs.config import load_config

    from scripts.kb import search_index
    from scripts.kb.commands.build import use_seeds
    from scripts.kb.urls import SiteUrls

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site))
    plugin = use_seeds(config, ROOT / "seeds")
    config = plugin.on_config(config)
    urls = SiteUrls.of(config)
    search_index.write(site, plugin.kb, plugin.knowledge, urls, shard_size=shard_size)
    return [record.url for record in search_index.records(plugin.kb, plugin.knowledge, urls)]


def build_with_shipped_topics(interviews: Path, work: Path) -> Build:
    """Build fixture interviews with the shipped `seeds/topics.yml`, as an editor's new series would start.

    Warnings are expected (a topic, or an `include` of the first interview, with
    nothing to match), so the build is not strict even where CI makes warnings errors.
    """
    seeds = work / "seeds"
    shutil.copytree(interviews, seeds)
    shutil.copy(ROOT / "seeds" / "topics.yml", seeds / "topics.yml")
    build = build_site(work / "site", seeds, strict=False, KB_STRICT="false")
    assert build.returncode == 0, build.stderr
    return build


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site(tmp_path_factory.mktemp("site") / "site")
    assert build.returncode == 0, build.stderr
    return build


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/browser/ is a `browser` test (for `make test-fast`, which leaves them out)."""
    for item in items:
        if "browser" in item.path.parts:
            item.add_marker(pytest.mark.browser)
