"""Parts that are not the interview (issue 13, problem 6): cold opens, sponsor reads, breaks, an announcer.

The fixture tests/data/outside/ marks them with `[What]` … `[/What]` and declares
an `announcer:`. They must leave the exchanges as they would be without them,
lose no text, show as asides on the interview page, stay out of the search
records, and make no guest, person or organization.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from interview_kb.errors import SeedError, SeedWarning
from interview_kb.knowledge.base import load
from interview_kb.reading import entities_file
from interview_kb.reading.loader import Interview, load_interview
from interview_kb.reading.transcript import Transcript, parse
from interview_kb.render.series import organizations

from tests.support import ROOT, Build, build_with_shipped_topics

pytestmark = pytest.mark.slow  # builds sites (make test-fast leaves it out)

OUTSIDE = Path(__file__).parent / "data" / "outside"
NAME = "podcast-with-breaks"
LABELS = ["Dev", "Ines", "Announcer"]


def read() -> Interview:
    return load_interview(OUTSIDE / f"{NAME}.txt")


def read_text(text: str, announcers: tuple[str, ...] = ("Announcer",)) -> Transcript:
    return parse(text, interview=NAME, labels=LABELS, interviewers=["Dev"], announcers=announcers, path="x.txt")


def shape(transcript: Transcript) -> list[tuple[str, str, list[tuple[str, str, bool]]]]:
    """Each exchange's paragraphs with their speakers (a part between two turns of one speaker keeps them two turns)."""
    return [(e.anchor, e.label, [(t.speaker, p.text, t.aside) for t in e.turns for p in t.paragraphs]) for e in transcript.exchanges]


def test_exchanges_are_those_of_the_transcript_without_the_parts() -> None:
    text = (OUTSIDE / f"{NAME}.txt").read_text(encoding="utf-8")
    without = re.sub(r"\[(Cold open|Sponsor|Break)\].*?\[/\1\]\n", "", text, flags=re.DOTALL)
    without = re.sub(r"Announcer:[^\n]*\n\n?(Stay with us\.\n\n)?", "", without)
    assert "Northwind" not in without and "Announcer" not in without and "[" in without  # "[Laughs]" stays
    marked = read().transcript
    assert shape(marked) == shape(read_text(without, announcers=()))
    assert [(e.question.speaker, e.label) for e in marked.exchanges] == [
        ("Dev", "How did your team start automating the core network?"),
        ("Dev", "What went wrong along the way?"),
        ("Dev", "How do you test changes now?"),
    ]
    assert [t.speaker for t in marked.exchanges[0].turns] == ["Dev", "Ines", "Dev", "Ines", "Ines"]
    assert marked.exchanges[0].turns[2].aside


def test_parts_are_kept_where_they_occur() -> None:
    transcript = read().transcript
    assert [(p.what, p.line) for p in transcript.opening] == [("Cold open", 3), ("announcer", 9)]
    assert [[(p.what, p.line, position) for position, p in e.outside] for e in transcript.exchanges] == [
        [("Sponsor", 21, 4)],
        [("Break", 31, 2)],
        [("announcer", 37, 2)],
    ]
    cold, announcer = transcript.opening
    assert [(t.speaker, t.text) for t in cold.turns] == [("Ines", "If you cannot automate it, you cannot run it at scale.")]
    assert [(t.speaker, [p.text for p in t.paragraphs]) for t in announcer.turns] == [
        (
            "Announcer",
            ["From the studios of Example Media, this is Telco Talk, the show about networks that run on software.", "Stay with us."],
        )
    ]
    sponsor = transcript.exchanges[0].outside[0][1]
    assert [(t.speaker, [p.text for p in t.paragraphs]) for t in sponsor.turns] == [
        (
            "Dev",
            [
                "This episode is brought to you by Northwind Cloud. Northwind Cloud runs your workloads close to your customers.",
                "Visit the Northwind Cloud website for a free trial.",
            ],
        )
    ]
    assert transcript.exchanges[1].outside[0][1].turns == ()
    assert [p.what for p in transcript.outside] == ["Cold open", "announcer", "Sponsor", "Break", "announcer"]


MARKERS = re.compile(r"^(\[Sponsor\] )?(Dev|Ines|Announcer): |\[/?(Cold open|Sponsor|Break)\]")


def test_no_text_is_lost() -> None:
    transcript = read().transcript
    shown = " ".join(
        [p.text for p in transcript.preface]
        + [p.text for part in transcript.outside for t in part.turns for p in t.paragraphs]
        + [t.text for e in transcript.exchanges for t in e.turns]
    )
    for number, line in enumerate((OUTSIDE / f"{NAME}.txt").read_text(encoding="utf-8").splitlines(), start=1):
        assert MARKERS.sub("", line).strip() in shown, f"line {number}: {line!r}"


def test_marker_after_the_label_and_a_part_in_one_paragraph() -> None:
    text = "Dev: Why?\n\nInes: Because.\n\nDev: [Ad] Buy Northwind. [/Ad]\n\nInes: And so on.\n"
    transcript = read_text(text)
    assert [t.text for t in transcript.exchanges[0].turns] == ["Why?", "Because.", "And so on."]
    assert [(p.what, [t.text for t in p.turns]) for _, p in transcript.exchanges[0].outside] == [("Ad", ["Buy Northwind."])]


def test_an_unclosed_marker_alone_is_text_with_a_warning() -> None:
    transcript = read_text("Dev: Why?\n\n[Break]\n\nInes: Because.\n")
    assert [p.text for p in transcript.preface] == [] and transcript.exchanges[0].question.text == "Why?\n\n[Break]"
    assert [str(w) for w in transcript.warnings] == [
        'x.txt:3: warning: "[Break]" is not closed, so it is read as part of the interview'
        ' — write "[Break] [/Break]", or put "[/Break]" where the part ends, or ignore'
    ]


def test_bracketed_words_in_text_are_not_markers() -> None:
    transcript = read_text("Dev: [From the audience] Why?\n\nInes: [Laughs] Because.\n")
    assert [t.text for t in transcript.exchanges[0].turns] == ["[From the audience] Why?", "[Laughs] Because."]
    assert transcript.warnings == () and transcript.outside == ()


def test_a_closing_marker_without_its_opening_is_an_error() -> None:
    with pytest.raises(SeedError) as caught:
        read_text("Dev: Why?\n\n[Sponser] Buy now.\n\nBuy later. [/Sponsor]\n\nInes: Because.\n")
    assert str(caught.value) == (
        'x.txt:5: "[/Sponsor]" closes no "[Sponsor]" before it'
        ' — put "[Sponsor]" at the start of the part that is not the interview, or remove "[/Sponsor]"'
    )


def test_announcer_must_be_a_speaker_who_does_not_ask(tmp_path: Path) -> None:
    for value, message in [
        ("Voice", "announcer 'Voice' is not one of the speakers (Dev, Ines, Announcer) — use a label listed under `speakers`"),
        ("Dev", "'Dev' is both interviewer and announcer — an announcer does not ask: keep it in one of the two lists"),
    ]:
        shutil.copy(OUTSIDE / f"{NAME}.txt", tmp_path / "x.txt")
        meta = (OUTSIDE / f"{NAME}.yml").read_text(encoding="utf-8").replace("announcer: Announcer", f"announcer: {value}")
        (tmp_path / "x.yml").write_text(meta, encoding="utf-8")
        with pytest.raises(SeedError) as caught:
            load_interview(tmp_path / "x.txt")
        assert str(caught.value).endswith(f"x.yml:6: {message}")


def test_announcers_are_not_guests_people_or_organizations(tmp_path: Path) -> None:
    interview = read()
    assert interview.announcers == ("Announcer",)
    assert [g.name for g in interview.guests] == ["Ines Moreau"]
    assert "Telco Talk announcer" not in {e.name for e in entities_file.from_speakers((interview,))}
    shutil.copy(OUTSIDE / f"{NAME}.txt", tmp_path)
    shutil.copy(OUTSIDE / f"{NAME}.yml", tmp_path)
    shutil.copy(ROOT / "seeds" / "topics.yml", tmp_path)
    warnings: list[SeedWarning] = []
    kb = load(tmp_path, warnings.append)
    assert [name for name, _, _ in organizations(kb)] == ["Southport Networks", "Telco Talk"]


# The built site.


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build_with_shipped_topics(OUTSIDE, tmp_path_factory.mktemp("outside"))


def test_parts_are_asides_on_the_interview_page(site: Build) -> None:
    page = BeautifulSoup(site.html(f"interviews/{NAME}/"), "html.parser")
    parts = page.select(".kb-outside")
    assert [" ".join(p.get_text().split()) for p in parts] == [
        "Not part of the interview: cold open Ines Moreau: If you cannot automate it, you cannot run it at scale.",
        "Not part of the interview: announcer Telco Talk announcer: From the studios of Example Media, this is Telco Talk,"
        " the show about networks that run on software. Stay with us.",
        "Not part of the interview: sponsor Dev Rao: This episode is brought to you by Northwind Cloud. Northwind Cloud runs"
        " your workloads close to your customers. Visit the Northwind Cloud website for a free trial.",
        "Not part of the interview: break",
        "Not part of the interview: announcer Telco Talk announcer: Telco Talk is produced by Example Media. Thanks for listening.",
    ]
    assert all(p.find_parent(class_="kb-turn") is None and p.get("role") == "note" for p in parts)
    before, after = parts[2].find_previous(class_="kb-turn"), parts[2].find_next(class_="kb-turn")
    meta_list = page.select_one(".kb-interview-meta")
    assert before is not None and before.get_text().strip().startswith("Ines Moreau: Once those worked")
    assert after is not None and after.get_text().strip().startswith("Ines Moreau: The upgrades")
    assert meta_list is not None
    meta = " ".join(meta_list.get_text().split())
    assert "Announcer: Telco Talk announcer (Example Media)" in meta and "Guest: Telco Talk announcer" not in meta


def test_parts_are_not_in_search_records_or_exchanges(site: Build) -> None:
    records = site.search_records()
    assert records and not any("Northwind" in r["content"] or "Stay with us" in r["content"] for r in records)
    assert not any("Telco Talk announcer" in name for r in records for name in r["filters"].get("speaker", []))
    kb = site.kb
    assert len(kb["exchanges"]) == 3
    assert not any("Northwind" in t["text"] for e in kb["exchanges"] for t in e["turns"])
    interview = kb["interviews"][0]
    assert interview["announcers"] == ["Announcer"]
    assert [(p["what"], p["line"], p["exchange"]) for p in interview["outside"]] == [
        ("Cold open", 3, None),
        ("announcer", 9, None),
        ("Sponsor", 21, kb["exchanges"][0]["id"]),
        ("Break", 31, kb["exchanges"][1]["id"]),
        ("announcer", 37, kb["exchanges"][2]["id"]),
    ]
    assert interview["outside"][2]["turns"][0]["text"].endswith("Visit the Northwind Cloud website for a free trial.")
    assert not any(e["name"] == "Telco Talk announcer" for e in kb["entities"])


def test_markdown_download_keeps_the_parts(site: Build) -> None:
    download = site.download(f"{NAME}.md").decode("utf-8")
    assert download.count("*Not part of the interview:") == 5
    assert "Visit the Northwind Cloud website" in download
    assert site.download(f"{NAME}.txt") == (OUTSIDE / f"{NAME}.txt").read_bytes()
