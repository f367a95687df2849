"""Facts and timeline: every quote must be in the transcript, or the build stops naming file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from interview_kb.errors import SeedError
from interview_kb.knowledge import facts
from interview_kb.reading import facts_file

from tests.support import ROOT, build_site, interview

TRANSCRIPT = (
    "Q: When did it start?\n\nA: We’ve been in business for 35 years. We shipped in the middle of 2014.\n\n"
    "Q: What happened after that?\n\nA: Production since late 2014. In business for 35 years, again.\n"
)


def load(tmp_path: Path, text: str) -> tuple[facts_file.Fact, ...]:
    path = tmp_path / "demo.facts.yml"
    path.write_text(text, encoding="utf-8")
    return facts_file.load(path, interview(TRANSCRIPT), "demo.txt")


def test_a_fact_is_placed_in_the_exchange_that_holds_its_quote(tmp_path: Path) -> None:
    loaded = load(
        tmp_path,
        "facts:\n  - fact: In production.\n    date: 2014-10\n    when: late 2014\n    quote: Production   since\n      late 2014.\n"
        "  - fact: Shipped.\n    date: 2014-06\n    when: the middle of 2014\n    quote: We shipped in the middle of 2014.\n"
        "  - fact: Old.\n    quote: We’ve been in business for 35 years.\n",
    )
    anchors = [e.anchor for e in interview(TRANSCRIPT).transcript.exchanges]
    assert [f.exchange for f in loaded] == [anchors[1], anchors[0], anchors[0]]
    assert loaded[0].quote == "Production since late 2014."  # whitespace as in YAML folding does not matter
    assert [f.fact for f in facts.timeline(loaded)] == ["Shipped.", "In production."]
    assert not loaded[2].is_event


@pytest.mark.parametrize(
    ("text", "line", "message", "todo"),
    [
        ("facts:\n  - fact: F\n    quote: We have been in business for 35 years.\n", 3, "quote “We have been", "copy the words exactly"),
        ("facts:\n  - fact: F\n    quote: We've been in business for 35 years.\n", 3, "quote “We've been", "apostrophes"),
        ("facts:\n  - fact: F\n    quote: business for 35 years\n", 3, "the quote is found in 2 exchanges", "quote more"),
        (
            "facts:\n  - fact: F\n    date: 2014\n    when: mid-2014\n    quote: We shipped in the middle of 2014.\n",
            4,
            "`when` 'mid-2014'",
            "",
        ),
        ("facts:\n  - fact: F\n    date: 2014\n    quote: We shipped in the middle of 2014.\n", 2, "an event lacks `when`", ""),
        ("facts:\n  - fact: F\n    date: mid 2014\n    when: x\n    quote: x\n", 3, "date 'mid 2014' is not a real date", ""),
        ("facts:\n  - quote: x\n", 2, "fact lacks `fact`", ""),
    ],
)
def test_fact_errors_name_file_and_line(tmp_path: Path, text: str, line: int, message: str, todo: str) -> None:
    with pytest.raises(SeedError) as caught:
        load(tmp_path, text)
    error = str(caught.value)
    assert error.startswith(f"{tmp_path / 'demo.facts.yml'}:{line}: {message}"), error
    what_to_do = error.split(" — ", 1)[1]
    assert what_to_do.strip() and todo in what_to_do


def test_a_changed_quote_fails_the_build(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    facts_file = seeds / "real-ctos-nfv-martin-taylor.facts.yml"
    text = facts_file.read_text(encoding="utf-8")
    assert text.count("in the order of 5 million") == 1
    facts_file.write_text(text.replace("in the order of 5 million", "in the order of 6 million"), encoding="utf-8")
    line = next(n for n, row in enumerate(facts_file.read_text().splitlines(), 1) if "6 million" in row)
    build = build_site(tmp_path / "site", seeds)
    assert build.returncode != 0
    assert f"real-ctos-nfv-martin-taylor.facts.yml:{line}: quote “We are handling in the order of 6 million" in build.stderr
    assert "copy the words exactly from the transcript" in build.stderr


def test_a_facts_file_needs_an_interview(tmp_path: Path) -> None:
    (tmp_path / "nobody.facts.yml").write_text("facts: []\n")
    with pytest.raises(SeedError) as caught:
        facts_file.load_all(tmp_path, (interview(TRANSCRIPT),))
    assert "no interview has the slug 'nobody'" in str(caught.value)
