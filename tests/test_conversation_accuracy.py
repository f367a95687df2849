"""The conversation accuracy tool (scripts/tools/conversation_accuracy.py): its scoring, and the labels it reads."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest
from interview_kb.reading.loader import Interview

from scripts.tools import conversation_accuracy as ca
from scripts.tools.scores import Figures

DATA = Path(__file__).parent / "data"
CONVERSATIONS = DATA / "conversations"
LABELS = DATA / "conversation_labels.yml"
KINDS = {"cold open", "sponsor"}
TRANSCRIPT_SUFFIXES = {".txt", ".md", ".vtt", ".srt"}
# Where a speaker's turn is written, in any of the held-out shapes: `>>` in a caption, `**Name:**`, `(00:01:02):`
# where the same speaker goes on, or a label followed by a colon, by two spaces and a time, or by a time in parentheses.
TURN_LINE = re.compile(r"^(>>|\*\*[^*]+:\*\*|\(\d[\d:]*\):|[A-Z][\w'’. -]*?(:|  \d+:\d\d| \(\d[\d:]*\):?))")


def turn(speaker: str, line: int, aside: bool = False) -> SimpleNamespace:
    return SimpleNamespace(speaker=speaker, aside=aside, paragraphs=(SimpleNamespace(line=line, text="…"),))


def exchange(line: int, *answers: SimpleNamespace) -> SimpleNamespace:
    return SimpleNamespace(line=line, question=turn("Host", line), answers=answers)


def interview(exchanges: list[SimpleNamespace], outside: tuple[SimpleNamespace, ...] = ()) -> Interview:
    transcript = SimpleNamespace(exchanges=tuple(exchanges), outside=outside)
    return cast(Interview, SimpleNamespace(interviewers=("Host",), transcript=transcript))


# Matching and arithmetic


def test_measure_counts_lines_found_on_a_labelled_line() -> None:
    figures = ca.measure([1, 5, 9, 12], [1, 9, 20])
    assert figures == Figures(true_positive=2, predicted=4, relevant=3)
    assert figures.precision == pytest.approx(2 / 4)
    assert figures.recall == pytest.approx(2 / 3)


def test_a_line_next_to_a_labelled_one_does_not_match() -> None:
    assert ca.measure([10], [11]).true_positive == 0


def test_precision_and_recall_are_not_swapped() -> None:
    everything_found_and_more = ca.measure([1, 2, 3, 4], [1, 2])
    assert (everything_found_and_more.precision, everything_found_and_more.recall) == (0.5, 1.0)


def test_nothing_to_find_and_nothing_found_is_perfect_but_nothing_found_of_something_is_zero() -> None:
    assert (ca.measure([], []).precision, ca.measure([], []).recall) == (1.0, 1.0)
    assert (ca.measure([], [3]).precision, ca.measure([], [3]).recall) == (1.0, 0.0)


def test_figures_add_up_over_files() -> None:
    assert Figures(1, 2, 3) + Figures(4, 5, 6) == Figures(5, 7, 9)


def test_total_is_summed_over_files_not_averaged() -> None:
    small = ca.Score("a", Figures(0, 1, 1), answered=0, asides=Figures(0, 0, 0), outside=Figures(0, 0, 0))
    large = ca.Score("b", Figures(9, 9, 9), answered=9, asides=Figures(0, 0, 0), outside=Figures(0, 0, 0))
    overall = ca.total([small, large])
    assert overall.boundaries.precision == pytest.approx(9 / 10)  # an average of the files' figures would be 0.5
    assert (overall.answered, overall.exchanges) == (9, 10)


# Where a turn is reported


NAME_LINES = ["Kai  0:05", "How do you connect the sites?", "", "Omar:", "", "We reuse dark fibre.", ""]
CUES = ["WEBVTT", "", "12", "00:01:02.000 --> 00:01:04.000", ">> Why give it away?", ""]


def test_text_just_below_a_label_on_its_own_line_is_that_label_s_turn() -> None:
    assert ca.snap(2, NAME_LINES, {1}) == 1
    assert ca.snap(6, NAME_LINES, {4}) == 4  # the text in the next paragraph, after a blank line


def test_a_caption_cue_s_number_or_timing_line_is_the_line_of_its_text() -> None:
    assert ca.snap(4, CUES, {5}) == 5
    assert ca.snap(3, CUES, {5}) == 5


def test_a_line_is_not_moved_to_a_labelled_line_across_text() -> None:
    lines = ["Kai: Why?", "more words", "Omar: Because."]
    assert ca.snap(3, lines, {1}) == 3
    assert ca.snap(2, ["a", "b", "c"], {3}) == 2  # the line below is not a cue header
    assert ca.snap(7, NAME_LINES, {1}) == 7


# Scoring one file


def test_score_names_missed_and_extra_starts_and_counts_answers_asides_and_outside() -> None:
    labels = ca.Labels(exchanges=frozenset({1, 10, 20}), asides=frozenset({5, 15}), outside={30: "sponsor", 2: "cold open"})
    found = ca.Found(exchanges=(1, 10, 12), answered=2, asides=frozenset({5, 13}), outside={30: "Sponsor"})
    score = ca.score("x.txt", labels, found)
    assert score.boundaries == Figures(2, 3, 3)
    assert (score.missed, score.extra) == ((20,), (12,))
    assert (score.answered, score.exchanges) == (2, 3)
    assert score.asides == Figures(1, 2, 2)
    assert score.outside.recall == pytest.approx(1 / 2)


def test_found_in_reads_starts_answered_exchanges_asides_and_parts() -> None:
    loaded = interview(
        [
            exchange(3, turn("Guest", 5), turn("Host", 7, aside=True)),
            exchange(9, turn("Host", 11, aside=True)),  # only an aside: not answered
            exchange(13),  # no answer at all
            exchange(15, turn("Host", 17)),  # answered only by an interviewer (a co-host): not answered
        ],
        outside=(SimpleNamespace(what="Sponsor", line=20),),
    )
    found = ca.found_in(loaded, ["x"] * 25, labelled={3, 7, 9, 20})
    assert found.exchanges == (3, 9, 13, 15)
    assert found.answered == 1
    assert found.asides == {7, 11}
    assert found.outside == {20: "Sponsor"}


def test_found_in_moves_a_start_reported_on_its_text_line_to_the_label() -> None:
    loaded = interview([exchange(2, turn("Guest", 5))])
    assert ca.found_in(loaded, NAME_LINES, labelled={1}).exchanges == (1,)


def test_a_file_that_fails_to_load_misses_every_labelled_start(tmp_path: Path) -> None:
    (tmp_path / "broken.vtt").write_text("WEBVTT\n", encoding="utf-8")
    labels = ca.Labels(exchanges=frozenset({4, 8}), asides=frozenset({6}), outside={2: "cold open"})

    def refuse(path: Path) -> Interview:
        raise ValueError("no turn\nfound")

    score = ca.score_file(tmp_path / "broken.vtt", labels, refuse)
    assert score.error == "no turn found"
    assert score.boundaries == Figures(0, 0, 2)
    assert score.boundaries.recall == 0.0
    assert score.missed == (4, 8)
    assert (score.asides.recall, score.outside.recall) == (0.0, 0.0)


def test_a_missing_file_fails_to_load_too(tmp_path: Path) -> None:
    score = ca.score_file(tmp_path / "gone.txt", ca.Labels(frozenset({1})), lambda path: interview([]))
    assert score.error and score.missed == (1,)


def test_report_lists_a_failed_file_and_counts_it_in_the_total(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Host: Why?\n\nGuest: Because.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# nothing\n", encoding="utf-8")
    labels = tmp_path / "labels.yml"
    labels.write_text("a.txt:\n  exchanges: [1]\nb.md:\n  exchanges: [3, 9]\n  outside: {1: sponsor}\n", encoding="utf-8")

    def load(path: Path) -> Interview:
        if path.suffix != ".txt":
            raise ValueError(f"{path.name}:1: cannot read this file")
        return interview([exchange(1, turn("Guest", 3))])

    scores = ca.evaluate(tmp_path, labels, load)
    lines = ca.report(scores, tmp_path, verbose=True)
    assert "b.md: failed to load: b.md:1: cannot read this file" in lines
    assert "  missed b.md:3: " in lines
    overall = next(line for line in lines if line.startswith("all "))
    assert re.search(r"1\.00 \(1/1\)\s+0\.33 \(1/3\)\s+1\.00 \(1/1\)", overall), overall


def test_main_exits_0_whatever_it_measures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "labels.yml").write_text("missing.txt:\n  exchanges: [1]\n", encoding="utf-8")
    assert ca.main(["--seeds", str(tmp_path), "--labels", str(tmp_path / "labels.yml")]) == 0
    assert "missing.txt: failed to load:" in capsys.readouterr().out


# The held-out labels themselves


def test_the_labels_name_existing_files_and_lines_on_which_a_turn_is_written() -> None:
    labels = ca.read_labels(LABELS)
    assert labels
    for name, entry in labels.items():
        path = CONVERSATIONS / name
        assert path.is_file(), f"{name} is labelled but does not exist"
        lines = path.read_text(encoding="utf-8").splitlines()
        for line in sorted(entry.lines):
            assert 1 <= line <= len(lines), f"{name}:{line} is beyond the file's {len(lines)} lines"
            assert TURN_LINE.match(lines[line - 1]), f"{name}:{line} is not where a turn is written: {lines[line - 1][:40]!r}"
        assert not entry.exchanges & entry.asides, f"{name}: a line is both an exchange start and an aside"
        assert set(entry.outside.values()) <= KINDS, f"{name}: unknown kind of part"


def test_every_held_out_transcript_is_labelled_and_has_its_metadata() -> None:
    transcripts = {p.name for p in CONVERSATIONS.iterdir() if p.suffix in TRANSCRIPT_SUFFIXES}
    assert len(transcripts) >= 10
    assert transcripts == set(ca.read_labels(LABELS))
    for name in transcripts:
        assert (CONVERSATIONS / name).with_suffix(".yml").is_file(), f"{name} has no .yml beside it"
