"""Time live reload: from saving a transcript to the reloaded page, under `make serve`'s `mkdocs serve --dirty`.

    python -m scripts.tools.live_reload SEEDS [--edits 3]

It serves SEEDS on a free port of 127.0.0.1, then repeatedly appends a new word
to the last line of the first transcript and waits, as the page's live-reload
script does, for the server to report a finished rebuild; the time ends when
the interview page, fetched then, shows the word. Prints the median seconds.
Edits are 10 s apart (`--settle`), so that the search index the server writes
in the background after each rebuild is done, as between an editor's saves.
SEEDS is edited: give it a copy.
"""

from __future__ import annotations

import argparse
import re
import signal
import statistics
import subprocess
import time
import urllib.request
from pathlib import Path

from interview_kb.reading.markdown_source import transcript_files

from scripts.tools import builds
from scripts.tools.served_site import HOST, free_port

EPOCH = re.compile(r"livereload\((\d+),\s*(\d+)\)")


def fetch(url: str, timeout: float = 120) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return str(response.read().decode("utf-8"))


def wait_until_served(url: str, server: subprocess.Popen[bytes], limit: float = 1800) -> str:
    """The page's HTML once the first build is done (its first build at 1000 interviews takes minutes)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"mkdocs serve stopped with exit code {server.returncode}")
        try:
            return fetch(url)
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} was not served within {limit:.0f} s")


def edit_and_wait(transcript: Path, page_url: str, base: str, word: str) -> float:
    """Seconds from saving `word` into the transcript to a fetched page that shows it."""
    html = fetch(page_url)
    epoch = EPOCH.search(html)
    assert epoch, "the served page has no live-reload script"
    text = transcript.read_text(encoding="utf-8").rstrip("\n")
    start = time.monotonic()
    transcript.write_text(f"{text} {word}\n", encoding="utf-8")
    seen = int(epoch[1])
    while True:
        seen = int(fetch(f"{base}livereload/{seen}/{epoch[2]}"))  # answers when a newer build is finished
        if word in fetch(page_url):
            return time.monotonic() - start


def measure(seeds: Path, edits: int = 3, settle: float = 10.0) -> float:
    """Median live-reload seconds over `edits` edits of the first transcript in `seeds`.

    Before each edit it waits `settle` seconds: after a rebuild the server still
    writes the search index in the background, and an editor does not save twice
    within a few seconds.
    """
    transcript = transcript_files(seeds)[0]
    port = free_port()
    base = f"http://{HOST}:{port}/"
    env = {"KB_SEEDS": str(seeds.resolve()), "KB_STRICT": "false"}
    serve = builds.process("mkdocs", "serve", "--dirty", "--dev-addr", f"{HOST}:{port}", env=env)
    server = subprocess.Popen(**serve, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        page_url = f"{base}interviews/{transcript.stem}/"
        wait_until_served(page_url, server)
        times = []
        for n in range(edits):
            time.sleep(settle)
            times.append(edit_and_wait(transcript, page_url, base, f"livereloadmark{n}"))
    finally:
        # Ctrl-C, as an editor stops it: MkDocs then waits for the search index being written
        # (the plugin's on_shutdown), which leaves no temporary folder behind as a plain kill would.
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m scripts.tools.live_reload", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("seeds", type=Path, help="a seeds folder (edited: give a copy)")
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--settle", type=float, default=10.0, help="seconds between edits (default: 10)")
    args = parser.parse_args()
    print(f"{measure(args.seeds, args.edits, args.settle):.2f} s from saving a transcript to the reloaded page")


if __name__ == "__main__":
    main()
