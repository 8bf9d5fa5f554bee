"""Merge quality: pairwise precision and recall of incidents against a gold partition.

The gold file has the shape of ``sitroom/data/samples/gold.json``: ``documents`` with
their ``events`` (type, date, location with radius, actor, target) and ``incidents``
(label -> ["doc:E1", ...]); a gold event in no incident is an incident of its own.
Each gold event is matched to a stored report of its document (same type, date and
place, ``sitroom.evaluate.match``); pairs of matched gold events are then counted:
a pair is *predicted together* when their reports share an incident, *gold together*
when they share a label. Unmatched gold events are counted, not scored, and so are
pairs of gold events matched to one and the same report (the extractor joined them:
not a merge decision).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Any, Hashable, Mapping

from ..evaluate.match import best_match
from ..knowledge.actors import ActorKB
from ..records import EventReport

REQUIRED = ("type", "date", "place")


@dataclass(frozen=True)
class PairScores:
    true_pos: int
    false_pos: int
    false_neg: int
    matched: int
    unmatched: int

    @property
    def precision(self) -> float:
        found = self.true_pos + self.false_pos
        return self.true_pos / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_pos + self.false_neg
        return self.true_pos / wanted if wanted else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 3), "recall": round(self.recall, 3),
            "true_pairs": self.true_pos, "false_pairs": self.false_pos, "missed_pairs": self.false_neg,
            "gold_events_matched": self.matched, "gold_events_unmatched": self.unmatched,
        }


def pairwise(gold: Mapping[str, Hashable], predicted: Mapping[str, Hashable], unmatched: int = 0,
             reports: Mapping[str, str] | None = None) -> PairScores:
    """Pair counts over the items present in both mappings (item -> incident label).
    With ``reports`` (item -> report id), pairs of items matched to one report are skipped."""
    items = sorted(set(gold) & set(predicted))
    tp = fp = fn = 0
    for a, b in combinations(items, 2):
        if reports is not None and reports[a] == reports[b]:
            continue  # one report for two gold events: an extraction matter, not a merge
        together, should = predicted[a] == predicted[b], gold[a] == gold[b]
        tp += together and should
        fp += together and not should
        fn += should and not together
    return PairScores(tp, fp, fn, len(items), unmatched)


def gold_labels(gold: Mapping[str, Any]) -> dict[str, str]:
    """'doc:E1' -> incident label, for every gold event."""
    labels = {f"{d['id']}:{e['id']}": f"{d['id']}:{e['id']}" for d in gold["documents"] for e in d["events"]}
    for label, members in (gold.get("incidents") or {}).items():
        for member in members:
            labels[member] = label
    return labels


def match_reports(gold: Mapping[str, Any], reports: list[EventReport], kb: ActorKB) -> dict[str, str]:
    """'doc:E1' -> id of the stored report that matches it (type, date and place)."""
    by_doc: dict[str, list[EventReport]] = {}
    for report in reports:
        by_doc.setdefault(report.document.source_id, []).append(report)
    found: dict[str, str] = {}
    for doc in gold["documents"]:
        for event in doc["events"]:
            match = best_match(by_doc.get(doc["id"], []), event, kb)
            if match is not None and all(match.fields[f] for f in REQUIRED):
                found[f"{doc['id']}:{event['id']}"] = match.report.id
    return found


def score_incidents(gold: Mapping[str, Any], reports: list[EventReport], incident_of: Mapping[str, str],
                    kb: ActorKB) -> PairScores:
    """Pairwise merge precision/recall of stored incidents against ``gold``."""
    labels = gold_labels(gold)
    matched = match_reports(gold, reports, kb)
    predicted = {item: incident_of.get(report_id, report_id) for item, report_id in matched.items()}
    return pairwise(labels, predicted, unmatched=len(labels) - len(predicted), reports=matched)
