"""The site's search index: Pagefind, one record per exchange, written into `<site>/pagefind/`.

Each exchange is indexed as its own small HTML document that carries the
exchange's permanent link (meta `href`), so a search ranks exchanges, not pages. The record
is made from the seeds (not from the rendered pages), which makes it the same
under `mkdocs build`, `mkdocs serve` and the Zensical build, and cheap to redo
after every rebuild. In a record:

- the question weighs more than the answers (`QUESTION_WEIGHT`);
- every glossary term the exchange uses brings all its spellings (term, `also`,
  and the expansion that opens its definition, "Session border controller: …"),
  and every entity it mentions brings its names, so that one spelling finds the
  others; they are indexed with a low weight (`SPELLING_WEIGHT`);
- meta (`title` = the question's key sentence, `speaker`, `interview`, `date`)
  and filters (`interview`, `speaker`, `topic`, `year`) are what the search box shows.

The interview's preface and epilogue are records too, so that no text is unsearchable.
The other pages (glossary, people, organizations, products, topics) are not in
Pagefind's index, so they never crowd the exchanges: they are listed in a small
file (`PAGES`) that the search box reads, and searches, only when no exchange matches.
Pagefind's output for the same records is byte-identical from one build to the next.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import logging
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cbor2
from pagefind.service import _must_get_executable as pagefind_executable

from scripts.kb.knowledge.glossary import Term
from scripts.kb.knowledge.layer import Knowledge
from scripts.kb.render.knowledge_pages import GLOSSARY_PAGE
from scripts.kb.seeds.loader import KnowledgeBase
from scripts.kb.seeds.transcript import Paragraph
from scripts.kb.urls import SiteUrls, topic_page

log = logging.getLogger("mkdocs.plugins.interview_kb")
FOLDER = "pagefind"
SPELLINGS = "kb-spellings.json"  # in FOLDER
PAGES = "kb-pages.json"  # in FOLDER
QUESTION_WEIGHT = 4.0
SPELLING_WEIGHT = 0.5
# Pagefind writes its own UI bundles too; the site's search box (overrides/assets/kb-search.js) uses none of them.
UNUSED_OUTPUT = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                 "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")  # fmt: skip


@dataclass(frozen=True)
class Record:
    """One searchable unit: its URL (site-relative, with the `#anchor`) and the HTML Pagefind reads."""

    url: str
    title: str
    meta: dict[str, str]
    filters: dict[str, list[str]] = field(default_factory=dict)
    weighted: tuple[tuple[float, str], ...] = ()  # (weight, plain text) blocks, in order

    def html(self) -> str:
        tags = [f'<h1 data-pagefind-meta="title" data-pagefind-weight="{QUESTION_WEIGHT:g}">{html.escape(self.title)}</h1>']
        tags += [f'<p data-pagefind-weight="{weight:g}">{html.escape(text)}</p>' for weight, text in self.weighted if text]
        meta = {**self.meta, "href": self.url}
        tags += [f'<meta data-pagefind-meta="{key}[content]" content="{html.escape(value)}">' for key, value in meta.items() if value]
        tags += [
            f'<meta data-pagefind-filter="{key}[content]" content="{html.escape(value)}">'
            for key, values in self.filters.items()
            for value in values
        ]
        return '<!DOCTYPE html><html lang="en"><body><main data-pagefind-body>' + "".join(tags) + "</main></body></html>"


def spellings(term: Term) -> list[str]:
    """Every way a glossary term is written: headword, `also`, and the expansion opening its definition."""
    forms = list(term.forms)
    lead, colon, _ = term.definition.partition(":")
    if colon and 0 < len(lead.split()) <= 6 and lead.lower() not in (f.lower() for f in forms):
        forms.append(lead)
    return forms


def text_of(paragraphs: Iterable[Paragraph]) -> str:
    return " ".join(p.text for p in paragraphs)


def records(kb: KnowledgeBase, knowledge: Knowledge, urls: SiteUrls) -> Iterator[Record]:
    topic_titles = {t.slug: t.title for t in kb.topics}
    for interview in kb.interviews:
        page = urls.interview(interview.slug)
        about = {"interview": interview.title, "date": interview.date}
        year = [interview.date[:4]]
        if interview.transcript.preface:
            yield Record(f"{page}#preface", "Preface", about, {"interview": [interview.title], "year": year},
                         ((1.0, text_of(interview.transcript.preface)),))  # fmt: skip
        for exchange in interview.transcript.exchanges:
            links = knowledge.exchanges.get(exchange.anchor)
            names = [f for e in links.entities for f in e.forms_in(interview.slug)] if links else []
            terms = [s for t in links.terms for s in spellings(t)] if links else []
            answerers = unique(interview.speakers[t.speaker].name for t in exchange.answers)
            yield Record(
                url=f"{page}#{exchange.anchor}",
                title=exchange.label,
                meta={**about, "speaker": ", ".join(answerers)},
                filters={
                    "interview": [interview.title],
                    "speaker": unique(interview.speakers[t.speaker].name for t in exchange.turns),
                    "topic": [topic_titles[slug] for slug in kb.exchange_topics[exchange.anchor]],
                    "year": year,
                },
                weighted=(
                    (QUESTION_WEIGHT, exchange.question.text),
                    *((1.0, turn.text) for turn in exchange.answers),
                    (SPELLING_WEIGHT, " · ".join(unique([*terms, *names]))),
                ),
            )
        if interview.transcript.epilogue:
            yield Record(f"{page}#epilogue", "Epilogue", about, {"interview": [interview.title], "year": year},
                         ((1.0, text_of(interview.transcript.epilogue)),))  # fmt: skip


def unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def write(site_dir: Path, kb: KnowledgeBase, knowledge: Knowledge, urls: SiteUrls) -> None:
    """Replace `<site_dir>/pagefind/` with the index of every exchange.

    The index is made beside it and swapped in, so a reader searching meanwhile
    (under `mkdocs serve`, where it is made after the page reloads) uses the old one.
    Logs the number of records and the seconds it took (`make bench` reads it).
    """
    start = time.perf_counter()
    output = Path(site_dir, FOLDER)
    staging = Path(site_dir, f".{FOLDER}.new")
    shutil.rmtree(staging, ignore_errors=True)
    found = list(records(kb, knowledge, urls))
    # Pagefind's command line indexes a folder in one run; its Python API answers one
    # record per 0.1 s, which took minutes at a hundred interviews.
    with tempfile.TemporaryDirectory(prefix="kb-search-") as work:
        for number, record in enumerate(found):
            Path(work, f"{number:07d}.html").write_text(record.html(), encoding="utf-8")
        command = [str(pagefind_executable()), "--site", work, "--output-path", str(staging), "--force-language", "en", "--silent"]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode:
            raise RuntimeError(f"pagefind failed: {result.stderr.strip()}")
    for name in UNUSED_OUTPUT:
        (staging / name).unlink(missing_ok=True)
    make_filters_deterministic(staging)
    (staging / SPELLINGS).write_text(json.dumps(spelling_groups(knowledge), ensure_ascii=False), encoding="utf-8")
    (staging / PAGES).write_text(json.dumps(other_pages(kb, knowledge, urls), ensure_ascii=False), encoding="utf-8")
    retired = Path(site_dir, f".{FOLDER}.old")
    shutil.rmtree(retired, ignore_errors=True)
    if output.exists():
        output.rename(retired)
    staging.rename(output)
    shutil.rmtree(retired, ignore_errors=True)
    log.info(f"search index: {len(found)} records in {time.perf_counter() - start:.2f} s")


def other_pages(kb: KnowledgeBase, knowledge: Knowledge, urls: SiteUrls) -> list[dict[str, str]]:
    """What the search box lists when no exchange matches: glossary terms, entities and topics.

    Each is `{title, url (site-relative), text}`; `text` holds every spelling and
    the definition, description or "about" line that is searched and shown.
    """
    glossary = urls.url(GLOSSARY_PAGE)
    pages = [{"title": t.term, "url": glossary, "text": " · ".join([*spellings(t)[1:], t.definition])} for t in knowledge.glossary]
    pages += [{"title": e.name, "url": urls.url(e.path), "text": " · ".join([*e.forms[1:], e.about])} for e in knowledge.entities]
    pages += [{"title": t.title, "url": urls.url(topic_page(t.slug)), "text": t.description} for t in kb.topics]
    return [{key: value.strip(" ·") for key, value in page.items()} for page in pages]


def spelling_groups(knowledge: Knowledge) -> list[list[str]]:
    """Spellings that name one thing (glossary terms, entities), each group longest first.

    The search box reads them (`SPELLINGS`) to look a query up under every
    spelling it uses, so that "session border controller" ranks an exchange
    whose question says "SBC" as it ranks one that writes it out.
    """
    groups = [spellings(t) for t in knowledge.glossary] + [list(e.forms) for e in knowledge.entities]
    found = []
    for group in groups:
        distinct = list({form.lower(): form for form in group}.values())
        if len(distinct) > 1:
            found.append(sorted(distinct, key=lambda form: (-len(form), form)))
    return found


SIGNATURE = b"pagefind_dcd"


def make_filters_deterministic(output: Path) -> None:
    """Sort the values inside Pagefind's filter files, so that a rebuild writes the same bytes.

    Pagefind writes a filter's values in hash-map order, which changes from run
    to run. Each file is `gzip(SIGNATURE + CBOR)` named after a hash of its
    content, listed in the `.pf_meta` file, itself named in `pagefind-entry.json`:
    the sorted files get new names and both lists are rewritten to match.
    """
    entry_path = output / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta_path = output / f"pagefind.{language['hash']}.pf_meta"
        meta = read_chunk(meta_path)
        filters = []
        for name, old_hash in meta[3]:
            old = output / "filter" / f"{old_hash}.pf_filter"
            key, values = read_chunk(old)
            old.unlink()
            filters.append([name, write_chunk(output / "filter", old_hash, [key, sorted(values)], ".pf_filter", 7)])
        meta[3] = sorted(filters)
        meta_path.unlink()
        language["hash"] = write_chunk(output, language["hash"], meta, ".pf_meta", 10, prefix="pagefind.")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def read_chunk(path: Path) -> list[Any]:
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(SIGNATURE), path
    return list(cbor2.loads(data[len(SIGNATURE) :]))


def write_chunk(folder: Path, old_hash: str, value: list[Any], suffix: str, digits: int, prefix: str = "") -> str:
    """Write `value` as a chunk named `<language>_<digest>`; returns that name."""
    data = SIGNATURE + cbor2.dumps(value)
    name = f"{old_hash.split('_')[0]}_{hashlib.sha256(data).hexdigest()[:digits]}"
    (folder / f"{prefix}{name}{suffix}").write_bytes(gzip.compress(data, mtime=0))
    return name
