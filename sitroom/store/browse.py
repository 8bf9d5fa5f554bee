"""Read queries for browsing (the HTTP API): pages, details and counts.

Lists never load document texts: an event page reads the stored record JSON (whose
``document`` part has no text) and a few columns. Pages use keyset cursors over
(date_start desc, id): a cursor is the last row's key, so page N costs what page 1
costs. Dated events come first, then undated ones by id.

``Browser.open(url)`` connects read-only-in-spirit (the ``Store`` does the writes) and
makes sure the browse indexes exist; on SQLite it also keeps a full-text index of
each report's words (``search.py``) used by the free-text filter.

On SQLite, stats are counted from in-memory facet columns (``facets.py``), and so are the
pages of filters an index cannot walk quickly (anything but none or one of type, country
and claim status: see ``_selective``) once those columns are loaded; other pages walk an
index newest-first.
Without the columns (other databases, or before they are loaded) everything is SQL.
"""

from __future__ import annotations

import base64
import json
from collections import OrderedDict
import threading
from dataclasses import dataclass, replace
from datetime import date
from types import TracebackType
from typing import Any

import numpy as np
from sqlalchemy import (
    ColumnElement, Connection, Engine, Select, Table, Text, and_, cast, create_engine, event, func,
    literal_column, or_, select, union_all,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from ..errors import ConfigError, NotFoundError, StoreError
from . import search
from .database import Store
from . import facets
from .facets import NO_START, Columns, Facets
from .queries import Criteria, conditions, count_by, row_to_relation
from .schema import actor_aliases, actors, documents, event_reports, incident_reports, incidents, relations


@dataclass(frozen=True)
class BrowseFilter(Criteria):
    """The shared criteria (``queries.Criteria``) plus a bounding box and free text (``text``)."""

    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    text: str | None = None

    @property
    def empty(self) -> bool:
        return self == BrowseFilter()


def encode_key(values: list[Any]) -> str:
    """An opaque cursor for a row key (a list of JSON values)."""
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def decode_key(token: str, size: int) -> list[Any]:
    """The key inside a cursor made by ``encode_key``; ConfigError when it is not one."""
    try:
        values = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except ValueError as exc:
        raise ConfigError(f"cursor {token[:40]!r} is not a cursor this server gave out") from exc
    if not isinstance(values, list) or len(values) != size or not isinstance(values[-1], str):
        raise ConfigError(f"cursor {token[:40]!r} is not a cursor this server gave out")
    return values


@dataclass(frozen=True)
class Cursor:
    """Where the next event page starts: after the row (date_start, id)."""

    date_start: date | None
    id: str

    def encode(self) -> str:
        return encode_key([self.date_start.isoformat() if self.date_start else None, self.id])

    @classmethod
    def decode(cls, token: str) -> "Cursor":
        day, key = decode_key(token, 2)
        try:
            return cls(date.fromisoformat(day) if day else None, key)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"cursor {token[:40]!r} is not a cursor this server gave out") from exc


@dataclass(frozen=True)
class Page:
    rows: list[dict[str, Any]]
    next_cursor: str | None


STATS_KEYS = ("events", "documents", "actors", "by_type", "by_country", "by_claim", "by_day")
_MANY = 2000  # free text matching at least this many reports walks the date index
_MATCHES_KEPT = 4_000_000  # rowids of recent free-text matches kept in memory (32 MB)
_ROWID = literal_column("event_reports.rowid")
_RECORD_JSON = cast(event_reports.c.record, Text).label("record_json")
_LIST_COLUMNS = (
    event_reports.c.id, event_reports.c.document_id, event_reports.c.event_type, event_reports.c.mode,
    event_reports.c.date_start, event_reports.c.date_end, event_reports.c.claim_status,
    event_reports.c.actor_name, event_reports.c.target_name, event_reports.c.location_name,
    event_reports.c.country, event_reports.c.lat, event_reports.c.lon,
)


class Browser:
    """Browse a sitroom database. Open with ``Browser.open(url)``; use as a context manager."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._fulltext = search.available(engine)
        self._facets = Facets() if engine.dialect.name == "sqlite" else None
        self._matches: OrderedDict[tuple[str, Any], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self._stats: OrderedDict[tuple[BrowseFilter, Any], dict[str, Any]] = OrderedDict()

    @classmethod
    def open(cls, url: str) -> "Browser":
        """Open (creating the schema if missing, via ``Store``) and add the browse indexes."""
        Store.open(url).close()
        engine = create_engine(make_url(url))
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _tune_sqlite_reads)
        try:
            ensure_indexes(engine)
            search.ensure(engine)
        except SQLAlchemyError as exc:
            engine.dispose()
            raise StoreError(f"cannot prepare database {url} for browsing: {exc}") from exc
        return cls(engine)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- events --------------------------------------------------------------------

    def events(self, filt: BrowseFilter, *, limit: int, cursor: str | None = None,
               records: bool = True) -> Page:
        """One page of matching events, newest first. Rows carry the list columns, the
        stored record as JSON text in ``record_json`` (when ``records``), ``incident_id``
        and ``n_sources``."""
        after = Cursor.decode(cursor) if cursor else None
        columns = _LIST_COLUMNS + ((_RECORD_JSON,) if records else ())
        with self._connect() as conn:
            version = _version(conn) if _selective(filt) else None
            cols = self._facets.loaded(conn, version) if self._facets and version is not None else None
            if self._facets and cols is not None and (self._fulltext or not filt.text):
                matched = self._text_matches(conn, filt.text, version) if filt.text else None
                mask = self._facets.mask(conn, cols, filt, matched)
                rows = _facet_page(conn, cols, mask, columns, limit + 1, after)
            elif self._fulltext and filt.text:
                rows = self._text_page(conn, filt, columns, limit + 1, after, version)
            else:
                rows = _page_rows(conn, event_conditions(filt, fulltext=False), columns, limit + 1, after)
            more = len(rows) > limit
            rows = rows[:limit]
            _add_incidents(conn, rows)
        next_cursor = Cursor(rows[-1]["date_start"], rows[-1]["id"]).encode() if more else None
        return Page(rows, next_cursor)

    def event(self, event_id: str) -> dict[str, Any]:
        """{record, document (with text), incident_id} of one event."""
        with self._connect() as conn:
            row = conn.execute(
                select(event_reports.c.id, event_reports.c.document_id, event_reports.c.record)
                .where(event_reports.c.id == event_id)
            ).mappings().first()
            if row is None:
                raise NotFoundError(f"no event with id {event_id}")
            found = [dict(row)]
            _add_incidents(conn, found)
            document = _document_row(conn, row["document_id"])
        return {"record": row["record"], "document": document, "incident_id": found[0]["incident_id"]}

    def stats(self, filt: BrowseFilter, *, cached: bool = True) -> dict[str, Any]:
        """Counts of the matching events: total, by type, country, claim status and day.

        Answers are kept (for the last 256 filters) until a document is stored."""
        with self._connect() as conn:
            key = (filt, _version(conn))
            with self._lock:
                kept = self._stats.get(key) if cached else None
                if kept is not None:
                    self._stats.move_to_end(key)
                    return kept
            found = self._count(conn, filt, key[1])
        with self._lock:
            self._stats[key] = found
            while len(self._stats) > 256:
                self._stats.popitem(last=False)
        return found

    def forget(self) -> None:
        """Drop the kept stats answers and free-text matches (benchmarks measure without them)."""
        with self._lock:
            self._stats.clear()
            self._matches.clear()

    def warm(self) -> None:
        """Load the in-memory facet columns now rather than at the first stats request."""
        if self._facets is not None:
            with self._connect() as conn:
                self._facets.columns(conn, _version(conn))

    def _count(self, conn: Connection, filt: BrowseFilter, version: Any) -> dict[str, Any]:
        """Stats from the facet columns on SQLite; in SQL elsewhere (or without FTS5 for q)."""
        if self._facets is None or (filt.text and not self._fulltext):
            return sql_stats(conn, event_conditions(filt, fulltext=self._fulltext))
        cols = self._facets.columns(conn, version)
        matched = self._text_matches(conn, filt.text, version) if filt.text else None
        mask = self._facets.mask(conn, cols, filt, matched)
        found = self._facets.counts(cols, mask)
        if mask is None:
            found["documents"] = _scalar(conn, select(func.count()).select_from(documents))
            found["actors"] = _scalar(conn, select(func.count()).select_from(actors))
        return {key: found[key] for key in STATS_KEYS}

    # -- documents and actors ------------------------------------------------------

    def document(self, document_id: str) -> dict[str, Any]:
        """A document with its text and the ids of its events."""
        with self._connect() as conn:
            row = conn.execute(select(documents).where(documents.c.id == document_id)).mappings().first()
            if row is None:
                raise NotFoundError(f"no document with id {document_id}")
            ids = conn.execute(
                select(event_reports.c.id).where(event_reports.c.document_id == document_id)
                .order_by(event_reports.c.id)
            ).scalars().all()
        keys = ("id", "source_id", "title", "url", "outlet", "published", "text")
        return {**{k: _jsonable(row[k]) for k in keys}, "event_ids": list(ids)}

    def actors(self, text: str | None, *, limit: int, cursor: str | None = None) -> Page:
        """Knowledge-base actors by name (then id), optionally those whose name, id or an
        alias contains ``text``; each with aliases and number of events (as actor or target)."""
        after = decode_key(cursor, 2) if cursor else None
        a = actors.c
        stmt = select(a.id, a.name, a.kind, a.country).order_by(a.name, a.id).limit(limit + 1)
        if text:
            stmt = stmt.where(_actor_text_match(text))
        if after is not None:
            stmt = stmt.where(or_(a.name > after[0], and_(a.name == after[0], a.id > after[1])))
        with self._connect() as conn:
            rows = [dict(row) for row in conn.execute(stmt).mappings()]
            more = len(rows) > limit
            rows = rows[:limit]
            _add_actor_details(conn, rows)
        next_cursor = encode_key([rows[-1]["name"], rows[-1]["id"]]) if more else None
        return Page(rows, next_cursor)

    def actor(self, actor_id: str, *, events: int = 50) -> dict[str, Any]:
        """An actor, its relations (names filled in), and its newest events as actor and as target."""
        with self._connect() as conn:
            row = conn.execute(select(actors).where(actors.c.id == actor_id)).mappings().first()
            if row is None:
                raise NotFoundError(f"no actor with id {actor_id}")
            found = dict(row)
            found["aliases"] = _aliases(conn, [actor_id]).get(actor_id, [])
            linked = _relations(conn, actor_id)
            as_actor = _records_where(conn, event_reports.c.actor_id == actor_id, events)
            as_target = _records_where(conn, event_reports.c.target_id == actor_id, events)
        return {"actor": found, "relations": linked, "events_as_actor": as_actor,
                "events_as_target": as_target}

    # -- incidents -----------------------------------------------------------------

    def incidents(self, filt: BrowseFilter, *, limit: int, cursor: str | None = None) -> Page:
        """One page of matching incidents, newest first; rows carry the stored ``record``.

        Type, country, claim status and dates filter the incident's consensus values;
        actor, bbox and free text keep incidents with at least one matching report."""
        after = Cursor.decode(cursor) if cursor else None
        i = incidents.c
        with self._connect() as conn:
            rows = _page_rows(conn, self._incident_where(filt), (i.id, i.date_start, i.record),
                              limit + 1, after, incidents)
        more = len(rows) > limit
        rows = rows[:limit]
        next_cursor = Cursor(rows[-1]["date_start"], rows[-1]["id"]).encode() if more else None
        return Page(rows, next_cursor)

    def incident(self, incident_id: str) -> dict[str, Any]:
        """{incident: the stored record, events: its reports' event records, newest first}."""
        with self._connect() as conn:
            record = conn.execute(select(incidents.c.record).where(incidents.c.id == incident_id)).scalar()
            if record is None:
                raise NotFoundError(f"no incident with id {incident_id}")
            members = select(incident_reports.c.report_id).where(incident_reports.c.incident_id == incident_id)
            events = _records_where(conn, event_reports.c.id.in_(members), record.get("n_reports") or 1000)
        return {"incident": record, "events": events}

    def _incident_where(self, filt: BrowseFilter) -> list[ColumnElement[bool]]:
        c = incidents.c
        where: list[ColumnElement[bool]] = []
        for column, value in ((c.event_type, filt.event_type), (c.country, filt.country),
                              (c.claim_status, filt.claim_status)):
            if value:
                where.append(column == value)
        if filt.since:
            where.append(func.coalesce(c.date_end, c.date_start) >= filt.since)
        if filt.until:
            where.append(c.date_start <= filt.until)
        member = BrowseFilter(actor=filt.actor, bbox=filt.bbox, text=filt.text)
        if not member.empty:
            ir = incident_reports.c
            reports = (select(ir.incident_id).join(event_reports, event_reports.c.id == ir.report_id)
                       .where(*event_conditions(member, fulltext=self._fulltext, many=False)))
            where.append(c.id.in_(reports))
        return where

    # -- internals -----------------------------------------------------------------

    def _text_matches(self, conn: Connection, text: str, version: Any) -> np.ndarray:
        """Sorted rowids of the reports matching free text ``text``; the last few queries'
        answers are kept until the next document is stored."""
        key = (" ".join(search.words(text)), version)
        with self._lock:
            found = self._matches.get(key)
            if found is not None:
                self._matches.move_to_end(key)
                return found
        found = np.sort(search.rowids(conn, text))
        with self._lock:
            self._matches[key] = found
            while len(self._matches) > 1 and sum(len(a) for a in self._matches.values()) > _MATCHES_KEPT:
                self._matches.popitem(last=False)
        return found

    def _text_page(self, conn: Connection, filt: BrowseFilter, columns: tuple[Any, ...], want: int,
                   after: Cursor | None, version: Any) -> list[dict[str, Any]]:
        """A page under a free-text filter. Few matches: fetch them by rowid. Many: walk the
        other filters' rows newest first, in growing batches of keys, keeping the matches."""
        matched = self._text_matches(conn, filt.text or "", version)
        where = event_conditions(replace(filt, text=None), fulltext=False)
        if not len(matched):
            return []
        if len(matched) < _MANY:
            return _page_rows(conn, [*where, _ROWID.in_(matched.tolist())], columns, want, after)
        keys: list[int] = []
        share = len(matched) / max(int(matched[-1]), 1)  # rowids grow by one per report stored
        batch = min(max(int(want / share * 1.5), 256), 65536)
        walk = (_ROWID.label("key"), event_reports.c.date_start, event_reports.c.id)
        while len(keys) < want:
            rows = _page_rows(conn, where, walk, batch, after)
            found = np.fromiter((row["key"] for row in rows), dtype=np.int64, count=len(rows))
            keys += found[_contains(matched, found)].tolist()
            if len(rows) < batch:
                break
            after, batch = Cursor(rows[-1]["date_start"], rows[-1]["id"]), min(batch * 4, 65536)
        keys = keys[:want]
        fetched = {row["key"]: row for row in _fetch(conn, select(*columns, _ROWID.label("key"))
                                                     .where(_ROWID.in_(keys)))}
        return [fetched[key] for key in keys]

    @property
    def engine(self) -> Engine:
        return self._engine

    def _connect(self) -> Connection:
        try:
            return self._engine.connect()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read database {self._engine.url}: {exc}") from exc


# -- indexes ---------------------------------------------------------------------------


def _tune_sqlite_reads(dbapi_connection: Any, _record: Any) -> None:
    """Reads go through memory-mapped I/O and a 64 MB page cache per connection."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA mmap_size=1073741824")
        cursor.execute("PRAGMA cache_size=-65536")
    finally:
        cursor.close()


def ensure_indexes(engine: Engine) -> None:
    """Create any index of the browsed tables missing from an older database."""
    for table in (event_reports, documents, incidents):
        for index in table.indexes:
            index.create(engine, checkfirst=True)


# -- conditions ------------------------------------------------------------------------


def event_conditions(filt: BrowseFilter, *, fulltext: bool, many: bool | None = None) -> list[ColumnElement[bool]]:
    """WHERE terms for ``filt``; ``many`` says whether the free text matches many reports."""
    r = event_reports.c
    where = conditions(filt)
    if filt.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = filt.bbox
        where += [r.lon >= min_lon, r.lon <= max_lon, r.lat >= min_lat, r.lat <= max_lat]
    if filt.text and filt.text.strip():
        where.append(search.matches(filt.text, many=bool(many)) if fulltext else search.like(filt.text))
    return where


def _page_rows(conn: Connection, where: list[ColumnElement[bool]], columns: tuple[Any, ...],
               want: int, after: Cursor | None, table: Table = event_reports) -> list[dict[str, Any]]:
    """Up to ``want`` rows of ``table`` after the cursor: dated newest first, then undated by id."""
    r = table.c
    rows: list[dict[str, Any]] = []
    if after is None or after.date_start is not None:
        dated = select(*columns).where(*where, r.date_start.is_not(None))
        if after is not None:
            dated = dated.where(r.date_start <= after.date_start,
                                or_(r.date_start < after.date_start, r.id > after.id))
        rows += _fetch(conn, dated.order_by(r.date_start.desc(), r.id).limit(want))
    if len(rows) < want:
        undated = select(*columns).where(*where, r.date_start.is_(None))
        if after is not None and after.date_start is None:
            undated = undated.where(r.id > after.id)
        rows += _fetch(conn, undated.order_by(r.id).limit(want - len(rows)))
    return rows


def _facet_page(conn: Connection, cols: Columns, mask: np.ndarray | None, columns: tuple[Any, ...],
                want: int, after: Cursor | None) -> list[dict[str, Any]]:
    """A page found in the facet columns: the matching rows that can be among the newest
    ``want`` (those on the cursor's day after its id, then down to the ``want``-th newest
    day) are fetched by rowid and put in order by SQL."""
    hits = np.ones(len(cols), dtype=bool) if mask is None else mask
    r = event_reports.c
    rows: list[dict[str, Any]] = []
    dated = hits & (cols.start != NO_START)
    if after is not None and after.date_start is not None:
        day = after.date_start.toordinal()
        same_day = cols.rowid[dated & (cols.start == day)]
        rows += _fetch(conn, select(*columns).where(_rowid_in(same_day), r.id > after.id).order_by(r.id).limit(want))
        dated &= cols.start < day
    if (after is None or after.date_start is not None) and len(rows) < want:
        keys = facets.newest(cols, dated, want - len(rows))
        stmt = select(*columns).where(_rowid_in(keys)).order_by(r.date_start.desc(), r.id)
        rows += _fetch(conn, stmt.limit(want - len(rows)))
    if len(rows) < want:
        undated = select(*columns).where(_rowid_in(cols.rowid[hits & (cols.start == NO_START)]))
        if after is not None and after.date_start is None:
            undated = undated.where(r.id > after.id)
        rows += _fetch(conn, undated.order_by(r.id).limit(want - len(rows)))
    return rows


def _selective(filt: BrowseFilter) -> bool:
    """Whether walking an index newest-first may take long to fill a page: any filter but
    none or a single type, country or claim status (each walks its own index). Such pages
    are found in the facet columns when those are loaded."""
    rest = replace(filt, event_type=None, country=None, claim_status=None)
    alone = sum(1 for value in (filt.event_type, filt.country, filt.claim_status) if value) <= 1
    return not (alone and rest.empty)


def _rowid_in(keys: np.ndarray) -> ColumnElement[bool]:
    """rowid IN the given keys, passed as one JSON array (no limit on how many)."""
    each = func.json_each(json.dumps(keys.tolist())).table_valued("value")
    return _ROWID.in_(select(each.c.value))


def _contains(ordered: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Which of ``values`` occur in the sorted array ``ordered``."""
    if not len(ordered):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(ordered, values), len(ordered) - 1)
    return ordered[at] == values


def _fetch(conn: Connection, stmt: Select[Any]) -> list[dict[str, Any]]:
    result = conn.execute(stmt)
    keys = list(result.keys())
    return [dict(zip(keys, row)) for row in result]


def _add_incidents(conn: Connection, rows: list[dict[str, Any]]) -> None:
    links = incident_links(conn, [row["id"] for row in rows])
    for row in rows:
        incident_id, n_sources = links.get(row["id"], (None, 1))
        row["incident_id"] = incident_id
        row["n_sources"] = n_sources


def incident_links(conn: Connection, event_ids: list[str]) -> dict[str, tuple[str, int]]:
    """event id -> (its incident's id, the incident's number of independent sources)."""
    if not event_ids:
        return {}
    ir, i = incident_reports.c, incidents.c
    stmt = (select(ir.report_id, ir.incident_id, i.n_sources)
            .join(incidents, i.id == ir.incident_id, isouter=True)
            .where(ir.report_id.in_(event_ids)))
    return {report: (incident, int(n or 1)) for report, incident, n in conn.execute(stmt)}


def _records_where(conn: Connection, condition: ColumnElement[bool], limit: int) -> list[dict[str, Any]]:
    r = event_reports.c
    rows = _page_rows(conn, [condition], (r.id, r.date_start, r.record), limit, None)
    _add_incidents(conn, rows)
    return [{**row["record"], "incident_id": row["incident_id"]} for row in rows]


def _document_row(conn: Connection, document_id: str) -> dict[str, Any]:
    d = documents.c
    row = conn.execute(
        select(d.id, d.title, d.url, d.outlet, d.published, d.text).where(d.id == document_id)
    ).mappings().one()
    return {key: _jsonable(value) for key, value in row.items()}


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


# -- counts ----------------------------------------------------------------------------


def _version(conn: Connection) -> Any:
    """Changes whenever a document (and with it its events) is stored."""
    newest = select(func.max(documents.c.ingested_at)).scalar_subquery()
    known = select(func.count()).select_from(actors).scalar_subquery()
    return tuple(conn.execute(select(newest, known)).one())


def sql_stats(conn: Connection, where: list[ColumnElement[bool]]) -> dict[str, Any]:
    """The stats counted in SQL (one query per count): used where the facet columns are not."""
    r = event_reports.c
    return {
        "events": _scalar(conn, select(func.count()).select_from(event_reports).where(*where)),
        "documents": _documents_count(conn, where),
        "actors": _actors_count(conn, where),
        "by_type": _grouped(conn, r.event_type, where),
        "by_country": _grouped(conn, r.country, where),
        "by_claim": _grouped(conn, r.claim_status, where),
        "by_day": _by_day(conn, where),
    }


def _scalar(conn: Connection, stmt: Select[Any]) -> int:
    return int(conn.execute(stmt).scalar_one())


def _grouped(conn: Connection, column: Any, where: list[ColumnElement[bool]]) -> dict[str, int]:
    return {value: int(n) for value, n in conn.execute(count_by(column).where(*where))}


def _by_day(conn: Connection, where: list[ColumnElement[bool]]) -> list[dict[str, Any]]:
    r = event_reports.c
    stmt = (
        select(r.date_start, r.event_type, func.count())
        .where(*where, r.date_start.is_not(None))
        .group_by(r.date_start, r.event_type)
        .order_by(r.date_start, r.event_type)
    )
    return [{"date": day.isoformat(), "type": kind, "count": int(n)} for day, kind, n in conn.execute(stmt)]


def _documents_count(conn: Connection, where: list[ColumnElement[bool]]) -> int:
    """All stored documents without a filter; else those with a matching event."""
    if not where:
        return _scalar(conn, select(func.count()).select_from(documents))
    ids = select(event_reports.c.document_id).where(*where).distinct().subquery()
    return _scalar(conn, select(func.count()).select_from(ids))


def _actors_count(conn: Connection, where: list[ColumnElement[bool]]) -> int:
    """All knowledge-base actors without a filter; else the actors and targets of matching events."""
    if not where:
        return _scalar(conn, select(func.count()).select_from(actors))
    r = event_reports.c
    named = union_all(
        select(r.actor_id.label("a")).where(*where, r.actor_id.is_not(None)),
        select(r.target_id.label("a")).where(*where, r.target_id.is_not(None)),
    ).subquery()
    return _scalar(conn, select(func.count(func.distinct(named.c.a))))


# -- actors ----------------------------------------------------------------------------


def _actor_text_match(text: str) -> ColumnElement[bool]:
    needle = f"%{_escape_like(text.strip().lower())}%"
    a = actors.c
    by_alias = select(actor_aliases.c.actor_id).where(
        func.lower(actor_aliases.c.alias).like(needle, escape="\\")
    )
    return or_(func.lower(a.name).like(needle, escape="\\"),
               func.lower(a.id).like(needle, escape="\\"), a.id.in_(by_alias))


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _add_actor_details(conn: Connection, rows: list[dict[str, Any]]) -> None:
    ids = [row["id"] for row in rows]
    aliases = _aliases(conn, ids)
    counts = _event_counts(conn, ids)
    for row in rows:
        row["aliases"] = aliases.get(row["id"], [])
        row["n_events"] = counts.get(row["id"], 0)


def _aliases(conn: Connection, ids: list[str]) -> dict[str, list[str]]:
    al = actor_aliases.c
    found: dict[str, list[str]] = {}
    stmt = select(al.actor_id, al.alias).where(al.actor_id.in_(ids)).order_by(al.actor_id, al.position)
    for actor_id, alias in conn.execute(stmt):
        found.setdefault(actor_id, []).append(alias)
    return found


def _event_counts(conn: Connection, ids: list[str]) -> dict[str, int]:
    r = event_reports.c
    counts: dict[str, int] = {}
    for column in (r.actor_id, r.target_id):
        stmt = select(column, func.count()).where(column.in_(ids)).group_by(column)
        for actor_id, n in conn.execute(stmt):
            counts[actor_id] = counts.get(actor_id, 0) + int(n)
    return counts


def _relations(conn: Connection, actor_id: str) -> list[dict[str, Any]]:
    rel = relations.c
    stmt = (
        select(relations).where(or_(rel.subject == actor_id, rel.object == actor_id))
        .order_by(rel.predicate, rel.subject, rel.object, rel.source)
    )
    found = [row_to_relation(row) for row in conn.execute(stmt).mappings()]
    names = _actor_names(conn, {r.subject for r in found} | {r.object for r in found})
    keys = ("subject", "subject_name", "predicate", "object", "object_name", "source", "evidence")
    out = []
    for relation in found:
        data = relation.as_dict()
        data["subject_name"] = data["subject_name"] or names.get(relation.subject)
        data["object_name"] = data["object_name"] or names.get(relation.object)
        out.append({key: data[key] for key in keys})
    return out


def _actor_names(conn: Connection, ids: set[str]) -> dict[str, str]:
    stmt = select(actors.c.id, actors.c.name).where(actors.c.id.in_(sorted(ids)))
    return {actor_id: name for actor_id, name in conn.execute(stmt)}
