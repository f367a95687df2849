"""Preview cards (outputs/cards.py): a small PNG per interview, the same bytes from the same text."""

from __future__ import annotations

import io

from interview_kb.outputs import cards
from PIL import Image, ImageDraw

from tests.support import interview


def test_a_card_is_a_small_png_of_the_size_previewers_ask_for() -> None:
    data = cards.card(interview("Q: Why?\n\nA: Because.\n"), "Interview knowledge base")
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.size == (1200, 630)
    assert len(data) < 40_000


def test_the_same_text_gives_the_same_bytes() -> None:
    talk = interview("Q: Why?\n\nA: Because.\n")
    first = cards.card(talk, "Site")
    cards.draw_card.cache_clear()
    assert cards.card(talk, "Site") == first
    assert cards.card(talk, "Another site") != first


def test_a_long_title_is_cut_to_its_lines_and_every_line_fits() -> None:
    draw = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    font = cards.font(64)
    lines = cards.wrapped(draw, "word " * 200, font, 1000, 4)
    assert len(lines) == 4 and lines[-1].endswith("…")
    assert all(draw.textlength(line, font=font) <= 1000 for line in lines)
    assert cards.wrapped(draw, "A short title", font, 1000, 4) == ["A short title"]
