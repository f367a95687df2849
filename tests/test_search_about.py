"""What an interview is about, carried by each of its records (outputs/search/about.py): metadata and its distinctive words."""

from __future__ import annotations

from collections import Counter

from interview_kb.outputs.search.about import MIN_INTERVIEWS, MIN_MENTIONS, distinctive


def series(special: dict[str, int], others: int = MIN_INTERVIEWS + 10) -> dict[str, Counter[str]]:
    """`others` interviews that all say "model" and "data", and one more that also says the words of `special`."""
    common = Counter({"model": 40, "data": 30, "the": 500})
    counts = {f"other-{n}": Counter(common) for n in range(others)}
    counts["other-0"]["lancedb"] = 1  # mentioned in passing elsewhere
    counts["special"] = common + Counter(special)
    return counts


def test_an_interviews_distinctive_words_are_those_it_uses_often_and_few_others_use() -> None:
    found = distinctive(series({"lancedb": 15, "columnar": 6, "parquet": 5, "rare": MIN_MENTIONS - 1}))
    assert found["special"] == ["lancedb", "columnar", "parquet"]  # most telling first; "rare" is used too seldom
    assert found["other-1"] == []  # words every interview uses tell nothing


def test_a_few_interviews_have_no_distinctive_words() -> None:
    assert distinctive(series({"lancedb": 15}, others=MIN_INTERVIEWS - 2)) == {
        **{f"other-{n}": [] for n in range(MIN_INTERVIEWS - 2)},
        "special": [],
    }


def test_distinctive_words_are_the_same_from_run_to_run() -> None:
    counts = series({"alpha": 6, "beta": 6, "gamma": 6})
    assert distinctive(counts)["special"] == ["alpha", "beta", "gamma"]  # equals in alphabetical order
    assert distinctive(dict(reversed(list(counts.items())))) == distinctive(counts)
