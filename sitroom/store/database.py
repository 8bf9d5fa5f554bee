"""``Store``: documents, event reports, actors and relations in one database.

SQLite by default (one file, WAL, foreign keys on, created on first use);
PostgreSQL through the same code. Every write is one transaction: a document and
its reports are stored completely or not at all.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Any, Callable, Iterable, Sequence

from sqlalchemy import (
    Connection, Engine, create_engine, delete, event, func, insert, select, update,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from ..errors import NotFoundError, StoreError
from ..incidents import ActorGraph, Incident, MergeRules
from ..records import Actor, Document, EventReport, Relation
from . import incidents as inc
from . import queries as q
from .queries import EventFilter
from .schema import METADATA, actor_aliases, actors, documents, event_reports, incidents, relations, sources

Recode = Callable[[Document], tuple[Sequence[EventReport], Sequence[Relation]]]

_HINT = "check the path or set SITROOM_DB"
_DRIVER_HINT = "install the database driver (for PostgreSQL: pip install 'psycopg[binary]')"


def _safe(url: str | URL) -> str:
    """The URL as text, with any password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return str(url)


def _sqlite_file(url: URL) -> Path | None:
    """The database file of a SQLite URL, None for in-memory databases."""
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return None
    return Path(database).expanduser()


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        # WAL + NORMAL: no corruption on any crash; a power cut may lose the last commits,
        # which re-running the (idempotent) ingest restores. Saves an fsync per document.
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def _make_engine(url: URL) -> Engine:
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    path = _sqlite_file(url)
    if path is not None and not path.parent.is_dir():
        raise StoreError(
            f"cannot open database {_safe(url)}: folder {path.parent} does not exist; {_HINT}"
        )
    extra: dict[str, Any] = {"poolclass": StaticPool} if path is None else {}
    engine = create_engine(url, **extra)
    event.listen(engine, "connect", _on_sqlite_connect)
    return engine


class Store:
    """The sitroom database. Open with ``Store.open(url)``; use as a context manager."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._graph: ActorGraph | None = None  # the merge's view of the actors; reset by sync_knowledge

    @classmethod
    def open(cls, url: str) -> "Store":
        """Connect to ``url`` (an SQLAlchemy URL) and create the schema if it is missing."""
        try:
            parsed = make_url(url)
            engine = _make_engine(parsed)
        except NoSuchModuleError as exc:
            raise StoreError(
                f"cannot open database {_safe(url)}: unknown database kind; "
                "use a file path, sqlite:///PATH or postgresql://... (or set SITROOM_DB)"
            ) from exc
        except ArgumentError as exc:
            raise StoreError(f"cannot open database {_safe(url)}: {exc}; {_HINT}") from exc
        except ImportError as exc:
            raise StoreError(f"cannot open database {_safe(url)}: {exc}; {_DRIVER_HINT}") from exc
        try:
            METADATA.create_all(engine)
        except (SQLAlchemyError, OSError) as exc:
            engine.dispose()
            reason = getattr(exc, "orig", None) or exc
            raise StoreError(f"cannot open database {_safe(url)}: {reason}; {_HINT}") from exc
        return cls(engine)

    @property
    def url(self) -> str:
        return _safe(self._engine.url)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- writes --------------------------------------------------------------------

    def has_document(self, content_hash: str) -> bool:
        with self._read() as conn:
            return _has_hash(conn, content_hash)

    def save_document(
        self, document: Document, reports: Sequence[EventReport], relations: Sequence[Relation] = ()
    ) -> bool:
        """Store a document with its reports and relations in one transaction.

        Returns False and writes nothing when the document (same content hash or
        id) is already stored. On any error nothing is written and StoreError is raised.
        """
        _check_reports(document, reports)
        try:
            with self._engine.begin() as conn:
                if _has_document(conn, document):
                    return False
                _insert_document(conn, document, reports, relations)
                inc.on_document(conn, document, reports, self._merge_graph(conn))  # near-duplicates, incidents
        except IntegrityError as exc:
            if self._stored_meanwhile(document):
                return False
            raise StoreError(f"cannot save document {document.id}: {exc.orig}") from exc
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot save document {document.id}: {exc}") from exc
        return True

    def recode(self, code: Recode, on_item: Callable[[str], None] | None = None) -> int:
        """Replace every stored document's reports and relations with ``code(document)``
        and rebuild near-duplicate links and incidents, in one transaction: if anything
        fails, the store is left exactly as it was. Returns the number of reports stored."""
        stored = 0
        try:
            with self._engine.begin() as conn:
                ids = list(conn.execute(select(documents.c.id).order_by(documents.c.ingested_at, documents.c.id)).scalars())
                inc.clear(conn)
                _clear_extracted(conn, ids)
                for document_id in ids:
                    document = _documents(conn, {document_id})[document_id]
                    reports, found = code(document)
                    _check_reports(document, reports)
                    _insert_extracted(conn, reports, found)
                    inc.on_document(conn, document, reports, self._merge_graph(conn))
                    stored += len(reports)
                    if on_item is not None:
                        on_item(document.source_id)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot re-code the documents in {self.url}: {exc}; nothing was changed") from exc
        return stored

    def sync_knowledge(self, actors: Iterable[Actor], relations: Iterable[Relation]) -> None:
        """Insert or update knowledge-base actors (with their aliases) and relations."""
        self._graph = None
        try:
            with self._engine.begin() as conn:
                for actor in actors:
                    _upsert_actor(conn, actor)
                for relation in relations:
                    _upsert_relation(conn, relation)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot save knowledge: {exc}") from exc

    # -- reads ---------------------------------------------------------------------

    def events(self, filt: EventFilter | None = None) -> list[EventReport]:
        """Reports matching ``filt``, newest first by start date (undated last), then id."""
        with self._read() as conn:
            rows = conn.execute(q.events_select(filt or EventFilter())).mappings().all()
            docs = _documents(conn, {row["document_id"] for row in rows})
        return [
            EventReport.from_dict(row["record"], document=docs[row["document_id"]])
            for row in rows
        ]

    def event(self, event_id: str) -> EventReport:
        stmt = select(event_reports.c.document_id, event_reports.c.record).where(
            event_reports.c.id == event_id
        )
        with self._read() as conn:
            row = conn.execute(stmt).mappings().first()
            if row is None:
                raise NotFoundError(f"no event with id {event_id}; list ids with `sitroom events`")
            docs = _documents(conn, {row["document_id"]})
        return EventReport.from_dict(row["record"], document=docs[row["document_id"]])

    def document(self, document_id: str) -> Document:
        """A stored document, with its text."""
        with self._read() as conn:
            docs = _documents(conn, {document_id})
        if document_id not in docs:
            raise NotFoundError(
                f"no document with id {document_id}; list events with `sitroom events`"
            )
        return docs[document_id]

    def actor(self, actor_id: str) -> tuple[Actor, list[Relation]]:
        """A knowledge-base actor and every relation it is the subject or object of."""
        with self._read() as conn:
            row = conn.execute(select(actors).where(actors.c.id == actor_id)).mappings().first()
            if row is None:
                raise NotFoundError(f"no actor with id {actor_id}; list ids with `sitroom actors`")
            found = q.row_to_actor(row, _aliases(conn, actor_id))
            stmt = _relations_select().where(
                (relations.c.subject == actor_id) | (relations.c.object == actor_id)
            )
            linked = [q.row_to_relation(r) for r in conn.execute(stmt).mappings()]
        return found, linked

    def incidents(self, filt: inc.IncidentFilter | None = None) -> list[Incident]:
        """Incidents matching ``filt``, newest first (undated last), then id."""
        with self._read() as conn:
            records = conn.execute(inc.incidents_select(filt or inc.IncidentFilter())).scalars().all()
        return [Incident.from_dict(record) for record in records]

    def incident(self, incident_id: str) -> Incident:
        """One incident with its reports, corroboration and disagreements."""
        with self._read() as conn:
            record = conn.execute(select(incidents.c.record).where(incidents.c.id == incident_id)).scalar()
        if record is None:
            raise NotFoundError(f"no incident with id {incident_id}; list ids with `sitroom incidents`")
        return Incident.from_dict(record)

    def incident_of(self, report_id: str) -> str | None:
        """The id of the incident an event report belongs to (None if unknown)."""
        return self.incident_ids([report_id]).get(report_id)

    def incident_ids(self, report_ids: Sequence[str]) -> dict[str, str]:
        """report id -> incident id, for the reports that have one."""
        with self._read() as conn:
            return inc.incident_ids_of(conn, report_ids)

    def original_of(self, document_id: str) -> tuple[str, float] | None:
        """For a near-duplicate document: (its original's id, similarity); else None."""
        with self._read() as conn:
            return inc.link_of(conn, document_id)

    def relations(self) -> list[Relation]:
        with self._read() as conn:
            return [q.row_to_relation(r) for r in conn.execute(_relations_select()).mappings()]

    def stats(self) -> dict[str, Any]:
        """Counts: documents, events, incidents, actors, relations, events by type and by country."""
        r = event_reports.c
        with self._read() as conn:
            return {
                "documents": _count(conn, documents),
                "events": _count(conn, event_reports),
                "incidents": _count(conn, incidents),
                "actors": _count(conn, actors),
                "relations": _count(conn, relations),
                "by_type": _counts(conn, r.event_type),
                "by_country": _counts(conn, r.country),
            }

    # -- internals -----------------------------------------------------------------

    def _merge_graph(self, conn: Connection) -> ActorGraph:
        """The actors and knowledge relations as merging reads them, read once per
        Store (this Store's ``sync_knowledge`` is what changes them)."""
        if self._graph is None:
            self._graph = inc.load_graph(conn, MergeRules.load())
        return self._graph

    def _read(self) -> Connection:
        try:
            return self._engine.connect()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read database {self.url}: {exc}; {_HINT}") from exc

    def _stored_meanwhile(self, document: Document) -> bool:
        """True when another writer stored ``document`` between our check and our insert."""
        with self._read() as conn:
            return _has_document(conn, document)


def _check_reports(document: Document, reports: Sequence[EventReport]) -> None:
    for report in reports:
        if report.document.id != document.id:
            raise StoreError(
                f"cannot save document {document.id}: report {report.id} belongs to "
                f"document {report.document.id}"
            )


def _has_hash(conn: Connection, content_hash: str) -> bool:
    if not content_hash:
        return False
    stmt = select(documents.c.id).where(documents.c.content_hash == content_hash).limit(1)
    return conn.execute(stmt).first() is not None


def _has_document(conn: Connection, document: Document) -> bool:
    by_id = select(documents.c.id).where(documents.c.id == document.id)
    return _has_hash(conn, document.content_hash) or conn.execute(by_id).first() is not None


def _insert_document(
    conn: Connection, document: Document, reports: Sequence[EventReport], found: Sequence[Relation]
) -> None:
    conn.execute(insert(documents), [q.document_row(document)])
    _insert_extracted(conn, reports, found)


def _insert_extracted(conn: Connection, reports: Sequence[EventReport], found: Sequence[Relation]) -> None:
    if reports:
        conn.execute(insert(event_reports), [q.report_row(report) for report in reports])
    cited = [row for report in reports for row in q.source_rows(report)]
    if cited:
        conn.execute(insert(sources), cited)
    for relation in found:
        _upsert_relation(conn, relation)


def _clear_extracted(conn: Connection, document_ids: Sequence[str]) -> None:
    """Delete every event report (with its cited sources) and every relation read
    from these documents; knowledge-base relations stay."""
    conn.execute(delete(sources))
    conn.execute(delete(event_reports))
    for chunk in inc.chunks(document_ids):
        conn.execute(delete(relations).where(relations.c.source.in_(chunk)))


def _upsert_actor(conn: Connection, actor: Actor) -> None:
    row = q.actor_row(actor)
    exists = conn.execute(select(actors.c.id).where(actors.c.id == actor.id)).first()
    if exists:
        conn.execute(update(actors).where(actors.c.id == actor.id).values(row))
    else:
        conn.execute(insert(actors), [row])
    conn.execute(delete(actor_aliases).where(actor_aliases.c.actor_id == actor.id))
    aliases = q.alias_rows(actor)
    if aliases:
        conn.execute(insert(actor_aliases), aliases)


def _upsert_relation(conn: Connection, relation: Relation) -> None:
    row = q.relation_row(relation)
    key = q.relation_key(relation)
    if conn.execute(select(relations.c.id).where(key)).first():
        conn.execute(update(relations).where(key).values(row))
    else:
        conn.execute(insert(relations), [row])


def _documents(conn: Connection, ids: set[str]) -> dict[str, Document]:
    if not ids:
        return {}
    rows = conn.execute(q.documents_by_id(ids)).mappings()
    return {row["id"]: q.row_to_document(row) for row in rows}


def _aliases(conn: Connection, actor_id: str) -> tuple[str, ...]:
    stmt = (
        select(actor_aliases.c.alias)
        .where(actor_aliases.c.actor_id == actor_id)
        .order_by(actor_aliases.c.position)
    )
    return tuple(conn.execute(stmt).scalars())


def _relations_select() -> Any:
    r = relations.c
    return select(relations).order_by(r.subject, r.predicate, r.object, r.source)


def _count(conn: Connection, table: Any) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def _counts(conn: Connection, column: Any) -> dict[str, int]:
    return {value: int(n) for value, n in conn.execute(q.count_by(column))}
