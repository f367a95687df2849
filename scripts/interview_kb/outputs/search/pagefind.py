"""Pagefind, which indexes the records: finding its command line, running it (and ending it), and rewriting its output.

Pagefind is the npm package pinned in package.json; its command line is npm's
launcher, a Node.js script that runs Pagefind's binary as a child process
(the plugin's `pagefind:` setting says where it is). The rewrite (`rewrite`)
reads and writes Pagefind's own files, whose format is no published interface
but `VERSION`'s, so a Pagefind of another version is refused before it runs (`Pagefind.check`).
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Collection
from pathlib import Path
from typing import Any

import cbor2

from interview_kb.errors import one_line
from interview_kb.outputs.search.records import WORDS_PAGE

# The Pagefind whose output `rewrite` reads, as package.json and package-lock.json pin it (a test checks that they agree).
VERSION = "1.6.0"
# Word locations per slice of the index (Pagefind's default: 20,000). A search loads the
# slice holding each of its words, with every other word in it: at a thousand interviews
# a three-word search loaded 83 KB gzip of slices by default, 40 KB with 1,000, and its
# results came 15-20 ms sooner; the list of slices every search loads first grew 10 KB.
INDEX_CHUNK_LOCATIONS = 1000
# Pagefind writes its own UI bundles too; the site's search box (overrides/assets/kb-search.mjs) uses none of them,
# only its highlighting script (where a result lands). It searches in the page, not in a web worker (kb-search.mjs
# says why), so its worker script goes too.
UNUSED_OUTPUT = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                 "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-worker.js")  # fmt: skip
# A part merged into the first one runs in the first one's script and WebAssembly.
MERGED_ONLY_NEEDS_PRIMARY = ("pagefind.js", "pagefind-highlight.js")


class Cancelled(Exception):
    """The indexing was stopped (`Pagefind.cancel`)."""


class Pagefind:
    """Pagefind's command line at `launcher`, run once per part of the index; `cancel` ends the runs and waits for them.

    npm's launcher runs the Pagefind binary as a child process of its own, so each
    run is a process group of its own, which `cancel` ends whole: nothing is left
    writing into a folder that the build is removing.
    """

    GRACE = 5.0  # seconds between SIGTERM and SIGKILL

    def __init__(self, launcher: Path) -> None:
        self.launcher = launcher
        self.cancelled = threading.Event()
        self.lock = threading.Lock()
        self.running: list[subprocess.Popen[str]] = []
        self.checking = threading.Lock()
        self.checked: str | None = None

    def check(self) -> str:
        """The launcher, once it is known to run Pagefind `VERSION` (asked once); RuntimeError, one line saying what to do, if not."""
        with self.checking:
            if self.checked is None:
                self.checked = checked_launcher(self.launcher)
            return self.checked

    def index(self, work: Path, output: Path) -> None:
        """Index the record files in `work` into `output` with Pagefind's command line.

        Its command line indexes a folder in one run; its Python API answers one
        record per 0.1 s, which took minutes at a hundred interviews.
        """
        command = [self.check(), "--site", str(work), "--output-path", str(output), "--force-language", "en", "--silent"]
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


def checked_launcher(launcher: Path) -> str:
    """`launcher`, if it runs Pagefind `VERSION`; RuntimeError, one line saying how to install it, if it is missing or another."""
    found = shutil.which(str(launcher))
    if not found:
        raise RuntimeError(
            f"{launcher}: Pagefind, which writes the search index, is not installed"
            " — run `npm ci --omit=dev` in the project folder (`make site` and `make serve` do it),"
            " or point the plugin's `pagefind:` setting in mkdocs.yml at it"
        )
    if runs_on_node(found) and not shutil.which("node"):
        raise RuntimeError(
            f"{found}:1: Node.js is missing, and Pagefind, which writes the search index, runs on it"
            " — install Node.js (e.g. `apt-get install nodejs`, or from https://nodejs.org) so that `node` is on the PATH, then build again"
        )
    answer = subprocess.run([found, "--version"], stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False)
    said = answer.stdout.split()
    if answer.returncode or said[:1] != ["pagefind"] or len(said) != 2:
        told = one_line(f"{answer.stdout} {answer.stderr}".strip()) or f"no answer, exit status {answer.returncode}"
        raise RuntimeError(
            f"{found}:1: `pagefind --version` did not tell Pagefind's version ({told}), and the search index needs Pagefind {VERSION}"
            " — run `npm ci --omit=dev` in the project folder, then build again"
        )
    if said[1] != VERSION:
        raise RuntimeError(
            f"{found}:1: Pagefind {said[1]} is installed, and the search index needs Pagefind {VERSION}, the version pinned in"
            " package.json, whose output it rewrites — run `npm ci --omit=dev` in the project folder, then build again"
        )
    return found


def runs_on_node(launcher: str) -> bool:
    """Whether `launcher` is a Node.js script (npm's launcher starts `#!/usr/bin/env node`), not a binary."""
    with open(launcher, "rb") as file:
        first = file.readline(200)
    return first.startswith(b"#!") and b"node" in first


def rewrite(output: Path, *, merged: bool) -> None:
    """Pagefind's output in `output` as the site serves it: the files the search box does not use removed, the rest `finish`ed.

    A `merged` part (one but the first) also loses the script and WebAssembly it runs in the first part's.
    """
    for name in UNUSED_OUTPUT:
        (output / name).unlink(missing_ok=True)
    if merged:
        for name in MERGED_ONLY_NEEDS_PRIMARY:
            (output / name).unlink(missing_ok=True)
        for wasm in output.glob("wasm.*.pagefind"):
            wasm.unlink()
    finish(output)


SIGNATURE = b"pagefind_dcd"


def finish(output: Path) -> None:
    """Make Pagefind's output in `output` the same bytes from one build to the next, and its page list small.

    - Pagefind writes a filter's values in hash-map order, which changes from run
      to run: they are sorted.
    - Its page list (the `.pf_meta` file every search loads first) names each
      record's fragment file by 7 hexadecimal digits of a hash of its content,
      which do not compress: at 18,000 records that is 118 KB of the 285 KB a
      first search costs. The fragments are renamed to the record's number after
      a digest of all the old names (`fragment_names`), which compress to a few
      bytes each (Pagefind lists the records nearly in order) and still change
      whenever a record does, so a cache never serves an old fragment under a
      new name. The number tells the search box which interview a result is
      from before it loads the fragment (`interview_starts` in index.py).

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
        numbers = [record_number(output / "fragment" / f"{page[0]}.pf_fragment") for page in pages]
        for page, name in zip(pages, fragment_names([listed[0] for listed in pages], words_pages, numbers), strict=True):
            Path(output, "fragment", f"{page[0]}.pf_fragment").rename(Path(output, "fragment", f"{name}.pf_fragment"))
            page[0] = name
        meta_path.unlink()
        language["hash"] = write_chunk(output, language["hash"], meta, ".pf_meta", 10, prefix="pagefind.")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def fragment_names(hashes: list[str], words_pages: Collection[int] = (), numbers: list[int] | None = None) -> list[str]:
    """`<language>_<digest of every hash><number in base 36>` for each of Pagefind's `<language>_<hash>` names.

    The number is the page's record number in `numbers` (by default its place in the list).
    The pages at the places in `words_pages` are `<language>_<digest>-words` instead:
    the search box leaves out results whose id ends `-words` (see `records.missing_words`).
    """
    digest = hashlib.sha256(" ".join(hashes).encode()).hexdigest()[:DIGEST_DIGITS]
    names = []
    for place, old in enumerate(hashes):
        language = old.split("_")[0]
        number = numbers[place] if numbers is not None else place
        names.append(f"{language}_{digest}-{WORDS_PAGE}" if place in words_pages else f"{language}_{digest}{base36(number)}")
    return names


DIGEST_DIGITS = 6
RECORD_FILE = re.compile(r"/(\d+)\.html$")


def record_number(fragment: Path) -> int:
    """The number of the record a fragment is made from (its file, `write_records`' `0000042.html`), or -1 for another page."""
    found = RECORD_FILE.search(json.loads(gzip.decompress(fragment.read_bytes())[len(SIGNATURE) :])["url"])
    return int(found[1]) if found else -1


def digest_of(output: Path) -> str:
    """The digest that names the fragments of the index part in `output` (`fragment_names`); "" if it has none."""
    for fragment in output.glob("fragment/*.pf_fragment"):
        return fragment.name.split("_", 1)[1][:DIGEST_DIGITS]
    return ""


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
