"""The drafted taxonomy (knowledge/drafting.py, commands/draft_topics.py) on a small series of three subjects."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from interview_kb.commands import draft_topics
from interview_kb.commands.draft_topics import DRAFT_FILE, draft
from interview_kb.knowledge import base, drafting, topics
from interview_kb.reading import topics_file
from scipy.sparse import csr_matrix

from scripts.tools import draft_quality

SUBJECTS = {
    "bees": "hive queen honey beekeeper swarm pollen wax colony nectar frames smoker brood",
    "sailing": "boat sail wind harbour mast keel anchor crew tide rudder regatta hull",
    "bread": "dough flour yeast oven loaf sourdough crust knead starter proving baker rye",
}
FILLER = ["and", "then", "we", "spent", "a", "while", "on", "the"]


def series(folder: Path, interviews_per_subject: int = 3, exchanges: int = 8) -> Path:
    """Interviews each on one subject: every answer draws on its subject's words, among plain ones."""
    rng = random.Random(7)
    folder.mkdir(parents=True, exist_ok=True)
    for subject, words in SUBJECTS.items():
        vocabulary = words.split()
        for number in range(interviews_per_subject):
            turns = []
            for index in range(exchanges):
                question = f"Question {index} about the {rng.choice(vocabulary)} and the {rng.choice(vocabulary)}, number {number}?"
                answer = " ".join(rng.choice(vocabulary) if rng.random() < 0.5 else rng.choice(FILLER) for _ in range(40))
                turns += [f"Q: {question}", f"A: {answer.capitalize()}."]
            slug = f"{subject}-{number}"
            (folder / f"{slug}.txt").write_text("\n\n".join(turns) + "\n", encoding="utf-8")
            (folder / f"{slug}.yml").write_text(
                f"title: {subject} {number}\ndate: 2020\nsource: https://example.com/{slug}\ninterviewer: Q\n"
                "speakers:\n  Q: {name: Quinn Host}\n  A: {name: Avery Guest}\n",
                encoding="utf-8",
            )
    return folder


def drafted(seeds: Path) -> list[dict[str, object]]:
    topics: list[dict[str, object]] = yaml.safe_load((seeds / DRAFT_FILE).read_text(encoding="utf-8"))["topics"]
    return topics


def subject_of(topic: dict[str, object]) -> str:
    """The subject most of a drafted topic's evidence terms come from."""
    terms = list(topic["evidence"])  # type: ignore[call-overload]
    return max(SUBJECTS, key=lambda s: sum(term in SUBJECTS[s].split() for term in terms))


def test_three_subjects_give_three_topics_that_cover_the_series(tmp_path: Path) -> None:
    seeds = series(tmp_path / "seeds")
    report = draft(seeds)
    topics = drafted(seeds)
    assert report.proposed == len(topics) == 3
    assert sorted(subject_of(t) for t in topics) == sorted(SUBJECTS)
    assert report.covered == report.exchanges == 3 * 3 * 8
    assert all(t["description"] == "" for t in topics)
    text = (seeds / DRAFT_FILE).read_text(encoding="utf-8")
    assert text.count("# Would gather 24 exchanges, such as:") == 3
    assert "overlap: none" in str(report)


def test_the_draft_builds_when_renamed_topics_yml(tmp_path: Path) -> None:
    seeds = series(tmp_path / "seeds")
    draft(seeds)
    (seeds / DRAFT_FILE).rename(seeds / "topics.yml")
    kb = base.load(seeds, lambda warning: pytest.fail(str(warning)))
    assert len(kb.topics) == 3 and all(kb.exchange_topics.values())


def test_it_never_writes_over_topics_yml_and_keeps_the_editors_topics(tmp_path: Path) -> None:
    seeds = series(tmp_path / "seeds")
    draft(seeds)
    topics = drafted(seeds)
    bees = next(t for t in topics if subject_of(t) == "bees")
    bread = next(t for t in topics if subject_of(t) == "bread")
    # The editor keeps the bees (renamed), and merges bread and sailing into one topic of their own.
    kept = [
        {**bees, "slug": "beekeeping", "title": "Beekeeping", "description": "Hives and honey."},
        {"slug": "crafts", "title": "Crafts", "description": "Baking.", "evidence": bread["evidence"]},
    ]
    written = yaml.safe_dump({"threshold": 4, "topics": kept}, sort_keys=False)
    (seeds / "topics.yml").write_text(written, encoding="utf-8")
    report = draft(seeds)
    assert (seeds / "topics.yml").read_text(encoding="utf-8") == written
    again = drafted(seeds)
    assert again[:2] == kept
    assert [subject_of(t) for t in again[2:]] == ["sailing"]  # proposed only for what the editor's topics leave
    assert report.kept == 2 and report.proposed == 1 and report.covered >= 0.9 * report.exchanges


def test_a_series_too_small_to_draft_from_gets_an_empty_taxonomy_that_builds(tmp_path: Path) -> None:
    seeds = series(tmp_path / "seeds", interviews_per_subject=1, exchanges=1)
    for path in seeds.glob("sailing-*"):
        path.unlink()
    for path in seeds.glob("bread-*"):
        path.unlink()
    report = draft(seeds)
    assert report.proposed == 0 and drafted(seeds) == []
    (seeds / DRAFT_FILE).rename(seeds / "topics.yml")
    assert base.load(seeds, lambda warning: None).topics == ()


CHATTER = "Hello and welcome to Radio Hobbies, brought to you by Acme Mattress: an Acme Mattress is the mattress for your sleep"


def with_chatter(folder: Path) -> Path:
    """The series, most of its interviews opening and closing on the show's sponsor read (words said in bursts, at the edges)."""
    for path in sorted(folder.glob("*.txt"))[:6]:
        text = path.read_text(encoding="utf-8")
        path.write_text(f"Q: {CHATTER}?\n\nA: {CHATTER}.\n\n{text}\nQ: {CHATTER}?\n\nA: {CHATTER}, goodbye.\n", encoding="utf-8")
    return folder


def test_what_is_said_where_interviews_open_and_close_is_no_evidence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chatter = {"acme", "mattress", "radio", "hobbies", "sleep"}
    seeds = with_chatter(series(tmp_path / "seeds"))
    draft(seeds)
    topics = drafted(seeds)
    assert sorted(subject_of(t) for t in topics) == sorted(SUBJECTS)
    assert not chatter & {word for t in topics for term in t["evidence"] for word in str(term).split()}  # type: ignore[attr-defined]
    monkeypatch.setattr(drafting, "EDGE_RATIO", 100.0)  # without the rule, the sponsor read is evidence
    draft(seeds)
    assert chatter & {word for t in drafted(seeds) for term in t["evidence"] for word in str(term).split()}  # type: ignore[attr-defined]


def test_a_word_said_in_bursts_is_more_specific_than_one_spread_evenly() -> None:
    # Ten documents; both words are said ten times: "hive" in two documents, "then" once in each.
    counts = csr_matrix(np.array([[5, 1], [5, 1]] + [[0, 1]] * 8))
    bursty, spread = drafting._residual_idf(counts)
    assert spread == pytest.approx(np.log2(10 * (1 - np.exp(-1)) / 10))  # about -0.66: as chance would spread it, or more evenly
    assert bursty > 1.5 > 0 > spread


def test_the_drafts_precision_is_counted_over_the_labelled_exchanges_of_the_sample(tmp_path: Path) -> None:
    seeds = series(tmp_path / "seeds")
    draft(seeds)
    found = draft_topics.assigned(topics_file.load(seeds / DRAFT_FILE), draft_topics.read_interviews(seeds))
    assert len(found) == 72 and len({slug for slug, _, _ in found}) == 9
    drawn = draft_quality.sample(found, 10, seed=3)
    assert drawn == draft_quality.sample(found, 10, seed=3) and len(drawn) == 10
    (slug, first, topics), (other, second, _) = drawn[0], drawn[1]
    labels = {f"{slug}#{first.anchor}": list(topics), f"{other}#{second.anchor}": []}
    assert draft_quality.precision(drawn, labels) == (len(topics), len(topics) + len(drawn[1][2]), 2)


def test_a_series_with_fewer_specific_terms_than_topics_sought_still_drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seeds = series(tmp_path / "seeds")
    specific = drafting._specific

    def three_terms(*found: Any) -> np.ndarray:  # a series whose words are nearly all talk: three terms for four topics sought
        keep: np.ndarray = specific(*found)
        keep[np.flatnonzero(keep)[3:]] = False
        return keep

    monkeypatch.setattr(drafting, "_specific", three_terms)
    report = draft(seeds)
    assert report.proposed <= 3 and all(len(t["evidence"]) >= 2 for t in drafted(seeds))  # type: ignore[arg-type]


def mixed_series(folder: Path) -> Path:
    """The series, each answer also naming a few words of the next subject in passing."""
    series(folder)
    names = list(SUBJECTS)
    for path in sorted(folder.glob("*.txt")):
        other = SUBJECTS[names[(names.index(path.stem.split("-")[0]) + 1) % len(names)]].split()
        lines = path.read_text(encoding="utf-8").split("\n\n")
        lines = [
            f"{line[:-1]}, {other[n % 12]} and {other[(n + 5) % 12]}." if line.startswith("A:") else line for n, line in enumerate(lines)
        ]
        path.write_text("\n\n".join(lines), encoding="utf-8")
    return folder


def test_a_drafted_exchange_gets_the_one_topic_it_is_most_about_and_the_comments_count_what_the_build_gives(tmp_path: Path) -> None:
    seeds = mixed_series(tmp_path / "seeds")
    draft(seeds)
    assert yaml.safe_load((seeds / DRAFT_FILE).read_text(encoding="utf-8"))["per_exchange"] == 1
    found = draft_topics.assigned(topics_file.load(seeds / DRAFT_FILE), draft_topics.read_interviews(seeds))
    assert all(len(slugs) == 1 for _, _, slugs in found)
    by_slug = {str(t["slug"]): subject_of(t) for t in drafted(seeds)}
    assert all(by_slug[slugs[0]] == slug.split("-")[0] for slug, _, slugs in found)  # its own subject, not the one in passing
    said = re.findall(
        r"# Would gather (\d+) exchanges, such as:\n(?:  #.*\n)*  - slug: (\S+)", (seeds / DRAFT_FILE).read_text(encoding="utf-8")
    )
    assert len(said) == len(by_slug) >= 3
    assert all(int(gathered) == sum(slug in slugs for _, _, slugs in found) for gathered, slug in said)
    unlimited = topics_file.load(seeds / DRAFT_FILE)
    unlimited = tuple(topics_file.Topic(**{**t.__dict__, "per_exchange": 0}) for t in unlimited)
    assert any(len(slugs) > 1 for _, _, slugs in draft_topics.assigned(unlimited, draft_topics.read_interviews(seeds)))


def test_a_group_most_exchanges_are_nearest_to_is_factorised_again_into_narrower_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(drafting, "PER_TOPIC", 2)  # a series of few terms
    # Terms 0-3 are one subject, 4-7 another, 8-9 and 10-11 two small ones; the first group found holds both big subjects.
    rng = np.random.default_rng(0)
    rows = [[0, 1, 2, 3]] * 20 + [[4, 5, 6, 7]] * 20 + [[8, 9]] * 3 + [[10, 11]] * 3
    matrix = csr_matrix(np.array([[rng.uniform(1, 2) if t in row else 0 for t in range(12)] for row in rows]))
    broad, small, other = np.zeros(12), np.zeros(12), np.zeros(12)
    broad[:8], small[8:10], other[10:] = 1, 1, 1
    groups = drafting._split([broad, small, other], matrix)
    assert len(groups) > 3 and np.array_equal(groups[-2], small) and np.array_equal(groups[-1], other)
    subjects = {frozenset(np.flatnonzero(g > 0.5 * g.max())) for g in groups[:-2]}
    assert frozenset(range(4)) in subjects and frozenset(range(4, 8)) in subjects
    assert len(drafting._split([small, other], matrix[40:])) == 2  # none is too big: nothing changes


drafting_calibrated = drafting._calibrated


def test_beyond_the_topics_sought_those_that_gather_least_go_and_their_exchanges_to_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    interviews = draft_topics.read_interviews(mixed_series(tmp_path / "seeds"))
    pairs = [(i.slug, e) for i in interviews for e in i.transcript.exchanges]
    monkeypatch.setattr(drafting, "SPLIT", 1.2)  # two groups are sought for three subjects; the one holding two is split
    monkeypatch.setattr(drafting, "PER_TOPIC", 2)
    calibrated: list[object] = []

    def counting(*found: Any) -> Any:
        calibrated.append(found)
        return drafting_calibrated(*found)

    monkeypatch.setattr(drafting, "_calibrated", counting)
    proposals = drafting.propose(pairs, max_topics=2)
    assert len(calibrated) == 3 and len(proposals) == 2
    rules = tuple(topics_file.Topic(p.slug, p.title, "", p.evidence, drafting.THRESHOLD, (), (), per_exchange=1) for p in proposals)
    for proposal in proposals:
        assert set(proposal.gathered) == {e.anchor for _, e in pairs if proposal.slug in topics.topics_of(rules, e)}


def test_the_report_names_topics_whose_rules_reach_the_same_exchanges_though_each_gets_one(tmp_path: Path) -> None:
    seeds = series(tmp_path / "seeds")
    draft(seeds)
    topics = drafted(seeds)
    bees = next(t for t in topics if subject_of(t) == "bees")
    # The editor adds a second topic of the same words: every bees exchange reaches both, and gets the first.
    twin = {**bees, "slug": "hives", "title": "Hives", "evidence": dict(bees["evidence"])}  # type: ignore[call-overload]
    (seeds / "topics.yml").write_text(yaml.safe_dump({"per_exchange": 1, "topics": [bees, twin]}, sort_keys=False), encoding="utf-8")
    report = draft(seeds)
    found = draft_topics.assigned(topics_file.load(seeds / DRAFT_FILE), draft_topics.read_interviews(seeds))
    assert not any("hives" in slugs for _, _, slugs in found)
    assert report.overlaps[0] == (str(bees["slug"]), "hives", 24)
    assert f"overlap: {bees['slug']} and hives both reach 24 exchanges" in str(report)


def test_a_drafts_terms_are_counted_as_the_build_counts_them() -> None:
    texts = ["Hive, HIVE and hive's honey; the honey-bee's hive", "Honey bee, honey  bee and honey, bee", "hive2 hives H2O"]
    topic = topics_file.Topic("t", "T", "", (("hive", 1.0), ("honey bee", 1.0), ("bee", 1.0), ("hives", 1.0), ("h2o", 1.0)), 4, (), ())
    (counted,) = drafting._counted([topic], texts)
    words = [topics.Words(text) for text in texts]
    assert counted.tolist() == [[min(w.count(term), topics.MAX_COUNT) for term, _ in topic.evidence] for w in words]
    assert counted.tolist()[0][0] == 3 and counted.tolist()[1][1] == 2  # at most three; a phrase across a comma is no phrase
