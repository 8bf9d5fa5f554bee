"""An incident record from its member reports: consensus fields, corroboration
(documents, independent sources, outlets), the claim picture and disagreements.

Near-duplicate documents count once: reports of a copy and of its original are one
independent source. Every value is a function of the set of reports, never of the
order they came in.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Callable, Iterable, Mapping, Sequence, TypeVar

from ..records import ActorRef, Count, DateRange, EventReport, Location
from .features import PRECISION_RANK
from .record import (
    INCIDENT_STATUS_ORDER, Attribution, Disagreement, Incident, IncidentClaim, IncidentReport,
)

T = TypeVar("T")


def build_incident(incident_id: str, reports: Sequence[EventReport], originals: Mapping[str, str]) -> Incident:
    """``originals`` maps a near-duplicate document id to its original's id."""
    ordered = sorted(reports, key=lambda r: r.id)
    docs = {r.document.id: r.document for r in ordered}
    return Incident(
        id=incident_id,
        event_type=_most_common([r.event_type for r in ordered]) or ordered[0].event_type,
        mode=_most_common([r.mode for r in ordered if r.mode]),
        actor=_consensus_actor([r.actor for r in ordered]),
        target=_consensus_actor([r.target for r in ordered]),
        location=_consensus_location(ordered),
        date=_consensus_date(ordered),
        fatalities=_consensus_count([r.fatalities for r in ordered]),
        injured=_consensus_count([r.injured for r in ordered]),
        claim=_claim(ordered),
        reports=tuple(_member(r, originals) for r in ordered),
        outlets=tuple(sorted({d.outlet for d in docs.values() if d.outlet})),
        cited=tuple(sorted({s for r in ordered for s in _parties(r)})),
        n_documents=len(docs),
        n_sources=len({originals.get(d, d) for d in docs}),
        disagreements=tuple(d for d in _disagreements(ordered) if d is not None),
    )


def _member(report: EventReport, originals: Mapping[str, str]) -> IncidentReport:
    loc = report.location
    return IncidentReport(
        id=report.id, document=report.document, original_document=originals.get(report.document.id),
        claim_status=report.claim.status, date=report.date,
        location=(loc.name or loc.text) if loc else None, fatalities=report.fatalities,
    )


def _most_common(values: Iterable[T]) -> T | None:
    counts = Counter(values)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], str(v)))


def _consensus_actor(refs: Sequence[ActorRef | None]) -> ActorRef | None:
    known = [r for r in refs if r is not None and r.id]
    pool = known or [r for r in refs if r is not None]
    key = _most_common([r.id or r.text for r in pool])
    return next((r for r in pool if (r.id or r.text) == key), None)


def _consensus_location(reports: Sequence[EventReport]) -> Location | None:
    located = [r.location for r in reports if r.location is not None and r.location.lat is not None]
    if not located:
        return None
    finest = min(PRECISION_RANK.get(loc.precision or "country", 3) for loc in located)
    pool = [loc for loc in located if PRECISION_RANK.get(loc.precision or "country", 3) == finest]
    key = _most_common([loc.gazetteer_id or loc.text for loc in pool])
    return next(loc for loc in pool if (loc.gazetteer_id or loc.text) == key)


def _consensus_date(reports: Sequence[EventReport]) -> DateRange:
    """The intersection of the reports' ranges when they share a day, else their hull."""
    dated = [r.date for r in reports if r.date.start is not None]
    if not dated:
        return DateRange()
    starts, ends = [d.start for d in dated], [d.end or d.start for d in dated]
    lo, hi = max(starts), min(ends)  # type: ignore[type-var]
    if lo > hi:  # type: ignore[operator]
        lo, hi = min(starts), max(ends)  # type: ignore[type-var]
    precision = "day" if lo == hi else "range"
    text = next((d.text for d in dated if d.start == lo and (d.end or d.start) == hi), None)
    return DateRange(lo, hi, precision, text)


def _consensus_count(counts: Sequence[Count | None]) -> Count | None:
    """One number when all reports agree, else the range they span."""
    given = [c for c in counts if c is not None]
    if not given:
        return None
    return Count(min(c.low for c in given), max(c.high for c in given))


def _parties(report: EventReport) -> list[str]:
    claim = report.claim
    return [p for p in (claim.claimed_by, *claim.sources) if p]


def _claim(reports: Sequence[EventReport]) -> IncidentClaim:
    by_status: dict[str, list[EventReport]] = {}
    for report in reports:
        by_status.setdefault(report.claim.status, []).append(report)
    attributions = tuple(
        Attribution(status, tuple(sorted({p for r in group for p in _parties(r)})), tuple(r.id for r in group))
        for status in INCIDENT_STATUS_ORDER if (group := by_status.get(status))
    )
    status = attributions[0].status if attributions else "asserted"
    summary = "; ".join(f"{a.status} by {', '.join(a.by)}" if a.by else a.status for a in attributions)
    return IncidentClaim(status, summary, attributions)


def _disagreements(reports: Sequence[EventReport]) -> list[Disagreement | None]:
    return [
        _differ("fatalities", reports, lambda r: r.fatalities.as_json() if r.fatalities else None),
        _differ("injured", reports, lambda r: r.injured.as_json() if r.injured else None),
        _differ("date", reports, _day),
        _differ("location", reports, _fine_place),
        _differ("actor", reports, lambda r: r.actor.id if r.actor and r.actor.id else None),
        _differ("target", reports, lambda r: r.target.id if r.target and r.target.id else None),
        _claim_conflict(reports),
    ]


def _day(report: EventReport) -> str | None:
    return report.date.start.isoformat() if report.date.precision == "day" and report.date.start else None


def _fine_place(report: EventReport) -> str | None:
    loc = report.location
    if loc is None or loc.precision not in ("point", "town"):
        return None
    return loc.name or loc.text


def _differ(name: str, reports: Sequence[EventReport], value: Callable[[EventReport], Any]) -> Disagreement | None:
    groups: dict[str, tuple[Any, list[str]]] = {}
    for report in reports:
        v = value(report)
        if v is not None:
            groups.setdefault(repr(v), (v, []))[1].append(report.id)
    if len(groups) < 2:
        return None
    return Disagreement(name, tuple((v, tuple(ids)) for _, (v, ids) in sorted(groups.items())))


def _claim_conflict(reports: Sequence[EventReport]) -> Disagreement | None:
    """Some say it happened as told (confirmed/claimed), others deny or cannot confirm."""
    statuses = {r.claim.status for r in reports}
    if not (statuses & {"denied", "unconfirmed"} and statuses & {"confirmed", "claimed"}):
        return None
    return _differ("claim", reports, lambda r: r.claim.status)
