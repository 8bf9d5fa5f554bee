"""Records <-> rows, and the SELECT statements the store runs.

Pure functions: nothing here opens a connection. Everything is portable
SQLAlchemy Core (no dialect-specific SQL), so it runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any, Mapping

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select

from ..errors import ConfigError
from ..records import Actor, Count, Document, EventReport, Relation, Span
from .schema import actor_aliases, actors, documents, event_reports, relations


@dataclass(frozen=True)
class Criteria:
    """The criteria every listing shares (events, incidents, API pages). Every criterion
    left as None matches everything.

    ``actor`` matches the actor or the target of a report by actor id, canonical
    name, alias or the text as written, case-insensitively. ``since``/``until``
    keep reports whose date range overlaps [since, until].
    """

    event_type: str | None = None
    actor: str | None = None
    country: str | None = None
    since: date | None = None
    until: date | None = None
    claim_status: str | None = None


@dataclass(frozen=True)
class EventFilter(Criteria):
    """Which event reports to list (``Criteria``); ``limit=None`` lists all."""

    limit: int | None = 100
    offset: int = 0

    def __post_init__(self) -> None:
        if self.limit is not None and self.limit < 0:
            raise ConfigError(f"event filter: limit must be 0 or more, not {self.limit}")
        if self.offset < 0:
            raise ConfigError(f"event filter: offset must be 0 or more, not {self.offset}")


# -- records -> rows ---------------------------------------------------------------


def document_row(document: Document) -> dict[str, Any]:
    return {
        "id": document.id,
        "source_id": document.source_id,
        "url": document.url,
        "title": document.title,
        "outlet": document.outlet,
        "published": document.published,
        "byline": document.byline,
        "captions": list(document.captions),
        "content_hash": document.content_hash or None,
        "text": document.text,
        "ingested_at": datetime.now(timezone.utc),
    }


def _count_columns(prefix: str, count: Count | None) -> dict[str, int | None]:
    return {
        f"{prefix}_low": count.low if count else None,
        f"{prefix}_high": count.high if count else None,
    }


def report_row(report: EventReport) -> dict[str, Any]:
    actor, target, place = report.actor, report.target, report.location
    row: dict[str, Any] = {
        "id": report.id,
        "document_id": report.document.id,
        "event_type": report.event_type,
        "mode": report.mode,
        "acled_event_type": report.acled_event_type,
        "acled_sub_event_type": report.acled_sub_event_type,
        "actor_text": actor.text if actor else None,
        "actor_id": actor.id if actor else None,
        "actor_name": actor.name if actor else None,
        "target_text": target.text if target else None,
        "target_id": target.id if target else None,
        "target_name": target.name if target else None,
        "location_name": (place.name or place.text) if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "precision": place.precision if place else None,
        "date_start": report.date.start,
        "date_end": report.date.end,
        "date_precision": report.date.precision,
        "claim_status": report.claim.status,
        "confidence": report.confidence,
        "negated": report.modality.negated,
        "hypothetical": report.modality.hypothetical,
        "future": report.modality.future,
        "record": report.as_dict(),
    }
    row.update(_count_columns("fatalities", report.fatalities))
    row.update(_count_columns("injured", report.injured))
    return row


def source_rows(report: EventReport) -> list[dict[str, str]]:
    names = dict.fromkeys(name for name in report.claim.sources if name)
    return [{"event_id": report.id, "name": name} for name in names]


def actor_row(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id, "name": actor.name, "kind": actor.kind,
        "country": actor.country, "description": actor.description,
    }


def alias_rows(actor: Actor) -> list[dict[str, Any]]:
    unique = dict.fromkeys(alias for alias in actor.aliases if alias)
    return [
        {"actor_id": actor.id, "alias": alias, "position": position}
        for position, alias in enumerate(unique)
    ]


def relation_row(relation: Relation) -> dict[str, Any]:
    return {
        "subject": relation.subject,
        "predicate": relation.predicate,
        "object": relation.object,
        "subject_name": relation.subject_name,
        "object_name": relation.object_name,
        "valid_from": relation.valid_from,
        "valid_to": relation.valid_to,
        "source": relation.source,
        "evidence": relation.evidence.as_dict() if relation.evidence else None,
    }


def relation_key(relation: Relation) -> ColumnElement[bool]:
    """The unique key of a relation row, as a WHERE clause."""
    return and_(
        relations.c.subject == relation.subject,
        relations.c.predicate == relation.predicate,
        relations.c.object == relation.object,
        relations.c.source == relation.source,
    )


# -- rows -> records ---------------------------------------------------------------


def row_to_document(row: Mapping[str, Any]) -> Document:
    return Document(
        id=row["id"], source_id=row["source_id"], text=row["text"], title=row["title"],
        url=row["url"], outlet=row["outlet"], published=row["published"],
        byline=row["byline"], captions=tuple(row["captions"] or ()),
        content_hash=row["content_hash"] or "",
    )


def row_to_relation(row: Mapping[str, Any]) -> Relation:
    evidence = row["evidence"]
    return Relation(
        subject=row["subject"], predicate=row["predicate"], object=row["object"],
        subject_name=row["subject_name"], object_name=row["object_name"],
        valid_from=row["valid_from"], valid_to=row["valid_to"], source=row["source"],
        evidence=Span.from_dict(evidence) if evidence else None,
    )


def row_to_actor(row: Mapping[str, Any], aliases: tuple[str, ...]) -> Actor:
    return Actor(
        id=row["id"], name=row["name"], kind=row["kind"], country=row["country"],
        aliases=aliases, description=row["description"],
    )


# -- SELECT statements -------------------------------------------------------------


def _actor_ids_named(needle: str) -> Select[Any]:
    """Ids of knowledge-base actors whose id, name or an alias is ``needle`` (lowercased)."""
    by_alias = select(actor_aliases.c.actor_id).where(func.lower(actor_aliases.c.alias) == needle)
    by_name = select(actors.c.id).where(
        or_(func.lower(actors.c.id) == needle, func.lower(actors.c.name) == needle)
    )
    return by_alias.union(by_name)


def actor_match(text: str) -> ColumnElement[bool]:
    needle = text.strip().lower()
    known = _actor_ids_named(needle)
    r = event_reports.c
    return or_(
        *(func.lower(column) == needle for column in (
            r.actor_id, r.actor_name, r.actor_text, r.target_id, r.target_name, r.target_text,
        )),
        r.actor_id.in_(known),
        r.target_id.in_(known),
    )


def conditions(filt: Criteria) -> list[ColumnElement[bool]]:
    """WHERE terms on ``event_reports`` for the shared criteria."""
    where = record_conditions(filt, event_reports.c)
    if filt.actor and filt.actor.strip():
        where.append(actor_match(filt.actor))
    return where


def record_conditions(filt: Criteria, c: Any) -> list[ColumnElement[bool]]:
    """WHERE terms for type, country, claim status and dates on a table with the record
    columns event_type, country, claim_status, date_start and date_end (reports, incidents);
    a range overlaps [since, until]."""
    where: list[ColumnElement[bool]] = []
    if filt.event_type:
        where.append(c.event_type == filt.event_type.upper())
    if filt.country:
        where.append(c.country == filt.country.upper())
    if filt.claim_status:
        where.append(c.claim_status == filt.claim_status.lower())
    if filt.since:
        where.append(func.coalesce(c.date_end, c.date_start) >= filt.since)
    if filt.until:
        where.append(c.date_start <= filt.until)
    return where


def events_select(filt: EventFilter) -> Select[Any]:
    """Matching reports, newest first by date_start (undated last), then by id."""
    r = event_reports.c
    undated_last = case((r.date_start.is_(None), 1), else_=0)
    stmt = (
        select(r.id, r.document_id, r.record)
        .where(*conditions(filt))
        .order_by(undated_last, r.date_start.desc(), r.id)
        .offset(filt.offset or None)
    )
    return stmt.limit(filt.limit) if filt.limit is not None else stmt


def count_by(column: ColumnElement[Any]) -> Select[Any]:
    """Number of reports per value of ``column`` (NULLs left out), largest first."""
    n = func.count().label("n")
    return (
        select(column, n).where(column.is_not(None)).group_by(column).order_by(n.desc(), column)
    )


def documents_by_id(ids: set[str]) -> Select[Any]:
    return select(documents).where(documents.c.id.in_(sorted(ids)))
