"""Interviews in the shapes they are published in, built into one site and read as a reader meets them.

tests/data/shapes/ holds one small invented interview per published shape:

* otter-three-hosts.txt: an Otter export of a show with three hosts (`Name  0:05` alone on a line, the text below);
* panel-initials.txt: a conference panel labelled by initials, with the moderator's hand-offs and a question from the floor;
* podcast-page.txt: a podcast's page, `Name: (mm:ss) text`, with a sponsor read;
* captions-glass.vtt: WebVTT captions where `>>` changes speaker and names are given only sometimes;
* captions-rescue.srt: SRT captions, `NAME:` and `- ` changes;
* blog-qa.md: a blog Q&A, `**Full Name (Role, Org):**` on first mention and `**Name:**` after;
* archive-episode.md: an archive's Markdown episode: YAML front matter (title, date, url, description, guests; the
  `.yml` beside it names only the interviewer and speakers), an HTML comment, an `<Audio …/>` tag, a `## Transcript`
  heading, `Name (hh:mm:ss):` on its own line with `(hh:mm:ss):` continuation lines, a cold open, the host's
  introduction, a sponsor read, reactions, a host line said twice ("Let's do it.") and closing words.

No speech in these files says a clock time, so any `0:05` or `(00:01:21):` a reader sees in text is markup that leaked.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from interview_kb.reading.loader import Interview, load_interview

from tests.page_citations import page_citations
from tests.support import Build, build_with_shipped_topics

pytestmark = pytest.mark.slow  # builds sites (make test-fast leaves it out)

SHAPES = Path(__file__).parent / "data" / "shapes"
FILES = {
    "otter-three-hosts": "otter-three-hosts.txt",
    "panel-initials": "panel-initials.txt",
    "podcast-page": "podcast-page.txt",
    "captions-glass": "captions-glass.vtt",
    "captions-rescue": "captions-rescue.srt",
    "blog-qa": "blog-qa.md",
    "archive-episode": "archive-episode.md",
}
TIME = re.compile(r"\d{1,2}:\d{2}")  # any clock time: none is spoken in the fixtures
MARKUP = re.compile(r">>|\*\*|<!--|-->|<Audio|^- |^#+ |^---$", re.MULTILINE)
FRONT_MATTER = ["title:", "date:", "url:", "description:", "guests:", "tags:", "- Saoirse Quill", "2024-03-03"]


def read(slug: str) -> Interview:
    return load_interview(SHAPES / FILES[slug])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build_with_shipped_topics(SHAPES, tmp_path_factory.mktemp("shapes"))


def page(site: Build, slug: str) -> BeautifulSoup:
    return BeautifulSoup(site.html(f"interviews/{slug}/"), "html.parser")


def words(element: Tag) -> str:
    return " ".join(element.get_text(" ").split())


def spoken(element: Tag) -> str:
    """A turn's text as shown, without its time link and speaker name."""
    copy = BeautifulSoup(str(element), "html.parser")
    for extra in copy.select(".kb-timestamp, strong, .kb-badge, .kb-outside__label"):
        extra.decompose()
    return words(copy)


def names(interview: Interview) -> set[str]:
    """Every way a speaker is named: label, full name, each word of it, case-folded."""
    found = {interview_label.casefold() for interview_label in interview.speakers}
    for speaker in interview.speakers.values():
        found |= {speaker.name.casefold(), *speaker.name.casefold().split()}
    return found


# Each shape as read: its format, who asks each question, and what stays aside.

EXPECTED: dict[str, tuple[str, list[tuple[str, str]], list[str]]] = {
    "otter-three-hosts": (
        "timestamped",
        [
            ("Lotte Brandt", "How does somebody end up restoring tower clocks?"),
            ("Ravi Menon", "What was actually wrong with that first clock?"),
            ("Lotte Brandt", "Because they'd got used to the silence?"),
            ("Ravi Menon", "Talk us through a normal restoration, from the first phone call."),
            ("Lotte Brandt", "How big are they, on a typical tower?"),
            ("Ravi Menon", "Has a clock ever beaten you?"),
            ("Lotte Brandt", "What would you tell someone who wants to learn this trade?"),
        ],
        [
            "Eleven years at twenty past four.",
            "Lotte, didn't your grandmother's town have one like that?",  # to a co-host
            "She swore hers was right twice a day and so it counted.",  # the co-host's reply
            "Really?",
            "Right.",
            "That's wild, right?",
        ],
    ),
    "panel-initials": (
        "colon",
        [
            ("MOD", "Kofi, how many hives can one roof hold before the neighbours notice?"),
            ("MOD", "Is his fear reasonable?"),
            ("MOD", "Don't more hives in the city mean less food for the wild bees?"),
            ("MOD", "Talk about how the residents took it, Kofi."),
            ("MOD", "Dario, how do you price honey from the top of a bank?"),
            ("AUD", "What should someone do if they find a swarm on their balcony?"),
        ],
        [
            "Bea?",
            "What about you, Dario?",
            "Please.",
            "Mm.",
            "Really?",
            "I think we have time for one question from the floor. Yes, at the front.",
        ],
    ),
    "podcast-page": (
        "timestamped",
        [
            ("Ellis", "Who are your customers?"),
            ("Ellis", "What usually goes wrong with a machine that has been in an attic for forty years?"),
            ("Ellis", "So the fix for a lot of them is to take the oil back out?"),
            ("Ellis", "Can you actually make a new one?"),
            ("Ellis", "Which machine do people ask you for most?"),
            ("Ellis", "Tell us about the strangest thing you have found inside a typewriter."),
            ("Ellis", "Did you send it?"),
            ("Ellis", "Noor Bakri, thank you."),
        ],
        ["The guilt customers.", "Mm-hmm.", "That's wild, right?"],
    ),
    "captions-glass": (
        "webvtt",
        [
            ("JUNE", "Tomas, what is that furnace running at right now?"),
            ("JUNE", "How did you start?"),
            ("JUNE", "What is the hardest thing to teach a new student?"),
            ("JUNE", "Walk us through one piece, a simple bowl, from the furnace on."),
            ("JUNE", "Do you still break many pieces?"),
            ("JUNE", "What do you make for yourself, at home?"),
            ("JUNE", "Tomas Ruiz, thank you for letting us into the hot shop."),
        ],
        ["Really?", "Wow.", "Mm-hmm.", "That's funny, right?"],
    ),
    "captions-rescue": (
        "srt",
        [
            ("LEO", "Margit, how many call-outs did the team have last winter?"),
            ("LEO", "What goes wrong when people follow an app on the mountain?"),
            ("LEO", "Tell me about a call-out that went well."),
            ("LEO", "How does someone join the team?"),
            ("LEO", "What is in your own pack on a call-out?"),
            ("LEO", "What do you wish every walker carried?"),
            ("LEO", "Margit Sand, thank you."),
        ],
        ["Really?", "Right.", "Brilliant.", "Sweet tea."],
    ),
    "blog-qa": (
        "markdown",
        [
            ("Odile", "When you stopped fining people, did the books stop coming back?"),
            ("Odile", "How much money did the fines bring in before?"),
            ("Odile", "Walk me through the day you announced it."),
            ("Odile", "Did any of the staff object?"),
            ("Odile", "What about the books that never come back at all?"),
            ("Odile", "Did the number of members change?"),
            ("Odile", "Would you tell other libraries to do the same?"),
            ("Odile", "Bram Oosterhuis, thank you."),
        ],
        ["So the fine kept the book out.", "That's a striking way to put it.", "A third."],
    ),
    "archive-episode": (
        "timestamped",
        [
            ("Rory Lund", "What does a guide actually do before a trip starts?"),
            ("Rory Lund", "How often do you change the plan on the day?"),
            ("Rory Lund", "What makes you decide that?"),
            ("Rory Lund", "Has anyone ever refused to turn back?"),
            ("Rory Lund", "What would you say to someone buying their first kayak?"),
        ],
        ["Wow.", "Let's do it.", "Let's do it."],
    ),
}


@pytest.mark.parametrize("slug", list(FILES))
def test_each_shape_is_read_into_its_exchanges_and_asides(slug: str) -> None:
    fmt, questions, asides = EXPECTED[slug]
    transcript = read(slug).transcript
    assert transcript.format == fmt
    assert [(e.question.speaker, e.label) for e in transcript.exchanges] == questions
    assert [t.text for e in transcript.exchanges for t in e.answers if t.aside] == asides


@pytest.mark.parametrize(
    ("slug", "parts"),
    [
        ("otter-three-hosts", [("introduction", 1), ("closing", 91)]),
        ("panel-initials", [("closing", 55)]),
        ("podcast-page", [("sponsor", 21)]),
        ("captions-glass", []),
        ("captions-rescue", []),
        ("blog-qa", []),
        ("archive-episode", [("cold open", 17), ("introduction", 20), ("sponsor", 56), ("closing", 89)]),
    ],
)
def test_the_parts_that_are_not_the_interview_are_recognised(slug: str, parts: list[tuple[str, int]]) -> None:
    assert [(p.what, p.line) for p in read(slug).transcript.recognised] == parts


def test_a_blog_qa_names_each_speaker_by_label_after_the_full_name() -> None:
    interview = read("blog-qa")
    assert {t.speaker for e in interview.transcript.exchanges for t in e.turns} == {"Odile", "Bram"}
    assert interview.transcript.exchanges[0].answers[0].text.startswith("No. Returns went up")
    assert [p.text for p in interview.transcript.preface][1].startswith("Two years ago the public library of Harwick")


def test_an_unnamed_caption_change_gives_the_word_back() -> None:
    for slug, host, guest in [("captions-glass", "JUNE", "TOMAS"), ("captions-rescue", "LEO", "MARGIT")]:
        transcript = read(slug).transcript
        for exchange in transcript.exchanges:
            assert exchange.question.speaker == host
            assert {t.speaker for t in exchange.answers if not t.aside} <= {guest}, exchange.label
            assert {t.speaker for t in exchange.answers if t.aside} <= {host}, exchange.label


def test_the_front_matter_gives_title_date_and_source() -> None:
    interview = read("archive-episode")
    assert (interview.title, interview.date, interview.source) == (
        "Ep. 12: Saoirse Quill on paddling the north coast",
        "2024-03-03",
        "https://driftline.example.net/episodes/12-saoirse-quill",
    )
    assert interview.description == "A sea kayak guide on tides, fog, and the day she turned a group back."
    assert interview.transcript.preface == ()


# The built site.


def test_the_build_log_names_format_and_recognised_parts(site: Build) -> None:
    for line in [
        "archive-episode.md: read in format 'timestamped'; recognised cold open at line 17; introduction at line 20;"
        " sponsor at line 56; closing at line 89 (`recognise_parts: false` turns this off)",
        "podcast-page.txt: read in format 'timestamped'; recognised sponsor at line 21 (`recognise_parts: false` turns this off)",
        "captions-glass.vtt: read in format 'webvtt'\n",
    ]:
        assert line in site.stderr


def test_no_heading_or_anchor_starts_with_a_time_or_is_a_name_alone(site: Build) -> None:
    for slug in FILES:
        named = names(read(slug))
        headings = page(site, slug).select("h2[id]")
        exchanges = [h for h in headings if h.get("id") != "preface"]
        assert exchanges, slug
        for heading in exchanges:
            text = words(heading).removesuffix("¶").strip()
            anchor = str(heading["id"])
            assert not re.match(r"[(\[]?\d", text) and not re.match(r"\d", anchor), (slug, text, anchor)
            assert text.strip(" ?.,:!").casefold() not in named, (slug, text)
            assert "-".join(anchor.split("-")[:-1]).replace("-", " ") not in named, (slug, anchor)
            assert not TIME.search(text), (slug, text)


def test_no_answer_or_search_record_holds_a_time_or_markup(site: Build) -> None:
    kb = site.kb
    texts = [t["text"] for e in kb["exchanges"] for t in e["turns"]]
    texts += [t["text"] for i in kb["interviews"] for part in i["outside"] for t in part["turns"]]
    texts += [e["answer"]["text"] for e in kb["exchanges"] if e["answer"]]
    for slug in FILES:
        texts += [spoken(p) for p in page(site, slug).select(".kb-turn p, .kb-outside p")]
    records = site.search_records()
    assert {r["url"].split("#")[0] for r in records} >= {f"interviews/{slug}/" for slug in FILES}
    texts += [r["content"] for r in records]
    for text in texts:
        assert not TIME.search(text), text
        assert not MARKUP.search(text), text
    assert not any(re.search(r"\(\d\d:\d\d:\d\d\):", json.dumps(r)) for r in records)


def test_front_matter_never_appears_in_the_preface_or_the_page_text(site: Build) -> None:
    html = page(site, "archive-episode")
    assert html.select(".kb-preface") == [] and html.select_one("#preface") is None
    title = html.select_one("h1")
    assert title is not None and words(title).startswith("Ep. 12: Saoirse Quill on paddling the north coast")
    shown = " ".join(spoken(p) for p in html.select(".kb-turn p, .kb-outside p"))
    for written in [*FRONT_MATTER, "Transcript made from the episode audio", "media.driftline.example.net", "Transcript"]:
        assert written not in shown, written
    assert "Transcript" not in [words(h).removesuffix("¶").strip() for h in html.select("h2")]
    records = [r["content"] for r in site.search_records() if r["url"].startswith("interviews/archive-episode/")]
    assert records and not any(written in content for content in records for written in FRONT_MATTER)


def test_cold_opens_and_sponsor_reads_are_asides_not_part_of_the_interview(site: Build) -> None:
    expected = {
        "archive-episode": ["cold open", "introduction", "sponsor", "closing"],
        "podcast-page": ["sponsor"],
        "otter-three-hosts": ["introduction", "closing"],
        "panel-initials": ["closing"],
    }
    for slug, kinds in expected.items():
        parts = page(site, slug).select(".kb-outside")
        labels = [p.select_one(".kb-outside__label") for p in parts]
        assert [words(label).removeprefix("Not part of the interview: ") for label in labels if label] == kinds, slug
        assert all(words(label).startswith("Not part of the interview: ") for label in labels if label)
        assert all(p.get("role") == "note" and p.find_parent(class_="kb-turn") is None for p in parts), slug
    archive = page(site, "archive-episode").select(".kb-outside")
    assert (
        spoken(archive[0]) == "The sea does not care how good your photos are. It cares whether you read the tide table before breakfast."
    )
    assert "Saltmarsh Outfitters" in spoken(archive[2])
    contents = [r["content"] for r in site.search_records()]
    for sponsor in ("Saltmarsh Outfitters", "Quillfast", "The sea does not care"):
        assert not any(sponsor in content for content in contents), sponsor


def test_every_exchange_has_an_answer_but_the_closing_thanks(site: Build) -> None:
    kb = site.kb
    unanswered = [(e["interview"], e["question"]["text"]) for e in kb["exchanges"] if e["answer"] is None]
    assert sorted(unanswered) == [
        ("blog-qa", "Bram Oosterhuis, thank you."),
        ("captions-glass", "Tomas Ruiz, thank you for letting us into the hot shop."),
        ("captions-rescue", "Margit Sand, thank you."),
        ("podcast-page", "Noor Bakri, thank you."),
    ]
    for slug, _ in unanswered:
        assert [e for e in kb["exchanges"] if e["interview"] == slug][-1]["answer"] is None  # the last one
    interviewers = {(i["slug"], label) for i in kb["interviews"] for label in i["interviewers"]}
    for exchange in kb["exchanges"]:
        if exchange["answer"]:
            assert (exchange["interview"], exchange["answer"]["speaker"]) not in interviewers, exchange["id"]


def test_the_citation_of_an_exchange_names_the_guest_who_answered(site: Build) -> None:
    kb = site.kb
    speakers = {i["slug"]: i["speakers"] for i in kb["interviews"]}
    written = {slug: page_citations(site.html(f"interviews/{slug}/")) for slug in FILES}
    for exchange in kb["exchanges"]:
        citation = written[exchange["interview"]][exchange["id"]]["Cite"]
        answered = [t["speaker"] for t in exchange["turns"][1:] if not t["aside"]]
        cited = list(dict.fromkeys(answered)) or [exchange["question"]["speaker"]]
        who = [speakers[exchange["interview"]][label]["name"] for label in cited]
        assert citation.startswith(who[0] if len(who) == 1 else ", ".join(who[:-1]) + " and " + who[-1]), citation
        # An exchange nobody answers (a closing thanks) cites its speaker in an interview with the guests.
        assert (f"interview by {exchange['asked_by']}" if answered else "interview with ") in citation
