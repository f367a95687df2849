"""What sharing adds to a build, at growing series sizes: `python -m scripts.tools.sharing_cost [N ...]` (default 1 1000).

For each N it writes the synthetic series (scripts/tools/synthetic.py), reads
it as a build does, and times and weighs, in this process, what the plugin
writes for sharing: the share pages, the preview cards, the feeds, llms.txt
and the citation downloads. The whole build's time is `make bench`'s.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from interview_kb.knowledge import base
from interview_kb.outputs import cards, feeds, llms_txt, share_pages
from interview_kb.render import citations
from interview_kb.urls import SiteUrls

from scripts.tools.synthetic import write_series

SITE = "https://kb.example.org/"


def folder_bytes(folder: Path) -> tuple[int, int]:
    """Bytes of the files under `folder`, and what they are gzip-compressed (as a host serves them)."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), sum(len(gzip.compress(p.read_bytes(), 6, mtime=0)) for p in files)


def measure(count: int, work: Path) -> dict[str, tuple[float, int, int, int]]:
    """name → (seconds, files, bytes, gzip bytes)."""
    kb = base.load(write_series(count, work / f"seeds-{count}"), report=lambda warning: None)
    urls = SiteUrls(SITE)
    out: dict[str, tuple[float, int, int, int]] = {}

    def timed(name: str, folder: Path, job: Callable[[], object]) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        start = time.perf_counter()
        job()
        seconds = time.perf_counter() - start
        size, compressed = folder_bytes(folder)
        out[name] = (seconds, sum(1 for p in folder.rglob("*") if p.is_file()), size, compressed)

    images = {i.slug: f"{SITE}cards/{i.slug}.png" for i in kb.interviews}
    timed("share pages", work / "share", lambda: share_pages.write(work / "share", kb, share_pages.Site("Site", urls), images))
    cards.draw_card.cache_clear()
    timed("preview cards", work / "cards", lambda: cards.write(work / "cards", kb, "Interview knowledge base"))
    series = feeds.Series("Site", "A series.", SITE)

    def write_feeds() -> None:
        (work / "feeds" / "feed.xml").write_text(feeds.atom(kb, series, urls), encoding="utf-8")
        (work / "feeds" / "feed.json").write_text(feeds.json_feed(kb, series, urls), encoding="utf-8")

    timed("feeds (Atom + JSON)", work / "feeds", write_feeds)
    llms = work / "llms" / "llms.txt"
    timed("llms.txt", work / "llms", lambda: llms.write_text(llms_txt.llms_txt(kb, "Site", "A series.", urls), encoding="utf-8"))

    def write_citations() -> None:
        for i in kb.interviews:
            links = {e.anchor: f"{SITE}interviews/{i.slug}/#{e.anchor}" for e in i.transcript.exchanges}
            (work / "cite" / f"{i.slug}.bib").write_text(citations.bibtex_file(i, links), encoding="utf-8")
            (work / "cite" / f"{i.slug}.json").write_text(citations.csl_file(i, links), encoding="utf-8")
            for e in i.transcript.exchanges:  # the menus' citations, which the interview pages carry
                citations.formats(citations.of_exchange(i, e, links[e.anchor]))

    timed("citation downloads (+ menus)", work / "cite", write_citations)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1, 1000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for count in args.sizes:
            print(f"{count} interviews: seconds, files, bytes, gzip bytes")
            for name, (seconds, files, size, compressed) in measure(count, Path(folder)).items():
                print(f"  {name:30} {seconds:7.2f} s {files:7,} files {size:13,} B {compressed:13,} B gzip")


if __name__ == "__main__":
    main()
