"""Find the first mention of each person, organization or product in an exchange, to link it to its page.

The paragraph is cut into pieces — plain text and mentions — and each piece is
escaped on its own when it is rendered (`with_links` in render/markdown_text.py), so the
transcript still renders literally: only the links are Markdown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from interview_kb.knowledge import phrases
from interview_kb.reading.entities_file import Entity


@dataclass(frozen=True)
class Piece:
    text: str
    entity: Entity | None = None  # set on the first mention of an entity in its exchange: a link


class Linker:
    """The mentions of entities in one interview's text."""

    def __init__(self, entities: Sequence[Entity], interview: str) -> None:
        # Spellings valid in every interview share one compiled pattern across the
        # series; speakers' labels ("Martin") count only in their own interview.
        shared = {form: e for e in entities for form in e.forms}
        local = {form: e for e in entities for form in e.forms_in(interview) if form not in e.forms}
        self.owner = {**shared, **local}
        self.patterns = (phrases.pattern(shared), phrases.pattern(local))

    def mentioned(self, text: str) -> list[Entity]:
        """Entities named in `text`, in order of first mention."""
        seen: dict[str, Entity] = {}
        for match in phrases.find_any(self.patterns, text):
            entity = self.owner[match.phrase]
            seen.setdefault(entity.name, entity)
        return list(seen.values())

    def pieces(self, paragraphs: Sequence[str]) -> list[list[Piece]]:
        """Cut an exchange's paragraphs; only each entity's first mention in the exchange is a link."""
        linked: set[str] = set()
        result: list[list[Piece]] = []
        for text in paragraphs:
            pieces: list[Piece] = []
            position = 0
            for match in phrases.find_any(self.patterns, text):
                entity = self.owner[match.phrase]
                if entity.name in linked:
                    continue
                linked.add(entity.name)
                if match.start > position:
                    pieces.append(Piece(text[position : match.start]))
                pieces.append(Piece(match.phrase, entity))
                position = match.end
            if position < len(text) or not pieces:
                pieces.append(Piece(text[position:]))
            result.append(pieces)
        return result
