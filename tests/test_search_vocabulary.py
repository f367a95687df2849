"""The vocabulary beside the search index: the words it knows, in parts by first character, for the search box's corrections."""

from __future__ import annotations

import json

from interview_kb.outputs.search.records import Record
from interview_kb.outputs.search.vocabulary import normalize, part_key, parts, words


def test_words_are_normalized_as_the_search_box_normalizes_a_query() -> None:
    # The same cases as tests/js/search-correct.test.mjs: the two must agree.
    assert normalize("Metaswitch’s") == "metaswitch"
    assert normalize("(AT&T).") == "at&t"
    assert normalize("“web-scale,”") == "web-scale"
    assert [part_key(w) for w in ["x86", "802.11", "épée"]] == ["x", "8", "_"]


def test_a_hyphenated_word_counts_its_parts_and_numbers_alone_are_not_words() -> None:
    assert list(words("A web-scale design, 2014 and x86 — 10s")) == ["a", "web-scale", "web", "scale", "design", "and", "x86", "10s"]


def test_the_parts_hold_every_word_of_titles_and_text_with_its_count_sorted() -> None:
    found = [
        Record("i/#a", "Why Cassandra?", {}, weighted=((4.0, "Why Cassandra?"), (1.0, "Apache Cassandra scales."))),
        Record("i/#b", "Scale", {}, weighted=((1.0, "web-scale"),)),
    ]
    written = {name: json.loads(text) for name, text in parts(found).items()}
    assert written == {
        "a.json": {"apache": 1},
        "c.json": {"cassandra": 3},
        "s.json": {"scale": 2, "scales": 1},
        "w.json": {"web": 1, "web-scale": 1, "why": 2},
    }
    assert list(written["w.json"]) == sorted(written["w.json"])
    # The same records in another order give the same bytes.
    assert parts(found[::-1]) == parts(found)
