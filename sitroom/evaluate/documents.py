"""Scoring document-level gold (seed, samples, dev, heldout): alignment, detection, fields.

Per document the pipeline's reports are aligned one-to-one to the gold events
(``align.align``). Detection: precision = aligned reports / reports, recall = aligned
gold events / gold events, core recall over the gold events marked core. Field
accuracies are over aligned pairs where the gold gives the field (``match.score_pair``).
A gold event is fully right when it is aligned and type, actor, target, date, place
(gold radius) and claim all match (``match.match_fields``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from ..knowledge.actors import ActorKB, normalise
from ..knowledge.gazetteer import Gazetteer
from ..records import EventReport, Relation
from .align import align
from .gold import GoldDocument, GoldSet
from .match import PAIR_FIELDS, RECORD_FIELDS, match_fields, score_pair
from .metrics import NONE, DatasetResult, Miss, Tally, confusion, prf, ratio

if TYPE_CHECKING:
    from ..pipeline import Pipeline

MISSED_CORE, MISSED, FALSE_ALARM = 10.0, 7.0, 5.0
CONFIDENCE_BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.01))


@dataclass
class DocCounts:
    gold: int = 0
    core: int = 0
    predicted: int = 0
    aligned: int = 0
    core_aligned: int = 0
    full: int = 0
    core_full: int = 0
    relations_found: int = 0
    relations_required: int = 0
    fields: Tally = field(default_factory=Tally)
    types: list[tuple[str, str]] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)
    confidences: list[tuple[float, bool]] = field(default_factory=list)  # (confidence, aligned) per report


def score_documents(gold_set: GoldSet, pipeline: Pipeline) -> DatasetResult:
    """``pipeline`` is a ``sitroom.pipeline.Pipeline``."""
    kb, gazetteer = pipeline.resources.kb, pipeline.resources.gazetteer
    counts = DocCounts()
    for item in gold_set.items_of(GoldDocument):
        extraction = pipeline.extract(item.document)
        score_document(item, factual(extraction.reports), kb, gazetteer, counts)
        _count_relations(item, extraction.relations, kb, counts)
    return _result(gold_set, counts)


def factual(reports: Sequence[EventReport]) -> list[EventReport]:
    """Reports that say an event happened: negated, hypothetical and future mentions are
    stored with their modality but are not scored as events (threats are their own type)."""
    return [r for r in reports if r.modality.factual]


def score_document(item: GoldDocument, reports: Sequence[EventReport], kb: ActorKB,
                   gazetteer: Gazetteer, counts: DocCounts) -> None:
    events = item.events
    alignment = align(item.document.text, events, reports, kb)
    counts.gold += len(events)
    counts.core += sum(1 for e in events if e.get("core"))
    counts.predicted += len(reports)
    counts.aligned += len(alignment.pairs)
    aligned = {p for _, p in alignment.pairs}
    counts.confidences += [(r.confidence, i in aligned) for i, r in enumerate(reports)]
    for g, p in alignment.pairs:
        _score_aligned(item, events[g], reports[p], kb, gazetteer, counts)
    for g in alignment.unmatched_gold:
        counts.types.append((events[g].get("type", NONE), NONE))
        severity = MISSED_CORE if events[g].get("core") else MISSED
        counts.misses.append(Miss(f"{item.id}:{events[g].get('id')}", "missed", severity,
                                  events[g].get("evidence") or "", expected(events[g]), {}))
    for p in alignment.unmatched_predictions:
        counts.types.append((NONE, reports[p].event_type))
        counts.misses.append(Miss(item.id, "false alarm", FALSE_ALARM, reports[p].sentence.text, {}, predicted(reports[p])))


def _score_aligned(item: GoldDocument, gold: Mapping[str, Any], report: EventReport, kb: ActorKB,
                   gazetteer: Gazetteer, counts: DocCounts) -> None:
    core = bool(gold.get("core"))
    counts.core_aligned += int(core)
    counts.types.append((gold.get("type", NONE), report.event_type))
    counts.fields.add(score_pair(report, gold, kb, gazetteer))
    record = match_fields(report, gold, kb)
    counts.full += int(record.complete)
    counts.core_full += int(record.complete and core)
    wrong = [name for name in RECORD_FIELDS if not record.fields[name]]
    if wrong:
        counts.misses.append(Miss(f"{item.id}:{gold.get('id')}", "wrong " + ", ".join(wrong), float(len(wrong)),
                                  report.sentence.text, expected(gold), predicted(report)))


def _count_relations(item: GoldDocument, found: Sequence[Relation], kb: ActorKB, counts: DocCounts) -> None:
    counts.relations_required += len(item.relations)
    counts.relations_found += sum(1 for want in item.relations if any(relation_matches(kb, r, *want) for r in found))


def relation_matches(kb: ActorKB, rel: Relation, subject: str, predicate: str, obj: str) -> bool:
    """Same predicate; each end is the same KB actor or has the same normalised name."""
    def same(actor_id: str, name: str | None, wanted: str) -> bool:
        known = kb.lookup(wanted)
        return (known is not None and known.id == actor_id) or normalise(name or "") == normalise(wanted)

    return rel.predicate == predicate and same(rel.subject, rel.subject_name, subject) and same(rel.object, rel.object_name, obj)


def _result(gold_set: GoldSet, c: DocCounts) -> DatasetResult:
    precision, recall, f = prf(c.aligned, c.predicted, c.gold)
    metrics: dict[str, float | None] = {
        "detection_precision": precision, "detection_recall": recall, "detection_f1": f,
        "core_recall": ratio(c.core_aligned, c.core),
    }
    metrics.update({f"{name}_acc": c.fields.accuracy(name) for name in PAIR_FIELDS})
    metrics["full_record"] = ratio(c.full, c.gold)
    metrics["confidence_calibration_error"] = calibration_error(c.confidences)
    metrics["core_full_record"] = ratio(c.core_full, c.core)
    counts = {"detection_precision": f"{c.aligned}/{c.predicted}", "detection_recall": f"{c.aligned}/{c.gold}",
              "core_recall": f"{c.core_aligned}/{c.core}", "full_record": f"{c.full}/{c.gold}",
              "core_full_record": f"{c.core_full}/{c.core}"}
    counts.update({f"{name}_acc": c.fields.fraction(name) for name in PAIR_FIELDS})
    counts.update(calibration(c.confidences))
    if c.relations_required:
        metrics["relations_found"] = ratio(c.relations_found, c.relations_required)
        counts["relations_found"] = f"{c.relations_found}/{c.relations_required}"
    return DatasetResult(gold_set.name, gold_set.kind, gold_set.source, len(gold_set.items), metrics, counts,
                         confusion(c.types), c.misses)


def calibration(confidences: Sequence[tuple[float, bool]]) -> dict[str, str]:
    """Detection precision per band of the reports' ``confidence``: whether a higher
    ``min_confidence`` setting buys precision. Counts only; no floors are set on them."""
    bands = {}
    for low, high in CONFIDENCE_BANDS:
        inside = [hit for value, hit in confidences if low <= value < high]
        if inside:
            bands[f"precision at confidence {low:.1f}-{min(high, 1.0):.1f}"] = f"{sum(inside)}/{len(inside)}"
    return bands


def calibration_error(confidences: Sequence[tuple[float, bool]], bins: int = 10) -> float | None:
    """Expected calibration error: over ten equal-width confidence bins, the gap between
    mean confidence and the share of reports aligned to a gold event, weighted by size."""
    if not confidences:
        return None
    groups: dict[int, list[tuple[float, bool]]] = {}
    for value, hit in confidences:
        groups.setdefault(min(bins - 1, int(value * bins)), []).append((value, hit))
    gap = sum(abs(sum(v for v, _ in g) - sum(h for _, h in g)) for g in groups.values())
    return gap / len(confidences)


# ------------------------------------------------------------------ fields shown in --errors


def expected(gold: Mapping[str, Any]) -> dict[str, Any]:
    date = gold.get("date") or {}
    location = gold.get("location") or {}
    return {
        "type": gold.get("type"), "mode": gold.get("mode"), "actor": gold.get("actor"), "target": gold.get("target"),
        "date": _range(date.get("start"), date.get("end")), "place": location.get("name"),
        "claim": (gold.get("claim") or {}).get("status"), "fatalities": gold.get("fatalities"),
    }


def predicted(report: EventReport) -> dict[str, Any]:
    loc = report.location
    return {
        "type": report.event_type, "mode": report.mode,
        "actor": (report.actor.name or report.actor.text) if report.actor else None,
        "target": (report.target.name or report.target.text) if report.target else None,
        "date": _range(report.date.start, report.date.end),
        "place": (loc.name or loc.text) if loc else None, "claim": report.claim.status,
        "fatalities": report.fatalities.as_json() if report.fatalities else None,
    }


def _range(start: Any, end: Any) -> str | None:
    if not start:
        return None
    return str(start) if not end or str(end) == str(start) else f"{start}..{end}"
