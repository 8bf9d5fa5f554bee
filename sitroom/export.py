"""Event reports to the formats the field uses: JSON, JSON Lines, flat CSV
(ACLED-style columns), GeoJSON; and the rich tables and views the CLI prints.

Every writer takes ``incidents`` (report id -> incident id, ``Store.incident_ids``):
JSON records and GeoJSON properties then carry ``incident_id``, and the CSV
``incident_id`` column is filled where the report belongs to an incident."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Callable, Iterable, Mapping, Sequence

from rich.console import Group
from rich.table import Table
from rich.text import Text

from .records import Count, EventReport, Location

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
    """The report's flat row, keyed by ``CSV_COLUMNS``; unknown values are ""."""
    loc, actor, target = report.location, report.actor, report.target
    return {
        "id": report.id, "incident_id": (incidents or {}).get(report.id, ""), "event_date": iso(report.date.start),
        "date_end": iso(report.date.end),
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
        "fatalities": count_text(report.fatalities), "injured": count_text(report.injured),
        "claim_status": report.claim.status, "claimed_by": report.claim.claimed_by or "",
        "sources": "; ".join(report.claim.sources),
        "negated": int(report.modality.negated), "hypothetical": int(report.modality.hypothetical),
        "future": int(report.modality.future), "confidence": round(report.confidence, 3),
        "document_id": report.document.id, "source_id": report.document.source_id,
        "url": report.document.url or "", "outlet": report.document.outlet or "",
        "published": iso(report.document.published), "notes": report.sentence.text.strip(),
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


WRITERS: dict[str, Callable[[Sequence[EventReport], Mapping[str, str] | None], str]] = {
    "json": to_json, "jsonl": to_jsonl, "csv": to_csv, "geojson": to_geojson,
}


# -- helpers shared with sitroom.incidents.export ------------------------------------


def count_text(count: Count | None) -> str:
    """A count for a flat row: "3", "2-5", or "" when unknown."""
    if count is None:
        return ""
    return str(count.low) if count.low == count.high else f"{count.low}-{count.high}"


def iso(value: Any) -> str:
    """A date as YYYY-MM-DD, or "" when unknown."""
    return value.isoformat() if value else ""


def when_text(row: Mapping[str, Any]) -> str:
    """A flat row's date for a table: the day, or ``start..end`` for a range."""
    return row["event_date"] if row["date_precision"] == "day" else f"{row['event_date']}..{row['date_end']}"


def place_text(row: Mapping[str, Any]) -> str:
    """A flat row's place for a table: ``location, country``."""
    return ", ".join(p for p in (row["location"], row["country"]) if p)


def _name(ref: Any) -> str:
    if ref is None:
        return ""
    return ref.name or ref.text


# -- rich views for the CLI ----------------------------------------------------------

DETAIL_FIELDS = (
    "incident_id", "event_type", "mode", "acled_event_type", "acled_sub_event_type", "actor", "target",
    "location", "country", "event_date", "date_end", "date_precision", "weapons", "outcome",
    "fatalities", "injured", "claim_status", "claimed_by", "sources", "confidence", "url", "source_id",
)
EVIDENCE_STYLES = {
    "event_type": "bold red", "actor": "bold cyan", "target": "bold magenta", "location": "bold green",
    "date": "bold yellow", "claim": "underline", "weapons": "italic", "fatalities": "reverse", "injured": "reverse",
}


def table(reports: Sequence[EventReport], title: str) -> Table:
    """One row per report: id, date, type, actor, target, place, claim, sources."""
    out = Table(title=title, show_lines=False)
    for column in ("id", "date", "type", "actor", "target", "place", "claim", "sources"):
        out.add_column(column, overflow="fold")
    for report in reports:
        row = csv_row(report)
        out.add_row(report.id, when_text(row), f"{report.event_type} {report.mode or ''}".strip(), row["actor"],
                    row["target"], place_text(row), row["claim_status"], row["sources"])
    return out


def detail(report: EventReport, incidents: Mapping[str, str] | None = None) -> Group:
    """One report: its known fields, then its sentence(s) with the evidence highlighted."""
    row = csv_row(report, incidents)
    lines = [Text.assemble((key, "bold"), f": {row[key]}") for key in DETAIL_FIELDS if row.get(key) not in ("", None)]
    return Group(*lines, Text(), highlight_evidence(report))


def highlight_evidence(report: EventReport) -> Text:
    """The report's sentence(s) with each field's evidence span styled, plus a legend."""
    spans = list(report.evidence.values())
    start = min([report.sentence.start] + [s.start for s in spans])
    end = max([report.sentence.end] + [s.end for s in spans])
    text = report.document.text[start:end] if report.document.text else report.sentence.text
    rich_text = Text(text)
    if report.document.text:
        for name, span in report.evidence.items():
            rich_text.stylize(EVIDENCE_STYLES.get(name, "bold"), span.start - start, span.end - start)
    legend = Text("  ".join(report.evidence), style="dim")
    return Text.assemble(rich_text, "\n", legend)


def type_country_table(reports: Iterable[EventReport]) -> Table:
    """How many reports per (event type, country), most first."""
    counts: dict[tuple[str, str], int] = {}
    for report in reports:
        key = (report.event_type, (report.location.country if report.location else None) or "-")
        counts[key] = counts.get(key, 0) + 1
    out = Table(title="events by type and country")
    for column in ("type", "country", "events"):
        out.add_column(column)
    for (kind, country), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        out.add_row(kind, country, str(n))
    return out
