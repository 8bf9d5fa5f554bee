"""Counting and the numbers computed from counts: P/R/F1, accuracy, macro-F1, confusion.

``DatasetResult`` is what every scorer returns and what the report prints.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

NONE = "(none)"


def ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None:
        return None
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def prf(true_positives: int, predicted: int, gold: int) -> tuple[float | None, float | None, float | None]:
    """Precision, recall and F1 (None when a denominator is zero)."""
    precision, recall = ratio(true_positives, predicted), ratio(true_positives, gold)
    return precision, recall, f1(precision, recall)


def macro_f1(pairs: Iterable[tuple[str, str]]) -> float | None:
    """Mean F1 over the labels present in the gold side of (gold, predicted) pairs."""
    pairs = list(pairs)
    labels = sorted({g for g, _ in pairs})
    scores = []
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        scores.append(prf(tp, sum(1 for _, p in pairs if p == label), sum(1 for g, _ in pairs if g == label))[2] or 0.0)
    return sum(scores) / len(scores) if scores else None


@dataclass
class Tally:
    """Right / scored counts per field; a None outcome (gold silent) is not scored."""

    right: Counter = field(default_factory=Counter)
    scored: Counter = field(default_factory=Counter)

    def add(self, outcomes: Mapping[str, bool | None]) -> None:
        for name, outcome in outcomes.items():
            if outcome is None:
                continue
            self.scored[name] += 1
            self.right[name] += int(outcome)

    def accuracy(self, name: str) -> float | None:
        return ratio(self.right[name], self.scored[name])

    def fraction(self, name: str) -> str:
        return f"{self.right[name]}/{self.scored[name]}"


def confusion(pairs: Iterable[tuple[str, str]]) -> dict[str, dict[str, int]]:
    """gold label -> predicted label -> count."""
    table: dict[str, dict[str, int]] = {}
    for gold, predicted in pairs:
        row = table.setdefault(gold, {})
        row[predicted] = row.get(predicted, 0) + 1
    return table


@dataclass(frozen=True)
class Miss:
    """One error for ``--errors``: higher ``severity`` is worse."""

    item: str
    kind: str
    severity: float
    sentence: str
    expected: Mapping[str, Any]
    predicted: Mapping[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {"item": self.item, "kind": self.kind, "sentence": self.sentence,
                "expected": dict(self.expected), "predicted": dict(self.predicted)}


@dataclass
class DatasetResult:
    """Numbers for one gold set. ``metrics`` are fractions in 0..1 (None: nothing to score);
    ``counts`` are the raw "right/total" behind them."""

    name: str
    kind: str
    source: str
    items: int
    metrics: dict[str, float | None] = field(default_factory=dict)
    counts: dict[str, str] = field(default_factory=dict)
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)
    seconds: float = 0.0

    def worst(self, n: int) -> list[Miss]:
        return sorted(self.misses, key=lambda m: (-m.severity, m.item))[:n]

    def as_dict(self, errors: int = 0) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": self.name, "kind": self.kind, "source": self.source, "items": self.items,
            "seconds": round(self.seconds, 2),
            "metrics": {k: (round(v, 4) if v is not None else None) for k, v in self.metrics.items()},
            "counts": dict(self.counts), "confusion": self.confusion,
        }
        if errors:
            data["errors"] = [m.as_dict() for m in self.worst(errors)]
        return data
