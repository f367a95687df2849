"""What the tests share: the project root, builds of the site, seeds folders and interviews made for a test, HTML helpers.

Fixtures live in conftest.py; test modules import helpers from here, never from each other.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from click.testing import CliRunner, Result
from interview_kb.commands.cli import cli
from interview_kb.knowledge.base import KnowledgeBase
from interview_kb.reading import yamlfile
from interview_kb.reading.loader import Interview, Speaker
from interview_kb.reading.transcript import parse

from scripts.tools import builds

ROOT = builds.ROOT
PAGEFIND = ROOT / "node_modules" / ".bin" / "pagefind"  # the plugin's `pagefind:` setting, by default


@dataclass(frozen=True)
class Build:
    site: Path
    returncode: int
    stderr: str

    @property
    def kb(self) -> Any:
        """kb.json with its pieces joined, as the single file was (`kb_json.whole`)."""
        from interview_kb.outputs import kb_json

        return kb_json.whole(self.site)

    def html(self, url: str) -> str:
        """HTML of a site-relative URL such as `interviews/x/` (fragment ignored)."""
        path = url.split("#")[0]
        file = self.site / path / "index.html" if path.endswith("/") or not path else self.site / path
        return file.read_text(encoding="utf-8")

    def download(self, name: str) -> bytes:
        """A download as a reader saves it: `downloads/<name>.gz` (outputs/downloads.py), decompressed."""
        return gzip.decompress((self.site / "downloads" / f"{name}.gz").read_bytes())

    def search_records(self) -> list[dict[str, Any]]:
        """Every record of the Pagefind index (`content`, `meta`, `filters`), read from its fragment files (in every part).

        `url` is the link the search box follows: the exchange's permanent link, kept in the meta `url`.
        """
        records = [
            json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd"))
            for f in (self.site / "pagefind").glob("**/fragment/*.pf_fragment")
            if not f.name.endswith("-words.pf_fragment")  # a part's page of other parts' words, never a result
        ]
        for record in records:
            record["url"] = record["meta"]["url"]
        return sorted(records, key=lambda record: str(record["url"]))


def build_site(site: Path, seeds: Path | None = None, strict: bool = True, **extra_env: str) -> Build:
    """Run `mkdocs build` (strict unless told) with the project's plugin (as `make site` does, minus the swap)."""
    env = {"SOURCE_DATE_EPOCH": "1700000000", **extra_env, "KB_SEEDS": str(seeds or ROOT / "seeds")}
    result = builds.run("mkdocs", "build", *(["--strict"] if strict else []), "--site-dir", str(site), env=env)
    return Build(site, result.returncode, result.stderr)


def write_search_index(site: Path, shard_size: int) -> list[str]:
    """Write the shipped seeds' search index into `site` in parts of at most `shard_size` records (as the plugin
    does at the end of a build, with its settings from mkdocs.yml); returns every record's link."""
    from interview_kb.commands.common import use_seeds
    from interview_kb.outputs.search import index, records
    from interview_kb.outputs.search.pagefind import Pagefind
    from interview_kb.urls import SiteUrls
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site))
    plugin = use_seeds(config, ROOT / "seeds")
    config = plugin.on_config(config)
    urls = SiteUrls.of(config)
    index.write(site, plugin.kb, plugin.knowledge, urls, Pagefind(Path(plugin.config.pagefind)), shard_size=shard_size)
    return [record.url for record in records.records(plugin.kb, plugin.knowledge, urls)]


def fake_pagefind(folder: Path, script: str, version: str | None = None) -> Path:
    """A Pagefind command line in `folder` (a shell script): it says it is `version` (the pinned one) or else runs `script`."""
    from interview_kb.outputs.search.pagefind import VERSION

    folder.mkdir(parents=True, exist_ok=True)
    launcher = folder / "pagefind"
    answer = f'if [ "$1" = --version ]; then echo "pagefind {version or VERSION}"; exit 0; fi'
    launcher.write_text(f"#!/bin/sh\n{answer}\n{script}\n", encoding="utf-8")
    launcher.chmod(0o755)
    return launcher


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


# A seeds folder of one small interview, and the build command run on it.

TRANSCRIPT = "Preface.\n\nAnn: First question?\n\nBob: An answer about widgets.\n\nAnn: Thanks.\n"
META = (
    "title: Demo\ndate: 2020\nsource: https://example.com/demo\ninterviewer: Ann\nspeakers:\n"
    "  Ann: {name: Ann A, role: Host, organization: Org}\n  Bob: {name: Bob B, role: Guest, organization: Org}\n"
)
TOPICS = "topics:\n  - slug: widgets\n    title: Widgets\n    description: Widgets.\n    evidence: {widgets: 5, answer: 1, scale: 1}\n"
ONE_LINE = re.compile(r"^(?P<path>[^\n:]+):(?P<line>\d+): (?P<what>[^\n]+) — (?P<todo>[^\n]+)\n$")


def make_seeds(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "demo.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (folder / "demo.yml").write_text(META, encoding="utf-8")
    (folder / "topics.yml").write_text(TOPICS, encoding="utf-8")
    return folder


def run_build(
    seeds: Path | str, site: Path | str, *options: str, cwd: Path = ROOT, timeout: float | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    """`interview-kb build`, as an editor runs it (`--seeds=… --site=…` and `options`), from the project folder `cwd`."""
    command = ("interview_kb", "build", f"--seeds={seeds}", f"--site={site}", *options)
    return builds.run(*command, env={"KB_STRICT": "false", **env}, cwd=cwd, timeout=timeout)


def command_line(*args: str) -> Result:
    """`interview-kb ARGS` in this process, by click's test runner: its `exit_code`, `stdout` and `stderr`."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


BROKEN = {  # interview → (its metadata, the one line its mistake prints after the seeds folder)
    "alpha": (
        META.replace("source: https://example.com/demo\n", ""),
        "alpha.yml:1: required field `source` is missing — add `source:` (see docs/guide/editors/adding-interviews.md#the-metadata)",
    ),
    "beta": (
        META.replace("interviewer: Ann", "interviewer: Zed"),
        "beta.yml:4: interviewer 'Zed' is not one of the speakers (Ann, Bob) — use a label listed under `speakers`",
    ),
    "gamma": (
        META + "interviwer: Ann\n",
        "gamma.yml:8: unknown key `interviwer` — did you mean `interviewer`? (known keys: title, date, source, interviewer,"
        " speakers, publication, series, format, media, slug, announcer, description, tags, keywords, recognise_parts, split, join,"
        " turns)",
    ),
}


def add_interview(seeds: Path, slug: str, meta: str = META) -> None:
    """An interview of its own (its question differs from demo's, so its anchor does too)."""
    (seeds / f"{slug}.txt").write_text(TRANSCRIPT.replace("First question?", f"First {slug} question?"), encoding="utf-8")
    (seeds / f"{slug}.yml").write_text(meta, encoding="utf-8")


def broken_seeds(folder: Path, *slugs: str) -> Path:
    seeds = make_seeds(folder)
    for slug in slugs:
        add_interview(seeds, slug, BROKEN[slug][0])
    return seeds


def plugin_config(site: Path, seeds: Path) -> object:
    """MkDocs' configuration of the project, building `seeds` into `site` (as the build command sets it up)."""
    from interview_kb.commands.common import use_seeds
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site))
    use_seeds(config, seeds)
    return config


# Interviews built in memory, for the knowledge layer's unit tests.

SPEAKERS = {
    "Q": Speaker("Q", "Quinn Asker", "Host", "Example Media"),
    "A": Speaker("A", "Ada Answer", "CTO", "Acme"),
}


def interview(text: str, slug: str = "demo", date: str = "2015") -> Interview:
    """An interview whose interviewer is `Q:` and whose guest is `A:`."""
    transcript = parse(text, interview=slug, labels=list(SPEAKERS), interviewers=["Q"], path=f"{slug}.txt")
    return Interview(slug, f"Title of {slug}", date, "https://example.com/" + slug, "Example Blog", "", ("Q",), dict(SPEAKERS), transcript)


def yaml_parsed(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The YAML files parsed from now on, in order (reading/yamlfile.py's `parse_text`, which every read ends in)."""
    parsed: list[Path] = []
    parse = yamlfile.parse_text

    def counted(path: Path, text: str) -> yamlfile.YamlFile:
        parsed.append(path)
        return parse(path, text)

    monkeypatch.setattr(yamlfile, "parse_text", counted)
    return parsed


def knowledge_base(*interviews: Interview) -> KnowledgeBase:
    """No topics: every exchange is on none."""
    return KnowledgeBase(tuple(interviews), (), {e.anchor: () for i in interviews for e in i.transcript.exchanges})


# The built pages as a reader sees them.


def is_share_page(html: str) -> bool:
    """An exchange's share page (outputs/share_pages.py): it sends the reader on, and is in neither the nav nor the sitemap."""
    return '<meta http-equiv="refresh"' in html


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def normalise(text: str) -> str:
    return re.sub(r"[ \t\r\n\f\v]+", " ", text).strip()


def text_of(node: Tag) -> str:
    """Visible text as read: inline markup (links, tooltips) adds no spaces; blocks are separated by newlines in the HTML."""
    return normalise(node.get_text())
