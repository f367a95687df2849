"""Page slugs and anchors for names and terms in any script, unique and stable.

A name written in Latin letters keeps Python-Markdown's slug (`Martin Taylor`
→ `martin-taylor`, `José Müller` → `jose-muller`), as it always had. A name
with letters or digits of another script would lose them there (`李明` and
`王芳` both gave nothing), so it is transliterated with anyascii (pinned in
requirements.txt: the slug is a page's address; ISC-licensed and without
dependencies) and given the first DIGEST_DIGITS hex digits of SHA-256 over the
name: `李明` → `liming-aa2271`.
The hash keeps two names apart that read alike (`王芳`, `汪芳`), depends on the
name alone, and stands after the fallback word (`entity-aa2271`) when
transliteration gives nothing.
"""

from __future__ import annotations

import hashlib
import unicodedata

from anyascii import anyascii
from markdown.extensions.toc import slugify

DIGEST_DIGITS = 6


def digest(name: str) -> str:
    return hashlib.sha256(unicodedata.normalize("NFC", name).encode()).hexdigest()[:DIGEST_DIGITS]


def _latin(name: str) -> bool:
    """Whether every letter and digit of `name` is ASCII or a Latin letter (which Python-Markdown's slug keeps or drops)."""
    return all(c.isascii() or not c.isalnum() or unicodedata.name(c, "").startswith("LATIN ") for c in name)


def slug(name: str, fallback: str) -> str:
    """Lower-case ASCII words joined by `-` for `name`; `fallback` when a Latin name gives none (see the module's docstring)."""
    if _latin(name):
        return slugify(name, "-") or fallback
    return f"{slugify(anyascii(name), '-') or fallback}-{digest(name)}"
