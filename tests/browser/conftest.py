"""Browser fixtures: the site built and served on 127.0.0.1, and Debian's Chromium driven by Playwright.

Without /usr/bin/chromium the tests that need it are left out with one message
at the end of the run, unless KB_REQUIRE_BROWSER=1 (set by CI), which stops the
run with that message instead. The tests that read site/ as files still run.
axe-core, which `make test` installs from package-lock.json, is handled alike
by its fixture (a skip, or a failure under KB_REQUIRE_BROWSER=1).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from scripts.tools import served_site
from tests.support import ROOT, is_share_page

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
NO_BROWSER = pytest.StashKey[str]()
MISSING_BROWSER = f"{served_site.CHROMIUM} is missing: install Debian's chromium (make test does so as root) to run the browser tests"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without Chromium: one message, not one skip per test (or stop at once when CI requires the browser)."""
    if served_site.CHROMIUM.exists():
        return
    needing = [item for item in items if "browser" in getattr(item, "fixturenames", ())]
    if not needing:
        return
    if os.environ.get("KB_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"{MISSING_BROWSER} (KB_REQUIRE_BROWSER=1 makes this a failure)")
    items[:] = [item for item in items if item not in needing]
    config.hook.pytest_deselected(items=needing)
    config.stash[NO_BROWSER] = f"SKIPPED {len(needing)} browser tests: {MISSING_BROWSER}"


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    if NO_BROWSER in config.stash:
        terminalreporter.write_line(config.stash[NO_BROWSER], yellow=True, bold=True)


def missing(message: str) -> None:
    """Skip, or fail when the environment says the browser suite must run."""
    if os.environ.get("KB_REQUIRE_BROWSER") == "1":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@dataclass(frozen=True)
class Served:
    """The built site (`site`, a folder) and where it is served (`base`, ending in /)."""

    site: Path
    base: str

    def pages(self) -> list[str]:
        """Site-relative URLs of every HTML page, e.g. `""`, `topics/sbc/`, `404.html`; not the exchanges' share pages."""
        urls = []
        for file in sorted(self.site.rglob("*.html")):
            if file.parent.name.startswith("__") or is_share_page(file.read_text(encoding="utf-8")):
                continue  # axe-core's folder; a share page, which sends the reader on (tests/browser/test_sharing.py)
            relative = file.relative_to(self.site).as_posix()
            urls.append(relative.removesuffix("index.html"))
        return urls


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The site served from a thread, built with its site URL set to the server's own address.

    Material's instant navigation and previews only follow links that the sitemap
    lists, so the sitemap must name the host and port actually served. The
    server is stopped however the tests end.
    """
    site = tmp_path_factory.mktemp("served") / "site"
    with served_site.serve(site) as base:
        served_site.build(site, site_url=base)
        yield Served(site, base)


@pytest.fixture(scope="session")
def server(served: Served) -> str:
    """Base URL of the served site, ending in /."""
    return served.base


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not served_site.CHROMIUM.exists():
        missing(MISSING_BROWSER)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = served_site.launch(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


def new_page(browser, server: str, width: int = 1280, height: int = 800):
    context = browser.new_context(viewport={"width": width, "height": height})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.rstrip("/"))
    return context.new_page()


@pytest.fixture
def page(browser, server):
    tab = new_page(browser, server)
    try:
        yield tab
    finally:
        tab.context.close()


@pytest.fixture(scope="session")
def axe_url(served: Served) -> str:
    """URL of axe-core's script, served beside the site so the browser caches it between pages."""
    if not AXE.exists():
        missing(f"{AXE.relative_to(ROOT)} is missing: run `npm ci` (make test does) to install axe-core for the accessibility tests")
    target = served.site / "__axe__" / "axe.min.js"
    target.parent.mkdir(exist_ok=True)
    shutil.copyfile(AXE, target)
    return served.base + "__axe__/axe.min.js"
