"""`llms.txt`: the site for tools that read it, as the llmstxt.org convention lays it out.

An H1 with the site's name, a blockquote summary, then H2 sections of
`- [name](url): notes` links: the interviews (each to its exchanges as JSON,
`kb/<slug>.json`, with date, guests and topics: the Markdown download is stored
gzip-compressed, which a reading tool may not open), the topics (to their pages) and,
under "Optional", the whole knowledge base as JSON.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from interview_kb.knowledge.base import KnowledgeBase
from interview_kb.outputs.feeds import people, topics
from interview_kb.urls import SiteUrls, interview_data, topic_page
from interview_kb.wording import count, names

LLMS_TXT = "llms.txt"


def one_line(text: str) -> str:
    return " ".join(text.split())


def link_text(text: str) -> str:
    """A link's text with the brackets that would end it escaped."""
    return one_line(text).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def llms_txt(kb: KnowledgeBase, name: str, description: str, urls: SiteUrls) -> str:
    lines = [f"# {one_line(name)}", "", f"> {one_line(description) or one_line(name)}", ""]
    exchanges = kb.exchanges()
    example = f", such as {urls.full(urls.interview(exchanges[0][0].slug))}#{exchanges[0][1].anchor}" if exchanges else ""
    lines += [
        f"{count(len(kb.interviews), 'interview')} and {count(len(exchanges), 'exchange')} (a question and its answer)."
        f" Every exchange has a permanent link on its interview's page{example}; each interview's data below gives them (`url`).",
        "",
        "## Interviews",
        "",
    ]
    for interview in kb.interviews:
        authors, interviewers = people(interview)
        on = [title for _, title in topics(kb, interview)]
        notes = [interview.date, names(authors) + (f", interviewed by {names(interviewers)}" if interviewers else "")]
        notes.append(count(len(interview.transcript.exchanges), "exchange"))
        if on:
            notes.append("topics: " + ", ".join(on))
        lines.append(f"- [{link_text(interview.title)}]({urls.full(interview_data(interview.slug))}): {one_line('; '.join(notes))}")
    lines += ["", "## Topics", ""]
    for topic in kb.topics:
        lines.append(f"- [{link_text(topic.title)}]({urls.full(urls.url(topic_page(topic.slug)))}): {one_line(topic.description)}")
    lines += [
        "",
        "## Optional",
        "",
        f"- [kb.json]({urls.full('kb.json')}): everything the site says, as JSON: interviews, exchanges, topics",
    ]
    return "\n".join(lines) + "\n"


def add_file(files: Files, config: MkDocsConfig, kb: KnowledgeBase) -> None:
    """Add llms.txt to a MkDocs build (called from the `on_files` hook)."""
    text = llms_txt(kb, config.site_name, config.site_description or "", SiteUrls.of(config))
    files.append(File.generated(config, LLMS_TXT, content=text))
