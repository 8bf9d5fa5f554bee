"""Incidents to JSON, JSON Lines, flat CSV, GeoJSON, and rich tables for the CLI."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable, Sequence

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..export import count_text, iso, place_text, point, when_text
from .record import Incident

CSV_COLUMNS = (
    "incident_id", "event_date", "date_end", "date_precision", "event_type", "mode", "actor", "actor_id",
    "target", "target_id", "location", "country", "latitude", "longitude", "geo_precision", "fatalities",
    "injured", "claim_status", "claim_summary", "n_reports", "n_documents", "n_sources", "n_outlets",
    "outlets", "disagreements", "report_ids",
)


def to_json(found: Sequence[Incident]) -> str:
    return json.dumps([i.as_dict() for i in found], ensure_ascii=False, indent=2)


def to_jsonl(found: Iterable[Incident]) -> str:
    return "".join(json.dumps(i.as_dict(), ensure_ascii=False) + "\n" for i in found)


def to_csv(found: Iterable[Incident]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for incident in found:
        writer.writerow(csv_row(incident))
    return out.getvalue()


def to_geojson(found: Iterable[Incident]) -> str:
    features = [{"type": "Feature", "id": incident.id, "geometry": point(incident.location),
                 "properties": incident.as_dict()} for incident in found]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


WRITERS = {"json": to_json, "jsonl": to_jsonl, "csv": to_csv, "geojson": to_geojson}


def csv_row(incident: Incident) -> dict[str, Any]:
    """The incident's flat row, keyed by ``CSV_COLUMNS``; unknown values are ""."""
    loc, actor, target, when = incident.location, incident.actor, incident.target, incident.date
    return {
        "incident_id": incident.id, "event_date": iso(when.start), "date_end": iso(when.end),
        "date_precision": when.precision, "event_type": incident.event_type, "mode": incident.mode or "",
        "actor": (actor.name or actor.text) if actor else "", "actor_id": (actor.id or "") if actor else "",
        "target": (target.name or target.text) if target else "", "target_id": (target.id or "") if target else "",
        "location": (loc.name or loc.text) if loc else "", "country": (loc.country or "") if loc else "",
        "latitude": loc.lat if loc and loc.lat is not None else "",
        "longitude": loc.lon if loc and loc.lon is not None else "",
        "geo_precision": (loc.precision or "") if loc else "",
        "fatalities": count_text(incident.fatalities), "injured": count_text(incident.injured),
        "claim_status": incident.claim.status, "claim_summary": incident.claim.summary,
        "n_reports": incident.n_reports, "n_documents": incident.n_documents,
        "n_sources": incident.n_sources, "n_outlets": incident.n_outlets,
        "outlets": "; ".join(incident.outlets), "disagreements": _disagreements(incident),
        "report_ids": "; ".join(r.id for r in incident.reports),
    }


def table(found: Sequence[Incident], title: str) -> Table:
    """One row per incident: id, date, type, roles, place, claim summary and corroboration."""
    out = Table(title=title)
    for column in ("id", "date", "type", "actor", "target", "place", "claim", "reports", "sources", "outlets"):
        out.add_column(column, overflow="fold")
    for incident in found:
        row = csv_row(incident)
        out.add_row(incident.id, when_text(row), f"{incident.event_type} {incident.mode or ''}".strip(), row["actor"],
                    row["target"], place_text(row), incident.claim.summary, str(incident.n_reports),
                    str(incident.n_sources), str(incident.n_outlets))
    return out


def detail(incident: Incident) -> Group:
    """One incident: consensus fields, the claim picture, disagreements, the reports."""
    row = csv_row(incident)
    lines = [Text.assemble((f"{key}: ", "bold"), str(row[key])) for key in (
        "incident_id", "event_type", "mode", "actor", "target", "location", "country", "event_date", "date_end",
        "fatalities", "injured", "claim_status", "claim_summary", "n_reports", "n_documents", "n_sources",
        "n_outlets", "outlets") if row[key] not in ("", None)]
    for item in incident.disagreements:
        values = "; ".join(f"{v} ({', '.join(ids)})" for v, ids in item.values)
        lines.append(Text.assemble(("disagreement ", "bold red"), f"{item.field}: {values}"))
    reports = Table(title="reports")
    for column in ("report", "document", "outlet", "published", "claim", "date", "place", "near-duplicate of"):
        reports.add_column(column, overflow="fold")
    for r in incident.reports:
        reports.add_row(r.id, r.document.title or r.document.source_id, r.document.outlet or "",
                        iso(r.document.published), r.claim_status, iso(r.date.start), r.location or "",
                        r.original_document or "")
    return Group(*lines, reports)


def _disagreements(incident: Incident) -> str:
    return "; ".join(f"{d.field}: " + " vs ".join(str(v) for v, _ in d.values) for d in incident.disagreements)
