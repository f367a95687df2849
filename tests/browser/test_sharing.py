"""Sharing as a reader meets it: a share address opens on its exchange, and Back leaves it as if it were never there.

The share page's tags, read without JavaScript as a previewer reads them, are checked in tests/test_share_pages.py.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from typing import Any

from tests.browser.helpers import wait_heading_in_view
from tests.support import Build


def test_a_share_address_lands_on_its_exchange_and_back_skips_it(page, server, built: Build) -> None:
    exchange = built.kb["exchanges"][-1]
    page.goto(server)
    page.goto(f"{server}interviews/{exchange['interview']}/{exchange['id']}/")
    page.wait_for_url(server + exchange["url"])
    wait_heading_in_view(page, exchange["id"])
    page.go_back()
    page.wait_for_url(server)


def test_without_javascript_the_refresh_still_lands_on_the_exchange(browser, server, built: Build) -> None:
    exchange = built.kb["exchanges"][0]
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(f"{server}interviews/{exchange['interview']}/{exchange['id']}/")
        tab.wait_for_url(server + exchange["url"])
    finally:
        context.close()


def test_each_citation_format_is_copied_from_the_menu(page, server, built: Build) -> None:
    exchange = built.kb["exchanges"][1]
    page.goto(server + exchange["url"])
    wait_heading_in_view(page, exchange["id"])
    menu = page.locator(f"#{exchange['id']} ~ .kb-exchange-meta details.kb-cite-formats").first
    buttons = menu.locator("button.kb-cite-format")
    assert not buttons.first.is_visible()  # closed until asked for
    menu.locator("summary").click()
    names = buttons.all_inner_texts()
    assert names == ["Chicago", "APA", "MLA", "BibTeX", "CSL-JSON"]
    copied = {}
    for index, name in enumerate(names):
        page.evaluate("navigator.clipboard.writeText('')")
        button = buttons.nth(index)
        expected = button.get_attribute("data-clipboard-text") or ""
        button.click()
        page.wait_for_function("text => navigator.clipboard.readText().then(got => got === text)", arg=expected, timeout=5000)
        copied[name] = expected
    assert exchange["url"] in copied["Chicago"] and exchange["url"] in copied["BibTeX"]
    assert copied["BibTeX"].startswith(f"@misc{{{exchange['id']},\n")
    assert json.loads(copied["CSL-JSON"])[0]["id"] == exchange["id"]


# Select the sentence `sentence` of the paragraph `index` of the exchange's answer (a Range over its text node).
SELECT = """([id, sentence]) => {
    const heading = document.getElementById(id);
    let turn = heading.nextElementSibling;
    while (turn && !turn.matches(".kb-turn--answer")) turn = turn.nextElementSibling;
    const walker = document.createTreeWalker(turn, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf(sentence);
        if (at === -1) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + sentence.length);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        return true;
    }
    return false;
}"""
IN_VIEW = """sentence => {
    const found = [...document.querySelectorAll(".kb-turn p")].find(p => p.textContent.includes(sentence));
    const r = found.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
}"""


def a_late_sentence(exchange: dict[str, Any]) -> str:
    """A whole sentence near the end of the exchange's answer, so that landing on the heading alone leaves it off screen."""
    text = exchange["answer"]["text"].split("\n\n")[-1]
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 5 and "\xa0" not in s]
    return sentences[-1]


def longest(built: Build) -> dict[str, Any]:
    return max(built.kb["exchanges"], key=lambda e: len(e["answer"]["text"]) if e["answer"] else 0)


def test_a_selected_sentence_gets_a_quote_link_that_lands_on_it(page, browser, server, built: Build) -> None:
    exchange = longest(built)
    sentence = a_late_sentence(exchange)
    page.goto(server + exchange["url"])
    wait_heading_in_view(page, exchange["id"])
    assert page.locator(".kb-quote").count() == 0  # nothing while nothing is selected
    assert page.evaluate(SELECT, [exchange["id"], sentence])
    group = page.locator(".kb-quote")
    group.wait_for(state="visible")
    page.evaluate("navigator.clipboard.writeText('')")
    group.get_by_role("button", name="Copy link to quote").click()
    page.wait_for_function("() => navigator.clipboard.readText().then(text => text.includes(':~:text='))", timeout=5000)
    link = page.evaluate("navigator.clipboard.readText()")
    assert link.startswith(f"{server}{exchange['url']}:~:text=")
    assert urllib.parse.unquote(link.split(":~:text=")[1]).replace("-,", "").replace(",-", "").find(sentence.split()[0]) != -1

    fresh = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    try:
        fresh.goto(server)  # the heading alone would leave the sentence off screen: checked first
        fresh.goto(server + exchange["url"])
        wait_heading_in_view(fresh, exchange["id"])
        assert not fresh.evaluate(IN_VIEW, sentence), "pick a sentence further from the heading"
        fresh.goto(link)
        fresh.wait_for_function(IN_VIEW, arg=sentence, timeout=15000)
    finally:
        fresh.context.close()

    page.evaluate("navigator.clipboard.writeText('')")
    cite = group.get_by_role("button", name="Cite quote")
    cite.focus()
    page.keyboard.press("Enter")  # the buttons work from the keyboard
    page.wait_for_function("() => navigator.clipboard.readText().then(text => text.startsWith('“'))", timeout=5000)
    citation = page.evaluate("navigator.clipboard.readText()")
    speaker = exchange["answer"]["speaker"]
    name = built.kb["interviews"][0]["speakers"][speaker]["name"]
    assert citation == f"“{' '.join(sentence.split())}” — {name}, in “{built.kb['interviews'][0]['title']}” (ADVA blog, 2015), {link}"

    page.evaluate("document.activeElement.blur(); getSelection().removeAllRanges()")
    page.wait_for_function("() => !document.querySelector('.kb-quote')")  # gone with the selection


def test_the_quote_buttons_are_axe_clean(page, server, built: Build, axe_url: str) -> None:
    exchange = longest(built)
    page.goto(server + exchange["url"])
    wait_heading_in_view(page, exchange["id"])
    assert page.evaluate(SELECT, [exchange["id"], a_late_sentence(exchange)])
    page.locator(".kb-quote").wait_for(state="visible")
    page.add_script_tag(url=axe_url)
    found = page.evaluate("() => axe.run('.kb-quote').then(r => r.violations.map(v => v.id + ': ' + v.help))")
    assert found == []
