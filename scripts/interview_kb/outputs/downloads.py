"""The transcript downloads offered on each interview page.

`downloads/<slug>.txt` is the seed transcript exactly as it was given (the same
bytes); `downloads/<slug>.md` is generated Markdown with the speakers' names
resolved, a heading per exchange and each exchange's permanent link;
`downloads/<slug>.bib` and `downloads/<slug>.json` cite the interview and each
exchange, in BibTeX and CSL-JSON (render/citations.py).

Each is stored gzip-compressed, `<name>.gz`: the four are the words of the
interview twice over and its citations, about 280 KB for a one-hour episode
and 80 KB compressed, which at a thousand episodes is 200 MB less to publish.
The interview page's links save them uncompressed, under their own names
(assets/kb-downloads.mjs); without JavaScript a link saves the `.gz`, which any
system opens. The compression is deterministic (no name, no time in it).
"""

from __future__ import annotations

import gzip

from interview_kb.knowledge.base import KnowledgeBase
from interview_kb.reading.loader import Interview
from interview_kb.render import citations
from interview_kb.render.templates import template
from interview_kb.urls import SiteUrls, bibtex_download, csl_download, markdown_download, text_download


def markdown(interview: Interview, page_url: str | None) -> str:
    """The transcript as Markdown; `page_url` is the interview page's absolute URL, if the site has one."""
    return template("transcript.md.j2").render(interview=interview, page_url=page_url)


def compress(data: bytes) -> bytes:
    """`data` as a gzip file with neither name nor time in its header, so the same bytes give the same file."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def render(kb: KnowledgeBase, page_urls: dict[str, str | None]) -> dict[str, bytes]:
    """Every download as stored (`compress`), keyed by its path in the site; `page_urls` maps a slug to its page's absolute URL."""
    return {path: compress(data) for path, data in contents(kb, page_urls).items()}


def contents(kb: KnowledgeBase, page_urls: dict[str, str | None]) -> dict[str, bytes]:
    """Every download uncompressed, as a reader saves it, keyed by its path in the site (`.gz` included)."""
    files: dict[str, bytes] = {}
    for interview in kb.interviews:
        files[text_download(interview.slug)] = kb.transcripts[interview.slug].read_bytes()
        files[markdown_download(interview.slug)] = markdown(interview, page_urls.get(interview.slug)).encode("utf-8")
        page = page_urls.get(interview.slug) or SiteUrls().interview(interview.slug)
        permalinks = {e.anchor: f"{page}#{e.anchor}" for e in interview.transcript.exchanges}
        files[bibtex_download(interview.slug)] = citations.bibtex_file(interview, permalinks).encode("utf-8")
        files[csl_download(interview.slug)] = citations.csl_file(interview, permalinks).encode("utf-8")
    return files
