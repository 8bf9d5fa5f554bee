"""What merging needs to know about one report, and its blocking keys.

``Features`` is a small, flat view of an ``EventReport``. A report is *mergeable*
when it is factual (not negated, hypothetical or future), has a place with
coordinates and a resolved date range of at most ``max_date_span_days`` (at most
``vague_date_span_days`` when the place is a point or town); any other report is an
incident of its own.

Blocking: a report is filed under keys (type group, date bucket, geo key). Two
reports can only be compared when one's *probe* keys meet the other's *insert*
keys; the keys are built so that every compatible pair meets (see docs/incidents.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..records import EventReport
from .rules import MergeRules

PRECISION_RANK = {"point": 0, "town": 1, "region": 2, "country": 3}


@dataclass(frozen=True, slots=True)
class Features:
    id: str
    event_type: str
    mergeable: bool
    start: int = 0  # date ordinals, inclusive
    end: int = 0
    day: bool = False  # day precision
    lat: float = 0.0
    lon: float = 0.0
    precision: str = "country"
    country: str | None = None
    place_id: str | None = None
    actor: str | None = None
    target: str | None = None
    mode: str | None = None

    @property
    def rank(self) -> int:
        return PRECISION_RANK.get(self.precision, 3)

    def order_key(self) -> tuple[int, int, int, str]:
        """Canonical processing order: finest place, then narrowest date, then most roles known."""
        known = (self.actor is not None) + (self.target is not None)
        return (self.rank, self.end - self.start, -known, self.id)


def features(report: EventReport, rules: MergeRules) -> Features:
    loc, when = report.location, report.date
    actor = report.actor.id if report.actor else None
    target = report.target.id if report.target else None
    if not report.modality.factual or when.start is None or loc is None or loc.lat is None or loc.lon is None:
        return Features(report.id, report.event_type, False, actor=actor, target=target, mode=report.mode)
    start, end = when.start.toordinal(), (when.end or when.start).toordinal()
    fine = loc.precision in ("point", "town")
    mergeable = end - start < rules.max_date_span_days or (fine and end - start < rules.vague_date_span_days)
    return Features(
        report.id, report.event_type, mergeable, start=start, end=end, day=when.precision == "day",
        lat=float(loc.lat), lon=float(loc.lon), precision=loc.precision or "country", country=loc.country,
        place_id=loc.gazetteer_id, actor=actor, target=target, mode=report.mode,
    )


def radius_km(f: Features, rules: MergeRules) -> float | None:
    """How far the place may be from another report's; None means 'same country'."""
    if f.precision == "country":
        return None
    if f.precision == "region" and f.country is None:
        return rules.radius_km["water"]
    return rules.radius_km.get(f.precision, rules.radius_km["town"])


def insert_keys(f: Features, rules: MergeRules) -> list[str]:
    return _keys(f, rules, _buckets(f.start, f.end, rules), probe=False)


def probe_keys(f: Features, rules: MergeRules) -> list[str]:
    slack = rules.date_slack_days
    return _keys(f, rules, _buckets(f.start - slack, f.end + slack, rules), probe=True)


def _keys(f: Features, rules: MergeRules, buckets: range, probe: bool) -> list[str]:
    if not f.mergeable:
        return []
    group = rules.group(f.event_type)
    return [f"{group}|{b}|{g}" for b in buckets for g in _geo_keys(f, rules, probe)]


def _buckets(first: int, last: int, rules: MergeRules) -> range:
    size = rules.date_bucket_days
    return range(first // size, last // size + 1)


def _geo_keys(f: Features, rules: MergeRules, probe: bool) -> list[str]:
    """Country-level reports meet the towns of their country through 'C:'/'T:' keys;
    located reports meet each other through the grid cells their radius covers."""
    radius = radius_km(f, rules)
    if radius is None:
        return ["C:" + (f.country or "-"), "T:" + (f.country or "-")] if probe else ["C:" + (f.country or "-")]
    keys = _cells(f.lat, f.lon, radius, rules.cell_degrees)
    if f.country:
        keys.append(("C:" if probe else "T:") + f.country)
    return keys


def _cells(lat: float, lon: float, radius: float, size: float) -> list[str]:
    dlat = radius / 111.0
    dlon = radius / (111.0 * max(math.cos(math.radians(min(abs(lat) + dlat, 89.0))), 0.01))
    rows = range(math.floor((lat - dlat) / size), math.floor((lat + dlat) / size) + 1)
    cols = range(math.floor((lon - dlon) / size), math.floor((lon + dlon) / size) + 1)
    return [f"G:{r}:{c}" for r in rows for c in cols]
