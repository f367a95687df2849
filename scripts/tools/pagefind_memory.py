"""Pagefind's peak memory by number of records: `python -m scripts.tools.pagefind_memory SEEDS N [N ...]`.

Reads the seeds folder as a build does, makes its search records
(outputs/search/records.py), and for each N indexes the first N of them (N at
most the records there are) in one part, with the command line and settings
the build uses (outputs/search/pagefind.py), sampling the resident memory of
Pagefind's process tree every 0.05 s. It prints, per N, the seconds, the peak
RSS of the tree and of its largest process, and the index's size on disk. The
seeds of `python -m scripts.tools.synthetic_podcast 1000 DIR` give about 62,000
records.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path

from interview_kb.knowledge import base
from interview_kb.knowledge import exchange_links as knowledge_links
from interview_kb.outputs.search import index, pagefind
from interview_kb.outputs.search.records import records
from interview_kb.urls import SiteUrls

from scripts.tools.bench import folder_bytes, tree_rss

ROOT = Path(__file__).resolve().parents[2]


def indexed(documents: list[str], work: Path) -> tuple[float, int, int, int]:
    """Seconds, peak tree RSS, peak largest-process RSS (bytes) and index bytes of one Pagefind run over `documents`."""
    folder, output = work / "records", work / "index"
    index.write_records(documents, [], folder)
    command = [pagefind.checked_launcher(ROOT / "node_modules/.bin/pagefind"), "--site", str(folder), "--output-path", str(output)]
    command += ["--force-language", "en", "--silent"]
    environment = {**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(pagefind.INDEX_CHUNK_LOCATIONS)}
    peak_tree = peak_process = 0
    start = time.perf_counter()
    process = subprocess.Popen(command, env=environment, stdin=subprocess.DEVNULL)
    while process.poll() is None:
        total, largest = tree_rss(process.pid)
        peak_tree, peak_process = max(peak_tree, total), max(peak_process, largest)
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    if process.returncode:
        raise SystemExit(f"Pagefind failed with exit status {process.returncode}")
    return seconds, peak_tree, peak_process, folder_bytes(output)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("seeds", type=Path)
    parser.add_argument("counts", type=int, nargs="+")
    args = parser.parse_args()
    kb = base.load(args.seeds, lambda warning: None)
    knowledge = knowledge_links.load(args.seeds, kb, lambda warning: None)
    found = list(records(kb, knowledge, SiteUrls()))
    print(f"{len(found):,} records from {len(kb.interviews):,} interviews")
    print("records | seconds | peak RSS, tree (MB) | largest process (MB) | index (MB)")
    for count in args.counts:
        part = found[:count]
        documents = [record.html() for record in part]
        with tempfile.TemporaryDirectory() as work:
            seconds, tree, largest, size = indexed(documents, Path(work))
        print(f"{len(part):,} | {seconds:.1f} | {tree / 1e6:,.0f} | {largest / 1e6:,.0f} | {size / 1e6:,.1f}", flush=True)


if __name__ == "__main__":
    main()
