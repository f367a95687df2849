"""Characters that are not text: refused in transcripts and YAML values at their line and column.

The generated pages carry what an editor writes into front matter, HTML
attributes and JSON. Some code points break those or hide what follows:

* control characters (C0 other than whitespace, DEL, and C1 U+0080–U+009F:
  U+009B is the terminal's escape introducer, U+0085 a line break to some
  readers and not to others), non-characters (U+FDD0–U+FDEF and the last two
  of every plane, U+FFFE, U+FFFF, …) and lone surrogates (which YAML's
  `"\\ud800"` writes): never text, and not allowed in HTML;
* bidirectional overrides, embeddings and isolates (U+202A–U+202E,
  U+2066–U+2069): they reorder what is shown after them, so a page would not
  show what the file says (the marks U+200E, U+200F and U+061C stay: they
  only tell the direction of the text beside them);
* U+FEFF, a byte order mark, anywhere but at the start of the file (two
  files pasted together), and a zero-width character (U+200B, U+200C, U+200D,
  U+2060, U+180E) at the start of a line, where it hides the speaker label
  after it. Inside words the joiners are text (Persian, Indic scripts, emoji).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from interview_kb.errors import SeedError

_PLANE_ENDS = "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
NOT_TEXT = re.compile(f"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef{_PLANE_ENDS}\u202a-\u202e\u2066-\u2069\ufeff]")
# Zero-width characters that, at the start of a line (after any spaces), hide the label after them.
INVISIBLE_AT_LINE_START = re.compile("^[ \t]*([\u200b\u200c\u200d\u2060\u180e])", re.MULTILINE)
# A C0 control character, other than whitespace, or DEL.
_C0 = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_NAMES = {
    "\u200b": "a zero-width space",
    "\u200c": "a zero-width non-joiner",
    "\u200d": "a zero-width joiner",
    "\u2060": "a word joiner",
    "\u180e": "a Mongolian vowel separator",
}
DELETE = "delete it (it is invisible in most editors)"


def kind(char: str) -> str:
    """What the character is, for a message: 'a C1 control character', 'a zero-width space', …"""
    code = ord(char)
    if _C0.fullmatch(char):
        return "a control character"
    if 0x80 <= code <= 0x9F:
        return "a C1 control character"
    if 0xD800 <= code <= 0xDFFF:
        return "a lone surrogate"
    if code == 0xFEFF:
        return "a byte order mark"
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return "a non-character"
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return "a bidirectional control"
    return _NAMES.get(char) or "a " + unicodedata.name(char, "format character").lower()


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of `text[index]`."""
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def refuse(text: str, path: Path | str) -> None:
    """A SeedError at the first character of `text` that is not text (see the module's docstring)."""
    found = NOT_TEXT.search(text)
    hidden = INVISIBLE_AT_LINE_START.search(text)
    if hidden and (found is None or hidden.start(1) < found.start()):
        line, column = _position(text, hidden.start(1))
        char = hidden.group(1)
        raise SeedError(
            path,
            line,
            f"character U+{ord(char):04X} ({kind(char)}) at column {column} is invisible and hides what follows "
            "(a speaker label after it is not read as one)",
            "delete it (most editors do not show it)",
        )
    if found:
        line, column = _position(text, found.start())
        char = found.group()
        raise SeedError(path, line, f"character U+{ord(char):04X} ({kind(char)}) at column {column} is not text", DELETE)


def refuse_in_value(value: str, path: Path | str, line: int) -> None:
    """A SeedError at `line` for a character that is not text in a value (written there as an escape, such as `\\x9b`)."""
    found = NOT_TEXT.search(value)
    if found:
        char = found.group()
        raise SeedError(
            path, line, f"character U+{ord(char):04X} ({kind(char)}) in this value is not text", "delete the escape that writes it"
        )
