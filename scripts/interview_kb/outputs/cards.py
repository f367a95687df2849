"""A preview image per interview, `cards/<slug>.png`: its title, guests, date and the site's name, 1200×630.

Link previewers show it as the large card of the interview page and of its
exchanges' share pages (og:image). Drawn with Pillow and the font it ships
(`ImageFont.load_default(size)`, Aileron: Latin letters only; other scripts show
as boxes), nothing fetched. The card is drawn in shades between the background
and white (a greyscale image given a palette of those shades): no colour
quantizing, which took ten times as long, and about 20 KB a card. The same text
gives the same bytes, and a card already drawn in this process (a rebuild
under `mkdocs serve`) is not drawn again.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from interview_kb.knowledge.base import KnowledgeBase
from interview_kb.outputs.share_pages import write_if_changed
from interview_kb.reading.loader import Interview
from interview_kb.urls import card_image
from interview_kb.wording import names

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
BACKGROUND = (63, 81, 181)  # Material's indigo, the site's primary colour
TEXT = 255  # shades from the background (0) to white (255)
MUTED = 190
PALETTE = [round(b + (255 - b) * shade / 255) for shade in range(256) for b in BACKGROUND]
TITLE_LINES = 4


@cache
def font(size: int) -> ImageFont.FreeTypeFont:
    """Pillow's own font at `size` pixels (scalable with FreeType, which Pillow's wheels include)."""
    found = ImageFont.load_default(size)
    assert isinstance(found, ImageFont.FreeTypeFont), "Pillow without FreeType has only a bitmap font of one size"
    return found


def wrapped(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int, lines: int) -> list[str]:
    """`text` in lines no wider than `width`, at most `lines` of them (the last cut with …)."""
    out: list[str] = []
    for word in text.split():
        if out and draw.textlength(f"{out[-1]} {word}", font=font) <= width:
            out[-1] = f"{out[-1]} {word}"
        else:
            out.append(word)
    if len(out) > lines:
        out = out[:lines]
        while out[-1] and draw.textlength(out[-1] + "…", font=font) > width:
            out[-1] = out[-1].rsplit(" ", 1)[0] if " " in out[-1] else out[-1][:-1]
        out[-1] += "…"
    return out


@cache
def draw_card(title: str, people: str, date: str, site: str) -> bytes:
    image = Image.new("L", (WIDTH, HEIGHT), 0)
    draw = ImageDraw.Draw(image)
    width = WIDTH - 2 * MARGIN
    title_font, people_font, small_font = font(64), font(38), font(30)
    y = MARGIN
    for line in wrapped(draw, title, title_font, width, TITLE_LINES):
        draw.text((MARGIN, y), line, font=title_font, fill=TEXT)
        y += 80
    y += 24
    for line in wrapped(draw, people, people_font, width, 2):
        draw.text((MARGIN, y), line, font=people_font, fill=MUTED)
        y += 50
    draw.text((MARGIN, HEIGHT - MARGIN - 30), date, font=small_font, fill=MUTED)
    draw.text((WIDTH - MARGIN, HEIGHT - MARGIN - 30), site, font=small_font, fill=TEXT, anchor="ra")
    shaded = image.convert("P")
    shaded.putpalette(PALETTE)
    buffer = io.BytesIO()
    shaded.save(buffer, format="PNG")
    return buffer.getvalue()


def card(interview: Interview, site_name: str) -> bytes:
    """The interview's card as PNG bytes."""
    guests = [g.name for g in interview.guests]
    hosts = [interview.speakers[label].name for label in interview.interviewers]
    people = f"{names(guests)}, interviewed by {names(hosts)}" if guests else f"Hosted by {names(hosts)}"
    return draw_card(" ".join(interview.title.split()), people, interview.date, " ".join(site_name.split()))


def write(site_dir: Path, kb: KnowledgeBase, site_name: str) -> int:
    """Write every interview's card into the site folder; the bytes written."""
    written = 0
    for interview in kb.interviews:
        data = card(interview, site_name)
        write_if_changed(site_dir / card_image(interview.slug), data)
        written += len(data)
    return written
