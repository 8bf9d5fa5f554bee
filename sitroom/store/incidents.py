"""Incidents and near-duplicate links in the database.

``on_document`` runs inside the transaction that stores a document: it links the
document to its near-duplicates (MinHash bands in ``document_bands``), files its
reports in the blocking index (``report_blocks``), attaches them to incidents with
``sitroom.incidents.attach`` over ``SqlBackend``, and rewrites the records of the
incidents that changed. Reads (``incidents_select``, ``load_incident``...) are used
by ``Store``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Sequence

from sqlalchemy import Connection, Select, case, delete, insert, select, update

from ..errors import ConfigError
from ..incidents import ActorGraph, Features, Incident, MergeRules, attach, build_incident, features, incident_id
from ..incidents.neardup import band_keys, original_key, signature, similarity
from ..records import Document, EventReport
from . import queries as q
from .schema import (
    actors, document_bands, document_links, document_signatures, documents, event_reports,
    incident_reports, incidents, relations, report_blocks,
)

CHUNK = 500


@dataclass(frozen=True)
class IncidentFilter(q.Criteria):
    """Which incidents to list (``queries.Criteria``): ``actor`` matches any member
    report's actor or target; since/until keep incidents whose date range overlaps
    [since, until]; ``min_sources`` counts independent sources."""

    min_sources: int = 0
    limit: int | None = 100
    offset: int = 0

    def __post_init__(self) -> None:
        for name in ("limit", "offset", "min_sources"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ConfigError(f"incident filter: {name} must be 0 or more, not {value}")


def chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


# -- writes ------------------------------------------------------------------------


def on_document(conn: Connection, document: Document, reports: Sequence[EventReport],
                graph: ActorGraph | None = None) -> None:
    """Link near-duplicates and attach the document's reports to incidents. ``graph``:
    the stored actors as ``load_graph`` reads them, when the caller has it already."""
    rules = MergeRules.load()
    relinked = link_near_duplicates(conn, document, rules)
    backend = SqlBackend(conn, rules)
    result = attach([features(r, rules) for r in reports], backend, rules, graph or load_graph(conn, rules))
    refresh(conn, set(result.touched) | _leads_of_documents(conn, relinked))


def clear(conn: Connection) -> None:
    """Delete every incident and near-duplicate link (before re-coding all documents)."""
    for table in (incidents, incident_reports, report_blocks, document_links, document_bands, document_signatures):
        conn.execute(delete(table))


def load_graph(conn: Connection, rules: MergeRules) -> ActorGraph:
    """The stored actors and their shipped/user knowledge relations, as merging reads them."""
    found = [q.row_to_actor(row, ()) for row in conn.execute(select(actors)).mappings()]
    rels = [q.row_to_relation(row) for row in conn.execute(
        select(relations).where(relations.c.source == "knowledge")).mappings()]
    return ActorGraph.build(found, rels, rules.actor_links)


class SqlBackend:
    """``sitroom.incidents.engine.Backend`` over the store's tables."""

    def __init__(self, conn: Connection, rules: MergeRules) -> None:
        self.conn, self.rules = conn, rules
        self._features: dict[str, Features] = {}

    def file(self, reports: Sequence[Features], keys: Sequence[list[str]]) -> None:
        rows = [{"key": k, "report_id": f.id} for f, ks in zip(reports, keys) for k in ks]
        if rows:
            self.conn.execute(insert(report_blocks), rows)
        self._features.update((f.id, f) for f in reports)

    def lookup(self, keys: Sequence[str]) -> Iterable[Features]:
        ids: set[str] = set()
        for chunk in chunks(sorted(set(keys))):
            stmt = select(report_blocks.c.report_id).where(report_blocks.c.key.in_(chunk))
            ids.update(self.conn.execute(stmt).scalars())
        missing = sorted(ids - self._features.keys())
        for chunk in chunks(missing):
            stmt = select(event_reports.c.record).where(event_reports.c.id.in_(chunk))
            for record in self.conn.execute(stmt).scalars():
                report = EventReport.from_dict(record)
                self._features[report.id] = features(report, self.rules)
        return [self._features[i] for i in sorted(ids)]

    def leads(self, report_ids: Iterable[str]) -> dict[str, str]:
        wanted = list(dict.fromkeys(report_ids))
        found: dict[str, str] = {}
        for chunk in chunks(wanted):
            stmt = select(incident_reports.c.report_id, incident_reports.c.lead_id).where(
                incident_reports.c.report_id.in_(chunk))
            found.update((r, lead) for r, lead in self.conn.execute(stmt))
        return {r: found.get(r, r) for r in wanted}

    def set_lead(self, report_id: str, lead: str) -> None:
        values = {"lead_id": lead, "incident_id": incident_id(lead)}
        done = self.conn.execute(
            update(incident_reports).where(incident_reports.c.report_id == report_id).values(values))
        if not done.rowcount:
            self.conn.execute(insert(incident_reports), [{"report_id": report_id, **values}])


def link_near_duplicates(conn: Connection, document: Document, rules: MergeRules) -> set[str]:
    """File the document's signature; relink its near-duplicate group to the group's
    original. Returns the ids of documents whose original changed (the new one included)."""
    nd = rules.near_duplicate
    sig = signature(document.text, nd)
    keys = band_keys(sig, nd)
    conn.execute(insert(document_signatures), [{"document_id": document.id, "signature": list(sig)}])
    conn.execute(insert(document_bands), [{"key": k, "document_id": document.id} for k in keys])
    stmt = select(document_bands.c.document_id).where(
        document_bands.c.key.in_(keys), document_bands.c.document_id != document.id).distinct()
    candidates = sorted(conn.execute(stmt).scalars())
    sigs = _signatures(conn, candidates)
    similar = [d for d in candidates if similarity(sig, sigs[d]) >= nd.threshold]
    if not similar:
        return set()
    return _relink(conn, {document.id, *similar}, {document.id: sig, **sigs})


def _relink(conn: Connection, seeds: set[str], sigs: dict[str, Sequence[int]]) -> set[str]:
    before = _originals(conn, seeds)
    roots = set(before.values()) | seeds
    stmt = select(document_links.c.document_id).where(document_links.c.original_id.in_(sorted(roots)))
    group = roots | set(conn.execute(stmt).scalars())
    before.update(_originals(conn, group))
    stmt = select(documents.c.id, documents.c.published).where(documents.c.id.in_(sorted(group)))
    published = {d: p for d, p in conn.execute(stmt)}
    original = min(group, key=lambda d: original_key(d, published.get(d)))
    sigs.update(_signatures(conn, sorted(group - sigs.keys())))
    conn.execute(delete(document_links).where(document_links.c.document_id.in_(sorted(group))))
    rows = [{"document_id": d, "original_id": original, "similarity": round(similarity(sigs[d], sigs[original]), 3)}
            for d in sorted(group - {original})]
    conn.execute(insert(document_links), rows)
    return {d for d in group if before.get(d, d) != (original if d != original else d)}


def _originals(conn: Connection, ids: set[str]) -> dict[str, str]:
    stmt = select(document_links.c.document_id, document_links.c.original_id).where(
        document_links.c.document_id.in_(sorted(ids)))
    found = {d: o for d, o in conn.execute(stmt)}
    return {d: found.get(d, d) for d in ids}


def _signatures(conn: Connection, ids: Sequence[str]) -> dict[str, Sequence[int]]:
    out: dict[str, Sequence[int]] = {}
    for chunk in chunks(list(ids)):
        stmt = select(document_signatures.c.document_id, document_signatures.c.signature).where(
            document_signatures.c.document_id.in_(chunk))
        out.update((d, tuple(s)) for d, s in conn.execute(stmt))
    return out


def _leads_of_documents(conn: Connection, document_ids: set[str]) -> set[str]:
    if not document_ids:
        return set()
    stmt = (select(incident_reports.c.lead_id)
            .join(event_reports, event_reports.c.id == incident_reports.c.report_id)
            .where(event_reports.c.document_id.in_(sorted(document_ids))))
    return set(conn.execute(stmt).scalars())


def refresh(conn: Connection, leads: set[str]) -> None:
    """Rewrite (or delete) the incident row of each lead."""
    for lead in sorted(leads):
        inc_id = incident_id(lead)
        conn.execute(delete(incidents).where(incidents.c.id == inc_id))
        members = _member_reports(conn, inc_id)
        if members:
            record = build_incident(inc_id, members, _original_map(conn, {r.document.id for r in members}))
            conn.execute(insert(incidents), [_row(record)])


def _member_reports(conn: Connection, inc_id: str) -> list[EventReport]:
    stmt = (select(event_reports.c.document_id, event_reports.c.record)
            .join(incident_reports, incident_reports.c.report_id == event_reports.c.id)
            .where(incident_reports.c.incident_id == inc_id))
    rows = conn.execute(stmt).all()
    docs = {row["id"]: q.row_to_document(row) for row in conn.execute(
        q.documents_by_id({d for d, _ in rows})).mappings()}
    return [EventReport.from_dict(record, document=_meta(docs[d])) for d, record in rows]


def _meta(document: Document) -> Document:
    """The document without its text (incident records carry metadata only)."""
    return Document(id=document.id, source_id=document.source_id, text="", title=document.title,
                    url=document.url, outlet=document.outlet, published=document.published)


def _original_map(conn: Connection, doc_ids: set[str]) -> dict[str, str]:
    return {d: o for d, o in _originals(conn, doc_ids).items() if d != o}


def _row(incident: Incident) -> dict[str, Any]:
    return {
        "id": incident.id, "event_type": incident.event_type,
        "country": incident.location.country if incident.location else None,
        "date_start": incident.date.start, "date_end": incident.date.end,
        "claim_status": incident.claim.status, "n_reports": incident.n_reports,
        "n_sources": incident.n_sources, "record": incident.as_dict(),
    }


# -- reads -------------------------------------------------------------------------


def incidents_select(filt: IncidentFilter) -> Select[Any]:
    """Matching incidents, newest first by date_start (undated last), then by id."""
    c = incidents.c
    conditions = q.record_conditions(filt, c)
    if filt.min_sources:
        conditions.append(c.n_sources >= filt.min_sources)
    if filt.actor and filt.actor.strip():
        members = (select(incident_reports.c.incident_id)
                   .join(event_reports, event_reports.c.id == incident_reports.c.report_id)
                   .where(q.actor_match(filt.actor)))  # the events filter's own actor rule
        conditions.append(c.id.in_(members))
    undated_last = case((c.date_start.is_(None), 1), else_=0)
    stmt = (select(c.record).where(*conditions)
            .order_by(undated_last, c.date_start.desc(), c.id).offset(filt.offset or None))
    return stmt.limit(filt.limit) if filt.limit is not None else stmt


def incident_ids_of(conn: Connection, report_ids: Sequence[str]) -> dict[str, str]:
    """Report id -> incident id, for the reports that belong to an incident."""
    out: dict[str, str] = {}
    for chunk in chunks(list(report_ids)):
        stmt = select(incident_reports.c.report_id, incident_reports.c.incident_id).where(
            incident_reports.c.report_id.in_(chunk))
        out.update((r, i) for r, i in conn.execute(stmt))
    return out


def link_of(conn: Connection, document_id: str) -> tuple[str, float] | None:
    """(original document id, similarity) for a near-duplicate document, else None."""
    stmt = select(document_links.c.original_id, document_links.c.similarity).where(
        document_links.c.document_id == document_id)
    row = conn.execute(stmt).first()
    return (row[0], float(row[1])) if row else None
