"""Citations in the formats people use: Chicago, APA and MLA to paste, BibTeX and CSL-JSON for reference managers.

One interview, or one exchange of it, is a `Work`; each format is a function of
it. Written here rather than with a CSL processor: citeproc-py needs the style
and locale files of each guide and takes milliseconds per citation (minutes for
the exchanges of a thousand interviews), for one kind of source whose fields are
known. Names are inverted (`Taylor, Martin`) only when they are plainly given
name(s) then family name; any other name is written as given.

An exchange nobody answers (a closing thanks) is cited as what it is: words of
the one who spoke, in an interview with the guests (see render/citation.py).

An interview page does not carry each exchange's citations: it carries what
they are made of (`page_data`, `exchange_data`), and its script,
overrides/assets/kb-cite.js, writes the same texts when a reader asks for one
(tests/test_cite_script.py holds both to the same output). Whether a name is
inverted is decided here and sent with the name, so that the script needs no
tables of Unicode scripts.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from interview_kb.reading.loader import Interview
from interview_kb.reading.transcript import Exchange

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
SUFFIXES = {"Jr", "Sr", "II", "III", "IV"}  # `Martin Luther King Jr.` is written as given, not `Jr., Martin Luther King`
MLA_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")


@dataclass(frozen=True)
class Work:
    """What a citation names: an interview, or one exchange of it (`interview` then names the interview)."""

    key: str  # BibTeX key and CSL id: the slug, or the exchange's anchor
    title: str  # the interview's title, or the exchange's question
    interview: str  # for an exchange, its interview's title; "" for the interview itself
    authors: tuple[str, ...]  # who is cited: the guests, or whoever spoke an unanswered exchange
    interviewers: tuple[str, ...]  # "interview by"; empty when the one cited asked
    guests: tuple[str, ...]  # "interview with", for an exchange nobody answers
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD
    publication: str
    url: str

    @property
    def date_parts(self) -> list[int]:
        return [int(part) for part in self.date.split("-")]


def of_interview(interview: Interview) -> Work:
    """The interview as its original publication: its guests interviewed by its interviewers, at its source."""
    interviewers = tuple(interview.speakers[label].name for label in interview.interviewers)
    guests = tuple(g.name for g in interview.guests) or interviewers
    return Work(interview.slug, interview.title, "", guests, interviewers if guests != interviewers else (), (), interview.date,
                interview.publication, interview.source)  # fmt: skip


def of_exchange(interview: Interview, exchange: Exchange, permalink: str) -> Work:
    """One exchange: who answered (or who spoke, unanswered) in the interview, at its permanent link."""
    asker = interview.speakers[exchange.question.speaker].name
    answering = list(dict.fromkeys(interview.speakers[t.speaker].name for t in exchange.answers if not t.aside))
    guests = () if answering else tuple(g.name for g in interview.guests if g.name != asker)
    return Work(exchange.anchor, exchange.label, interview.title, tuple(answering or [asker]), (asker,) if answering else (),
                guests, interview.date, interview.publication, permalink)  # fmt: skip


# Names.


@cache
def family_given(name: str) -> tuple[str, str] | None:
    """(`Taylor`, `Martin`) for `Martin Taylor`; None for a name that may not be given names then a family name."""
    words = name.split()
    if len(words) < 2 or "," in name or words[-1].rstrip(".") in SUFFIXES or not all(map(given_first_word, words)):
        return None
    return words[-1], " ".join(words[:-1])


def given_first_word(word: str) -> bool:
    """A word of letters (and . ' ’ -) in a script whose names put the family name last: Latin, Greek, Cyrillic."""
    return word[0].isalpha() and all(
        c in ".'’-" or (c.isalpha() and unicodedata.name(c, "").startswith(("LATIN", "GREEK", "CYRILLIC"))) for c in word
    )


def inverted(name: str) -> str:
    split = family_given(name)
    return f"{split[0]}, {split[1]}" if split else name


def initials(given: str) -> str:
    return " ".join(f"{part[0]}." for part in re.split(r"[\s-]+", given) if part)


def apa_name(name: str, first: bool = True) -> str:
    """`Taylor, M.` (an author) or `M. Taylor` (an interviewer)."""
    split = family_given(name)
    if not split:
        return name
    return f"{split[0]}, {initials(split[1])}" if first else f"{initials(split[1])} {split[0]}"


def listed(names: list[str], conjunction: str = "and") -> str:
    """`A`, `A and B`, `A, B, and C` (the serial comma the three guides use)."""
    if len(names) <= 2:
        return f" {conjunction} ".join(names)
    return ", ".join(names[:-1]) + f", {conjunction} " + names[-1]


def authors_inverted(work: Work) -> str:
    """The first author inverted, the others as written: `Taylor, Martin, and Jane Doe` (Chicago, MLA)."""
    names = list(work.authors)
    if len(names) > 2:
        return f"{inverted(names[0])}, et al"
    return listed([inverted(names[0]), *names[1:]])


def sentence(text: str) -> str:
    """`text` ended by a full stop, unless it ends in one already (or in ? ! or …)."""
    return text if text.endswith((".", "?", "!", "…")) else f"{text}."


def in_quotes(title: str, then: str) -> str:
    """A title in quotation marks with the punctuation that follows it inside them: “Why now?” stays, “Title” gains it."""
    if title.endswith(("?", "!", "…")):
        return f"“{title}”"
    return f"“{title.removesuffix('.')}{then}”"


# The style guides.


def chicago_date(work: Work) -> str:
    parts = work.date_parts
    if len(parts) == 3:
        return f"{MONTHS[parts[1] - 1]} {parts[2]}, {parts[0]}"
    return f"{MONTHS[parts[1] - 1]} {parts[0]}" if len(parts) == 2 else str(parts[0])


def how(work: Work, by: str = "Interview by", with_: str = "Interview with") -> str:
    if work.interviewers:
        return f"{by} {listed(list(work.interviewers))}"
    return f"{with_} {listed(list(work.guests))}" if work.guests else with_.split()[0]


def chicago(work: Work) -> str:
    """Chicago (17th ed.), bibliography entry of a published interview."""
    parts = [sentence(authors_inverted(work)), in_quotes(work.title, ".")]
    if work.interview:
        parts.append(f"In {in_quotes(work.interview, ',')} {how(work, 'interview by', 'interview with')}.")
    else:
        parts.append(sentence(how(work)))
    parts.append(sentence(", ".join(p for p in (work.publication, chicago_date(work)) if p)))
    parts.append(sentence(work.url))
    return " ".join(parts)


def apa(work: Work) -> str:
    """APA (7th ed.), reference entry of a published interview."""
    names = [apa_name(name) for name in work.authors]
    authors = names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]
    parts = work.date_parts
    date = str(parts[0]) + (f", {MONTHS[parts[1] - 1]}" if len(parts) > 1 else "") + (f" {parts[2]}" if len(parts) > 2 else "")
    asked = [apa_name(name, first=False) for name in work.interviewers]
    what = f"Interview by {listed(asked, '&')}" if asked else how(work)
    if work.interview:
        what = f"{what}, in {work.interview}"
    entry = f"{sentence(authors)} ({date}). {work.title.rstrip('.')} [{what}]."
    return " ".join(p for p in (entry, sentence(work.publication) if work.publication else "", work.url) if p)


def mla(work: Work) -> str:
    """MLA (9th ed.), works-cited entry of a published interview."""
    parts = work.date_parts
    date = " ".join([*([str(parts[2])] if len(parts) > 2 else []), *([MLA_MONTHS[parts[1] - 1]] if len(parts) > 1 else []), str(parts[0])])
    container = [in_quotes(work.interview, ",")] if work.interview else []
    entry = [sentence(authors_inverted(work)), in_quotes(work.title, "."), f"{how(work)}.", *container]
    tail = ", ".join(p for p in (work.publication, date, re.sub(r"^https?://", "", work.url)) if p)
    return " ".join([*entry, sentence(tail)])


# For reference managers.

_BIBTEX_SPECIAL = re.compile(r"([\\{}&%$#_^~])")


def bibtex_text(text: str) -> str:
    """A BibTeX field's value: LaTeX's special characters escaped, the rest (UTF-8) as written."""
    named = {"\\": r"\textbackslash{}", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}"}
    return _BIBTEX_SPECIAL.sub(lambda m: named.get(m.group(1), "\\" + m.group(1)), text)


def bibtex_names(names: tuple[str, ...]) -> str:
    """BibTeX's `Family, Given and …`; a name that cannot be split is braced, so BibTeX keeps it whole."""
    return " and ".join(inverted(n) if family_given(n) else "{" + n + "}" for n in (bibtex_text(name) for name in names))


def bibtex(work: Work) -> str:
    """A biblatex/BibTeX `@misc` entry (BibTeX has no interview type; biblatex reads `@misc` alike)."""
    parts = work.date_parts
    fields = [("author", bibtex_names(work.authors)), ("title", "{" + bibtex_text(work.title) + "}")]
    fields.append(("howpublished", bibtex_text(how(work, "Interview by", "Interview with"))))
    if work.interview:
        fields.append(("booktitle", "{" + bibtex_text(work.interview) + "}"))
    if work.publication:
        fields.append(("organization", bibtex_text(work.publication)))
    fields += [("year", str(parts[0])), *([("month", str(parts[1])), ("date", work.date)] if len(parts) > 1 else [])]
    fields.append(("url", work.url))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{work.key},\n{body}\n}}"


def csl_name(name: str) -> dict[str, str]:
    split = family_given(name)
    return {"family": split[0], "given": split[1]} if split else {"literal": name}


def csl(work: Work) -> dict[str, Any]:
    """A CSL-JSON item (the format Zotero, Mendeley and pandoc import), type `interview`."""
    item: dict[str, Any] = {"id": work.key, "type": "interview", "title": work.title}
    if work.interview:
        item["container-title"] = work.interview
    item["author"] = [csl_name(name) for name in work.authors]
    if work.interviewers:
        item["interviewer"] = [csl_name(name) for name in work.interviewers]
    elif work.guests:
        item["note"] = f"Interview with {listed(list(work.guests))}"
    if work.publication:
        item["publisher"] = work.publication
    item["issued"] = {"date-parts": [work.date_parts]}
    item["URL"] = work.url
    return item


def csl_json(work: Work) -> str:
    """One item as CSL-JSON (an array, as reference managers import it), on one line."""
    return json.dumps([csl(work)], ensure_ascii=False, separators=(",", ":"))


FORMATS: dict[str, Callable[[Work], str]] = {"Chicago": chicago, "APA": apa, "MLA": mla, "BibTeX": bibtex, "CSL-JSON": csl_json}


def formats(work: Work) -> dict[str, str]:
    """Every format's citation of `work`, by the name the menu shows."""
    return {name: write(work) for name, write in FORMATS.items()}


# The interview page's citation data, for overrides/assets/kb-cite.js.


def people(interview: Interview) -> list[str]:
    """Every name an exchange's citation may hold, in the order the page numbers them."""
    return list(dict.fromkeys([*(s.name for s in interview.speakers.values()), *(g.name for g in interview.guests)]))


def page_data(interview: Interview, url: str) -> dict[str, str]:
    """The interview's part of its exchanges' citations, as attributes of its own "Cite as…" menu: `url` is the page's address, which
    each exchange's permanent link extends with `#<anchor>`; each name comes with its family and given names, `""`
    when it is written as given."""
    names = people(interview)
    split = [[name, *(family_given(name) or ("", ""))] for name in names]
    return {
        "data-kb-title": interview.title,
        "data-kb-date": interview.date,
        "data-kb-publication": interview.publication,
        "data-kb-url": url,
        "data-kb-source": interview.source,
        "data-kb-people": json.dumps(split, ensure_ascii=False, separators=(",", ":")),
        "data-kb-guests": ",".join(str(names.index(g.name)) for g in interview.guests),
    }


def exchange_data(interview: Interview, exchange: Exchange) -> str:
    """`<asker>:<answering>,…`: who asked and who answered (none for an exchange nobody answers), as numbers of `people`."""
    names = people(interview)
    asker = names.index(interview.speakers[exchange.question.speaker].name)
    answering = dict.fromkeys(names.index(interview.speakers[t.speaker].name) for t in exchange.answers if not t.aside)
    return f"{asker}:{','.join(map(str, answering))}"


def bibtex_file(interview: Interview, permalinks: dict[str, str]) -> str:
    """`downloads/<slug>.bib`: the interview, then each exchange at its permanent link (`permalinks`, by anchor)."""
    works = [of_interview(interview), *(of_exchange(interview, e, permalinks[e.anchor]) for e in interview.transcript.exchanges)]
    return "\n\n".join(bibtex(work) for work in works) + "\n"


def csl_file(interview: Interview, permalinks: dict[str, str]) -> str:
    """`downloads/<slug>.json`: CSL-JSON of the interview, then of each exchange, one item a line (indented, a long
    episode's file was two fifths spaces and line breaks)."""
    works = [of_interview(interview), *(of_exchange(interview, e, permalinks[e.anchor]) for e in interview.transcript.exchanges)]
    return "[\n" + ",\n".join(json.dumps(csl(work), ensure_ascii=False, separators=(",", ":")) for work in works) + "\n]\n"
