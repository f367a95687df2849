"""The site's search index in `<site>/pagefind/`: the records written out for Pagefind, indexed part by part, and put in place.

`prepare` is the part done in Python (the records, as files in a folder in
memory); `complete` runs Pagefind on them and swaps the result in. The plugin
runs `complete` in the background while MkDocs renders the pages (background.py).
Pagefind's output for the same records is byte-identical from one build to the next.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from interview_kb.knowledge.base import KnowledgeBase
from interview_kb.knowledge.exchange_links import Knowledge
from interview_kb.outputs import site_folder
from interview_kb.outputs.search import vocabulary
from interview_kb.outputs.search.pagefind import Pagefind, digest_of, rewrite
from interview_kb.outputs.search.records import SHARD_SIZE, WORDS_PAGE, Record, continuing, missing_words, other_pages, records, shards
from interview_kb.urls import SiteUrls

log = logging.getLogger("mkdocs.plugins.interview_kb")
# Records per part of the index at most, for memory: Pagefind held 2.6 GB at 20,000 records and 5.1 GB at 40,000
# (docs/guide/internals/benchmarks.md#search-index-memory), and the parts are written one after another beside
# MkDocs (about 1.3 GB at a thousand long episodes), so that a build stays within 4 GB. A thousand short interviews
# (about 17,000 records) are still one part; a thousand long episodes (62,000) are four of about 15,600.
PART_RECORDS = min(SHARD_SIZE, 20_000)
FOLDER = "pagefind"
PAGES = "kb-pages.json"  # in FOLDER
SHARDS = "kb-shards.json"  # in FOLDER: the folders of the other parts of the index, relative to FOLDER
INTERVIEWS = "kb-interviews.json"  # in FOLDER: which interview each record of each part is from (`interview_starts`)
PASSAGES = "kb-passages.json"  # in FOLDER: per part, the records that continue the one before (records.continuing)


def write(
    site_dir: Path, kb: KnowledgeBase, knowledge: Knowledge, urls: SiteUrls, pagefind: Pagefind, shard_size: int = PART_RECORDS
) -> None:
    """Replace `<site_dir>/pagefind/` with the index of every exchange: `complete(prepare(...))`."""
    complete(prepare(site_dir, kb, knowledge, urls, pagefind, shard_size))


@dataclass
class Prepared:
    """The records written out as Pagefind's input (`prepare`), waiting to be indexed (`complete`)."""

    site_dir: Path
    records: int
    inputs: list[Path]  # one folder of record files per part of the index
    pages: list[dict[str, str]]  # PAGES
    words: dict[str, str]  # the vocabulary's parts, {file name: JSON}, for vocabulary.FOLDER
    starts: list[list[int]]  # per part, `interview_starts`
    passages: list[list[int]]  # per part, `records.continuing`
    work: tempfile.TemporaryDirectory[str]
    start: float
    pagefind: Pagefind  # which runs the records, and which `background.BackgroundIndex.stop` ends


def prepare(
    site_dir: Path, kb: KnowledgeBase, knowledge: Knowledge, urls: SiteUrls, pagefind: Pagefind, shard_size: int = PART_RECORDS
) -> Prepared:
    """The records, written out as files for Pagefind: the part of the work done in Python (a second at a thousand interviews).

    The build runs it before MkDocs renders the pages, and `complete` in a
    thread meanwhile: `complete` is mostly Pagefind's own process, which runs on
    the core MkDocs leaves free, where Python code would wait for MkDocs' turn.
    """
    start = time.perf_counter()
    found = list(records(kb, knowledge, urls))
    parts = shards(found, shard_size)
    documents = [[record.html() for record in part] for part in parts]
    scratch = in_memory_folder(sum(len(document) for part in documents for document in part))
    remove_leftovers()
    # Named after this process, so that a later build can tell the folder of a build that died from a running one's.
    work = tempfile.TemporaryDirectory(prefix=f"{WORK_PREFIX}{os.getpid()}-", dir=scratch)
    try:
        inputs = [Path(work.name, f"records-{number}") for number in range(len(parts))]
        for part, extra_words, folder in zip(documents, missing_words(parts), inputs, strict=True):
            write_records(part, extra_words, folder)
        pages = other_pages(kb, knowledge, urls)
        starts = interview_starts(found, parts)
        passages = [continuing(part) for part in parts]
        return Prepared(Path(site_dir), len(found), inputs, pages, vocabulary.parts(found), starts, passages, work, start, pagefind)
    except BaseException:
        work.cleanup()
        raise


def complete(prepared: Prepared) -> None:
    """Index the prepared records with Pagefind, and swap the index in for `<site_dir>/pagefind/`.

    The index is made beside it and swapped in as the build swaps in its site
    (`site_folder.swap`: one atomic step where the system has one), so a reader
    searching meanwhile (under `mkdocs serve --dirty`, where it is made after the
    page reloads) uses the old one; a failure leaves the old one, and what a
    crash leaves is mended first (`site_folder.recover`). Logs the number of
    records and the seconds since `prepare` began.
    """
    output = Path(prepared.site_dir, FOLDER)
    site_folder.recover(output)
    staging = Path(prepared.site_dir, f"{site_folder.staging_prefix(output)}{os.getpid()}-{secrets.token_hex(4)}")
    # Pagefind adds to its output folder without emptying it: the other parts are written inside the first.
    folders = [staging] + [staging / shard_folder(number) for number in range(1, len(prepared.inputs))]
    try:
        # One part after another, not all at once: Pagefind's memory grows with the records it holds (2.6 GB at
        # 20,000 records, docs/guide/internals/benchmarks.md#search-index-memory), and two parts at once, beside MkDocs,
        # would pass the 4 GB a build may use; it runs beside MkDocs' rendering, which holds the other core anyway.
        for records_folder, folder in zip(prepared.inputs, folders, strict=True):
            prepared.pagefind.index(records_folder, folder)
        for folder in folders:
            rewrite(folder, merged=folder != staging)
        starts = {digest_of(folder): part for folder, part in zip(folders, prepared.starts, strict=True)}
        (staging / INTERVIEWS).write_text(json.dumps(starts, separators=(",", ":")), encoding="utf-8")
        continued = {digest_of(folder): part for folder, part in zip(folders, prepared.passages, strict=True) if part}
        (staging / PASSAGES).write_text(json.dumps(continued, separators=(",", ":")), encoding="utf-8")
        (staging / SHARDS).write_text(json.dumps([f"{shard_folder(n)}/" for n in range(1, len(folders))]), encoding="utf-8")
        (staging / PAGES).write_text(json.dumps(prepared.pages, ensure_ascii=False), encoding="utf-8")
        (staging / vocabulary.FOLDER).mkdir()
        for name, text in prepared.words.items():
            (staging / vocabulary.FOLDER / name).write_text(text, encoding="utf-8")
        site_folder.swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)  # a half-made index is not left in the site folder
        raise
    finally:
        prepared.work.cleanup()
    log.info(f"search index: {prepared.records} records in {time.perf_counter() - prepared.start:.2f} s")


def interview_starts(found: list[Record], parts: list[list[Record]]) -> list[list[int]]:
    """For each part, the number of the first record of each interview (in the order of `found`) within the part.

    The search box reads a result's record number from its id (`pagefind.fragment_names`)
    and its interview from these: the last interview whose first record is not after it.
    An interview with no record in a part starts where the next one does.
    """
    order = list(dict.fromkeys(interview_of(record) for record in found))
    starts = []
    for part in parts:
        first: dict[str, int] = {}
        for number, record in enumerate(part):
            first.setdefault(interview_of(record), number)
        following = len(part)
        backwards = []
        for interview in reversed(order):
            following = first.get(interview, following)
            backwards.append(following)
        starts.append(backwards[::-1])
    return starts


def interview_of(record: Record) -> str:
    return record.url.partition("#")[0]


def shard_folder(number: int) -> str:
    return f"shard-{number}"


def write_records(documents: list[str], extra_words: list[str], work: Path) -> None:
    """A part's records (`Record.html()` each), and a page of `extra_words` if any, as files in `work` for Pagefind."""
    work.mkdir(parents=True)
    for number, document in enumerate(documents):
        Path(work, f"{number:07d}.html").write_text(document, encoding="utf-8")
    if extra_words:
        # Marked by a filter of its own, which `pagefind.finish` reads (to name the page) and removes.
        marker = f'<meta data-pagefind-filter="{WORDS_PAGE}[content]" content="{WORDS_PAGE}">'
        body = f"<p>{html.escape(' '.join(extra_words))}</p>{marker}"
        Path(work, f"{WORDS_PAGE}.html").write_text(
            f'<!DOCTYPE html><html lang="en"><body><main data-pagefind-body>{body}</main></body></html>', encoding="utf-8"
        )


WORK_PREFIX = "kb-search-"  # then the process id: `kb-search-<pid>-<random>`
SHARED_MEMORY = Path("/dev/shm")


def remove_leftovers() -> None:
    """Remove the record folders of builds that died without cleaning up (SIGKILL, a power cut); never a running build's."""
    for scratch in {SHARED_MEMORY, Path(tempfile.gettempdir())}:
        try:
            leftovers = list(scratch.glob(f"{WORK_PREFIX}*"))
        except OSError:
            continue
        for folder in leftovers:
            found = re.match(rf"{re.escape(WORK_PREFIX)}(\d+)-", folder.name)
            if found and int(found[1]) != os.getpid() and not running(int(found[1])):
                shutil.rmtree(folder, ignore_errors=True)


def running(pid: int) -> bool:
    """Whether a process `pid` exists (another user's too)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OverflowError:
        return False
    return True


def in_memory_folder(size: int) -> str | None:
    """A folder in memory with room for `size` bytes of record files, if the system has one (else the usual temporary folder).

    The records are thousands of small files, written once and read once:
    18,000 of them took 4 s to write on a disk, 0.3 s in memory.
    """
    try:
        if SHARED_MEMORY.is_dir() and os.access(SHARED_MEMORY, os.W_OK) and shutil.disk_usage(SHARED_MEMORY).free > 4 * size:
            return str(SHARED_MEMORY)
    except OSError:
        pass
    return None
