"""`abbr` and `md_in_html` in linear time (scripts/interview_kb/render/linear_markdown.py): same HTML, no per-block rescans."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

import markdown
import markdown.extensions.md_in_html
import pytest
from interview_kb.render.linear_markdown import LinearMarkdown
from markdown.extensions.abbr import AbbrExtension

GLOSSARY = {"NFV": "Network functions virtualisation", "VNF": "Virtual network function", "VNFs": "Virtual network functions"}

DOCUMENTS = [
    "NFV and VNFs, not NFVs.\n\n*[VNF]: overridden here",
    '<div class="a" markdown>\n\n**NFV**: one VNF.\n\n</div>\n\nAfter the NFV block.',
    '<div markdown>\n<div markdown="1">\n\nNested NFV.\n\n</div>\n<p markdown="0">raw *NFV*</p>\n</div>\nTail text right after, NFV.',
    '<div markdown="span">span *NFV*</div>\n\n<div markdown>\n\n- a VNF\n- b\n\n</div>\ntext\n\n<div>raw NFV</div>\n',
    '<div markdown>\n\n[NFV](#x){ .c } · <button type="button" title="NFV">Cite</button>\n\n</div>\n\n## NFV { #a .b }\n',
    "<div markdown>unclosed NFV\n\n## Heading\n",
    "<section markdown>\n<div markdown>\n\ninner\n\n</div>\n\nouter NFV\n\n</section>   \n  \n\nlast",
]


def convert(text: str, linear: bool) -> str:
    extensions: list[Any] = [AbbrExtension(glossary=GLOSSARY), "attr_list", "md_in_html", "toc"]
    html: str = markdown.Markdown(extensions=[*extensions, LinearMarkdown()] if linear else extensions).convert(text)
    return html


@pytest.mark.parametrize("text", DOCUMENTS)
def test_same_html_as_python_markdown(text: str) -> None:
    assert convert(text, linear=True) == convert(text, linear=False)


def test_same_html_as_python_markdown_on_a_long_page() -> None:
    text = "\n\n".join(DOCUMENTS[1:5] * 30)
    assert convert(text, linear=True) == convert(text, linear=False)


class CountingElement(etree.Element):
    """An element that counts how often its children are listed."""

    listings = 0

    def __iter__(self) -> Any:
        CountingElement.listings += 1
        return super().__iter__()


def test_tooltips_never_list_a_parent_per_child() -> None:
    """Upstream `abbr` calls `list(parent).index(child)` for each child with a tail: quadratic in a page's blocks."""
    md = markdown.Markdown(extensions=[AbbrExtension(glossary=GLOSSARY), LinearMarkdown()])
    root = CountingElement("div")
    for index in range(300):
        child = etree.SubElement(root, "p")
        child.text, child.tail = f"NFV {index}", "a VNF\n"
    CountingElement.listings = 0
    md.treeprocessors["abbr"].run(root)
    assert CountingElement.listings <= 1
    assert len(root) == 600 and [e.tag for e in root[:3]] == ["p", "abbr", "p"]
    assert root[1].text == "VNF" and root[1].tail == "\n" and root[0][0].text == "NFV"


def test_closing_a_markdown_block_does_not_rescan_the_rest_of_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """Upstream `md_in_html` copies the rest of the page after every closing tag of a `markdown` block."""
    read: list[int] = []
    upstream = markdown.extensions.md_in_html.blank_line_re

    class Spy:
        def match(self, text: str) -> re.Match[str] | None:
            read.append(len(text))
            found: re.Match[str] | None = upstream.match(text)
            return found

    monkeypatch.setattr(markdown.extensions.md_in_html, "blank_line_re", Spy())
    text = "\n\n".join(f"<div markdown>\n\nBlock {index}, NFV.\n\n</div>" for index in range(300))
    html = convert(text, linear=True)
    assert html.count("<div>") == 300 and html.count("<abbr") == 300
    assert sum(read) <= len(text)
