"""A built page without the indentation of the theme's templates: the same elements, the same text, fewer bytes.

Material's templates are indented for their readers, and a page carries that
indentation wherever a template loops: its navigation, its two tables of
contents, its tags. White space next to a tag that holds a line break is
written as that line break alone, which a browser renders alike (a run of
white space is one space, and a line break stays one under
`white-space: pre-line`). Whitespace inside `<pre>` and `<textarea>`, where it
is the text, is left as written: a page that has either is left whole. On a
long interview page this is 16 KB of 358.
"""

from __future__ import annotations

import re

_NEXT_TO_A_TAG = re.compile(r"(?<=>)[ \t\r\n]*\n[ \t\r\n]*|[ \t\r\n]*\n[ \t\r\n]*(?=<)")
_VERBATIM = re.compile(r"<(pre|textarea)\b", re.IGNORECASE)


def compact(page: str) -> str:
    """`page` with each run of white space next to a tag that holds a line break written as one line break."""
    if _VERBATIM.search(page):
        return page
    return _NEXT_TO_A_TAG.sub("\n", page)
