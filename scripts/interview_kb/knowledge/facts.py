"""The timeline: the facts that are events, in date order."""

from __future__ import annotations

from interview_kb.reading.facts_file import Fact


def timeline(facts: tuple[Fact, ...]) -> list[Fact]:
    """Events in date order (a year sorts before its months); same date: file order."""
    return sorted((f for f in facts if f.is_event), key=lambda f: f.date)
