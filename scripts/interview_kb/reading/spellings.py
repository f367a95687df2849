"""Whether a spelling in glossary.yml or entities.yml can be found in text at word boundaries (knowledge/phrases.py)."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w")


def usable(phrase: str) -> bool:
    """A phrase can be matched at word boundaries only if it starts and ends with a word character."""
    return bool(phrase) and bool(_WORD.match(phrase[0])) and bool(_WORD.match(phrase[-1]))
