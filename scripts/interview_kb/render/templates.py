"""Every renderer's Jinja environment: the page templates in render/templates/ and the filters they use."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import jinja2

from interview_kb.reading.formats import seconds
from interview_kb.reading.loader import Interview, Speaker
from interview_kb.reading.transcript import Turn
from interview_kb.render import pictures
from interview_kb.render.markdown_text import attribute, escape, markdown_url
from interview_kb.urls import card_image, interview_page
from interview_kb.wording import count, names

EXCERPT_WORDS = 40


def excerpt(text: str, words: int = EXCERPT_WORDS) -> str:
    """The first `words` words of the text's first paragraph, with … when cut."""
    first = text.split("\n\n")[0].split(" ")
    return " ".join(first[:words]) + ("…" if len(first) > words or "\n\n" in text else "")


def who(speaker: Speaker) -> str:
    """`Name (role, organization)` as Markdown."""
    detail = ", ".join(part for part in (speaker.role, speaker.organization) if part)
    return escape(speaker.name + (f" ({detail})" if detail else ""))


def participants(interview: Interview) -> str:
    """`Guest (role), interviewed by Host`; with no guest (only interviewers), `Hosted by Host and Other`."""
    guests = "; ".join(who(s) for s in interview.guests)
    hosts = names([who(interview.speakers[label]) for label in interview.interviewers])
    return f"{guests}, interviewed by {hosts}" if guests else f"Hosted by {hosts}"


def timestamp(turn: Turn, interview: Interview) -> str:
    """Markdown for a turn's timestamp: a link into the recording when the metadata names one."""
    if not turn.timestamp:
        return ""
    if interview.media:
        return f"[{turn.timestamp}](<{markdown_url(interview.media)}#t={int(seconds(turn.timestamp))}>){{ .kb-timestamp }} "
    return f'<span class="kb-timestamp">{turn.timestamp}</span> '


def html_text(value: Any) -> Any:
    """HTML-escape strings (also inside lists): themes print page titles, tags and meta unescaped."""
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, list | tuple):
        return [html_text(item) for item in value]
    return value


def front_matter(meta: dict[str, Any]) -> str:
    """YAML front matter lines with HTML-escaped values (JSON strings are valid YAML)."""
    return "\n".join(f"{key}: {json.dumps(html_text(value), ensure_ascii=False)}" for key, value in meta.items())


_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=False,  # the output is Markdown; values pass through the `md` filter
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)
_env.filters.update(
    attribute=attribute,
    interview_page=interview_page,
    card_image=card_image,
    timestamp=timestamp,
    md=escape,
    who=who,
    participants=participants,
    count=count,
    url=markdown_url,
    excerpt=excerpt,
    front_matter=front_matter,
    badge=pictures.badge,
)


def template(name: str) -> jinja2.Template:
    """A page template from render/templates/, with this module's filters."""
    return _env.get_template(name)
