"""Related exchanges: the ones that share the most telling topics, names and terms.

Each exchange has features — ("topic", slug), ("entity", name), ("term", term).
The score of a pair is the sum, over the features both have, of

    weight(kind) × ln(N / n)

where N is the number of exchanges and n the number that have the feature:
a feature every exchange has counts nothing, a rare one counts most. Weights:
topic 3, entity 2, term 1. An exchange lists up to three others with a score
above zero, highest first; ties go to the one nearer in reading order, then
the earlier one. In a large series only exchanges sharing a feature held by at
most 200 exchanges, or near in reading order, are considered (see `related`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

WEIGHTS = {"topic": 3.0, "entity": 2.0, "term": 1.0}
LIMIT = 3
CANDIDATE_CAP = 200
NEIGHBOURS = 16  # exchanges either side in reading order are always candidates

Feature = tuple[str, str]


def weights(features: Mapping[str, set[Feature]]) -> dict[Feature, float]:
    """weight(kind) × ln(N / n) for every feature."""
    counts = Counter(f for owned in features.values() for f in owned)
    total = len(features)
    return {f: WEIGHTS[f[0]] * math.log(total / n) for f, n in counts.items()}


def score(a: set[Feature], b: set[Feature], weight: Mapping[Feature, float]) -> float:
    return math.fsum(weight[f] for f in a & b)  # exact, so independent of set order


def related(features: Mapping[str, set[Feature]], order: Sequence[str], limit: int = LIMIT) -> dict[str, list[str]]:
    """For each exchange id in `order`, the ids of up to `limit` related exchanges, best first.

    Candidates are the exchanges that share a feature held by at most CANDIDATE_CAP
    exchanges (in a series of a few interviews, every feature), found through an
    inverted index, plus the NEIGHBOURS nearest in reading order; so a large
    series costs about linear time, not quadratic.
    """
    weight = weights(features)
    position = {exchange: index for index, exchange in enumerate(order)}
    owners: dict[Feature, list[str]] = {}
    for exchange in order:
        for feature in features[exchange]:
            owners.setdefault(feature, []).append(exchange)
    result: dict[str, list[str]] = {}
    for index, exchange in enumerate(order):
        candidates = {other for f in features[exchange] if len(owners[f]) <= CANDIDATE_CAP for other in owners[f]}
        candidates.update(order[max(0, index - NEIGHBOURS) : index + NEIGHBOURS + 1])
        candidates.discard(exchange)
        scored = [(round(score(features[exchange], features[other], weight), 9), other) for other in candidates]
        ranked = sorted(
            ((s, other) for s, other in scored if s > 0),
            key=lambda item: (-item[0], abs(position[item[1]] - position[exchange]), position[item[1]]),
        )
        result[exchange] = [other for _, other in ranked[:limit]]
    return result
