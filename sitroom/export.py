"""Event reports to the formats the field uses: JSON, JSON Lines, flat CSV
(ACLED-style columns), GeoJSON.

Every writer takes ``incidents`` (report id -> incident id, ``Store.incident_ids``):
JSON records and GeoJSON properties then carry ``incident_id``, and the CSV
``incident_id`` column is filled where the report belongs to an incident."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable, Mapping, Sequence

from .records import EventReport, Location

FORMATS = ("table", "json", "jsonl", "csv", "geojson")
CSV_COLUMNS = (
    "id", "incident_id", "event_date", "date_end", "date_precision", "event_type", "mode", "acled_event_type",
    "acled_sub_event_type", "actor", "actor_id", "actor_backers", "target", "target_id", "location",
    "country", "admin1", "latitude", "longitude", "geo_precision", "weapons", "outcome", "fatalities",
    "injured", "claim_status", "claimed_by", "sources", "negated", "hypothetical", "future",
    "confidence", "document_id", "source_id", "url", "outlet", "published", "notes",
)


def record(report: EventReport, incidents: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The report's record; with ``incidents``, plus its ``incident_id`` (None if it has none)."""
    data = report.as_dict()
    if incidents is not None:
        data["incident_id"] = incidents.get(report.id)
    return data


def to_json(reports: Sequence[EventReport], incidents: Mapping[str, str] | None = None) -> str:
    return json.dumps([record(r, incidents) for r in reports], ensure_ascii=False, indent=2)


def to_jsonl(reports: Iterable[EventReport], incidents: Mapping[str, str] | None = None) -> str:
    return "".join(json.dumps(record(r, incidents), ensure_ascii=False) + "\n" for r in reports)


def to_csv(reports: Iterable[EventReport], incidents: Mapping[str, str] | None = None) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for report in reports:
        writer.writerow(csv_row(report, incidents))
    return out.getvalue()


def csv_row(report: EventReport, incidents: Mapping[str, str] | None = None) -> dict[str, Any]:
    loc, actor, target = report.location, report.actor, report.target
    count = lambda c: "" if c is None else (str(c.low) if c.low == c.high else f"{c.low}-{c.high}")  # noqa: E731
    return {
        "id": report.id, "incident_id": (incidents or {}).get(report.id, ""), "event_date": _iso(report.date.start), "date_end": _iso(report.date.end),
        "date_precision": report.date.precision, "event_type": report.event_type, "mode": report.mode or "",
        "acled_event_type": report.acled_event_type or "", "acled_sub_event_type": report.acled_sub_event_type or "",
        "actor": _name(actor), "actor_id": actor.id if actor and actor.id else "",
        "actor_backers": "; ".join(actor.backers) if actor else "",
        "target": _name(target), "target_id": target.id if target and target.id else "",
        "location": loc.name if loc and loc.name else "", "country": loc.country if loc and loc.country else "",
        "admin1": loc.admin1 if loc and loc.admin1 else "",
        "latitude": loc.lat if loc and loc.lat is not None else "", "longitude": loc.lon if loc and loc.lon is not None else "",
        "geo_precision": loc.precision if loc and loc.precision else "",
        "weapons": "; ".join(report.weapons), "outcome": report.outcome or "",
        "fatalities": count(report.fatalities), "injured": count(report.injured),
        "claim_status": report.claim.status, "claimed_by": report.claim.claimed_by or "",
        "sources": "; ".join(report.claim.sources),
        "negated": int(report.modality.negated), "hypothetical": int(report.modality.hypothetical),
        "future": int(report.modality.future), "confidence": round(report.confidence, 3),
        "document_id": report.document.id, "source_id": report.document.source_id,
        "url": report.document.url or "", "outlet": report.document.outlet or "",
        "published": _iso(report.document.published), "notes": report.sentence.text.strip(),
    }


def to_geojson(reports: Iterable[EventReport], incidents: Mapping[str, str] | None = None) -> str:
    features = [{"type": "Feature", "id": report.id, "geometry": point(report.location),
                 "properties": record(report, incidents)} for report in reports]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def point(loc: Location | None) -> dict[str, Any] | None:
    """A GeoJSON Point for a location with coordinates, else None."""
    if loc is None or loc.lat is None or loc.lon is None:
        return None
    return {"type": "Point", "coordinates": [loc.lon, loc.lat]}


def _name(ref: Any) -> str:
    if ref is None:
        return ""
    return ref.name or ref.text


def _iso(value: Any) -> str:
    return value.isoformat() if value else ""
