"""The words the search index knows, with how often the records use them: what the search box corrects an unknown word to.

Written beside the index as small JSON files, one per first character of the
words (`kb-words/<key>.json`, `{"word": count, …}` sorted), so that checking and
correcting a query word loads one small part, never the whole list. A word is
normalized as the search box normalizes what the reader types
(overrides/assets/search/correct.mjs, `normalize`): lower case, one kind of
apostrophe, no punctuation around it, no trailing `'s`. A hyphenated word also
counts its parts ("web-scale": `web-scale`, `web`, `scale`), as Pagefind finds them.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interview_kb.outputs.search.records import Record

FOLDER = "kb-words"  # inside the index's folder
EDGE_PUNCTUATION = re.compile(r"^[^\w]+|[^\w]+$")
POSSESSIVE = re.compile(r"'s$")
OTHER_PART = "_"  # the part of words that do not start with a letter or digit of a-z, 0-9


def normalize(token: str) -> str:
    """A word as the vocabulary holds it (the search box's `normalize`)."""
    word = token.lower().replace("\u2019", "'").replace("\u2018", "'")
    return POSSESSIVE.sub("", EDGE_PUNCTUATION.sub("", word))


def words(text: str) -> Iterable[str]:
    for token in text.split():
        word = normalize(token)
        if not word or not any(c.isalpha() for c in word):
            continue
        yield word
        if "-" in word:
            yield from (part for part in word.split("-") if any(c.isalpha() for c in part))


def counts(found: Iterable[Record]) -> Counter[str]:
    counted: Counter[str] = Counter()
    for record in found:
        counted.update(words(record.title))
        for _, text in record.weighted:
            counted.update(words(text))
    return counted


def part_key(word: str) -> str:
    """The part a word is in: its first character if it is one of a-z or 0-9, else `_`."""
    first = word[:1]
    return first if re.fullmatch(r"[a-z0-9]", first) else OTHER_PART


def parts(found: Iterable[Record]) -> dict[str, str]:
    """`{file name: JSON text}` of the vocabulary's parts, each its words sorted with their counts (byte-identical from build to build)."""
    grouped: dict[str, dict[str, int]] = {}
    for word, count in counts(found).items():
        grouped.setdefault(part_key(word), {})[word] = count
    return {
        f"{key}.json": json.dumps(dict(sorted(group.items())), ensure_ascii=False, separators=(",", ":"))
        for key, group in sorted(grouped.items())
    }
