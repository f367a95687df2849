"""The site's search index: Pagefind, one record per exchange, written into `<site>/pagefind/`.

Each exchange is indexed as its own small HTML document that carries the
exchange's permanent link (meta `href`), so a search ranks exchanges, not pages. The record
is made from the seeds (not from the rendered pages), which makes it the same
under `mkdocs build`, `mkdocs serve` and the Zensical build, and cheap to redo
after every rebuild. In a record:

- the question weighs more than the answers (`QUESTION_WEIGHT`);
- every glossary term the exchange uses brings the spellings it does not write
  (term, `also`, and the expansion that opens its definition, "Session border
  controller: …"), and every entity it mentions brings its other names, at the
  weight of where the exchange uses them (`other_spellings`): one search for any
  spelling finds and ranks the exchange as if it had been written that way;
- meta (`title` = the question's key sentence, `speaker`, `interview`, `date`)
  and filters (`interview`, `speaker`, `topic`, `year`) are what the search box shows.

The interview's preface and epilogue are records too, so that no text is unsearchable.
The other pages (glossary, people, organizations, products, topics) are not in
Pagefind's index, so they never crowd the exchanges: they are listed in a small
file (`PAGES`) that the search box reads, and searches, only when no exchange matches.
Pagefind's output for the same records is byte-identical from one build to the next.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import html
import json
import logging
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Collection, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cbor2

from interview_kb.errors import one_line
from interview_kb.knowledge.base import KnowledgeBase
from interview_kb.knowledge.exchange_links import Knowledge
from interview_kb.reading.glossary_file import Term
from interview_kb.reading.transcript import Paragraph
from interview_kb.urls import GLOSSARY_PAGE, SiteUrls, topic_page

log = logging.getLogger("mkdocs.plugins.interview_kb")
# npm's launcher of the Pagefind binary pinned in package.json (`npm ci --omit=dev`, which `make` runs).
PAGEFIND_BIN = Path(__file__).resolve().parents[3] / "node_modules" / ".bin"
FOLDER = "pagefind"
PAGES = "kb-pages.json"  # in FOLDER
SHARDS = "kb-shards.json"  # in FOLDER: the folders of the other parts of the index, relative to FOLDER
SHARD_SIZE = 40000  # records per part of the index at most (see `shards`): two thousand interviews are one part
WORDS_PAGE = "words"  # a part's page of the words only other parts have (see `missing_words`); its name ends `-words`
QUESTION_WEIGHT = 4.0
# Word locations per slice of the index (Pagefind's default: 20,000). A search loads the
# slice holding each of its words, with every other word in it: at a thousand interviews
# a three-word search loaded 83 KB gzip of slices by default, 40 KB with 1,000, and its
# results came 15-20 ms sooner; the list of slices every search loads first grew 10 KB.
INDEX_CHUNK_LOCATIONS = 1000
# Pagefind writes its own UI bundles too; the site's search box (overrides/assets/kb-search.js) uses none of them.
# It searches in the page, not in a web worker (kb-search.js says why), so its worker script goes too.
UNUSED_OUTPUT = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                 "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
                 "pagefind-worker.js")  # fmt: skip
# A part merged into the first one runs in the first one's script and WebAssembly.
MERGED_ONLY_NEEDS_PRIMARY = ("pagefind.js",)


@dataclass(frozen=True)
class Record:
    """One searchable unit: its URL (site-relative, with the `#anchor`) and the HTML Pagefind reads."""

    url: str
    title: str
    meta: dict[str, str]
    filters: dict[str, list[str]] = field(default_factory=dict)
    weighted: tuple[tuple[float, str], ...] = ()  # (weight, plain text) blocks, in order

    def html(self) -> str:
        tags = [f'<h1 data-pagefind-meta="title" data-pagefind-weight="{QUESTION_WEIGHT:g}">{html.escape(self.title)}</h1>']
        tags += [f'<p data-pagefind-weight="{weight:g}">{html.escape(text)}</p>' for weight, text in self.weighted if text]
        meta = {**self.meta, "href": self.url}
        tags += [f'<meta data-pagefind-meta="{key}[content]" content="{html.escape(value)}">' for key, value in meta.items() if value]
        tags += [
            f'<meta data-pagefind-filter="{key}[content]" content="{html.escape(value)}">'
            for key, values in self.filters.items()
            for value in values
        ]
        return '<!DOCTYPE html><html lang="en"><body><main data-pagefind-body>' + "".join(tags) + "</main></body></html>"


def spellings(term: Term) -> list[str]:
    """Every way a glossary term is written: headword, `also`, and the expansion opening its definition."""
    forms = list(term.forms)
    lead, colon, _ = term.definition.partition(":")
    if colon and 0 < len(lead.split()) <= 6 and lead.lower() not in (f.lower() for f in forms):
        forms.append(lead)
    return forms


def text_of(paragraphs: Iterable[Paragraph]) -> str:
    return " ".join(p.text for p in paragraphs)


def records(kb: KnowledgeBase, knowledge: Knowledge, urls: SiteUrls) -> Iterator[Record]:
    topic_titles = {t.slug: t.title for t in kb.topics}
    for interview in kb.interviews:
        page = urls.interview(interview.slug)
        about = {"interview": interview.title, "date": interview.date}
        year = [interview.date[:4]]
        if interview.transcript.preface:
            yield Record(f"{page}#preface", "Preface", about, {"interview": [interview.title], "year": year},
                         ((1.0, text_of(interview.transcript.preface)),))  # fmt: skip
        for exchange in interview.transcript.exchanges:
            links = knowledge.exchanges.get(exchange.anchor)
            groups = [spellings(t) for t in links.terms] + [list(e.forms_in(interview.slug)) for e in links.entities] if links else []
            answers = " ".join(turn.text for turn in exchange.answers)
            in_question, elsewhere = other_spellings(groups, exchange.question.text, answers)
            answerers = unique(interview.speakers[t.speaker].name for t in exchange.answers)
            yield Record(
                url=f"{page}#{exchange.anchor}",
                title=exchange.label,
                meta={**about, "speaker": ", ".join(answerers)},
                filters={
                    "interview": [interview.title],
                    "speaker": unique(interview.speakers[t.speaker].name for t in exchange.turns),
                    "topic": [topic_titles[slug] for slug in kb.exchange_topics[exchange.anchor]],
                    "year": year,
                },
                weighted=(
                    (QUESTION_WEIGHT, exchange.question.text),
                    (QUESTION_WEIGHT, " · ".join(in_question)),
                    *((1.0, turn.text) for turn in exchange.answers),
                    (1.0, " · ".join(elsewhere)),
                ),
            )
        if interview.transcript.epilogue:
            yield Record(f"{page}#epilogue", "Epilogue", about, {"interview": [interview.title], "year": year},
                         ((1.0, text_of(interview.transcript.epilogue)),))  # fmt: skip


def other_spellings(groups: Iterable[list[str]], question: str, answers: str) -> tuple[list[str], list[str]]:
    """The spellings an exchange does not write, of each term and name it uses, as (for its question, for the rest).

    A group used in the question brings its other spellings at the question's
    weight; any other group brings those its answers do not write at the
    answers' weight. So one search finds and ranks an exchange that says "SBC"
    for "session border controller" as if it had written that out, and the reverse.
    """
    in_question: list[str] = []
    elsewhere: list[str] = []
    for group in groups:
        if any(written(form, question) for form in group):
            in_question += [form for form in group if not written(form, question)]
        else:
            elsewhere += [form for form in group if not written(form, answers)]
    return unique(in_question), unique(elsewhere)


def written(form: str, text: str) -> bool:
    """Whether `text` has `form` as a word or words of its own, in any case."""
    return re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text, re.IGNORECASE) is not None


def unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def write(site_dir: Path, kb: KnowledgeBase, knowledge: Knowledge, urls: SiteUrls, shard_size: int = SHARD_SIZE) -> None:
    """Replace `<site_dir>/pagefind/` with the index of every exchange: `complete(prepare(...))`."""
    complete(prepare(site_dir, kb, knowledge, urls, shard_size))


@dataclass
class Prepared:
    """The records written out as Pagefind's input (`prepare`), waiting to be indexed (`complete`)."""

    site_dir: Path
    records: int
    inputs: list[Path]  # one folder of record files per part of the index
    pages: list[dict[str, str]]  # PAGES
    work: tempfile.TemporaryDirectory[str]
    start: float
    pagefind: Pagefind = field(default_factory=lambda: Pagefind())

    def cancel(self) -> None:
        """Stop the indexing (a build stopped by a signal): Pagefind's processes are ended and waited for."""
        self.pagefind.cancel()


def prepare(site_dir: Path, kb: KnowledgeBase, knowledge: Knowledge, urls: SiteUrls, shard_size: int = SHARD_SIZE) -> Prepared:
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
        return Prepared(Path(site_dir), len(found), inputs, other_pages(kb, knowledge, urls), work, start)
    except BaseException:
        work.cleanup()
        raise


def complete(prepared: Prepared) -> None:
    """Index the prepared records with Pagefind, and swap the index in for `<site_dir>/pagefind/`.

    The index is made beside it and swapped in, so a reader searching meanwhile
    (under `mkdocs serve --dirty`, where it is made after the page reloads) uses the old
    one; a failure leaves the old one. Logs the number of records and the seconds since `prepare` began.
    """
    output = Path(prepared.site_dir, FOLDER)
    staging = Path(prepared.site_dir, f".{FOLDER}.new")
    # Pagefind adds to its output folder without emptying it: the other parts are written inside the first.
    folders = [staging] + [staging / shard_folder(number) for number in range(1, len(prepared.inputs))]
    try:
        shutil.rmtree(staging, ignore_errors=True)
        with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
            list(pool.map(index_records, prepared.inputs, folders, [prepared.pagefind] * len(folders)))
        for folder in folders:
            for name in UNUSED_OUTPUT:
                (folder / name).unlink(missing_ok=True)
            if folder != staging:
                for name in MERGED_ONLY_NEEDS_PRIMARY:
                    (folder / name).unlink(missing_ok=True)
                for wasm in folder.glob("wasm.*.pagefind"):
                    wasm.unlink()
            finish(folder)
        (staging / SHARDS).write_text(json.dumps([f"{shard_folder(n)}/" for n in range(1, len(folders))]), encoding="utf-8")
        (staging / PAGES).write_text(json.dumps(prepared.pages, ensure_ascii=False), encoding="utf-8")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)  # a half-made index is not left in the site folder
        raise
    finally:
        prepared.work.cleanup()
    retired = Path(prepared.site_dir, f".{FOLDER}.old")
    shutil.rmtree(retired, ignore_errors=True)
    if output.exists():
        output.rename(retired)
    staging.rename(output)
    shutil.rmtree(retired, ignore_errors=True)
    log.info(f"search index: {prepared.records} records in {time.perf_counter() - prepared.start:.2f} s")


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


def shards(found: list[Record], shard_size: int) -> list[list[Record]]:
    """The records dealt round-robin into as few parts as keep each at most `shard_size`.

    Dealt, not cut in runs, so that every part holds a like sample of the series
    and Pagefind's word statistics (and so its scores) agree from part to part.
    """
    count = max(1, -(-len(found) // shard_size))
    return [found[number::count] for number in range(count)]


def shard_folder(number: int) -> str:
    return f"shard-{number}"


def missing_words(parts: list[list[Record]]) -> list[list[str]]:
    """For each part, the words of the other parts that it does not have (lower case, sorted).

    Pagefind leaves out of a search any word its index does not have, so that a
    typo does not empty the results. In a part without "Cassandra",
    `Cassandra network` would list every exchange about networks. Each part gets
    one more page (`WORDS_PAGE`) holding the words only other parts have: a word
    is then left out only if the whole series lacks it, as in one index. The
    search box never lists that page.
    """
    if len(parts) < 2:
        return [[] for _ in parts]
    each = [{word for record in part for word in words_of(record)} for part in parts]
    every = set().union(*each)
    return [sorted(every - own) for own in each]


def words_of(record: Record) -> Iterator[str]:
    yield from record.title.lower().split()
    for _, text in record.weighted:
        yield from text.lower().split()


def write_records(documents: list[str], extra_words: list[str], work: Path) -> None:
    """A part's records (`Record.html()` each), and a page of `extra_words` if any, as files in `work` for Pagefind."""
    work.mkdir(parents=True)
    for number, document in enumerate(documents):
        Path(work, f"{number:07d}.html").write_text(document, encoding="utf-8")
    if extra_words:
        # Marked by a filter of its own, which `finish` reads (to name the page) and removes.
        marker = f'<meta data-pagefind-filter="{WORDS_PAGE}[content]" content="{WORDS_PAGE}">'
        body = f"<p>{html.escape(' '.join(extra_words))}</p>{marker}"
        Path(work, f"{WORDS_PAGE}.html").write_text(
            f'<!DOCTYPE html><html lang="en"><body><main data-pagefind-body>{body}</main></body></html>', encoding="utf-8"
        )


class Cancelled(Exception):
    """The indexing was stopped (`Pagefind.cancel`)."""


class Pagefind:
    """Pagefind's command line, run once per part of the index; `cancel` ends the runs and waits for them.

    npm's launcher runs the Pagefind binary as a child process of its own, so each
    run is a process group of its own, which `cancel` ends whole: nothing is left
    writing into a folder that the build is removing.
    """

    GRACE = 5.0  # seconds between SIGTERM and SIGKILL

    def __init__(self) -> None:
        self.cancelled = threading.Event()
        self.lock = threading.Lock()
        self.running: list[subprocess.Popen[str]] = []

    def index(self, work: Path, output: Path) -> None:
        """Index the record files in `work` into `output` with Pagefind's command line.

        Its command line indexes a folder in one run; its Python API answers one
        record per 0.1 s, which took minutes at a hundred interviews.
        """
        command = [pagefind_executable(), "--site", str(work), "--output-path", str(output), "--force-language", "en", "--silent"]
        # Pagefind reads the slice size from the environment only (its name says it may change: the version is pinned).
        environment = {**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(INDEX_CHUNK_LOCATIONS)}
        with self.lock:
            if self.cancelled.is_set():
                raise Cancelled("the search index was not written: the build was stopped")
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=environment,
                process_group=0,
            )
            self.running.append(process)
        try:
            _, errors = process.communicate()
        finally:
            with self.lock:
                self.running.remove(process)
        if self.cancelled.is_set():
            raise Cancelled("the search index was not written: the build was stopped")
        if process.returncode < 0:  # killed: by the kernel when memory ran out, most often
            number = -process.returncode
            name = signal.Signals(number).name if number in signal.valid_signals() else "unknown"
            raise RuntimeError(
                f"{command[0]}:1: Pagefind, writing the search index, was killed by signal {number} ({name}),"
                " e.g. when the machine ran out of memory — free some memory (close other programs) or give the build more,"
                " then build again"
            )
        if process.returncode:
            said = one_line(errors.strip()) or f"no message, exit status {process.returncode}"
            raise RuntimeError(f"{command[0]}:1: Pagefind failed to write the search index ({said}) — fix what it says, then build again")

    def cancel(self) -> None:
        """End every run (SIGTERM, then SIGKILL after `GRACE` seconds) and wait until none of their processes is left."""
        with self.lock:
            self.cancelled.set()
            groups = [process.pid for process in self.running]
        for group in groups:
            signal_group(group, signal.SIGTERM)
        deadline = time.monotonic() + self.GRACE
        for group in groups:
            while group_alive(group) and time.monotonic() < deadline:
                time.sleep(0.02)
            if group_alive(group):
                signal_group(group, signal.SIGKILL)
                while group_alive(group) and time.monotonic() < deadline + self.GRACE:
                    time.sleep(0.02)


def index_records(work: Path, output: Path, pagefind: Pagefind | None = None) -> None:
    """Index the record files in `work` into `output` with Pagefind's command line (`Pagefind.index`)."""
    (pagefind or Pagefind()).index(work, output)


def signal_group(group: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signum)


def group_alive(group: int) -> bool:
    """Whether a process of the process group `group` is still running (zombies are not: they have ended)."""
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    proc = Path("/proc")
    if not proc.is_dir():
        return True
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if len(fields) > 2 and int(fields[2]) == group and fields[0] != "Z":
            return True
    return False


def pagefind_executable() -> str:
    """The pinned Pagefind's launcher; RuntimeError, saying how to install it, when it is missing."""
    found = shutil.which("pagefind", path=str(PAGEFIND_BIN))
    if not found:
        raise RuntimeError(
            f"{PAGEFIND_BIN / 'pagefind'}: Pagefind, which writes the search index, is not installed"
            " — run `npm ci --omit=dev` in the project folder (`make site` and `make serve` do it)"
        )
    if not shutil.which("node"):  # npm's launcher is a Node.js script (`#!/usr/bin/env node`)
        raise RuntimeError(
            f"{found}:1: Node.js is missing, and Pagefind, which writes the search index, runs on it"
            " — install Node.js (e.g. `apt-get install nodejs`, or from https://nodejs.org) so that `node` is on the PATH, then build again"
        )
    return found


def other_pages(kb: KnowledgeBase, knowledge: Knowledge, urls: SiteUrls) -> list[dict[str, str]]:
    """What the search box lists when no exchange matches: glossary terms, entities and topics.

    Each is `{title, url (site-relative), text}`; `text` holds every spelling and
    the definition, description or "about" line that is searched and shown.
    """
    glossary = urls.url(GLOSSARY_PAGE)
    pages = [{"title": t.term, "url": glossary, "text": " · ".join([*spellings(t)[1:], t.definition])} for t in knowledge.glossary]
    pages += [{"title": e.name, "url": urls.url(e.path), "text": " · ".join([*e.forms[1:], e.about])} for e in knowledge.entities]
    pages += [{"title": t.title, "url": urls.url(topic_page(t.slug)), "text": t.description} for t in kb.topics]
    return [{key: value.strip(" ·") for key, value in page.items()} for page in pages]


SIGNATURE = b"pagefind_dcd"


def finish(output: Path) -> None:
    """Make Pagefind's output in `output` the same bytes from one build to the next, and its page list small.

    - Pagefind writes a filter's values in hash-map order, which changes from run
      to run: they are sorted.
    - Its page list (the `.pf_meta` file every search loads first) names each
      record's fragment file by 7 hexadecimal digits of a hash of its content,
      which do not compress: at 18,000 records that is 118 KB of the 285 KB a
      first search costs. The fragments are renamed to a running number after
      a digest of all the old names (`fragment_names`), which compress to a few
      bytes each and still change whenever a record does, so a cache never serves
      an old fragment under a new name.

    Each file is `gzip(SIGNATURE + CBOR)` named after a hash of its content,
    listed in the `.pf_meta` file, itself named in `pagefind-entry.json`: the
    rewritten files get new names and both lists are rewritten to match. The
    `.pf_meta` file lists each record as [fragment, word count, fragment group];
    the group is empty, as every record has a fragment file of its own.
    """
    entry_path = output / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta_path = output / f"pagefind.{language['hash']}.pf_meta"
        meta = read_chunk(meta_path)
        filters = []
        words_pages: list[int] = []
        for name, old_hash in meta[3]:
            old = output / "filter" / f"{old_hash}.pf_filter"
            key, values = read_chunk(old)
            old.unlink()
            if name == WORDS_PAGE:
                words_pages = [page for _, pages in values for page in pages]
                continue
            filters.append([name, write_chunk(output / "filter", old_hash, [key, sorted(values)], ".pf_filter", 7)])
        meta[3] = sorted(filters)
        pages = meta[1]
        for page, name in zip(pages, fragment_names([listed[0] for listed in pages], words_pages), strict=True):
            Path(output, "fragment", f"{page[0]}.pf_fragment").rename(Path(output, "fragment", f"{name}.pf_fragment"))
            page[0] = name
        meta_path.unlink()
        language["hash"] = write_chunk(output, language["hash"], meta, ".pf_meta", 10, prefix="pagefind.")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def fragment_names(hashes: list[str], words_pages: Collection[int] = ()) -> list[str]:
    """`<language>_<digest of every hash><running number in base 36>` for each of Pagefind's `<language>_<hash>` names.

    The pages numbered in `words_pages` are `<language>_<digest>-words` instead:
    the search box leaves out results whose id ends `-words` (see `missing_words`).
    """
    digest = hashlib.sha256(" ".join(hashes).encode()).hexdigest()[:6]
    names = []
    for number, old in enumerate(hashes):
        language = old.split("_")[0]
        names.append(f"{language}_{digest}-{WORDS_PAGE}" if number in words_pages else f"{language}_{digest}{base36(number)}")
    return names


def base36(number: int) -> str:
    digits = ""
    while True:
        number, digit = divmod(number, 36)
        digits = DIGITS[digit] + digits
        if not number:
            return digits


def read_chunk(path: Path) -> list[Any]:
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(SIGNATURE), path
    return list(cbor2.loads(data[len(SIGNATURE) :]))


def write_chunk(folder: Path, old_hash: str, value: list[Any], suffix: str, digits: int, prefix: str = "") -> str:
    """Write `value` as a chunk named `<language>_<digest>`; returns that name."""
    data = SIGNATURE + cbor2.dumps(value)
    name = f"{old_hash.split('_')[0]}_{hashlib.sha256(data).hexdigest()[:digits]}"
    (folder / f"{prefix}{name}{suffix}").write_bytes(gzip.compress(data, mtime=0))
    return name
