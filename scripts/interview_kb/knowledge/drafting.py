"""Propose topics for a series from what its exchanges say: a first taxonomy an editor then keeps, renames or merges.

    proposals = propose(exchanges, kept=topics_already_in_topics_yml)

The statistics are scikit-learn's: each exchange is a document weighted by
TF-IDF over words and two-word phrases that occur in several interviews (a
word in one interview only is a name or an anecdote; one in most of them is
the series' own subject, no topic within it), and non-negative matrix
factorisation finds the groups of terms that occur together. Only terms that
can be evidence of a subject take part (`_specific`): said in bursts (residual
IDF, not everyday words spread as if at random) and not mostly where
interviews open and close (greetings, sign-offs, the show's announcements).
A group that more than `SPLIT` times its share of the exchanges are nearest
to is a grab-bag of several subjects said in the same breath ("bias",
"government", "privacy"); it is factorised again into narrower ones (`_split`).
Each group becomes a topic whose evidence terms are the words most specific
to it and to no other group, the strongest `STRONG` weighted 2–3 and the rest
1, cut to the length whose rules best agree with the factorisation's own
assignment (`_calibrated`). The draft sets `per_exchange: 1`: an exchange
gets the one topic it has most evidence of, so a broad topic's words said in
passing do not file it under that topic too. The counting is the build's
(knowledge/topics.py), so what a topic "would gather" is what the build will
give it; beyond `MAX_TOPICS`, the topics that gather least are dropped and
their exchanges go to the topic they have next most evidence of. Exchanges
that `kept` topics already gather are left out of the factorisation, so a
re-run proposes only for what is not covered yet.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfTransformer

from interview_kb.knowledge import topics as topic_rules
from interview_kb.reading.slugs import slug as slug_of
from interview_kb.reading.topics_file import Topic
from interview_kb.reading.transcript import Exchange

MAX_TOPICS = 30
SPLIT = 2.0  # a group nearest to this many times its share of the exchanges is factorised again (`_split`)
PARTS = 3  # … into at most this many
TERMS = 200  # evidence terms a proposed topic may have (`_calibrated` cuts them)
STRONG = 40  # of which weigh more than 1
PER_TOPIC = 20  # terms of the vocabulary per topic sought, at least
MIN_INTERVIEWS = 2  # a term must occur in this many interviews (or 2 % of them, if more)
MAX_INTERVIEWS = 0.9  # … and in at most this share of them
MAX_EXCHANGES = 0.05  # … and in at most this share of the exchanges (more in a series of few topics)
MERGE_SIMILARITY = 0.35  # groups whose term weights are this alike (cosine) are one topic
LENGTHS = (10, 15, 20, 30, 40, 60, 80, 100, 150)  # evidence lengths tried (`_calibrated`)
SHARE = 0.5  # an exchange belongs to the groups it is this near to, relative to its nearest
OWN = 0.5  # … relative to the topic it belongs to most
MIN_GATHERED = 3  # a proposal its rules give fewer exchanges is dropped
THRESHOLD = 4
PER_EXCHANGE = 1  # topics an exchange gets from the rules: the one it has most evidence of (knowledge/topics.topics_of)
MIN_SPECIFICITY = 0.45  # bits of residual IDF (`_residual_idf`) a term needs to be evidence
EDGE = 0.1  # the first and last tenth of an interview's exchanges are its edges
EDGE_RATIO = 2.0  # a term found this many times more often at the edges than exchanges are is chatter
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
    evidence: tuple[tuple[str, float], ...]  # weights 1, 2 or 3, strongest first
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
    left = [not topic_rules.topics_of(kept, e, field[slug]) for slug, e in exchanges]
    rest = [pair for pair, free in zip(exchanges, left, strict=True) if free]
    if len(rest) < MIN_GATHERED * 2 or len({slug for slug, _ in rest}) < MIN_INTERVIEWS:
        return []
    stop = sorted(ENGLISH_STOP_WORDS | SPOKEN | {w for n in names for w in re.findall(r"\w+", n.lower())})
    # The vocabulary, and what makes a term evidence of a subject, are the whole series': terms found in several
    # interviews, but not in most, and said in bursts (`_specific`). The topics are sought among the exchanges left.
    counter = CountVectorizer(
        token_pattern=TOKEN,
        stop_words=stop,
        ngram_range=(1, 2),
        min_df=max(MIN_INTERVIEWS, math.ceil(0.02 * len(of_interview))),
        max_df=MAX_INTERVIEWS if len(of_interview) >= 4 else 1.0,
    )
    try:
        per_interview = counter.fit_transform([" ".join(_text(e) for e in found) for found in of_interview.values()])
    except ValueError:  # no term is left
        return []
    terms = counter.get_feature_names_out()
    every_count = CountVectorizer(token_pattern=TOKEN, ngram_range=(1, 2), vocabulary=counter.vocabulary_).transform(
        [_text(e) for _, e in exchanges]
    )
    k = max(2, min(max_topics, round(math.sqrt(len(rest) / 5)), len(terms) // PER_TOPIC or 1))
    keep = _specific(every_count, per_interview, _at_edge(exchanges, of_interview), k)
    keep &= np.array([len(set(term.split())) == len(term.split()) for term in terms])  # not "data data"
    columns = np.flatnonzero(keep)
    counts = every_count[np.flatnonzero(left)]
    if not len(columns) or not counts[:, columns].nnz:
        return []
    matrix = TfidfTransformer(sublinear_tf=True).fit_transform(counts[:, columns])
    terms = terms[columns]
    k = min(k, *matrix.shape)  # the factorisation finds at most as many groups as there are terms and exchanges
    nmf = NMF(n_components=k, init="nndsvda", random_state=0, max_iter=400)
    nmf.fit(matrix)
    groups = _split(_merged(nmf.components_), matrix)
    taken = {t.slug for t in kept}
    every = np.vstack(groups)
    # Which exchanges the factorisation puts mostly in each group: what each topic's rules should gather.
    unit = every / np.linalg.norm(every, axis=1, keepdims=True)
    near = np.asarray(matrix @ unit.T)
    belongs = (near >= SHARE * near.max(axis=1, keepdims=True)) & (near > 0)
    drafts: list[tuple[int, Topic]] = []
    for index, weights in enumerate(groups):
        evidence = _evidence(weights, every, terms)
        if len(evidence) >= 2:
            title = _title(evidence)
            slug = _free(slug_of(" ".join(title.split(", ")[:2]), "topic"), taken)
            taken.add(slug)
            drafts.append((index, Topic(slug, title, "", evidence, THRESHOLD, (), ())))
    texts = [_text(e) for _, e in rest]
    total = np.array([len(re.findall(r"\w+", text.lower())) for text in texts], dtype=float)  # as the build's `Words` counts
    calibrated = [
        _calibrated(topic, counted, belongs[:, group], total)
        for (group, topic), counted in zip(drafts, _counted([t for _, t in drafts], texts), strict=True)
    ]
    # Each exchange gets the one topic it has most evidence of (`PER_EXCHANGE`), as the build will give it; a topic
    # left with fewer than `MIN_GATHERED` exchanges is dropped, and its exchanges go to the topic they have next most of.
    points = np.array([np.where(reached, score, -1.0) for _, reached, score in calibrated]).reshape(len(calibrated), len(rest))
    active = np.ones(len(calibrated), dtype=bool)
    while True:
        best = np.argmax(np.where(active[:, None], points, -1.0), axis=0) if len(calibrated) else np.zeros(len(rest), dtype=int)
        won = (best[None, :] == np.arange(len(calibrated))[:, None]) & (points >= 0) & active[:, None]
        gathered = won.sum(axis=1)
        few = active & (gathered < MIN_GATHERED)
        if not few.any() and active.sum() <= max_topics:
            break
        if not few.any():  # more topics than sought: the one that gathers least goes
            few = np.arange(len(active)) == np.argmin(np.where(active, gathered, len(rest) + 1))
        active &= ~few
    proposals: list[Proposal] = []
    for number, ((_, topic), (evidence, _, score)) in enumerate(zip(drafts, calibrated, strict=True)):
        if active[number]:
            found = np.flatnonzero(won[number])
            strongest = sorted(found, key=lambda n: -score[n])
            examples = tuple(rest[n][1].label for n in strongest[:3])
            proposals.append(Proposal(topic.slug, topic.title, evidence, tuple(rest[n][1].anchor for n in found), examples))
    return proposals


def _counted(drafts: list[Topic], texts: list[str]) -> list[np.ndarray]:
    """For each topic, how often each exchange says each of its terms (at most `MAX_COUNT`), by the build's counting.

    A term of one word is what the build's `Words` counts, its lowercased
    `\\w+` tokens: counted for all the drafts at once by a CountVectorizer of
    the same tokens. A phrase is counted by `Words` (knowledge/topics.py).
    """
    single = sorted({term for t in drafts for term, _ in t.evidence if re.fullmatch(r"\w+", term)})
    words = CountVectorizer(token_pattern=r"(?u)\w+", vocabulary=single).transform(texts).tocsc() if single else None
    column = {term: n for n, term in enumerate(single)}
    counted = [np.zeros((len(texts), len(t.evidence)), dtype=np.int8) for t in drafts]
    phrases: list[tuple[np.ndarray, int, str]] = []
    for topic, table in zip(drafts, counted, strict=True):
        for index, (term, _) in enumerate(topic.evidence):
            if term in column and words is not None:
                table[:, index] = np.minimum(words[:, column[term]].toarray().ravel(), topic_rules.MAX_COUNT)
            else:
                phrases.append((table, index, term))
    if phrases:
        for row, text in enumerate(texts):
            found = topic_rules.Words.of(text)
            for table, index, term in phrases:
                table[row, index] = min(found.count(term), topic_rules.MAX_COUNT)
    return counted


def _calibrated(
    topic: Topic, counted: np.ndarray, belongs: np.ndarray, total: np.ndarray
) -> tuple[tuple[tuple[str, float], ...], np.ndarray, np.ndarray]:
    """The topic's evidence cut to the length whose rules best gather the exchanges the factorisation gives it (F1).

    More terms gather more exchanges, and more that are not about the
    subject; the factorisation's own assignment decides where to stop. Returns
    the evidence, which exchanges its rules reach, and their points.
    """
    weights = np.array([w for _, w in topic.evidence], dtype=float)
    roots: dict[str, int] = {}
    root = np.array([roots.setdefault(topic_rules.piece(term), len(roots)) for term, _ in topic.evidence])
    best: tuple[float, int, np.ndarray, np.ndarray] | None = None
    for length in [n for n in LENGTHS if n < len(weights)] + [len(weights)]:
        points = counted[:, :length] @ weights[:length]
        pieces = np.zeros((len(total), len(roots)), dtype=bool)
        for column in range(length):
            pieces[:, root[column]] |= counted[:, column] > 0
        reached = (points >= topic.threshold) & (pieces.sum(axis=1) >= topic_rules.MIN_EVIDENCE)
        reached &= points * 100 >= topic_rules.DENSITY * total
        right = int((reached & belongs).sum())
        f1 = 2 * right / max(int(reached.sum()) + int(belongs.sum()), 1)
        if best is None or f1 > best[0]:
            best = (f1, length, reached, points)
    assert best is not None
    _, length, reached, points = best
    return topic.evidence[:length], reached, points


def _at_edge(rest: Sequence[tuple[str, Exchange]], of_interview: dict[str, list[Exchange]]) -> np.ndarray:
    """Which exchanges open or close their interview (its first and last tenth): where greetings and sign-offs are."""
    position = {id(e): (n, len(found)) for found in of_interview.values() for n, e in enumerate(found)}
    edge = []
    for _, exchange in rest:
        n, total = position[id(exchange)]
        ends = max(1, math.ceil(EDGE * total))
        edge.append(n < ends or n >= total - ends)
    return np.array(edge, dtype=bool)


def _residual_idf(counts: csr_matrix) -> np.ndarray:
    """Church and Gale's residual IDF, in bits: how much more a term keeps to few documents than chance would put it.

    A word of subject ("kubernetes", "speech") comes in bursts where the
    subject is discussed; an everyday word ("easy", "agree") is spread as
    if at random, with a residual near 0, however often it is said.
    """
    documents = counts.shape[0]
    occurrences = np.asarray(counts.sum(axis=0), dtype=float).ravel()
    found_in = np.maximum(np.asarray((counts > 0).sum(axis=0), dtype=float).ravel(), 1)
    expected = documents * -np.expm1(-occurrences / documents)
    residual: np.ndarray = np.log2(np.maximum(expected, 1e-12) / found_in)
    return residual


def _specific(counts: csr_matrix, per_interview: csr_matrix, edge: np.ndarray, k: int) -> np.ndarray:
    """The terms that can be evidence of a subject: bursty (exchanges and interviews), not everywhere, not chatter.

    Dropped: terms whose residual IDF, averaged over exchanges and over
    interviews, is under `MIN_SPECIFICITY`; terms in more exchanges than one
    of k topics would gather; and terms said mostly where interviews open or
    close (`EDGE_RATIO` times as often there as exchanges are), greetings,
    sign-offs and the show's own announcements.
    """
    specificity = (_residual_idf(counts) + _residual_idf(per_interview)) / 2
    exchanges = counts.shape[0]
    found_in = np.asarray((counts > 0).sum(axis=0)).ravel()
    at_edge = np.asarray((counts[edge] > 0).sum(axis=0)).ravel()
    chatter = at_edge > EDGE_RATIO * max(edge.mean(), 1e-12) * np.maximum(found_in, 1)
    everywhere = found_in > max(MAX_EXCHANGES, 1.5 / k) * exchanges
    return np.asarray((specificity >= MIN_SPECIFICITY) & ~chatter & ~everywhere)


def _split(groups: list[np.ndarray], matrix: csr_matrix) -> list[np.ndarray]:
    """Groups nearest to more than `SPLIT` times their share of the exchanges, each factorised again into narrower ones."""
    unit = np.vstack([g / np.linalg.norm(g) for g in groups])
    nearest = np.argmax(np.asarray(matrix @ unit.T), axis=1)
    fair = matrix.shape[0] / len(groups)
    narrower: list[np.ndarray] = []
    for index, group in enumerate(groups):
        rows = np.flatnonzero(nearest == index)
        parts = min(math.ceil(len(rows) / fair), PARTS, matrix[rows].getnnz(axis=0).astype(bool).sum() // PER_TOPIC)
        if len(rows) <= SPLIT * fair or parts < 2:
            narrower.append(group)
            continue
        found = NMF(n_components=parts, init="nndsvda", random_state=0, max_iter=400).fit(matrix[rows]).components_
        narrower += [row for row in found if row.any()]
    return narrower


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
    mine = own >= OWN * unit.max(axis=0)  # a term is evidence of the topics it belongs to most, not of every one it is in
    order = [int(i) for i in np.argsort(-specific) if own[i] > 0 and mine[i]][: TERMS * 2]
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
    # Only the strongest terms weigh more than 1: the tail, however specific, gathers an exchange only together.
    top = max(specific[i] for i in chosen) if chosen else 1.0
    return tuple((str(terms[i]), 1 + round(2 * math.sqrt(specific[i] / top)) if rank < STRONG else 1) for rank, i in enumerate(chosen))


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
