"""Calibrated confidence: the probability that a report is an event an analyst would code.

The extraction rules give each report a heuristic score (``events._confidence``). A
logistic model over that score and the report's own features (``features``) turns it
into a probability, fitted on this project's own annotations (the dev split of the
development set and the bundled samples; never the held-out split) by
``python -m sitroom.evaluate.calibrate``. The fitted weights are data, in
``knowledge/data/confidence.json``. Negated, hypothetical and future reports are not
events that happened, so the model does not score them: they keep the heuristic.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Sequence

from ..errors import KnowledgeError
from ..records import EventReport

FILE = Path(__file__).resolve().parents[1] / "knowledge" / "data" / "confidence.json"
TOWN = frozenset({"point", "town"})
QUOTES = ('"', "\u201c", "\u201d")


@lru_cache(maxsize=4)
def _read(path: Path) -> Mapping[str, Any]:
    """The model file, read once per process (settings and every Pipeline use it)."""
    return json.loads(path.read_text(encoding="utf-8"))


def default_min_confidence(path: Path = FILE) -> float:
    """The fitted model's suggested cut (the ``min_confidence`` setting's default);
    0.0 (keep everything) when the model file cannot be read."""
    try:
        return float(_read(path)["min_confidence"])
    except (OSError, ValueError, KeyError, TypeError):
        return 0.0


def features(reports: Sequence[EventReport]) -> list[dict[str, float]]:
    """One feature dict per report. Only the sentence is looked at beyond the report, not
    the document's length or layout, so single sentences score like sentences of articles."""
    per_sentence = Counter(r.sentence.start for r in reports)
    return [_own(r) | {
        "others_in_sentence": math.log1p(per_sentence[r.sentence.start] - 1),
    } for r in reports]


def _own(r: EventReport) -> dict[str, float]:
    place = r.location.precision if r.location else "none"
    found = {
        "prior": r.confidence,
        f"type={r.event_type}": 1.0,
        f"claim={r.claim.status}": 1.0,
        "actor_known": float(bool(r.actor and r.actor.id)),
        "actor_text_only": float(bool(r.actor and not r.actor.id)),
        "target_known": float(bool(r.target and r.target.id)),
        "target_text_only": float(bool(r.target and not r.target.id)),
        "place_town": float(place in TOWN),
        "place_none": float(place == "none"),
        "date_day": float(r.date.precision == "day"),
        "date_unknown": float(r.date.start is None),
        "days_before_publication": math.log1p(_days_before(r)),
        "casualties": float(r.fatalities is not None or r.injured is not None),
        "quoted": float(_quoted(r)),
        "evidence_fields": float(len(r.evidence)),
        "long_sentence": float(len(r.sentence.text) > 250),
    }
    return found


def _days_before(r: EventReport) -> int:
    published, end = r.document.published, r.date.end or r.date.start
    if published is None or end is None:
        return 0
    return max(0, (published - end).days)


def _quoted(r: EventReport) -> bool:
    """Whether the trigger sits inside a quotation in its sentence."""
    before = r.sentence.text[: max(0, r.trigger.start - r.sentence.start)]
    return sum(before.count(q) for q in QUOTES) % 2 == 1


@dataclass(frozen=True)
class ConfidenceModel:
    """A logistic model: standardised features times weights, plus a bias."""

    weights: Mapping[str, float]
    means: Mapping[str, float]
    scales: Mapping[str, float]
    bias: float

    @classmethod
    def load(cls, path: Path = FILE) -> "ConfidenceModel":
        try:
            data = _read(path)
            return cls(data["weights"], data["means"], data["scales"], float(data["bias"]))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise KnowledgeError(f"cannot read the confidence model {path}: {exc}; "
                                 "regenerate it with python -m sitroom.evaluate.calibrate") from exc

    def probability(self, found: Mapping[str, float]) -> float:
        z = self.bias + sum(w * (found.get(name, 0.0) - self.means[name]) / self.scales[name]
                            for name, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def apply(self, reports: Sequence[EventReport]) -> tuple[EventReport, ...]:
        """The reports with a calibrated ``confidence`` (factual ones; others unchanged)."""
        return tuple(
            dataclasses.replace(r, confidence=round(self.probability(f), 3)) if r.modality.factual else r
            for r, f in zip(reports, features(reports))
        )
