"""Python-Markdown's `abbr` and `md_in_html` steps in linear time, with the same output.

An interview page with thousands of exchanges is one Markdown document of
thousands of top-level blocks. Two upstream steps (Python-Markdown 3.11) do
work proportional to the whole page for each block, so a page costs the square
of its size:

- `abbr` looks up each element's position in its parent (`list(parent).index`)
  for every element with a tail;
- `md_in_html` copies the rest of the page (`rawdata[end:]`) after every
  closing tag of a `markdown` block, to see whether a blank line follows.

`LinearMarkdown` replaces the two processors with subclasses that pass the
position down and match the blank line in place. Everything else is upstream
code; the plugin adds the extension after the configured ones.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.extensions.abbr import AbbrTreeprocessor
from markdown.extensions.md_in_html import HtmlBlockPreprocessor, HTMLExtractorExtra
from markdown.util import AtomicString

from interview_kb.knowledge import phrases

# `markdown.htmlparser.blank_line_re` without its `^`, to match at a position instead of on a copy.
BLANK_LINE = re.compile(r"([ ]*\n){2}")


class LinearAbbrTreeprocessor(AbbrTreeprocessor):  # type: ignore[misc]
    """Upstream's `iter_element`, told each child's position instead of searching for it; and upstream's `run` with the
    word boundaries the build counts uses with (`phrases.START`, `phrases.END`: a term in Chinese is found in Chinese)."""

    def run(self, root: etree.Element) -> etree.Element | None:
        if not self.abbrs:
            return None
        longest_first = sorted(self.abbrs, key=len, reverse=True)
        self.RE = re.compile(phrases.START + "(?:" + "|".join(re.escape(key) for key in longest_first) + ")" + phrases.END)
        self.iter_element(root)
        return None

    def iter_element(self, el: etree.Element, parent: etree.Element | None = None, index: int = 0) -> None:
        # Children are visited last to first, as upstream does; tags inserted after child i never move children < i.
        for position in range(len(el) - 1, -1, -1):
            self.iter_element(el[position], el, position)
        if (text := el.text) and not isinstance(text, AtomicString):
            for m in reversed(list(self.RE.finditer(text))):
                if self.abbrs[m.group(0)]:
                    el.insert(0, self.create_element(self.abbrs[m.group(0)], m.group(0), text[m.end() :]))
                    text = text[: m.start()]
            el.text = text
        if parent is not None and el.tail:
            tail = el.tail
            if not isinstance(tail, AtomicString):
                for m in reversed(list(self.RE.finditer(tail))):
                    if self.abbrs[m.group(0)]:
                        parent.insert(index + 1, self.create_element(self.abbrs[m.group(0)], m.group(0), tail[m.end() :]))
                        tail = tail[: m.start()]
                el.tail = tail


class LinearHTMLExtractor(HTMLExtractorExtra):  # type: ignore[misc]
    """Upstream's extractor; closing a `markdown` block is upstream's code with the blank-line test done in place."""

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.block_level_tags or self.inraw or tag not in self.mdstack:
            super().handle_endtag(tag)
            return
        # From here on, upstream's branch for the closing tag of a `markdown` block (md_in_html.py, 3.11).
        while self.mdstack:
            item = self.mdstack.pop()
            self.mdstate.pop()
            self.mdstarted.pop()
            self.treebuilder.end(item)
            if item == tag:
                break
        if self.mdstack:
            return
        element = self.get_element()
        item = self.cleandoc[-1] if self.cleandoc else ""
        if not item.endswith("\n\n") and item.endswith("\n"):
            self.cleandoc.append("\n")
        current = element
        last = []
        while current is not None:
            for child in list(current):
                current.remove(child)
                text = current.text if current.text is not None else ""
                tail = child.tail if child.tail is not None else ""
                child.tail = None
                state = child.attrib.get("markdown", "off")
                if tail != "\n":
                    tail = "\n" + tail.rstrip("\n")
                if not text.endswith("\n\n"):
                    text = text.rstrip("\n") + "\n\n"
                if state in ("span", "block"):
                    current.text = f"{text}{self.md.htmlStash.store(child)}{tail}"
                    last.append(child)
                else:
                    child.attrib.pop("markdown")
                    for descendant in child.iter():
                        descendant.attrib.pop("markdown", None)
                    current.text = f"{text}{self.md.htmlStash.store(child)}{tail}"
            current = last.pop(0) if last else None
        self.cleandoc.append(self.md.htmlStash.store(element))
        self.cleandoc.append("\n\n")
        self.state: list[str] = []
        # Upstream: `blank_line_re.match(self.rawdata[end:])`, a copy of the rest of the page at every block.
        if not BLANK_LINE.match(self.rawdata, self.line_offset + self.offset + len(self.get_endtag_text(tag))):
            self.intail = True


class LinearHtmlBlockPreprocessor(HtmlBlockPreprocessor):  # type: ignore[misc]
    def run(self, lines: list[str]) -> list[str]:
        source = "\n".join(lines)
        parser = LinearHTMLExtractor(self.md)
        parser.feed(source)
        parser.close()
        return "".join(parser.cleandoc).split("\n")


class LinearMarkdown(Extension):  # type: ignore[misc]
    """Swap in the linear processors for those of `abbr` and `md_in_html`, if those extensions are loaded."""

    def extendMarkdown(self, md: Markdown) -> None:
        if "abbr" in md.treeprocessors and isinstance(md.treeprocessors["abbr"], AbbrTreeprocessor):
            md.treeprocessors.register(LinearAbbrTreeprocessor(md, md.treeprocessors["abbr"].abbrs), "abbr", 7)
        if "html_block" in md.preprocessors and isinstance(md.preprocessors["html_block"], HtmlBlockPreprocessor):
            md.preprocessors.register(LinearHtmlBlockPreprocessor(md), "html_block", 20)
