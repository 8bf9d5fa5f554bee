"""Scoring sentence-level gold: PLOVER types and actors, PETRARCH detection, event locations.

Each gold sentence is coded on its own (``Pipeline.extract_text``). Where a sentence
needs one prediction, ``choose`` takes the reports whose trigger overlaps a gold
trigger phrase (PLOVER ``EVT`` markup, event-location verb), the most confident of
them; with none overlapping, the most confident report (for locations, the most
confident one that has a place). See docs/evaluation.md.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from ..geo import haversine_km
from ..knowledge.actors import ActorKB, normalise
from ..knowledge.gazetteer import Gazetteer
from ..records import ActorRef, EventReport
from .documents import factual, predicted
from .gold import GoldSet, LocationItem, PetrarchItem, PloverItem
from .match import place_name_matches
from .metrics import DatasetResult, Miss, Tally, confusion, macro_f1, prf, ratio

if TYPE_CHECKING:
    from ..pipeline import Pipeline

NO_EVENT = "no event"
Extract = Callable[[str, str], list[EventReport]]


def phrase_spans(text: str, phrases: Iterable[str]) -> list[tuple[int, int]]:
    """Every whole-word, case-insensitive occurrence of each phrase in ``text``."""
    spans = []
    for phrase in phrases:
        if phrase.strip():
            pattern = r"(?<!\w)" + re.escape(phrase.strip()) + r"(?!\w)"
            spans += [m.span() for m in re.finditer(pattern, text, flags=re.IGNORECASE)]
    return spans


def choose(reports: Sequence[EventReport], spans: Sequence[tuple[int, int]],
           prefer: Callable[[EventReport], bool] = lambda r: True) -> EventReport | None:
    """The report aligned to a gold trigger span, else the best of all (see module doc)."""
    on_trigger = [r for r in reports if any(r.trigger.start < e and s < r.trigger.end for s, e in spans)]
    pool = on_trigger or list(reports)
    return max(pool, key=lambda r: (prefer(r), r.confidence), default=None)


def extractor(pipeline: Pipeline) -> Extract:
    return lambda text, item_id: factual(pipeline.extract_text(text, source_id=item_id).reports)


# ------------------------------------------------------------------ PLOVER


def actor_matches_text(ref: ActorRef | None, gold_texts: Sequence[str], kb: ActorKB) -> bool:
    """Normalised containment either way (text or KB name), or the same KB actor / state."""
    if ref is None or not gold_texts:
        return False
    mine = [f" {normalise(t)} " for t in (ref.text, ref.name) if t and normalise(t)]
    for gold in gold_texts:
        theirs = f" {normalise(gold)} "
        if theirs.strip() and any(m in theirs or theirs in m for m in mine):
            return True
        if ref.id is not None and _kb_ids(gold, kb) & {ref.id, kb.parent_state(ref.id)}:
            return True
    return False


def _kb_ids(text: str, kb: ActorKB) -> set[str | None]:
    found = kb.lookup(text)
    ids = {a.id for _, _, a in kb.find(text)}
    return ids | ({found.id} if found else set())


def score_plover(gold_set: GoldSet, pipeline: Pipeline) -> DatasetResult:
    """Type (accuracy and macro-F1), source and target of the report on the gold trigger."""
    extract, kb = extractor(pipeline), pipeline.resources.kb
    pairs, tally, misses = [], Tally(), []
    for item in gold_set.items_of(PloverItem):
        report = choose(extract(item.text, item.id), phrase_spans(item.text, item.triggers))
        pairs.append((item.type, report.event_type if report else NO_EVENT))
        outcome = plover_outcome(report, item, kb)
        tally.add(outcome)
        wrong = [k for k, v in outcome.items() if v is False]
        if wrong:
            misses.append(Miss(item.id, "wrong " + ", ".join(wrong), 2.0 * (not outcome["type"]) + len(wrong), item.text,
                               {"type": item.type, "label": item.label, "source": list(item.sources), "target": list(item.targets)},
                               predicted(report) if report else {}))
    metrics = {"type_acc": tally.accuracy("type"), "type_macro_f1": macro_f1(pairs),
               "source_acc": tally.accuracy("source"), "target_acc": tally.accuracy("target"),
               "no_event_share": ratio(sum(1 for _, p in pairs if p == NO_EVENT), len(pairs))}
    counts = {"sentences": str(len(pairs)), **{f"{k}_acc": tally.fraction(k) for k in ("type", "source", "target")}}
    return DatasetResult(gold_set.name, gold_set.kind, gold_set.source, len(gold_set.items), metrics, counts,
                         confusion(pairs), misses)


def plover_outcome(report: EventReport | None, item: PloverItem, kb: ActorKB) -> dict[str, bool | None]:
    """Type right; source and target right (None when the gold names none)."""
    got = report.event_type if report else NO_EVENT
    actor, target = (report.actor, report.target) if report else (None, None)
    return {"type": got == item.type,
            "source": actor_matches_text(actor, item.sources, kb) if item.sources else None,
            "target": actor_matches_text(target, item.targets, kb) if item.targets else None}


# ------------------------------------------------------------------ PETRARCH


def score_petrarch(gold_set: GoldSet, pipeline: Pipeline) -> DatasetResult:
    """Sentence-level detection (a sentence is positive when a gold CAMEO code maps to a
    PLOVER type) and, on sentences both sides call positive, type agreement."""
    extract = extractor(pipeline)
    cells: Counter[str] = Counter()
    pairs, misses = [], []
    for item in gold_set.items_of(PetrarchItem):
        got = sorted({r.event_type for r in extract(item.text, item.id)})
        pairs.append(("/".join(item.types) or NO_EVENT, "/".join(got) or NO_EVENT))
        cell, miss = petrarch_cell(item, got)
        cells[cell] += 1
        if miss is not None:
            misses.append(miss)
    agree, fn, fp, tn = cells["agree"], cells["missed"], cells["false alarm"], cells["no event"]
    tp = agree + cells["type disagrees"]
    precision, recall, f = prf(tp, tp + fp, tp + fn)
    metrics = {"detection_precision": precision, "detection_recall": recall, "detection_f1": f,
               "no_event_correct": ratio(tn, tn + fp), "type_agreement": ratio(agree, tp)}
    counts = {"sentences": str(len(gold_set.items)), "true positives": str(tp), "false positives": str(fp),
              "false negatives": str(fn), "true negatives": str(tn), "type agreement": f"{agree}/{tp}"}
    return DatasetResult(gold_set.name, gold_set.kind, gold_set.source, len(gold_set.items), metrics, counts,
                         confusion(pairs), misses)


def petrarch_cell(item: PetrarchItem, got: Sequence[str]) -> tuple[str, Miss | None]:
    """Where one sentence falls: "agree" or "type disagrees" (both sides positive),
    "missed", "false alarm" or "no event" (both negative); and the miss to list, if any."""
    expected = {"cameo": list(item.cameo), "plover": list(item.types)}
    if item.types and got:
        if set(item.types) & set(got):
            return "agree", None
        return "type disagrees", Miss(item.id, "type disagrees", 1.0, item.text, expected, {"types": list(got)})
    if item.types:
        return "missed", Miss(item.id, "missed", 3.0, item.text, expected, {})
    if got:
        return "false alarm", Miss(item.id, "false alarm", 2.0, item.text, expected, {"types": list(got)})
    return "no event", None


# ------------------------------------------------------------------ event location


def score_locations(gold_set: GoldSet, pipeline: Pipeline) -> DatasetResult:
    """For the report of the gold event verb: place name right, and within 161 km of the
    gold place when that resolves in the gazetteer."""
    extract = extractor(pipeline)
    gazetteer = pipeline.resources.gazetteer
    tally, misses, no_report, no_place = Tally(), [], 0, 0
    for item in gold_set.items_of(LocationItem):
        report = choose(extract(item.text, item.id), phrase_spans(item.text, item.verbs), lambda r: r.location is not None)
        no_report += report is None
        no_place += report is not None and report.location is None
        outcome = location_outcome(report, item, gazetteer)
        tally.add(outcome)
        if not outcome["name"]:
            misses.append(Miss(item.id, "no report" if report is None else "wrong place", 2.0 if report is None else 1.0,
                               item.text, {"verb": list(item.verbs), "places": list(item.places)},
                               predicted(report) if report else {}))
    n = len(gold_set.items)
    metrics = {"place_name_acc": tally.accuracy("name"), "place_161km_acc": tally.accuracy("km161"),
               "no_report_share": ratio(no_report, n), "no_place_share": ratio(no_place, n)}
    counts = {"sentences": str(n), "place_name_acc": tally.fraction("name"), "place_161km_acc": tally.fraction("km161"),
              "no report": str(no_report), "report without place": str(no_place)}
    return DatasetResult(gold_set.name, gold_set.kind, gold_set.source, n, metrics, counts, {}, misses)


def location_outcome(report: EventReport | None, item: LocationItem, gazetteer: Gazetteer) -> dict[str, bool | None]:
    resolved = [p for p in (gazetteer.resolve(name) for name in item.places) if p is not None]
    if report is None:
        return {"name": False, "km161": False if resolved else None}
    name = any(place_name_matches(report, place, gazetteer) for place in item.places)
    loc = report.location
    if not resolved:
        return {"name": name, "km161": None}
    near = loc is not None and loc.lat is not None and loc.lon is not None and any(
        haversine_km(loc.lat, loc.lon, p.lat, p.lon) <= 161.0 for p in resolved)
    return {"name": name, "km161": near}
