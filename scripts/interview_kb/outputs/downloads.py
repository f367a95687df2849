"""The transcript downloads offered on each interview page.

`downloads/<slug>.txt` is the seed transcript exactly as it was given (the same
bytes); `downloads/<slug>.md` is generated Markdown with the speakers' names
resolved, a heading per exchange and each exchange's permanent link;
`downloads/<slug>.bib` and `downloads/<slug>.json` cite the interview and each
exchange, in BibTeX and CSL-JSON (render/citations.py).
"""

from __future__ import annotations

from interview_kb.knowledge.base import KnowledgeBase
from interview_kb.reading.loader import Interview
from interview_kb.render import citations
from interview_kb.render.templates import template
from interview_kb.urls import SiteUrls, bibtex_download, csl_download, markdown_download, text_download


def markdown(interview: Interview, page_url: str | None) -> str:
    """The transcript as Markdown; `page_url` is the interview page's absolute URL, if the site has one."""
    return template("transcript.md.j2").render(interview=interview, page_url=page_url)


def render(kb: KnowledgeBase, page_urls: dict[str, str | None]) -> dict[str, bytes]:
    """Every download, keyed by its path in the site; `page_urls` maps a slug to its page's absolute URL."""
    files: dict[str, bytes] = {}
    for interview in kb.interviews:
        files[text_download(interview.slug)] = kb.transcripts[interview.slug].read_bytes()
        files[markdown_download(interview.slug)] = markdown(interview, page_urls.get(interview.slug)).encode("utf-8")
        page = page_urls.get(interview.slug) or SiteUrls().interview(interview.slug)
        permalinks = {e.anchor: f"{page}#{e.anchor}" for e in interview.transcript.exchanges}
        files[bibtex_download(interview.slug)] = citations.bibtex_file(interview, permalinks).encode("utf-8")
        files[csl_download(interview.slug)] = citations.csl_file(interview, permalinks).encode("utf-8")
    return files
