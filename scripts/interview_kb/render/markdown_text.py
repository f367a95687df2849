"""Turn untrusted text into Markdown that renders as exactly that text.

Backslash escapes (with `pymdownx.escapeall`, any character may be escaped) keep
every syntax of the enabled extensions inert, while leaving ordinary words —
including `web-scale` or `AT&T` — untouched so that `abbr` tooltips still match.
"""

from __future__ import annotations

import html
import html.entities
import re
from collections.abc import Callable, Sequence

from interview_kb.knowledge.entity_links import Piece
from interview_kb.markdown_syntax import INLINE_SYNTAX
from interview_kb.reading.entities_file import Entity

_INLINE = re.compile(f"([{INLINE_SYNTAX}])")
# An HTML parser reads a character reference in `&name;`, in `&#123` with or without its `;`,
# and in the legacy names it knows without one (`&copy`, `&amp`): each `&` of those is written `&amp;`.
# Any other `&` stays as written, so that `AT&T` still matches its glossary tooltip.
_LEGACY_NAMES = sorted((name for name in html.entities.html5 if not name.endswith(";")), key=len, reverse=True)
_ENTITY = re.compile(r"&(?=#|\w+;|" + "|".join(_LEGACY_NAMES) + ")")
# Angle brackets become entities, not backslash escapes: md_in_html reads raw
# HTML before escapes are resolved, and would take `\<?` for the start of a
# processing instruction that swallows the rest of the page.
_ANGLE = str.maketrans({"<": "&lt;", ">": "&gt;"})
# Block syntax at the start of a paragraph: headings, quotes, lists, rules,
# admonitions, blocks, definitions, snippets; and "1." / "1)" ordered lists.
_LINE_START = re.compile(r"^([#>+\-=~/:;%.$^@?])")
_ORDERED = re.compile(r"^(\d+)([.)])")


def escape(text: str) -> str:
    """Markdown for one line of literal text (whitespace already normalised)."""
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub("&amp;", text).translate(_ANGLE)
    text = _LINE_START.sub(r"\\\1", text)
    return _ORDERED.sub(r"\1\\\2", text)


def escape_inline(text: str) -> str:
    """Markdown for literal text that does not start a line (the middle of a paragraph)."""
    return _ENTITY.sub("&amp;", _INLINE.sub(r"\\\1", text)).translate(_ANGLE)


def markdown_url(url: str) -> str:
    """An address as written inside `<…>` in Markdown (a link destination or an autolink): its backslashes escaped.

    Markdown reads `\\#` as `#`, so an address ending in `\\` lost it before `#t=…` (and before `>`, the link).
    """
    return url.replace("\\", "\\\\")


def link(text: str, url: str) -> str:
    """A Markdown link whose text renders literally; `url` is a generated relative URL."""
    return f"[{escape_inline(text)}](<{url}>)"


# Characters Markdown's inline patterns act on even inside a raw HTML tag; and line breaks
# (a BibTeX entry's), which would end a raw HTML block at an empty line.
_ATTRIBUTE_SPECIAL = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_[]{}!|~^=+\n"})


def attribute(text: str) -> str:
    """An HTML attribute value (for a raw tag written into Markdown) that shows exactly `text`."""
    return html.escape(text, quote=True).translate(_ATTRIBUTE_SPECIAL)


def highlight(text: str, start: int, end: int, tag: str = "mark") -> str:
    """Markdown for literal `text` with `text[start:end]` wrapped in an inline HTML element."""
    return f"{escape(text[:start])}<{tag}>{escape_inline(text[start:end])}</{tag}>{escape_inline(text[end:])}"


def with_links(pieces: Sequence[Piece], url: Callable[[Entity], str]) -> str:
    """One paragraph cut into pieces (knowledge/entity_links.py) as Markdown: literal text, and a link for each mention."""
    parts: list[str] = []
    for index, piece in enumerate(pieces):
        if piece.entity is not None:
            parts.append(link(piece.text, url(piece.entity)))
        else:
            parts.append(escape(piece.text) if index == 0 else escape_inline(piece.text))
    return "".join(parts)
