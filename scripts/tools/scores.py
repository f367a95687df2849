"""Precision and recall of a rule against a reader's labels, for the accuracy tools."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Figures:
    true_positive: int
    predicted: int
    relevant: int

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.relevant if self.relevant else 1.0

    def __add__(self, other: Figures) -> Figures:
        return Figures(self.true_positive + other.true_positive, self.predicted + other.predicted, self.relevant + other.relevant)
