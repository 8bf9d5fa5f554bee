"""Matching rules between a predicted event report and a gold event (seed-gold format).

A prediction matches a gold event field by field:
- type: the same PLOVER type;
- actor / target: the gold name resolves (knowledge base) to the predicted actor, or
  to the state the predicted actor belongs to ('United States' matches 'US Navy');
  a gold null matches anything;
- date: the two ranges overlap, or their ends are within one day;
- place: the predicted point lies within the gold radius (km); a gold null matches anything;
- claim: the same status.
The best prediction for a gold event is the one of the same type matching most fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Mapping, Sequence

from ..geo import haversine_km
from ..knowledge.actors import ActorKB
from ..records import ActorRef, EventReport

FIELDS = ("type", "actor", "target", "date", "place", "claim")


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
    return FieldMatch(report, {
        "type": report.event_type == gold.get("type"),
        "actor": actor_matches(report.actor, gold.get("actor"), kb),
        "target": actor_matches(report.target, gold.get("target"), kb),
        "date": date_matches(report, gold.get("date")),
        "place": place_matches(report, gold.get("location")),
        "claim": (gold.get("claim") or {}).get("status", report.claim.status) == report.claim.status,
    })


def best_match(reports: Sequence[EventReport], gold: Mapping[str, Any], kb: ActorKB) -> FieldMatch | None:
    candidates = [match_fields(r, gold, kb) for r in reports if r.event_type == gold.get("type")]
    return max(candidates, key=lambda m: m.score, default=None)


def actor_matches(ref: ActorRef | None, gold_name: str | None, kb: ActorKB) -> bool:
    if gold_name is None:
        return True
    if ref is None:
        return False
    gold = kb.lookup(gold_name)
    if gold is None or ref.id is None:
        names = {n.lower() for n in (ref.name, ref.text) if n}
        return gold_name.lower() in names
    if gold.id == ref.id:
        return True
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
