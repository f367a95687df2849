"""Related exchanges: the documented score, at most three, stable tie-breaks; previous/next order."""

from __future__ import annotations

import math

from interview_kb.knowledge import related
from interview_kb.knowledge.exchange_links import build
from interview_kb.reading import entities_file

from tests.support import interview, knowledge_base


def test_score_weights_rare_shared_features_by_kind() -> None:
    features = {
        "a": {("topic", "t"), ("entity", "E"), ("term", "x")},
        "b": {("topic", "t"), ("entity", "E")},
        "c": {("topic", "t"), ("term", "x")},
        "d": {("topic", "t")},
    }
    weight = related.weights(features)
    assert weight[("topic", "t")] == 0  # in every exchange: tells nothing
    assert math.isclose(weight[("entity", "E")], 2 * math.log(4 / 2))
    assert math.isclose(weight[("term", "x")], 1 * math.log(4 / 2))
    assert math.isclose(related.score(features["a"], features["b"], weight), 2 * math.log(2))
    ranked = related.related(features, ["a", "b", "c", "d"])
    assert ranked["a"] == ["b", "c"]  # entity (2) beats term (1); d shares only the ubiquitous topic
    assert ranked["d"] == []


def test_at_most_three_and_ties_go_to_the_nearer_then_earlier() -> None:
    features = {name: {("topic", "t")} for name in "abcdef"} | {"z": set()}
    ranked = related.related(features, list("abczdef"))
    assert ranked["c"] == ["b", "a", "d"]  # b is next to c; a and d are two away, a comes first
    assert all(len(r) <= 3 and name not in r for name, r in ranked.items())


def test_layer_links_previous_next_and_related_within_reading_order() -> None:
    text = "Q: Is IMS hard?\n\nA: Ada Answer says IMS is hard.\n\nQ: And what about SBC?\n\nA: SBC too.\n\nQ: Thanks.\n"
    kb = knowledge_base(interview(text))
    layer = build(kb, (), entities_file.from_speakers(kb.interviews), ())
    first, second, last = (layer.exchanges[e.anchor] for e in kb.interviews[0].transcript.exchanges)
    assert (first.previous, first.next) == (None, second.exchange)
    assert (last.previous, last.next) == (second.exchange, None)
    assert [e.name for e in first.entities] == ["Ada Answer"]
