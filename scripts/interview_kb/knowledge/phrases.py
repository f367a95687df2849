"""Find glossary terms and names in text the way Python-Markdown's `abbr` does.

Case-sensitive, whole words only (`\\b` on both sides; in scripts written without
spaces, any letter: `START`, `END`), longest phrase first, no
overlaps: "IMS" is found in "an IMS core" but not in "claims", and "VNFs" wins
over "VNF". Using the same rule as the `abbr` extension means that what the
build counts as a use of a term is exactly what gets a tooltip on the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from interview_kb.reading.conversation import UNSPACED

# Letters of scripts written without spaces between words (`UNSPACED`: Thai, kana, CJK ideographs) may each start or
# end a word, so "云计算" is found in "我们的云计算平台" while "IMS" is still not found in "claims".
# Python-Markdown's `\b` on either side of a phrase that starts and ends with a word character, but for those letters.
START = rf"(?<![^\W{UNSPACED}])"
END = rf"(?![^\W{UNSPACED}])"


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    phrase: str


def pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """One regular expression for all phrases that finds the longest match first, as `abbr` does.

    The phrases are laid out as a prefix tree (`VNF(?:s)?`), which finds the same
    matches as a longest-first alternation but costs the same per character of
    text however many phrases there are: a series with thousands of speakers
    would otherwise make every paragraph slower to scan.
    """
    unique = set(phrases)
    if not unique:
        return None
    return _compiled(frozenset(unique))


@cache
def _compiled(phrases: frozenset[str]) -> re.Pattern[str]:
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for character in phrase:
            node = node.setdefault(character, {})
        node[""] = {}
    return re.compile(START + "(?:" + _branches(trie) + ")" + END)


def _branches(node: dict[str, Any]) -> str:
    """Regex for a prefix-tree node; an optional tail (greedy) tries longer phrases first."""
    branches = [re.escape(character) + _branches(child) for character, child in sorted(node.items()) if character]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def find(compiled: re.Pattern[str] | None, text: str) -> list[Match]:
    """Every non-overlapping occurrence, left to right."""
    if compiled is None:
        return []
    return [Match(m.start(), m.end(), m.group(0)) for m in compiled.finditer(text)]


def find_any(compiled: Iterable[re.Pattern[str] | None], text: str) -> list[Match]:
    """Occurrences of several patterns' phrases: left to right, longest first where they start together, no overlaps."""
    found = sorted((m for c in compiled for m in find(c, text)), key=lambda m: (m.start, m.start - m.end))
    kept: list[Match] = []
    for match in found:
        if not kept or match.start >= kept[-1].end:
            kept.append(match)
    return kept
