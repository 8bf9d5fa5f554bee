"""The database schema: SQLAlchemy Core tables on one ``METADATA``.

Only portable column types (String without a length, Text, Integer, Float, Boolean,
Date, DateTime, JSON) so the same schema runs on SQLite and PostgreSQL. Event reports keep their
full ``EventReport.as_dict()`` in ``record`` for lossless reads; the other columns
are copies of the fields people filter and count on.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)

METADATA = MetaData()

documents = Table(
    "documents",
    METADATA,
    Column("id", String, primary_key=True),
    Column("source_id", Text, nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("outlet", String),
    Column("published", Date),
    Column("byline", Text),
    Column("captions", JSON, nullable=False),
    Column("content_hash", String, unique=True),  # NULL when the document has none
    Column("text", Text, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Index("ix_documents_ingested_at", "ingested_at"),  # newest ingest: the browse cache's version
)

event_reports = Table(
    "event_reports",
    METADATA,
    Column("id", String, primary_key=True),
    Column("document_id", String, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("event_type", String, nullable=False),
    Column("mode", String),
    Column("acled_event_type", String),
    Column("acled_sub_event_type", String),
    Column("actor_text", Text),
    Column("actor_id", String),
    Column("actor_name", Text),
    Column("target_text", Text),
    Column("target_id", String),
    Column("target_name", Text),
    Column("location_name", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String),
    Column("admin1", Text),
    Column("precision", String),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("date_precision", String, nullable=False),
    Column("claim_status", String, nullable=False),
    Column("fatalities_low", Integer),
    Column("fatalities_high", Integer),
    Column("injured_low", Integer),
    Column("injured_high", Integer),
    Column("confidence", Float, nullable=False),
    Column("negated", Boolean, nullable=False),
    Column("hypothetical", Boolean, nullable=False),
    Column("future", Boolean, nullable=False),
    Column("record", JSON, nullable=False),
    Index("ix_event_reports_event_type", "event_type"),
    Index("ix_event_reports_country", "country"),
    Index("ix_event_reports_date_start", "date_start"),
    Index("ix_event_reports_claim_status", "claim_status"),
    Index("ix_event_reports_actor_id", "actor_id"),
    Index("ix_event_reports_target_id", "target_id"),
    Index("ix_event_reports_document_id", "document_id"),
)
# Browse order (date_start desc, id), alone and after each equality filter; by-day counts.
_er = event_reports.c
Index("ix_event_reports_newest", _er.date_start.desc(), _er.id)
Index("ix_event_reports_type_newest", _er.event_type, _er.date_start.desc(), _er.id)
Index("ix_event_reports_country_newest", _er.country, _er.date_start.desc(), _er.id)
Index("ix_event_reports_claim_newest", _er.claim_status, _er.date_start.desc(), _er.id)
Index("ix_event_reports_day_type", _er.date_start, _er.event_type)

actors = Table(
    "actors",
    METADATA,
    Column("id", String, primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String, nullable=False),
    Column("country", String),
    Column("description", Text),
)

actor_aliases = Table(
    "actor_aliases",
    METADATA,
    Column("actor_id", String, ForeignKey("actors.id", ondelete="CASCADE"), nullable=False),
    Column("alias", String, nullable=False),
    Column("position", Integer, nullable=False),  # keeps the aliases in the order given
    UniqueConstraint("actor_id", "alias", name="uq_actor_aliases_actor_alias"),
    Index("ix_actor_aliases_alias", "alias"),
)
Index("ix_actor_aliases_alias_lower", func.lower(actor_aliases.c.alias))

relations = Table(
    "relations",
    METADATA,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("subject", String, nullable=False),
    Column("predicate", String, nullable=False),
    Column("object", String, nullable=False),
    Column("subject_name", Text),
    Column("object_name", Text),
    Column("valid_from", Date),
    Column("valid_to", Date),
    Column("source", String, nullable=False),
    Column("evidence", JSON),
    UniqueConstraint("subject", "predicate", "object", "source", name="uq_relations_key"),
    Index("ix_relations_object", "object"),
)

sources = Table(
    "sources",
    METADATA,
    Column("event_id", String, ForeignKey("event_reports.id", ondelete="CASCADE"), nullable=False),
    Column("name", String, nullable=False),
    UniqueConstraint("event_id", "name", name="uq_sources_event_name"),
    Index("ix_sources_name", "name"),
)

# -- incidents (sitroom/incidents, sitroom/store/incidents.py) ------------------------

document_signatures = Table(  # MinHash signature of each document (near-duplicates)
    "document_signatures",
    METADATA,
    Column("document_id", String, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("signature", JSON, nullable=False),
)

document_bands = Table(  # LSH band keys: documents sharing one are near-duplicate candidates
    "document_bands",
    METADATA,
    Column("key", String, nullable=False),
    Column("document_id", String, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Index("ix_document_bands_key", "key"),
)

document_links = Table(  # a near-duplicate document -> the original of its group
    "document_links",
    METADATA,
    Column("document_id", String, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("original_id", String, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("similarity", Float, nullable=False),
    Index("ix_document_links_original_id", "original_id"),
)

report_blocks = Table(  # the merge blocking index: (type group | date bucket | geo key) -> report
    "report_blocks",
    METADATA,
    Column("key", String, nullable=False),
    Column("report_id", String, ForeignKey("event_reports.id", ondelete="CASCADE"), nullable=False),
    Index("ix_report_blocks_key", "key"),
)

incident_reports = Table(  # report -> its incident; lead_id is the incident's lead report
    "incident_reports",
    METADATA,
    Column("report_id", String, ForeignKey("event_reports.id", ondelete="CASCADE"), primary_key=True),
    Column("lead_id", String, nullable=False),
    Column("incident_id", String, nullable=False),
    Index("ix_incident_reports_incident_id", "incident_id"),
    Index("ix_incident_reports_lead_id", "lead_id"),
)

incidents = Table(  # one row per incident: filter columns plus the full Incident record
    "incidents",
    METADATA,
    Column("id", String, primary_key=True),
    Column("event_type", String, nullable=False),
    Column("country", String),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("claim_status", String, nullable=False),
    Column("n_reports", Integer, nullable=False),
    Column("n_sources", Integer, nullable=False),
    Column("record", JSON, nullable=False),
    Index("ix_incidents_event_type", "event_type"),
    Index("ix_incidents_country", "country"),
    Index("ix_incidents_date_start", "date_start"),
)
Index("ix_incidents_newest", incidents.c.date_start.desc(), incidents.c.id)  # browse order (the API)
