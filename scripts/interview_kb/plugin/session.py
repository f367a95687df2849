"""What one `mkdocs serve` remembers from one build to the next, in one place.

A rebuild reuses each interview read while its files' bytes are the same, each
exchange's topics and links while the rules are the same, each interview page's
Markdown while what it is made of is the same (render/pages.py, `PageMemo`), its
downloads while it is the same interview, the series' YAML files parsed while their bytes are the same, and
the pages whose Markdown and context did not change (plugin/incremental.py), and
the theme's templates compiled. `mkdocs build`
makes one build and one session; `on_shutdown` starts a new session, so nothing
of a long serve outlives it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import jinja2

from interview_kb.knowledge.base import TopicMemo
from interview_kb.knowledge.exchange_links import LinkMemo
from interview_kb.plugin.incremental import DownloadMemo, InterviewCache, Rebuilds
from interview_kb.reading.loader import load_interview
from interview_kb.reading.yamlfile import ParsedFiles
from interview_kb.render.pages import PageMemo


class TemplateCache(jinja2.BytecodeCache):
    """The theme's templates compiled, kept in memory: MkDocs makes a new Jinja environment at every build, which compiled
    Material's templates anew (about a sixth of a rebuild at a hundred interviews). Jinja checks each template's source
    against what was compiled, so an edited template is compiled again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


@dataclass
class Session:
    interviews: InterviewCache = field(default_factory=lambda: InterviewCache(load_interview))
    topics: TopicMemo = field(default_factory=TopicMemo)
    links: LinkMemo = field(default_factory=LinkMemo)
    rebuilds: Rebuilds = field(default_factory=Rebuilds)
    pages: PageMemo = field(default_factory=PageMemo)  # the interview pages' Markdown
    templates: TemplateCache = field(default_factory=TemplateCache)
    downloads: DownloadMemo = field(default_factory=DownloadMemo)  # each interview's downloads
    yaml: ParsedFiles = field(default_factory=ParsedFiles)  # the series' own YAML files, parsed while their bytes are the same
    formats_told: set[tuple[str, str]] = field(default_factory=set)  # (slug, format): the format is logged once a session
