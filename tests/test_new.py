"""`make new TRANSCRIPT=path` (issue 13): a draft metadata file from a transcript, never overwriting a file."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from interview_kb.commands.new import guess
from interview_kb.errors import SeedError
from interview_kb.reading.loader import load_interview
from interview_kb.reading.transcript import parse
from interview_kb.reading.yamlfile import read

from scripts.tools import builds
from tests.support import ROOT, command_line

HELDOUT = ROOT / "tests" / "data" / "heldout"


@pytest.mark.parametrize(
    ("name", "fmt", "labels", "interviewer"),
    [
        ("podcast-two-hosts", "timestamped", ["Kai", "Omar", "Lena"], "Lena"),
        ("markdown-panel", "markdown", ["Rita", "Chen", "Priya"], "Rita"),
        ("webvtt-captions", "webvtt", ["Sam", "Maria"], "Sam"),
        ("lines-qa", "lines", ["Q", "A"], "Q"),
    ],
)
def test_format_labels_and_who_asks_are_found(name: str, fmt: str, labels: list[str], interviewer: str) -> None:
    found = guess((HELDOUT / f"{name}.txt").read_text(encoding="utf-8"))
    assert found is not None
    assert (found.format, list(found.turns), found.interviewer) == (fmt, labels, interviewer)


def test_the_seed_interview_is_found_too() -> None:
    found = guess((ROOT / "seeds" / "real-ctos-nfv-martin-taylor.txt").read_text(encoding="utf-8"))
    assert found is not None
    assert (found.format, list(found.turns), found.interviewer) == ("colon", ["Prayson", "Martin"], "Prayson")


def run(tmp_path: Path, source: Path) -> tuple[int, str, str]:
    result = command_line("new", "--seeds", str(tmp_path / "seeds"), str(source))
    return result.exit_code, result.stdout, result.stderr


def test_draft_is_written_and_the_transcript_copied(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    source = tmp_path / "downloads" / "Podcast Two Hosts.txt"
    source.parent.mkdir()
    shutil.copy(HELDOUT / "podcast-two-hosts.txt", source)
    code, out, err = run(tmp_path, source)
    assert (code, err) == (0, "")
    seeds = tmp_path / "seeds"
    assert (seeds / "podcast-two-hosts.txt").read_bytes() == source.read_bytes()
    draft = (seeds / "podcast-two-hosts.yml").read_text(encoding="utf-8")
    assert "format: timestamped" in draft and "interviewer: Lena" in draft
    blank = {"name": None, "role": None, "organization": None}
    assert read(seeds / "podcast-two-hosts.yml").data["speakers"] == {"Kai": blank, "Omar": blank, "Lena": blank}
    assert "6 turns, 2 end with ?" in draft
    assert out.splitlines()[0].endswith("podcast-two-hosts.yml: draft for 3 speaker labels (Kai, Omar, Lena), format timestamped")
    assert "left to fill in: title, date, source; name of Kai, Omar, Lena; check interviewer (guessed: Lena)" in out
    # The draft does not build until it is filled in, and the error names the line.
    with pytest.raises(SeedError, match=r"podcast-two-hosts.yml:2: required field `title` is missing"):
        load_interview(seeds / "podcast-two-hosts.txt")
    filled = draft.replace("title:", 'title: "Unplugged"', 1).replace("date:", "date: 2021", 1)
    filled = filled.replace("source:", "source: https://example.org/x", 1).replace("interviewer: Lena", "interviewer: [Kai, Lena]")
    for label in ("Kai", "Omar", "Lena"):
        filled = filled.replace("    name:\n", f"    name: {label} Example\n", 1)
    (seeds / "podcast-two-hosts.yml").write_text(filled, encoding="utf-8")
    interview = load_interview(seeds / "podcast-two-hosts.txt")
    assert [e.question.speaker for e in interview.transcript.exchanges] == ["Kai", "Lena", "Lena", "Kai", "Lena"]
    assert [part.what for part in interview.transcript.recognised] == ["closing"]  # "That's all the time we have."


def test_a_transcript_already_in_seeds_is_not_copied(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(HELDOUT / "lines-qa.txt", seeds / "lines-qa.txt")
    code, out, _ = run(tmp_path, seeds / "lines-qa.txt")
    assert code == 0 and sorted(p.name for p in seeds.iterdir()) == ["lines-qa.txt", "lines-qa.yml"]
    assert "copied" not in out


@pytest.mark.parametrize("existing", ["lines-qa.yml", "lines-qa.txt"])
def test_an_existing_file_is_never_overwritten(tmp_path: Path, existing: str) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / existing).write_text("mine\n", encoding="utf-8")
    code, out, err = run(tmp_path, HELDOUT / "lines-qa.txt")
    assert (code, out) == (1, "")
    assert err == f"{seeds / existing}:1: this file already exists, so nothing was written — remove it, or rename the transcript\n"
    assert sorted(p.name for p in seeds.iterdir()) == [existing] and (seeds / existing).read_text(encoding="utf-8") == "mine\n"


def test_a_transcript_without_labels_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    source = tmp_path / "notes.txt"
    source.write_text("Just some notes.\n\nNo one speaks here.\n", encoding="utf-8")
    code, _, err = run(tmp_path, source)
    assert code == 1
    what = "no speaker label found (such as `Name:` at the start of a paragraph)"
    assert err == f"{source}:1: {what} — label each turn with its speaker (see docs/guide/editors/formats.md#the-formats)\n"
    assert list((tmp_path / "seeds").iterdir()) == []


def test_make_new(tmp_path: Path) -> None:
    shutil.copy(HELDOUT / "markdown-panel.txt", tmp_path / "panel.txt")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    command = ["make", "--no-print-directory", "new", f"TRANSCRIPT={tmp_path / 'panel.txt'}", f"SEEDS={seeds}"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert (seeds / "panel.yml").exists() and "interviewer: Rita" in (seeds / "panel.yml").read_text(encoding="utf-8")
    again = builds.run("interview_kb", "new", "--seeds", str(seeds), str(tmp_path / "panel.txt"))
    assert again.returncode == 1 and again.stderr.count("\n") == 1 and "already exists" in again.stderr


# Labels used once


PANEL = """Recorded at the spring meetup.

**Ann:** Welcome. Who are you?

**Bo Berg (Engineer, Acme):** I build widgets at Acme.

**Ann:** Why widgets?

**Bo:** Because they break.
Note: this line is inside a paragraph.

**Ann:** And next?

**Bo:** More widgets.
"""


def test_a_label_used_once_in_the_shape_of_the_others_is_found() -> None:
    found = guess(PANEL)
    assert found is not None
    assert (found.format, list(found.turns), found.interviewer) == ("markdown", ["Ann", "Bo Berg (Engineer, Acme)", "Bo"], "Ann")


def test_a_single_timed_name_line_is_found() -> None:
    text = (
        "Ann  0:05\nWhy widgets?\n\nBo  0:09\nBecause they break.\n\nAnn  1:10\nAnd next?\n\n"
        "Bo  1:15\nMore widgets.\n\nCy  2:26\nMe too.\n\nAnn  3:00\nThanks, both?\n"
    )
    found = guess(text)
    assert found is not None and list(found.turns) == ["Ann", "Bo", "Cy"]


@pytest.mark.parametrize(
    "noise",
    [
        "Note: recorded live.\n\n",  # a word that names no speaker
        "Ann: And a line\nSam: inside a paragraph.\n\n",  # not the start of a paragraph
        "**Sam:** in bold, when the labels are not.\n\n",  # another shape
    ],
)
def test_a_label_like_word_used_once_is_not_a_speaker(noise: str) -> None:
    text = "Author's Note: a preface.\n\nAnn: Why widgets?\n\nBo: Because they break.\n\n" + noise + "Ann: And next?\n\nBo: More.\n"
    found = guess(text)
    assert found is not None and list(found.turns) == ["Ann", "Bo"]


def test_an_undeclared_label_used_once_is_a_warning_naming_its_line() -> None:
    transcript = parse(PANEL, interview="x", labels=["Ann", "Bo"], interviewers=["Ann"], path="x.md")
    assert [str(w) for w in transcript.warnings] == [
        'x.md:5: warning: "Bo Berg (Engineer, Acme):" looks like a speaker label but is not declared — add it under speakers, or ignore'
    ]
    declared = parse(PANEL, interview="x", labels=["Ann", "Bo", "Bo Berg (Engineer, Acme)"], interviewers=["Ann"], path="x.md")
    assert declared.warnings == () and declared.exchanges[0].answers[0].speaker == "Bo Berg (Engineer, Acme)"
    timed = "Ann  0:05\nWhy?\n\nBo  0:09\nBecause.\n\nCy  2:26\nMe too.\n\nAnn  3:00\nThanks?\n"
    warned = parse(timed, interview="x", labels=["Ann", "Bo"], interviewers=["Ann"], path="x.txt", fmt="name-line")
    assert [str(w) for w in warned.warnings] == [
        'x.txt:7: warning: "Cy:" looks like a speaker label but is not declared — add it under speakers, or ignore'
    ]


# Markdown transcripts and whole archives

EPISODE = """---
title: "Episode 12: Widgets"
date: April 5, 2023
permalink: https://example.org/ep/12
description: Widgets, and why they break.
hosts: [Ann Ash]
guests:
  - name: Bo Berg
    role: Engineer
    company: Acme
cover: /img/12.png
---

# Episode 12

<Audio src="12.mp3"/>

**Ann:** Why do widgets break?

**Bo:** Because nobody counts them.

**Ann:** And then?

**Bo:** Then they break again.
"""


def test_front_matter_fills_the_draft_and_it_builds(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    source = tmp_path / "ep-12.md"
    source.write_text(EPISODE, encoding="utf-8")
    code, out, err = run(tmp_path, source)
    assert (code, err) == (0, "")
    seeds = tmp_path / "seeds"
    assert (seeds / "ep-12.md").read_bytes() == source.read_bytes() and not (seeds / "ep-12.txt").exists()
    draft = (seeds / "ep-12.yml").read_text(encoding="utf-8")
    assert '# title: "Episode 12: Widgets"' in draft and '# date: "2023-04-05"' in draft
    assert "format: markdown" in draft and "name: Bo Berg" in draft and "organization: Acme" in draft and "name: Ann Ash" in draft
    assert "left to fill in: check interviewer (guessed: Ann) — title, date and source from the front matter, names from its guests" in out
    interview = load_interview(seeds / "ep-12.md")
    assert (interview.title, interview.date, interview.source) == ("Episode 12: Widgets", "2023-04-05", "https://example.org/ep/12")
    assert [s.name for s in interview.guests] == ["Bo Berg"] and interview.transcript.preface == ()


def test_a_transcript_of_the_same_stem_is_not_written_beside_another(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "ep-12.txt").write_text("mine\n", encoding="utf-8")
    (tmp_path / "ep-12.md").write_text(EPISODE, encoding="utf-8")
    code, out, err = run(tmp_path, tmp_path / "ep-12.md")
    assert (code, out) == (1, "") and err.startswith(f"{seeds / 'ep-12.txt'}:1: this file already exists")
    assert sorted(p.name for p in seeds.iterdir()) == ["ep-12.txt"]


def archive(folder: Path) -> Path:
    folder.mkdir()
    (folder / "ep-12.md").write_text(EPISODE, encoding="utf-8")
    (folder / "ep-13.md").write_text(EPISODE.replace("hosts: [Ann Ash]\n", "").replace("Ann", "Cy"), encoding="utf-8")
    shutil.copy(HELDOUT / "lines-qa.txt", folder / "lines-qa.txt")
    shutil.copy(HELDOUT / "webvtt-captions.txt", folder / "captions.vtt")
    (folder / "notes.pdf").write_bytes(b"%PDF")
    return folder


def test_a_folder_gets_one_draft_per_transcript_and_one_summary(tmp_path: Path) -> None:
    folder = archive(tmp_path / "archive")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "lines-qa.yml").write_text("mine\n", encoding="utf-8")
    code, out, err = run(tmp_path, folder)
    assert code == 0
    assert err == f"{seeds / 'lines-qa.yml'}:1: this file already exists, so nothing was written — remove it, or rename the transcript\n"
    assert out.splitlines() == [
        f"3 drafts written, 1 skipped, from {folder} into {seeds}",
        f"{seeds / 'captions.yml'}: left to fill in: title, date, source; name of Sam, Maria; check interviewer (guessed: Sam)",
        f"{seeds / 'ep-12.yml'}: left to fill in: check interviewer (guessed: Ann) — title, date and source from the front matter,"
        " names from its guests",
        f"{seeds / 'ep-13.yml'}: left to fill in: name of Cy; check interviewer (guessed: Cy)"
        " — title, date and source from the front matter",
        "then run `make site` (errors name the line still to fix)",
    ]
    assert sorted(p.name for p in seeds.iterdir()) == [
        "captions.vtt",
        "captions.yml",
        "ep-12.md",
        "ep-12.yml",
        "ep-13.md",
        "ep-13.yml",
        "lines-qa.yml",
    ]
    assert (seeds / "lines-qa.yml").read_text(encoding="utf-8") == "mine\n"
    # Run again: everything exists, nothing is written, and it says so.
    code, out, err = run(tmp_path, folder)
    assert code == 0 and out.splitlines()[0] == f"0 drafts written, 4 skipped, from {folder} into {seeds}" and err.count("\n") == 4


def test_make_import_passes_names_without_the_shell(tmp_path: Path) -> None:
    folder = archive(tmp_path / "a `touch hacked` $(touch hacked2) \"q\" 'x'")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    command = ["make", "--no-print-directory", "import", f"SOURCE={folder}", f"SEEDS={seeds}"]
    result = subprocess.run([*command, "-C", str(ROOT)], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert f"\n4 drafts written, 0 skipped, from {folder} into {seeds}\n" in result.stdout
    assert not (tmp_path / "hacked").exists() and not (ROOT / "hacked").exists() and not (ROOT / "hacked2").exists()
