"""The pairwise merge rule: may two reports describe one real-world incident?

A pure function of the two reports (and the rules and knowledge), so incidents never
depend on the order in which articles arrive. docs/incidents.md states the rule.
"""

from __future__ import annotations

from ..geo import haversine_km
from .actors import ActorGraph
from .features import Features, radius_km
from .rules import MergeRules


def compatible(a: Features, b: Features, rules: MergeRules, graph: ActorGraph) -> bool:
    if not (a.mergeable and b.mergeable) or rules.group(a.event_type) != rules.group(b.event_type):
        return False
    return (
        _dates_overlap(a, b, rules.date_slack_days)
        and places_agree(a, b, rules)
        and graph.compatible(a.actor, b.actor)
        and graph.compatible(a.target, b.target)
        and (_anchored(a, b) or not _vague(a, b, rules))
    )


def _vague(a: Features, b: Features, rules: MergeRules) -> bool:
    """Too little in common to merge on place and date alone: a country-level or
    open-water place, a date vaguer than ``max_date_span_days``, or dates that only
    meet thanks to the slack day."""
    if {place_kind(a), place_kind(b)} & rules.anchor_required_for:
        return True
    if max(a.end - a.start, b.end - b.start) >= rules.max_date_span_days:
        return True
    return not _dates_overlap(a, b, 0)


def _anchored(a: Features, b: Features) -> bool:
    """Both name an actor, or both name a target (already known to be compatible)."""
    return (a.actor is not None and b.actor is not None) or (a.target is not None and b.target is not None)


def place_kind(f: Features) -> str:
    if f.precision == "region" and f.country is None:
        return "water"
    return f.precision


def _dates_overlap(a: Features, b: Features, slack: int) -> bool:
    return a.start - slack <= b.end and b.start - slack <= a.end


def places_agree(a: Features, b: Features, rules: MergeRules) -> bool:
    """Within the radius of the coarser place; a country-level place needs the same
    country, and (``same_country``) two places in known, different countries never agree."""
    if a.place_id is not None and a.place_id == b.place_id:
        return True
    ra, rb = radius_km(a, rules), radius_km(b, rules)
    if ra is None or rb is None:
        return a.country is not None and a.country == b.country
    if rules.same_country and a.country and b.country and a.country != b.country:
        return False
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= max(ra, rb)


def affinity(a: Features, b: Features) -> int:
    """How much two compatible reports share; decides between candidate incidents."""
    score = 3 if a.place_id is not None and a.place_id == b.place_id else 0
    score += 2 if a.actor is not None and a.actor == b.actor else 0
    score += 2 if a.target is not None and a.target == b.target else 0
    score += 1 if a.mode is not None and a.mode == b.mode else 0
    score += 1 if a.event_type == b.event_type else 0
    score += 1 if a.day and b.day and a.start == b.start else 0
    return score
