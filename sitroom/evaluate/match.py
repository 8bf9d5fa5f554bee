"""Matching rules between a predicted event report and a gold event (seed-gold format).

A prediction matches a gold event field by field:
- type: the same PLOVER type;
- actor / target: the gold name resolves (knowledge base) to the predicted actor, or
  to the state the predicted actor belongs to ('United States' matches 'US Navy'),
  in either direction ('Myanmar' matches a gold 'Myanmar military');
  when the knowledge base knows only one side, the normalised gold name must appear as
  whole words in the predicted name or text ('civilians' in 'Afghan civilians');
  a gold null matches anything;
- date: the two ranges overlap, or their ends are within one day;
- place: the predicted point lies within the gold radius (km); a gold null matches anything;
- claim: the same status.
The best prediction for a gold event is the one of the same type matching most fields.

For the evaluation report (``score_pair``) each field is scored only when the gold
says something about it (None = not scored): mode when the gold gives one; actor and
target when the gold names one; place by name (normalised, or the same gazetteer
entry) and within 25 / 161 km of the gold point; fatalities when the gold gives a
count (an exact count must be equal, a gold range must contain the prediction).
A prediction is a *candidate* for a gold event (``is_candidate``) when its sentence
overlaps the gold evidence span, or when it has the gold type and agrees on at least
two of actor, target, date and place (gold nulls do not count as agreement here).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Mapping, Sequence

from ..geo import haversine_km
from ..knowledge.actors import ActorKB, normalise
from ..knowledge.gazetteer import Gazetteer, normalize_name
from ..records import ActorRef, EventReport, Span

RECORD_FIELDS = ("type", "actor", "target", "date", "place", "claim")  # what ``match_fields`` checks


@dataclass(frozen=True)
class FieldMatch:
    report: EventReport
    fields: Mapping[str, bool]

    @property
    def score(self) -> int:
        return sum(self.fields.values())

    @property
    def complete(self) -> bool:
        return all(self.fields.values())


def match_fields(report: EventReport, gold: Mapping[str, Any], kb: ActorKB) -> FieldMatch:
    """Each of ``RECORD_FIELDS``: does the report agree with the gold event (module doc)?"""
    return FieldMatch(report, {
        "type": report.event_type == gold.get("type"),
        "actor": actor_matches(report.actor, gold.get("actor"), kb),
        "target": actor_matches(report.target, gold.get("target"), kb),
        "date": date_matches(report, gold.get("date")),
        "place": place_matches(report, gold.get("location")),
        "claim": (gold.get("claim") or {}).get("status", report.claim.status) == report.claim.status,
    })


def best_match(reports: Sequence[EventReport], gold: Mapping[str, Any], kb: ActorKB) -> FieldMatch | None:
    """The report of the gold type matching most fields; None when no report has that type."""
    candidates = [match_fields(r, gold, kb) for r in reports if r.event_type == gold.get("type")]
    return max(candidates, key=lambda m: m.score, default=None)


def actor_matches(ref: ActorRef | None, gold_name: str | None, kb: ActorKB) -> bool:
    if gold_name is None:
        return True
    if ref is None:
        return False
    gold = kb.lookup(gold_name)
    if gold is None or ref.id is None:
        wanted = f" {normalise(gold_name)} "
        return wanted.strip() != "" and any(wanted in f" {normalise(n)} " for n in (ref.name, ref.text) if n)
    if gold.id == ref.id:
        return True
    if ref.kind == "state" and kb.parent_state(gold.id) == ref.id:
        return True  # the state for its own forces: 'Myanmar' for 'Myanmar military'
    return kb.parent_state(ref.id) == gold.id


def date_matches(report: EventReport, gold: Mapping[str, Any] | None) -> bool:
    if not gold:
        return True
    start, end = report.date.start, report.date.end or report.date.start
    if start is None or end is None:
        return False
    g_start = date.fromisoformat(gold["start"])
    g_end = date.fromisoformat(gold.get("end") or gold["start"])
    one = timedelta(days=1)
    return start <= g_end + one and g_start - one <= end


def place_matches(report: EventReport, gold: Mapping[str, Any] | None) -> bool:
    if not gold:
        return True
    loc = report.location
    if loc is None or loc.lat is None or loc.lon is None:
        return False
    return haversine_km(loc.lat, loc.lon, float(gold["lat"]), float(gold["lon"])) <= float(gold.get("radius_km", 25))


# ----------------------------------------------------------------- evaluation fields

FINE_PRECISIONS = frozenset({"point", "town", None})
PAIR_FIELDS = ("type", "mode", "actor", "target", "date", "place_name", "place_25km",
               "place_161km", "claim", "fatalities")


def score_pair(report: EventReport, gold: Mapping[str, Any], kb: ActorKB, gazetteer: Gazetteer) -> dict[str, bool | None]:
    """Each field of ``PAIR_FIELDS``: True / False, or None when the gold is silent on it."""
    location = gold.get("location")
    return {
        "type": report.event_type == gold.get("type"),
        "mode": None if not gold.get("mode") else report.mode == gold["mode"],
        "actor": None if gold.get("actor") is None else actor_matches(report.actor, gold["actor"], kb),
        "target": None if gold.get("target") is None else actor_matches(report.target, gold["target"], kb),
        "date": None if not gold.get("date") else date_matches(report, gold["date"]),
        "place_name": None if not location else place_name_matches(report, location.get("name"), gazetteer),
        "place_25km": place_within(report, location, 25.0),
        "place_161km": place_within(report, location, 161.0),
        "claim": None if not gold.get("claim") else report.claim.status == gold["claim"].get("status"),
        "fatalities": fatalities_match(report, gold.get("fatalities")),
    }


def place_name_matches(report: EventReport, gold_name: str | None, gazetteer: Gazetteer) -> bool:
    """Same name after normalisation, or the gold name is an alternate name of the predicted place."""
    loc = report.location
    if not gold_name or loc is None:
        return False
    key = normalize_name(gold_name)
    if key in {normalize_name(n) for n in (loc.text, loc.name) if n}:
        return True
    return loc.gazetteer_id is not None and any(p.id == loc.gazetteer_id for p in gazetteer.candidates(gold_name))


def place_within(report: EventReport, gold: Mapping[str, Any] | None, km: float) -> bool | None:
    """Predicted point within ``km`` of the gold point; None when the gold has no point.
    A gold place coarser than a town (a province, region or country) cannot be hit within
    25 km of its centre: there the gold radius is the limit when it is larger than ``km``."""
    if not gold or gold.get("lat") is None or gold.get("lon") is None:
        return None
    loc = report.location
    if loc is None or loc.lat is None or loc.lon is None:
        return False
    limit = km if gold.get("precision") in FINE_PRECISIONS else max(km, float(gold.get("radius_km") or 0))
    return haversine_km(loc.lat, loc.lon, float(gold["lat"]), float(gold["lon"])) <= limit


def fatalities_match(report: EventReport, gold: Any) -> bool | None:
    """An exact gold count must equal the prediction; a gold [low, high] must contain it."""
    if gold is None:
        return None
    low, high = (gold[0], gold[1]) if isinstance(gold, (list, tuple)) else (gold, gold)
    got = report.fatalities
    if got is None:
        return False
    return int(low) <= got.low and got.high <= int(high)


def agreeing_roles(report: EventReport, gold: Mapping[str, Any], kb: ActorKB) -> int:
    """How many of actor, target, date, place the prediction gets right (gold nulls excluded)."""
    checks = (
        gold.get("actor") is not None and actor_matches(report.actor, gold["actor"], kb),
        gold.get("target") is not None and actor_matches(report.target, gold["target"], kb),
        bool(gold.get("date")) and date_matches(report, gold["date"]),
        bool(gold.get("location")) and place_matches(report, gold["location"]),
    )
    return sum(checks)


def is_candidate(report: EventReport, gold: Mapping[str, Any], evidence: Span | None, kb: ActorKB) -> bool:
    """Sentence overlaps the gold evidence, or same type and two of actor/target/date/place agree."""
    sentence = report.sentence
    if evidence is not None and sentence.start < evidence.end and evidence.start < sentence.end:
        return True
    return report.event_type == gold.get("type") and agreeing_roles(report, gold, kb) >= 2


def find_evidence(text: str, evidence: str | None) -> Span | None:
    """Where the gold evidence string is in the document text (whitespace-insensitive)."""
    if not evidence:
        return None
    start = text.find(evidence)
    if start >= 0:
        return Span(start, start + len(evidence), evidence)
    words = evidence.split()
    if not words:
        return None
    found = re.search(r"\s+".join(map(re.escape, words)), text)
    return Span(found.start(), found.end(), found.group()) if found else None
