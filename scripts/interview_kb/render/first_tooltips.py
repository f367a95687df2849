"""A glossary tooltip where it helps: at a term's first occurrence in each exchange, not at every one.

Python-Markdown's `abbr` marks every occurrence of every spelling; a paragraph
could carry four dotted underlines, and Material sets up a tooltip for each
(214 on the first interview page). This step, run after `abbr`, keeps the first
`<abbr>` of each definition in each exchange (a heading with the class
`kb-exchange` or `kb-topic-exchange` starts one) and on the rest of a page, and
turns the later ones back into plain text.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

EXCHANGE_CLASSES = {"kb-exchange", "kb-topic-exchange"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def starts_exchange(element: etree.Element) -> bool:
    return element.tag in HEADINGS and bool(EXCHANGE_CLASSES & set(element.get("class", "").split()))


def unwrap(element: etree.Element, parent: etree.Element) -> None:
    """Replace `element` by its text, keeping what follows it."""
    text = (element.text or "") + (element.tail or "")
    index = list(parent).index(element)
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    parent.remove(element)


class FirstTooltipsTreeprocessor(Treeprocessor):  # type: ignore[misc]
    def run(self, root: etree.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        seen: set[str] = set()
        for element in list(root.iter()):
            if starts_exchange(element):
                seen = set()
            elif element.tag == "abbr" and len(element) == 0:
                definition = element.get("title", "")
                if definition in seen:
                    unwrap(element, parents[element])
                else:
                    seen.add(definition)


class FirstTooltips(Extension):  # type: ignore[misc]
    """Registered after `abbr` (priority 7), which it tidies up."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(FirstTooltipsTreeprocessor(md), "kb_first_tooltips", 6)
