"""Read and check `<slug>.facts.yml`: key facts and dated events, each backed by a verbatim quote.

A quote must occur, word for word, in exactly one exchange of its interview
(whitespace may differ); otherwise the build stops with the file and line.
A fact with a `date` is an event and goes on the timeline (knowledge/facts.py);
its `when` — the words the speaker used for the date — must be part of the quote.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from interview_kb.reading.loader import Interview
from interview_kb.reading.markdown_source import transcript_of
from interview_kb.reading.schemas import FactsFile, validate
from interview_kb.reading.yamlfile import ReadYaml, YamlFile, read

SUFFIX = ".facts.yml"
_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


@dataclass(frozen=True)
class Fact:
    interview: str
    fact: str
    quote: str
    exchange: str  # anchor of the exchange that holds the quote
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD for events; "" for a figure
    when: str  # the date as the speaker stated it
    line: int

    @property
    def is_event(self) -> bool:
        return bool(self.date)


def locate(source: YamlFile, where: tuple[str | int, ...], quote: str, interview: Interview, transcript_name: str) -> str:
    """The anchor of the one exchange whose text holds `quote`, or a SeedError saying what to fix."""
    holders = [e.anchor for e in interview.transcript.exchanges if any(quote in p.text for t in e.turns for p in t.paragraphs)]
    if len(holders) == 1:
        return holders[0]
    if holders:
        raise source.error(
            (*where, "quote"),
            f"the quote is found in {len(holders)} exchanges of {transcript_name}",
            "quote more of the sentence so that it names one exchange",
        )
    plain = quote.translate(_TYPOGRAPHIC)
    near = any(plain in p.text.translate(_TYPOGRAPHIC) for e in interview.transcript.exchanges for t in e.turns for p in t.paragraphs)
    short = quote if len(quote) <= 60 else quote[:57] + "…"
    raise source.error(
        (*where, "quote"),
        f"quote “{short}” is not in any exchange of {transcript_name}",
        "use the transcript's own apostrophes and quotation marks (’ “ ”)"
        if near
        else "copy the words exactly from the transcript, or correct the fact",
    )


def load(path: Path, interview: Interview, transcript_name: str, read_yaml: ReadYaml = read) -> tuple[Fact, ...]:
    """Read and check one interview's facts file."""
    source = read_yaml(path)
    facts: list[Fact] = []
    for index, entry in enumerate(validate(source, FactsFile).facts):
        where: tuple[str | int, ...] = ("facts", index)
        quote, date, when = entry.quote, entry.date, entry.when
        if date and not when:
            raise source.error(where, "an event lacks `when`", "add `when:`, the date in the speaker's words (e.g. `the middle of 2014`)")
        if when and not date:
            raise source.error((*where, "when"), "`when` without `date`", "add `date:` (YYYY, YYYY-MM or YYYY-MM-DD) to place the event")
        if when and when not in quote:
            raise source.error((*where, "when"), f"`when` '{when}' is not part of the quote", "use the quote's own words for the date")
        anchor = locate(source, where, quote, interview, transcript_name)
        facts.append(Fact(interview.slug, entry.fact, quote, anchor, date, when, source.line(*where)))
    return tuple(facts)


def load_all(seeds: Path, interviews: tuple[Interview, ...], read_yaml: ReadYaml = read) -> tuple[Fact, ...]:
    """Every `<slug>.facts.yml` under `seeds`; a file whose slug is no interview is an error."""
    by_slug = {i.slug: i for i in interviews}
    facts: list[Fact] = []
    for path in sorted(seeds.glob("*" + SUFFIX)):
        slug = path.name.removesuffix(SUFFIX)
        if slug not in by_slug:
            known = ", ".join(sorted(by_slug))
            raise read(path).error((), f"no interview has the slug '{slug}' (known: {known})", f"name the file <slug>{SUFFIX}")
        found = transcript_of(seeds / f"{slug}.yml")
        transcript = found.name if found else f"the transcript of '{slug}'"
        facts.extend(load(path, by_slug[slug], transcript, read_yaml))
    return tuple(facts)
