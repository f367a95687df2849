"""Counts and lists of names as a sentence says them: for the pages, the citations and the messages to editors."""

from __future__ import annotations


def count(number: int, noun: str) -> str:
    """`1 exchange`, `2 exchanges`, `0 exchanges`."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def names(parts: list[str]) -> str:
    """`A`, `A and B`, `A, B and C`."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
