"""Other spellings the search index adds to a record: British and American forms, joined compounds, an editor's own."""

from __future__ import annotations

from pathlib import Path

import pytest
from interview_kb.errors import SeedError
from interview_kb.outputs.search.variants import Spellings
from interview_kb.reading import glossary_file

RULES = Spellings()


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("organization", "organisation"),
        ("organisational", "organizational"),
        ("virtualizing", "virtualising"),
        ("recognises", "recognizes"),
        ("analyse", "analyze"),
        ("colour", "color"),
        ("favourite", "favorite"),
        ("behavioral", "behavioural"),
        ("centre", "center"),
        ("fibres", "fibers"),
        ("centred", "centered"),
        ("licence", "license"),
        ("licensing", "licencing"),
        ("programme", "program"),
        ("travelled", "traveled"),
        ("web-scale", "webscale"),
    ],
)
def test_a_british_or_american_form_brings_the_other(word: str, other: str) -> None:
    assert other in RULES.others(word)
    assert word in RULES.others(other) or "-" in word


@pytest.mark.parametrize("word", ["promise", "otherwise", "size", "surprise", "honorary", "water", "doctor", "meter-", "filled"])
def test_words_without_another_spelling_bring_none(word: str) -> None:
    assert RULES.others(word) == set()


def test_only_the_spellings_a_text_does_not_write_are_added_once_in_order() -> None:
    text = "We license the organization’s web-scale software, the organization said, under licence."
    assert RULES.added(text) == ["organisation", "webscale"]
    assert RULES.added("the organization", besides="organisation") == []


def test_an_editors_spellings_match_each_other() -> None:
    editor = Spellings([["tyre", "tire", "tyres"]])
    assert editor.others("Tire") == {"tyre", "tyres"}
    assert "tire" not in RULES.others("tyre")


def test_the_glossary_spellings_are_read_and_checked(tmp_path: Path) -> None:
    path = tmp_path / glossary_file.GLOSSARY_FILE
    assert glossary_file.load_spellings(path) == ()
    path.write_text("terms: []\nspellings:\n  - [tyre, tire]\n  - [kerb, curb]\n", encoding="utf-8")
    assert glossary_file.load_spellings(path) == (("tyre", "tire"), ("kerb", "curb"))
    path.write_text("terms: []\nspellings:\n  - [tyre]\n", encoding="utf-8")
    with pytest.raises(SeedError, match="spellings"):
        glossary_file.load_spellings(path)


def test_a_record_carries_the_other_spellings_at_a_share_of_the_weight_of_their_words() -> None:
    from interview_kb.commands.common import use_seeds
    from interview_kb.outputs.search import records
    from interview_kb.outputs.search.variants import SHARE
    from interview_kb.urls import SiteUrls
    from mkdocs.config import load_config

    from tests.support import ROOT

    config = load_config(str(ROOT / "mkdocs.yml"))
    plugin = use_seeds(config, ROOT / "seeds")
    config = plugin.on_config(config)
    found = {r.url.rsplit("#", 1)[1]: r for r in records.records(plugin.kb, plugin.knowledge, SiteUrls.of(config))}
    # The question says "organizational", an answer "license".
    cultural = found["i-think-that-cultural-and-organizational-3e03ca"].weighted
    assert any(weight == records.QUESTION_WEIGHT * SHARE and "organisational" in text.split() for weight, text in cultural)
    licensing = found["how-is-metaswitch-handling-licensing-6b5589"].weighted
    assert any(weight == SHARE and "licence" in text.split() for weight, text in licensing)


def test_two_words_written_apart_bring_their_join_when_the_series_writes_it_as_one_word() -> None:
    series = Spellings(compounds={"devops", "website", "into", "dataset"})
    assert series.added("Our dev ops team built the web site from a data set.") == ["devops", "website", "dataset"]
    assert series.added("we logged in to it") == []  # halves of fewer than three letters: ordinary words
    assert series.added("Our DevOps team") == []  # written joined already
    assert RULES.added("Our dev ops team") == []  # a series that never writes "devops"
