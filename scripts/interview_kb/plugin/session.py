"""What one `mkdocs serve` remembers from one build to the next, in one place.

A rebuild reuses each interview read while its files' bytes are the same, each
exchange's topics and links while the rules are the same, each interview page's
Markdown while what it is made of is the same (render/pages.py, `PageMemo`), and
the pages whose Markdown and context did not change (plugin/incremental.py). `mkdocs build`
makes one build and one session; `on_shutdown` starts a new session, so nothing
of a long serve outlives it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from interview_kb.knowledge.base import TopicMemo
from interview_kb.knowledge.exchange_links import LinkMemo
from interview_kb.plugin.incremental import InterviewCache, Rebuilds
from interview_kb.reading.loader import load_interview
from interview_kb.render.pages import PageMemo


@dataclass
class Session:
    interviews: InterviewCache = field(default_factory=lambda: InterviewCache(load_interview))
    topics: TopicMemo = field(default_factory=TopicMemo)
    links: LinkMemo = field(default_factory=LinkMemo)
    rebuilds: Rebuilds = field(default_factory=Rebuilds)
    pages: PageMemo = field(default_factory=PageMemo)  # the interview pages' Markdown
    formats_told: set[tuple[str, str]] = field(default_factory=set)  # (slug, format): the format is logged once a session
