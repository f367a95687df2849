"""The page's script writes the same citations as the build would (overrides/assets/kb-cite.js, render/citations.py).

An interview page carries each exchange's citation data, not its citations; the script writes "Cite" and the five
formats from it. Here both are made for interviews whose names, titles, dates and publications take every branch of
the formats, and must be equal, character for character.
"""

from __future__ import annotations

import dataclasses

import pytest
from interview_kb.reading.loader import Interview, Speaker
from interview_kb.reading.transcript import parse
from interview_kb.render import citations
from interview_kb.render.citation import citation

from tests.page_citations import run
from tests.support import interview

PAGE = "https://kb.example.org/interviews/demo/"
TEXT = (
    "Q: Why did you build it?\n\nA: Because the old one fell over.\n\nQ: Right.\n\nA: And it was slow.\n\n"
    "Q: Is 100% of {it} C# & $money_^~\\?\n\nB: Yes, and no.\n\nA: Mostly yes.\n\n"
    "Q: What came next…\n\nB: A rewrite.\n\n"
    "Q: Who else was there?\n\nA: Me.\n\nB: Me too.\n\nC: And me.\n\n"
    "Q: Thanks for your time.\n"
)
NAMES = [
    {"Q": "Quinn Asker", "A": "Ada Answer", "B": "Bo Second", "C": "Cy Third"},
    {"Q": "Madonna", "A": "陈 伟", "B": "Martin Luther King Jr.", "C": "R2 D2"},
    {"Q": "Jean-Luc d’Arcy", "A": "Ana María García", "B": "Acme, Inc.", "C": "Li Na"},
    {"Q": "O'Brien {Team}", "A": "Élodie Ñuñez-Smith", "B": "Ива́н Петро́в", "C": "Σωκράτης Παππάς"},
]


def variant(names: dict[str, str], date: str, title: str, publication: str, guests: int) -> Interview:
    speakers = {label: Speaker(label, name, "", "") for label, name in names.items()}
    talk = interview(TEXT)
    talk = dataclasses.replace(talk, transcript=parse(TEXT, interview="demo", labels=list(names), interviewers=["Q"], path="demo.txt"))
    if guests == 1:  # B a second host, who answers too: the guests are A and C
        talk = dataclasses.replace(talk, interviewers=("Q", "B"))
    return dataclasses.replace(talk, title=title, date=date, publication=publication, speakers=speakers)


@pytest.mark.parametrize("names", NAMES)
@pytest.mark.parametrize(
    ("date", "title", "publication", "guests"),
    [("2015", "Title of demo", "Example Blog", 2), ("2015-03", "Why now?", "", 2), ("2015-03-02", "A talk.", "A & B #1", 1),
     ("1999-12-31", "Wait…", "", 1)],
)  # fmt: skip
def test_the_script_writes_the_build_s_citations(names: dict[str, str], date: str, title: str, publication: str, guests: int) -> None:
    talk = variant(names, date, title, publication, guests)
    data = citations.page_data(talk, PAGE)
    exchanges = talk.transcript.exchanges
    written = run(data, [[citations.exchange_data(talk, e), e.label, e.anchor] for e in exchanges])
    for exchange in exchanges:
        link = f"{PAGE}#{exchange.anchor}"
        expected = {"Cite": citation(talk, exchange, link), **citations.formats(citations.of_exchange(talk, exchange, link))}
        assert written[exchange.anchor] == expected
