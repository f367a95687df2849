"""Find glossary terms and names in text the way Python-Markdown's `abbr` does.

Case-sensitive, whole words only (`\\b` on both sides), longest phrase first, no
overlaps: "IMS" is found in "an IMS core" but not in "claims", and "VNFs" wins
over "VNF". Using the same rule as the `abbr` extension means that what the
build counts as a use of a term is exactly what gets a tooltip on the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    phrase: str


def usable(phrase: str) -> bool:
    """A phrase can be matched at word boundaries only if it starts and ends with a word character."""
    return bool(phrase) and bool(_WORD.match(phrase[0])) and bool(_WORD.match(phrase[-1]))


def pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """One regular expression for all phrases, longest first (as `abbr` builds it)."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    if not ordered:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in ordered) + r")\b")


def find(compiled: re.Pattern[str] | None, text: str) -> list[Match]:
    """Every non-overlapping occurrence, left to right."""
    if compiled is None:
        return []
    return [Match(m.start(), m.end(), m.group(0)) for m in compiled.finditer(text)]
