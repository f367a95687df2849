"""The built site served on 127.0.0.1, and Debian's Chromium to read it with.

Shared by the browser tests (tests/browser/) and the commands that look at the
site as a reader does: `python -m scripts.tools.search_quality`, `python -m
scripts.tools.screenshots` and `python -m scripts.tools.lighthouse_report`.

The server compresses text with gzip, as any real host does, so that page-speed
figures are not distorted by sending CSS and JavaScript uncompressed.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import posixpath
import tempfile
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from scripts.tools import builds

ROOT = builds.ROOT
CHROMIUM = Path("/usr/bin/chromium")
# Headless, and nothing that would reach for the network on its own.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOST = "127.0.0.1"
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".map"}


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with keep-alive and gzip for text, sent without delay; no request log."""

    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes: with Nagle's algorithm on, the body of a
    # kept-alive connection's second response waits for the browser's delayed ACK (about
    # 40 ms a request). Real hosts send at once; so must the server that times the site.
    disable_nagle_algorithm = True
    _gzipped: ClassVar[dict[str, bytes]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        path = self.translate_path(self.path)
        url_path = urllib.parse.urlsplit(self.path).path
        if os.path.isdir(path) and url_path.endswith("/"):
            path = os.path.join(path, "index.html")
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and os.path.isfile(path) and posixpath.splitext(path)[1] in COMPRESSIBLE):
            return super().send_head()
        body = self._compressed(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def _compressed(self, path: str) -> bytes:
        key = f"{path}:{os.stat(path).st_mtime_ns}"
        with self._lock:
            if key not in self._gzipped:
                self._gzipped[key] = gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
            return self._gzipped[key]


@contextlib.contextmanager
def serve(site: Path, port: int = 0) -> Iterator[str]:
    """Serve `site` from a thread on 127.0.0.1; yields the base URL; always stops the server."""
    handler = functools.partial(SiteHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer((HOST, port), handler)
    thread = threading.Thread(target=httpd.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free now (for a build whose site URL must match the server's)."""
    import socket

    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def build(site: Path, site_url: str | None = None, seeds: Path | None = None) -> None:
    """Strict MkDocs build of `seeds` (default seeds/) into `site`; raises SystemExit with MkDocs' output on failure."""
    env = {"KB_SEEDS": str(seeds or ROOT / "seeds"), **({"SITE_URL": site_url} if site_url else {})}
    result = builds.run("mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site), env=env)
    if result.returncode:
        raise SystemExit(f"mkdocs build failed:\n{result.stderr}")


@contextlib.contextmanager
def built_and_served() -> Iterator[tuple[Path, str]]:
    """The seeds built into a temporary folder for the address it is served at; yields (site folder, base URL)."""
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        with serve(site) as base:
            build(site, site_url=base)
            yield site, base


def require_chromium() -> None:
    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} is missing: install Debian's chromium (`make chromium` as root)")


def launch(playwright: Any) -> Any:
    """Debian's Chromium through Playwright, headless, with no background network traffic."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
