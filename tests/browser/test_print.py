"""Printing an interview page: text only, each exchange heading followed by its permanent link."""

from __future__ import annotations

import json
import urllib.request

CHROME = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".kb-exchange-meta"]


def test_printed_interview_page_has_text_and_permalinks_only(page, server: str) -> None:
    with urllib.request.urlopen(server + "kb.json") as response:
        data = json.load(response)["interviews"][0]["data"]
    with urllib.request.urlopen(server + data) as response:  # the interview's exchanges, linked from kb.json
        exchange = json.load(response)["exchanges"][0]
    page.goto(server + exchange["url"].split("#")[0])
    page.emulate_media(media="print")
    shown = page.evaluate(
        "selectors => selectors.map(s => document.querySelector(s)).filter(Boolean).map(e => getComputedStyle(e).display)", CHROME
    )
    assert shown and set(shown) == {"none"}
    canonical = page.get_attribute('link[rel="canonical"]', "href")
    after = page.evaluate("id => getComputedStyle(document.getElementById(id), '::after').content", exchange["id"])
    assert after == f'"{canonical}#{exchange["id"]}"'
    speaker = page.evaluate("() => getComputedStyle(document.querySelector('.kb-turn p strong')).display")
    assert speaker != "none"
    assert page.pdf(format="A4").startswith(b"%PDF")
