"""Propose topics for a series from what its exchanges say: a first taxonomy an editor then keeps, renames or merges.

    proposals = propose(exchanges, kept=topics_already_in_topics_yml)

The statistics are scikit-learn's: each exchange is a document weighted by
TF-IDF over words and two-word phrases that occur in several interviews (a
word in one interview only is a name or an anecdote; one in most of them is
the series' own subject, no topic within it), and non-negative matrix
factorisation finds the groups of terms that occur together. Each group
becomes a topic whose evidence terms are the words most specific to it, with
weights 1–3, so the same rules as a hand-written topic (knowledge/topics.py)
assign its exchanges; what it "would gather" is counted by those rules.
Exchanges that `kept` topics already gather are left out of the statistics,
so a re-run proposes only for what is not covered yet.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfVectorizer

from interview_kb.knowledge import topics as topic_rules
from interview_kb.reading.slugs import slug as slug_of
from interview_kb.reading.topics_file import Topic
from interview_kb.reading.transcript import Exchange

MAX_TOPICS = 30
TERMS = 60  # evidence terms per proposed topic
MIN_INTERVIEWS = 2  # a term must occur in this many interviews (or 2 % of them, if more)
MAX_INTERVIEWS = 0.9  # … and in at most this share of them
MAX_EXCHANGES = 0.05  # … and in at most this share of the exchanges (more in a series of few topics)
MERGE_SIMILARITY = 0.35  # groups whose term weights are this alike (cosine) are one topic
MIN_GATHERED = 3  # a proposal its rules give fewer exchanges is dropped
THRESHOLD = 4
# Words of talk, not of a subject, on top of scikit-learn's English stop words.
SPOKEN = set(
    """
    yeah yes yep okay ok oh uh um hmm mm mhm right like just really actually basically literally kind sort lot lots
    thing things stuff way ways think thinking thought know knowing knew mean means meant guess say saying said says
    going gonna want wanted wanna got get gets getting make makes making made good great cool awesome nice sure pretty
    little bit maybe probably definitely totally absolutely exactly course people person time times year years day days
    talk talking talked tell telling told look looking looked come coming came went goes let doing does did thanks thank
    laughs laughter crosstalk inaudible music question questions answer work working worked use using used need needs
    try trying tried feel felt different able lot better best big long new old point start started interesting
    don doesn didn isn wasn aren weren couldn wouldn shouldn won ll ve re dont im ive youre thats theres
    welcome joining join joined appreciate episode episodes show shows podcast podcasts listeners listener listening
    listen bye later soon excited exciting fun notes links link check sounds today hey hello guys folks guest guests
        """.split()  # noqa: SIM905 (a list of words reads best as prose)
)
TOKEN = r"(?u)\b[^\W\d_][^\W\d_'’]+\b"


@dataclass(frozen=True)
class Proposal:
    slug: str
    title: str  # provisional: its strongest terms
    evidence: tuple[tuple[str, float], ...]  # weights 1, 2 or 3
    gathered: tuple[str, ...]  # anchors of the exchanges its rules assign
    examples: tuple[str, ...]  # three of their questions


def _text(exchange: Exchange) -> str:
    return topic_rules.exchange_text(exchange)


def propose(
    exchanges: Sequence[tuple[str, Exchange]],
    kept: tuple[Topic, ...] = (),
    names: Sequence[str] = (),
    max_topics: int = MAX_TOPICS,
) -> list[Proposal]:
    """Topics for the `(interview slug, exchange)` pairs that no `kept` topic gathers; `names` (the speakers') are no evidence."""
    of_interview: dict[str, list[Exchange]] = {}
    for slug, exchange in exchanges:
        of_interview.setdefault(slug, []).append(exchange)
    field = {slug: topic_rules.in_field(kept, found) for slug, found in of_interview.items()}
    rest = [(slug, e) for slug, e in exchanges if not topic_rules.topics_of(kept, e, field[slug])]
    interviews = sorted({slug for slug, _ in rest})
    if len(rest) < MIN_GATHERED * 2 or len(interviews) < MIN_INTERVIEWS:
        return []
    stop = sorted(ENGLISH_STOP_WORDS | SPOKEN | {w for n in names for w in re.findall(r"\w+", n.lower())})
    # The vocabulary: terms found in several interviews, but not in most.
    by_interview = {slug: [] for slug in interviews}  # type: dict[str, list[str]]
    for slug, exchange in rest:
        by_interview[slug].append(_text(exchange))
    counter = CountVectorizer(
        token_pattern=TOKEN,
        stop_words=stop,
        ngram_range=(1, 2),
        min_df=max(MIN_INTERVIEWS, math.ceil(0.02 * len(interviews))),
        max_df=MAX_INTERVIEWS if len(interviews) >= 4 else 1.0,
        binary=True,
    )
    try:
        counter.fit([" ".join(texts) for texts in by_interview.values()])
    except ValueError:  # no term is left
        return []
    tfidf = TfidfVectorizer(token_pattern=TOKEN, ngram_range=(1, 2), vocabulary=counter.vocabulary_, sublinear_tf=True)
    matrix = tfidf.fit_transform([_text(e) for _, e in rest])
    k = max(2, min(max_topics, round(math.sqrt(len(rest) / 5)), matrix.shape[1] // TERMS or 1))
    # A term in more exchanges than one of k topics would gather is talk, whatever the subject ("ask", "certain").
    common = np.asarray((matrix > 0).sum(axis=0)).ravel() > max(MAX_EXCHANGES, 1.5 / k) * matrix.shape[0]
    common |= np.array([len(set(term.split())) < len(term.split()) for term in tfidf.get_feature_names_out()])
    matrix = matrix[:, np.flatnonzero(~common)]
    terms = tfidf.get_feature_names_out()[~common]
    nmf = NMF(n_components=k, init="nndsvda", random_state=0, max_iter=400)
    nmf.fit(matrix)
    groups = _merged(nmf.components_)
    taken = {t.slug for t in kept}
    drafts: list[Topic] = []
    for weights in groups:
        evidence = _evidence(weights, np.vstack(groups), terms)
        if len(evidence) >= 2:
            title = _title(evidence)
            slug = _free(slug_of(" ".join(title.split(", ")[:2]), "topic"), taken)
            taken.add(slug)
            drafts.append(Topic(slug, title, "", evidence, THRESHOLD, (), ()))
    gathered: list[list[tuple[float, Exchange]]] = [[] for _ in drafts]
    for _, exchange in rest:  # each exchange's words are counted once for all the drafts (knowledge/topics.Words)
        text = _text(exchange)
        for index, topic in enumerate(drafts):
            if topic_rules.reaches(topic, text):
                gathered[index].append((topic_rules.score(topic, text), exchange))
    proposals: list[Proposal] = []
    for topic, found in zip(drafts, gathered, strict=True):
        if len(found) >= MIN_GATHERED:
            strongest = sorted(found, key=lambda pair: -pair[0])
            examples = tuple(e.label for _, e in strongest[:3])
            proposals.append(Proposal(topic.slug, topic.title, topic.evidence, tuple(e.anchor for _, e in found), examples))
    return proposals


def _merged(components: np.ndarray) -> list[np.ndarray]:
    """The factorisation's groups of terms, those that are much alike added together (it often splits one subject in two)."""
    groups = [row for row in components if row.any()]
    while len(groups) > 1:
        unit = np.vstack([g / np.linalg.norm(g) for g in groups])
        alike = unit @ unit.T
        np.fill_diagonal(alike, 0)
        i, j = np.unravel_index(int(np.argmax(alike)), alike.shape)
        if alike[i, j] < MERGE_SIMILARITY:
            break
        groups[i] = groups[i] / np.linalg.norm(groups[i]) + groups[j] / np.linalg.norm(groups[j])
        del groups[j]
    return groups


def _evidence(weights: np.ndarray, every: np.ndarray, terms: np.ndarray) -> tuple[tuple[str, float], ...]:
    """The group's strongest terms that belong to it more than to the others, weighted 1 to 3."""
    unit = every / every.max(axis=1, keepdims=True)
    own = weights / weights.max()
    specific = own * own / np.maximum(unit.sum(axis=0), 1e-12)
    order = [int(i) for i in np.argsort(-specific) if own[i] > 0][: TERMS * 2]
    chosen: list[int] = []
    for index in order:  # a phrase and its own words are one piece of evidence: the phrase, more specific, stays
        words = set(str(terms[index]).split())
        overlapping = [c for c in chosen if words & set(str(terms[c]).split())]
        if overlapping:
            phrase_is_as_strong = specific[index] >= 0.5 * max(specific[c] for c in overlapping)
            if len(words) > 1 and phrase_is_as_strong and all(" " not in str(terms[c]) for c in overlapping):
                chosen[chosen.index(overlapping[0])] = index
                chosen = [c for c in chosen if c not in overlapping[1:]]
            continue
        chosen.append(index)
        if len(chosen) == TERMS:
            break
    top = max(specific[i] for i in chosen) if chosen else 1.0
    return tuple((str(terms[i]), 1 + round(2 * math.sqrt(specific[i] / top))) for i in chosen)


def _title(evidence: tuple[tuple[str, float], ...]) -> str:
    """The three strongest terms that are not one word in two forms (network, networks)."""
    shown: list[str] = []
    for term, _ in evidence:
        if not any(term[: topic_rules.ROOT_LETTERS] == other[: topic_rules.ROOT_LETTERS] for other in shown):
            shown.append(term)
    return ", ".join(shown[:3]).capitalize()


def _free(slug: str, taken: set[str]) -> str:
    if slug not in taken:
        return slug
    n = 2
    while f"{slug}-{n}" in taken:
        n += 1
    return f"{slug}-{n}"
