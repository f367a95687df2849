"""The interview page's downloads, stored gzip-compressed (outputs/downloads.py), saved as the files they are (assets/kb-downloads.mjs)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from tests.browser.conftest import Served
from tests.support import Build


def stored(served: Served, name: str) -> bytes:
    """The download as the served site stores it, compressed (its pages' addresses are the server's)."""
    return (served.site / "downloads" / f"{name}.gz").read_bytes()


@pytest.mark.parametrize(("text", "suffix"), [("plain text", "txt"), ("Markdown", "md"), ("BibTeX", "bib"), ("CSL-JSON", "json")])
def test_a_download_is_saved_uncompressed_under_its_own_name(page, server, served: Served, built: Build, text: str, suffix: str) -> None:
    slug = built.kb["interviews"][0]["slug"]
    page.goto(f"{server}interviews/{slug}/")
    with page.expect_download() as saving:
        page.locator(".kb-interview-meta a[download]", has_text=text).first.click()
    download = saving.value
    assert download.suggested_filename == f"{slug}.{suffix}"
    assert Path(download.path()).read_bytes() == gzip.decompress(stored(served, f"{slug}.{suffix}"))


def test_without_javascript_the_link_saves_the_compressed_file(browser, server, served: Served, built: Build) -> None:
    slug = built.kb["interviews"][0]["slug"]
    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    try:
        tab = context.new_page()
        tab.goto(f"{server}interviews/{slug}/")
        with tab.expect_download() as saving:
            tab.locator(".kb-downloads a[download]", has_text="Markdown").click()
        assert saving.value.suggested_filename == f"{slug}.md.gz"
        assert Path(saving.value.path()).read_bytes() == stored(served, f"{slug}.md")
    finally:
        context.close()
